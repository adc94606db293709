import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, type Database } from '../../platform/db/engine.ts';
import { monthFromIndex, monthIndex } from '../finance/index.ts';
import { type MonthRunResult, runMonthForUnits, unitsToRun } from '../finance/index.ts';
import { closeMonthForUnits } from '../finance/index.ts';
import { businessMonth } from '../../platform/clock.ts';
import * as reports from '../reports/index.ts';

export interface FinanceMeasured {
  scenario: string;
  seconds: number;
  target: number;
  note?: string;
}

/** Seconds, per engine: a month's run and its re-run, a year's summary, its Excel file, closing a month. */
export const FINANCE_TARGETS = {
  postgres: { run: 30, summary: 3, excel: 5, close: 10 },
  pglite: { run: 90, summary: 10, excel: 15, close: 10 },
} as const;

const seconds = async <T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> => {
  const t = process.hrtime.bigint();
  const value = await fn();
  return { value, seconds: Math.round(Number(process.hrtime.bigint() - t) / 1e7) / 100 };
};

const addMonths = (m: string, n: number) => monthFromIndex(monthIndex(m) + n);

/**
 * The takeover month of the benchmark's books for `count` months of runs: the generated cards hold
 * their depreciation through it, and the runs go from the month after it to last month.
 */
export const benchTakeoverMonth = (count: number) => addMonths(businessMonth(), -(Math.max(1, count) + 1));

/**
 * The months the benchmark depreciates, the last of them timed: on a fresh database the `count`
 * months after the books' takeover; on a reused one the `count` months after its latest run.
 */
async function benchMonths(database: Database, count: number): Promise<string[]> {
  const [r] = await query<{ opened: string | null; ran: string | null }>(
    database.db,
    sql`
    SELECT (SELECT to_char(min(takeover_month) + interval '1 month', 'YYYY-MM') FROM unit_books) AS opened,
           (SELECT to_char(max(month) + interval '1 month', 'YYYY-MM') FROM depreciation_runs) AS ran`,
  );
  const first = r.ran ?? r.opened ?? addMonths(businessMonth(), -count);
  return Array.from({ length: count }, (_, i) => addMonths(first, i));
}

/**
 * Depreciation and the asset summary at scale, through the services the API and jobs call, as the
 * committee's asset office (every unit): `months` monthly runs for all units (a year of the ledger
 * by default), the last of them timed with the re-run of that open month, then the summary of the
 * twelve months ending with it by category × unit, and that summary as an Excel file. The runs
 * write: on a reused database each benchmark run depreciates `months` months more.
 */
export async function financeScenarios(
  database: Database,
  office: Actor,
  targets: { run: number; summary: number; excel: number; close: number },
  months: number,
  log: (m: string) => void,
): Promise<FinanceMeasured[]> {
  const db = database.db;
  const out: FinanceMeasured[] = [];
  const all = await benchMonths(database, Math.max(1, months));
  const month = all[all.length - 1];
  const units = await unitsToRun(db, office);
  const charged = (r: MonthRunResult) => `${r.units.reduce((s, u) => s + (u.cardCount ?? 0), 0).toLocaleString('en')} cards charged`;
  const earlier: number[] = [];
  const closes: number[] = [];
  for (const m of all.slice(0, -1)) {
    const run = await seconds(() => runMonthForUnits(db, units, m, office.userId));
    // Each month is closed (结账) for every unit once run, as a finance bureau would; the last stays open.
    const close = await seconds(() => closeMonthForUnits(db, office.userId, units, m, false));
    log(
      `  depreciation ${m}, ${units.length} units: ${run.seconds} s, ${charged(run.value)}; closed in ${close.seconds} s; process RSS ${Math.round(process.memoryUsage().rss / 1048576)} MB`,
    );
    earlier.push(run.seconds);
    closes.push(close.seconds);
  }
  if (earlier.length) {
    out.push({
      scenario: `depreciation ${all[0]} … ${all[all.length - 2]}, all units, month by month (slowest)`,
      seconds: Math.max(...earlier),
      target: targets.run,
      note: `${earlier.length} months, ${Math.round(earlier.reduce((a, b) => a + b, 0))} s in all`,
    });
    out.push({
      scenario: `closing a month (结账), all units (slowest of ${closes.length})`,
      seconds: Math.max(...closes),
      target: targets.close,
    });
  }
  log(`  depreciation ${month}, ${units.length} units…`);
  const first = await seconds(() => runMonthForUnits(db, units, month, office.userId));
  out.push({
    scenario: `depreciation ${month}, all units (first run)`,
    seconds: first.seconds,
    target: targets.run,
    note: charged(first.value),
  });
  const again = await seconds(() => runMonthForUnits(db, units, month, office.userId));
  out.push({
    scenario: `depreciation ${month}, re-run of the open month`,
    seconds: again.seconds,
    target: targets.run,
    note: charged(again.value),
  });

  const filter = { from: addMonths(month, -11), to: month, categoryLevel: 1 };
  const period = `${filter.from} … ${filter.to}`;
  const [{ entries }] = await query<{ entries: number }>(
    db,
    sql`SELECT count(*)::int AS entries FROM depreciation_entries WHERE month >= ${`${filter.from}-01`}::date`,
  );
  log(`  asset summary ${period}…`);
  // The first call after the run reads pages the run has just rewritten; a finance officer opens
  // the summary more than once, so the median of three calls is the figure and the first is shown.
  const calls = [];
  for (let i = 0; i < 3; i++) calls.push(await seconds(() => reports.summary(db, office, filter)));
  const median = [...calls].sort((a, b) => a.seconds - b.seconds)[1];
  out.push({
    scenario: `asset summary ${period}, category × unit (median of 3)`,
    seconds: median.seconds,
    target: targets.summary,
    note: `${median.value.rows.length} rows; ${entries.toLocaleString('en')} depreciation entries in the period; calls ${calls.map((c) => c.seconds).join(', ')} s`,
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwu-bench-report-'));
  try {
    // What the export job does: the summary again, then the streamed workbook.
    const file = path.join(dir, 'summary.xlsx');
    const excel = await seconds(async () => reports.writeSummaryXlsx(file, await reports.summary(db, office, filter)));
    out.push({
      scenario: `asset summary ${period} as Excel`,
      seconds: excel.seconds,
      target: targets.excel,
      note: `${Math.round(fs.statSync(file).size / 1024)} KB file`,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

export function financeMarkdown(rows: FinanceMeasured[], data: string): string[] {
  if (rows.length === 0) return [];
  return [
    `| depreciation and reports (${data}) | seconds | target s | note |`,
    '|---|---:|---:|---|',
    ...rows.map((r) => `| ${r.scenario} | ${r.seconds} | ${r.target}${r.seconds <= r.target ? ' ✓' : ' ✗'} | ${r.note ?? ''} |`),
    '',
  ];
}
