#!/usr/bin/env node
// Runs the import rules of .dependency-cruiser.cjs over src through dependency-cruiser's API (its
// command line refuses Node 20, which the project supports), then the table-owner check. Fails
// naming each import or write that crosses a wall.
import { createRequire } from 'node:module';
import { cruise } from 'dependency-cruiser';

const require = createRequire(import.meta.url);
const config = require('../.dependency-cruiser.cjs');

const result = await cruise(['src'], { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden } });
const { violations, totalCruised } = result.output.summary;
for (const v of violations) {
  const via = v.cycle?.length ? ` (cycle: ${v.cycle.map((c) => c.name ?? c).join(' → ')})` : '';
  console.error(`${v.rule.name}: ${v.from} → ${v.to}${via}`);
}
if (violations.length) {
  console.error(`\n${violations.length} import(s) cross a module wall; see .dependency-cruiser.cjs and docs/architecture.md`);
  process.exit(1);
}
console.log(`module walls: ${totalCruised} files, no import crosses a wall`);
