#!/usr/bin/env node
// House rules the import walls cannot see, checked by `npm run lint` (docs/architecture.md):
// - one business clock: no source file but the server's platform/clock.ts and the web's
//   lib/dates.ts names the business zone ('Asia/Shanghai') or writes its +8 h offset by hand
//   ('+08:00', "interval '8 hours' … time zone", 8 * 3600 …); SQL uses businessDayOf,
//   businessDayStart, businessInstantSql, businessTimeText, businessDate. Tests (and
//   src/server/testing) may write instants with their offset: that is data, not a clock.
//   In the web, "today" is the business zone's too (businessToday, businessDay, businessYear in
//   lib/dates.ts), never the browser's: a browser in UTC is still on yesterday after 00:00 Beijing.
// - scope computed once, in services: a route file (*.routes.ts) imports none of the platform's
//   scope helpers (unitScope, inScope, scopeIncludes, assertInScope, UnitScope); it passes the actor.
// Fails naming each file and line.
import fs from 'node:fs';
import path from 'node:path';

const ROOTS = ['src/server', 'src/web'];
const CLOCK_FILES = new Set(['src/server/platform/clock.ts', 'src/web/lib/dates.ts']);
const SCOPE_HELPERS = ['unitScope', 'inScope', 'scopeIncludes', 'assertInScope', 'UnitScope'];

const ZONE_PATTERNS = [
  [/Asia\/Shanghai/, "names the business zone: use the platform clock's helpers (BUSINESS_ZONE, businessDayOf …)"],
  [/\+08(:?00)?\b/, 'writes the +08:00 offset by hand: use businessInstant / businessInstantSql'],
  [/interval\s*'8\s*hours?'.*time\s+zone|time\s+zone.*interval\s*'8\s*hours?'/i, 'shifts by 8 hours by hand: use businessInstantSql'],
  [/\b8\s*\*\s*(3600|60\s*\*\s*60)/, 'writes the 8-hour offset by hand: use BUSINESS_ZONE_MS or businessClock'],
];

const WEB_TODAY_PATTERNS = [
  [/\bdayjs\(\s*\)/, "takes today from the browser's zone: use businessDay() from lib/dates.ts"],
  [
    /new Date\(\)\.(toISOString\(\)\.slice\(0,\s*(7|10)\)|getFullYear|getMonth|getDate)\b/,
    "takes today from the browser's zone: use businessToday() / businessYear() from lib/dates.ts",
  ],
];

function* files(dir) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else if (/\.tsx?$/.test(e.name)) yield p.split(path.sep).join('/');
  }
}

/** The source with its comments blanked (line numbers kept): comments may explain the zone. */
const code = (text) =>
  text.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`\\])\/\/[^\n]*/g, (m, pre) => pre);

const problems = [];
let checked = 0;
for (const root of ROOTS) {
  for (const file of files(root)) {
    const isTest = /\.test\.tsx?$/.test(file) || file.startsWith('src/server/testing/');
    const text = fs.readFileSync(file, 'utf8');
    checked++;
    if (!isTest && !CLOCK_FILES.has(file)) {
      code(text)
        .split('\n')
        .forEach((line, i) => {
          for (const [re, why] of ZONE_PATTERNS) if (re.test(line)) problems.push(`${file}:${i + 1}: ${why}`);
          if (file.startsWith('src/web/'))
            for (const [re, why] of WEB_TODAY_PATTERNS) if (re.test(line)) problems.push(`${file}:${i + 1}: ${why}`);
        });
    }
    if (/^src\/server\/modules\/[^/]+\/[^/]+\.routes\.ts$/.test(file)) {
      for (const m of text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/g)) {
        const names = m[1].split(',').map(
          (s) =>
            s
              .trim()
              .replace(/^type\s+/, '')
              .split(/\s+as\s+/)[0],
        );
        const used = names.filter((n) => SCOPE_HELPERS.includes(n));
        if (used.length) {
          const line = text.slice(0, m.index).split('\n').length;
          problems.push(
            `${file}:${line}: a route computes unit scope (${used.join(', ')}): pass req.actor to a service, which scopes its query`,
          );
        }
      }
    }
  }
}
for (const p of problems) console.error(p);
if (problems.length) {
  console.error(`\n${problems.length} house-rule problem(s); see scripts/house-rules.mjs and docs/architecture.md`);
  process.exit(1);
}
console.log(`house rules: ${checked} files, one business clock, no route computes scope`);
