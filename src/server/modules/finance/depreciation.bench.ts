// Scale benchmark for depreciation and reports (not a timed test):
//   npx tsx src/server/modules/finance/depreciation.bench.ts --cards 1000000
// PostgreSQL when TEST_DATABASE_URL is set (a fresh database, dropped afterwards), else PGlite in memory.
// Prints one JSON line and a markdown table row per scenario.
import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { openDatabase, query } from '../../platform/db/engine.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { openTestDatabase } from '../../testing/test-db.ts';
import { assetSummary } from '../reports/summary.queries.ts';
import { writeSummaryXlsx } from '../reports/report.excel.ts';
import { runMonthForUnits } from './depreciation.service.ts';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const CARDS = arg('cards', 100_000);
const EVENTS_PER_CARD = arg('events', 5);
const UNITS = arg('units', 40);

async function timed<T>(name: string, fn: () => Promise<T>): Promise<{ name: string; seconds: number; value: T }> {
  const t = process.hrtime.bigint();
  const value = await fn();
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  console.log(`${name}: ${seconds.toFixed(2)} s`);
  return { name, seconds, value };
}

// BENCH_DATABASE_URL: an existing database kept between runs (generated once), for EXPLAIN work.
const kept = process.env.BENCH_DATABASE_URL;
const database = kept ? await openDatabase({ databaseUrl: kept, dataDir: 'memory://' }) : await openTestDatabase();
if (kept) await migrate(database);
const db = database.db;
const existing = await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM cards`);
try {
  if (existing[0].n === 0) await timed('generate', async () => {
    await db.execute(sql`INSERT INTO units (code, name, sort) SELECT 'B' || lpad(i::text, 3, '0'), '单位' || i, i FROM generate_series(1, ${UNITS}) i`);
    await db.execute(sql`INSERT INTO categories (edition, code, name, level, path, depreciable, useful_life_months) VALUES
      ('2010', '2', '设备', 1, '/2/', true, 72), ('2010', '201', '计算机设备', 2, '/2/201/', true, 72),
      ('2010', '203', '车辆', 2, '/2/203/', true, 96), ('2010', '1', '房屋和构筑物', 1, '/1/', true, 600),
      ('2010', '6', '家具', 1, '/6/', true, 180), ('2010', '4', '图书档案', 1, '/4/', false, null)`);
    // Ledger hash triggers are skipped for generated history: the benchmark measures reports, not the chain.
    const step = 100_000;
    for (let from = 1; from <= CARDS; from += step) {
      const to = Math.min(CARDS, from + step - 1);
      await db.execute(sql`
        INSERT INTO cards (card_no, unit_id, name, category_id, original_value_fen, acquisition_method, acquired_on, posted_on,
          useful_life_months, depreciation_method, status, managing_unit_id, disposed_on, disposal_method)
        SELECT 'C' || i, u.id, '资产' || i, k.id, 100000 + (i::bigint * 7919) % 50000000, (ARRAY['purchase','transfer_in','donation'])[1 + i % 3],
          p.d, p.d, k.useful_life_months, 'straight_line', CASE WHEN i % 20 = 0 THEN 'disposed' ELSE 'in_use' END, u.id,
          CASE WHEN i % 20 = 0 THEN p.d + 400 END, CASE WHEN i % 20 = 0 THEN 'scrap' END
        FROM generate_series(${from}::int, ${to}::int) i
        CROSS JOIN LATERAL (SELECT (date '2020-01-01' + (i * 37) % 2300) AS d) p
        JOIN LATERAL (SELECT id FROM units ORDER BY code OFFSET (i % ${UNITS}) LIMIT 1) u ON true
        JOIN LATERAL (SELECT id, useful_life_months FROM categories ORDER BY code OFFSET (i % 6) LIMIT 1) k ON true`);
    }
    await db.execute(sql`SET session_replication_role = replica`);
    for (let from = 1; from <= CARDS; from += step) {
      const to = Math.min(CARDS, from + step - 1);
      await db.execute(sql`
        INSERT INTO card_events (card_id, seq, unit_id, type, occurred_at, before, after, prev_hash, hash)
        SELECT c.id, n, c.unit_id,
          CASE WHEN n = 1 THEN 'created' WHEN n = 2 THEN 'posted' WHEN n = 3 AND c.card_no::text LIKE '%7' THEN 'revalued' ELSE 'handed_over' END,
          (c.posted_on + n * 30)::timestamp AT TIME ZONE 'Asia/Shanghai',
          CASE WHEN n = 3 AND c.card_no LIKE '%7' THEN jsonb_build_object('originalValueFen', c.original_value_fen - 10000) ELSE '{}'::jsonb END,
          CASE WHEN n = 3 AND c.card_no LIKE '%7' THEN jsonb_build_object('originalValueFen', c.original_value_fen) ELSE '{}'::jsonb END,
          '', ''
        FROM cards c CROSS JOIN generate_series(1, ${EVENTS_PER_CARD}) n
        WHERE c.card_no IN (SELECT 'C' || i FROM generate_series(${from}::int, ${to}::int) i)`);
    }
    await db.execute(sql`SET session_replication_role = DEFAULT`);
    await db.execute(sql`ANALYZE`);
  });
  const units = (await query<{ id: string }>(db, sql`SELECT id FROM units ORDER BY code`)).map((u) => u.id);
  const results = [];
  // Twelve months of history first, so the benchmarked month and the year's report read real entries.
  if (process.argv.includes('--history')) await timed('history (2025-12 … 2026-10)', async () => {
    for (let m = 0; m < 11; m++) {
      const month = m === 0 ? '2025-12' : `2026-${String(m).padStart(2, '0')}`;
      await runMonthForUnits(db, units, month, null, () => undefined);
    }
  });
  const run = await timed('one month, all units', () => runMonthForUnits(db, units, '2026-11', null, () => undefined));
  results.push(run);
  const summary = await timed('asset summary, one year', () => assetSummary(db, { from: '2026-01', to: '2026-12', categoryLevel: 1 }, 'all'));
  results.push(summary);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gongwu-bench-')), 'summary.xlsx');
  results.push(await timed('asset summary Excel export', async () => writeSummaryXlsx(file, await assetSummary(db, { from: '2026-01', to: '2026-12', categoryLevel: 1 }, 'all'))));
  const [{ n }] = await query<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM card_events`);
  const engine = database.engine;
  console.log(JSON.stringify({ engine, cards: CARDS, events: n, monthCharged: run.value.totalFen, results: results.map((r) => ({ name: r.name, seconds: r.seconds })) }));
  for (const r of results) console.log(`| ${engine} | ${CARDS.toLocaleString()} | ${n.toLocaleString()} | ${r.name} | ${r.seconds.toFixed(2)} s |`);
} finally {
  await database.close();
}
