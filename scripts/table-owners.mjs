#!/usr/bin/env node
// The write wall: a module inserts into, updates or deletes from its own tables only; other modules'
// records change through their services. Each table's owner is the folder of the `*.tables.ts`
// that declares it (a module under src/server/modules, or the platform). The scan reads every
// server source file (tests and test support — *.test.ts, *.factory.ts, src/server/testing — excluded:
// they set up a world by hand until one test world is built on the services) for
//   - SQL text: INSERT INTO t, UPDATE t, DELETE FROM t, TRUNCATE t
//   - drizzle calls: .insert(x), .update(x), .delete(x), where x is a table's exported name
// and fails naming each write into a table the file's module does not own. `node
// scripts/table-owners.mjs --list` prints the owners.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const serverDir = path.join(root, 'src/server');

/**
 * Writes that cross a wall on purpose, each with its reason: `<file>: <table>`.
 * Keep this short; an entry is a move not yet made.
 */
const ALLOWED = new Map([
  // The demo and benchmark generator writes a million cards with their events, books and runs in a
  // few set-based statements; going through each owner's service would take hours at that scale.
  ['src/server/modules/demo/card-generator.ts', '*'],
  ['src/server/modules/demo/bench.database.ts', '*'],
  ['src/server/modules/demo/bench.finance.ts', '*'],
  // The operation-log benchmark generates millions of entries in one statement (benchmark data only).
  ['src/server/modules/oplog/oplog.bench.ts', 'operation_log'],
  // The bookings benchmark: 200 rooms and a year of bookings (≈ 200,000) in two set-based statements.
  ['src/server/modules/demo/bench.sharing.ts', 'sharing_resources,bookings'],
  // The demo's ~100 sign-in accounts in two statements with one shared password hash; the
  // platform's createUser hashes and logs each one. Demo data only.
  ['src/server/modules/org/org.seed.ts', 'users,role_assignments'],
  // The notification benchmark: thousands of accounts, each signed in, in two statements (a sign-in
  // per person would time the password hash, not the fan-out). Benchmark data only.
  ['src/server/modules/notifications/notifications.bench.ts', 'users,sessions'],
]);

/** The owner of a file: the module folder, or 'platform' / 'server' outside modules. */
function ownerOf(file) {
  const rel = path.relative(serverDir, file).split(path.sep);
  if (rel[0] === 'modules') return rel[1];
  return rel[0] === 'platform' ? 'platform' : 'server';
}

function walk(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(ts|mjs)$/.test(e.name)) out.push(p);
  }
  return out;
}

const files = walk(serverDir);
/** table name → owner; exported drizzle name → table name. */
const owners = new Map();
const exported = new Map();
for (const f of files.filter((f) => f.endsWith('.tables.ts'))) {
  const text = fs.readFileSync(f, 'utf8');
  for (const m of text.matchAll(/export const (\w+)\s*=\s*pgTable\(\s*'([a-z_0-9]+)'/g)) {
    owners.set(m[2], ownerOf(f));
    exported.set(m[1], m[2]);
  }
}

if (process.argv.includes('--list')) {
  for (const [t, o] of [...owners].sort((a, b) => a[1].localeCompare(b[1]) || a[0].localeCompare(b[0])))
    console.log(`${o.padEnd(10)} ${t}`);
  process.exit(0);
}

const SQL_WRITE = /\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?)\s+"?([a-z_][a-z_0-9]*)"?/gi;
const DRIZZLE_WRITE = /\.(insert|update|delete)\(\s*(\w+)\s*\)/g;

const findings = [];
for (const f of files) {
  if (/\.(test|factory|tables)\.ts$/.test(f) || f.includes(`${path.sep}testing${path.sep}`)) continue;
  const rel = path.relative(root, f).split(path.sep).join('/');
  const allowed = ALLOWED.get(rel);
  if (allowed === '*') continue;
  const own = ownerOf(f);
  const text = fs.readFileSync(f, 'utf8');
  const lineOf = (i) => text.slice(0, i).split('\n').length;
  const hits = [];
  for (const m of text.matchAll(SQL_WRITE)) {
    // "DO UPDATE SET", "FOR UPDATE": a row lock or an upsert's second half, not a statement.
    const before = text.slice(Math.max(0, m.index - 6), m.index);
    if (/\b(DO|FOR)\s+$/i.test(before)) continue;
    hits.push({ table: m[2].toLowerCase(), line: lineOf(m.index) });
  }
  for (const m of text.matchAll(DRIZZLE_WRITE)) {
    const table = exported.get(m[2]);
    if (table) hits.push({ table, line: lineOf(m.index) });
  }
  for (const h of hits) {
    const owner = owners.get(h.table);
    if (!owner || owner === own) continue;
    if (allowed?.split(',').includes(h.table)) continue;
    findings.push(`${rel}:${h.line}: ${own} writes ${h.table}, which ${owner} owns`);
  }
}

if (findings.length) {
  console.error(`Writes into another module's tables (change them through the owner's service):\n${findings.join('\n')}`);
  process.exit(1);
}
console.log(`table owners: ${owners.size} tables, no write crosses a module wall`);
