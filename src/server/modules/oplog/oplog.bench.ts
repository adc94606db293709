// `gongwu oplog bench`: a user's month of the operation log among N entries (the issue's figure is
// 10,000,000 entries ≤ 1 s on PostgreSQL), searched as an auditor and as a unit's administrator.
import crypto from 'node:crypto';
import os from 'node:os';
import type { Command } from 'commander';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import type { CliContext } from '../../platform/module.ts';
import { loadModules } from '../../platform/module.ts';
import { uuidArray } from '../../platform/db/sql-arrays.ts';
import { openFreshBenchDatabase, timeRuns } from '../demo/index.ts';
import { explainSearch, searchOperationLog } from './oplog.queries.ts';

interface Options {
  entries: string;
  users: string;
  months: string;
  runs: string;
  engineUrl?: string;
  explain: boolean;
  reuse?: boolean;
  dir?: string;
}

const TARGET_MS = 1_000;

/**
 * Writes `entries` operation-log entries set-based, a million per statement: `userIds.length` people, each in one
 * of `unitIds`, their times spread evenly over `months` months ending now. The secondary indexes are built once
 * after the rows, not kept up row by row (ten million rows inserted into four b-trees was the part that did not
 * finish); their definitions come from the catalogue, so they are rebuilt exactly as the schema declares them.
 */
export async function generateOperationLog(
  db: Queryable,
  o: { entries: number; userIds: string[]; unitIds: string[]; months: number },
  log: (m: string) => void,
): Promise<void> {
  const t0 = Date.now();
  const people = o.userIds.length;
  const span = o.months * 30 * 86_400;
  const indexes = await query<{ name: string; def: string }>(
    db,
    sql`SELECT indexname AS name, indexdef AS def FROM pg_indexes
      WHERE tablename = 'operation_log' AND schemaname = current_schema() AND indexdef NOT LIKE 'CREATE UNIQUE%'`,
  );
  for (const i of indexes) await db.execute(sql`DROP INDEX ${sql.identifier(i.name)}`);
  for (let done = 0; done < o.entries; done += 1_000_000) {
    const size = Math.min(1_000_000, o.entries - done);
    await db.execute(sql`
      insert into operation_log (at, user_id, user_name, via, unit_id, object_type, object_id, object_label, action, changes, source)
      select now() - make_interval(secs => (g * 7919::bigint % ${span})),
        (${uuidArray(o.userIds)})[1 + g % ${people}], '用户' || (g % ${people}), 'web',
        (${uuidArray(o.unitIds)})[1 + (g % ${people}) % ${o.unitIds.length}], 'documents', gen_random_uuid()::text,
        'DJ' || g, 'approved', '状态：审批中 → 已批准', 'POST /api/documents/:id/approve'
      from generate_series(${done + 1}::bigint, ${done + size}::bigint) g`);
    log(`  ${(done + size).toLocaleString('en')} entries (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  const t1 = Date.now();
  for (const i of indexes) await db.execute(sql.raw(i.def));
  log(`  ${indexes.length} indexes built in ${((Date.now() - t1) / 1000).toFixed(0)} s`);
  await db.execute(sql`analyze operation_log`);
}

/**
 * A user's month of the log, page of 50 with its capped count, `runs` times after warm-up: as the auditor (every
 * unit) and as the user's unit administrator. `months` is the span the entries cover (the months asked stay inside).
 */
export async function timeUserMonths(db: Queryable, o: { userIds: string[]; unitIds: string[]; months: number; runs: number }) {
  const { userIds, unitIds, months } = o;
  const people = userIds.length;
  const monthStart = (i: number) => {
    const d = new Date();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - 1 - (i % Math.max(1, months - 2)));
    return d.toISOString().slice(0, 8);
  };
  const lastDay = (m: string) => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 0)).toISOString().slice(0, 10);
  const auditor: Actor = {
    userId: crypto.randomUUID(),
    username: 'bench-auditor',
    displayName: '基准',
    unitId: null,
    grants: [{ role: 'auditor', unitId: null }],
    via: 'session',
  };
  let rows = 0;
  // The i-th person: the same person and month for both roles; the administrator is of that person's unit.
  const month = (actor: Actor) => (i: number) => {
    const k = (i * 37) % people;
    const from = `${monthStart(i)}01`;
    const scoped = { ...actor, grants: actor.grants.map((g) => (g.unitId === null ? g : { ...g, unitId: unitIds[k % unitIds.length] })) };
    return searchOperationLog(db, scoped, { page: 1, pageSize: 50, userId: userIds[k], from, to: lastDay(from) }).then((p) => {
      rows += p.total;
    });
  };
  const from0 = `${monthStart(0)}01`;
  const plan = await explainSearch(db, auditor, { page: 1, pageSize: 50, userId: userIds[0], from: from0, to: lastDay(from0) });
  const asAuditor = await timeRuns(o.runs, month(auditor));
  const entriesPerUserMonth = Math.round(rows / (o.runs + 3));
  const admin: Actor = { ...auditor, grants: [{ role: 'unit_admin', unitId: unitIds[0] }] };
  const asUnitAdmin = await timeRuns(o.runs, month(admin));
  // The other searches of the log's page: a unit's whole month (its administrator), the newest page with no
  // filter (the auditor), and one object's history (an id taken from the log itself).
  const unitMonth = await timeRuns(o.runs, (i) => {
    const from = `${monthStart(i)}01`;
    const unitId = unitIds[i % unitIds.length];
    const scoped: Actor = { ...auditor, grants: [{ role: 'unit_admin', unitId }] };
    return searchOperationLog(db, scoped, { page: 1, pageSize: 50, from, to: lastDay(from) });
  });
  const newest = await timeRuns(o.runs, (i) => searchOperationLog(db, auditor, { page: 1 + (i % 3), pageSize: 50 }));
  const objects = await query<{ type: string; id: string }>(
    db,
    sql`SELECT object_type AS type, object_id AS id FROM operation_log TABLESAMPLE SYSTEM (1) WHERE object_id IS NOT NULL LIMIT ${o.runs + 3}`,
  );
  const object = await timeRuns(o.runs, (i) => {
    const x = objects[i % Math.max(1, objects.length)];
    return searchOperationLog(db, auditor, { page: 1, pageSize: 50, objectType: x?.type, objectId: x?.id });
  });
  return { asAuditor, asUnitAdmin, unitMonth, newest, object, entriesPerUserMonth, plan };
}

export function oplogBenchCli(program: Command, ctx: CliContext) {
  const cmd = program.commands.find((c) => c.name() === 'oplog') ?? program.command('oplog').description('操作日志 operation log');
  cmd
    .command('bench')
    .description("time a user's month of the operation log among N entries")
    .option('--entries <n>', 'log entries to generate', '1000000')
    .option('--users <n>', 'people writing them', '3000')
    .option('--months <n>', 'months they span, ending this month', '24')
    .option('--runs <n>', 'timed searches per scenario', '30')
    .option('--engine-url <url>', 'PostgreSQL server (drops and creates gongwu_bench_oplog); default: PGlite in a temporary folder')
    .option('--reuse', 'no generation: time the entries of an earlier run again (PostgreSQL gongwu_bench_oplog, or the PGlite --dir)')
    .option('--dir <folder>', 'PGlite: keep the database in this folder (for --reuse) instead of a temporary one')
    .option('--no-explain', "skip printing the month query's plan (EXPLAIN ANALYZE)")
    .action(async (o: Options) => {
      const url = o.engineUrl ?? process.env.DATABASE_URL ?? undefined;
      const { database, where, cleanup } = await openFreshBenchDatabase(url, ctx.log, {
        reuse: !!o.reuse,
        dir: o.dir,
        name: 'gongwu_bench_oplog',
      });
      const db = database.db;
      try {
        const months = Number(o.months);
        let userIds: string[];
        let units: string[];
        if (o.reuse) {
          // Each person writes in one unit: the pairs as the earlier run made them, in the order it gave them.
          const pairs = await query<{ u: string; unit: string }>(
            db,
            sql`SELECT DISTINCT ON (substr(user_name, 3)::int) user_id::text AS u, unit_id::text AS unit FROM operation_log
              WHERE user_name LIKE '用户%' ORDER BY substr(user_name, 3)::int`,
          );
          userIds = pairs.map((p) => p.u);
          units = [...new Set(pairs.map((p) => p.unit))];
        } else {
          for (const mod of await loadModules()) if (mod.name === 'org') await mod.seedDemo?.(database, ctx.log, { scale: 'small' });
          units = (await query<{ id: string }>(db, sql`select id::text from units where kind = 'unit' order by code`)).map((u) => u.id);
          userIds = Array.from({ length: Number(o.users) }, () => crypto.randomUUID());
        }
        const [{ n }] = o.reuse
          ? await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM operation_log`)
          : [{ n: Number(o.entries) }];
        ctx.log(
          `Operation-log benchmark on ${where}, ${os.cpus().length} cores: ${n.toLocaleString('en')} entries by ${userIds.length} people over ${months} months`,
        );
        if (!o.reuse) await generateOperationLog(db, { entries: n, userIds, unitIds: units, months }, ctx.log);
        const t = await timeUserMonths(db, { userIds, unitIds: units, months, runs: Number(o.runs) });
        if (o.explain) ctx.log(`EXPLAIN ANALYZE of a user's month (auditor):\n${t.plan.map((l) => `    ${l}`).join('\n')}`);
        const { asAuditor, asUnitAdmin, unitMonth, newest, object } = t;
        const result = {
          engine: database.engine,
          entries: n,
          users: userIds.length,
          months,
          entriesPerUserMonth: t.entriesPerUserMonth,
          asAuditor,
          asUnitAdmin,
          unitMonth,
          newest,
          object,
          targetMs: TARGET_MS,
        };
        console.log(JSON.stringify(result, null, 2));
        ctx.log(`| scenario | p50 ms | p95 ms | max ms | target ms |\n|---|---|---|---|---|`);
        ctx.log(
          `| a user's month, auditor (${n.toLocaleString('en')} entries, ${database.engine}) | ${asAuditor.p50} | ${asAuditor.p95} | ${asAuditor.max} | ≤ ${TARGET_MS} |`,
        );
        const row = (label: string, m: { p50: number; p95: number; max: number }) =>
          ctx.log(`| ${label} | ${m.p50} | ${m.p95} | ${m.max} | ${m.p95 <= TARGET_MS ? '✓' : '✗'} |`);
        row("a user's month, unit administrator", asUnitAdmin);
        row("a unit's month, its administrator", unitMonth);
        row('the newest pages 1–3, no filter, auditor', newest);
        row("an object's history, auditor", object);
      } finally {
        await database.close();
        await cleanup();
      }
    });
}
