import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, type Database } from '../../platform/db/engine.ts';
import { runMonthForUnits, unitsToRun } from '../finance/depreciation.service.ts';
import { writeSummaryXlsx } from '../reports/report.excel.ts';
import * as reports from '../reports/reports.service.ts';

export interface FinanceMeasured {
  scenario: string;
  seconds: number;
  target: number;
  note?: string;
}

/** Seconds, per engine (issue #5): a month's run and its re-run, the year's summary, its Excel file. */
export const FINANCE_TARGETS = {
  postgres: { run: 30, summary: 3, excel: 5 },
  pglite: { run: 90, summary: 10, excel: 15 },
} as const;

const seconds = async <T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> => {
  const t = process.hrtime.bigint();
  const value = await fn();
  return { value, seconds: Math.round(Number(process.hrtime.bigint() - t) / 1e7) / 100 };
};

/**
 * The month the benchmark depreciates: the month of the latest posting, or the month after the
 * latest run when a reused database has been run already (so every run of the benchmark is a
 * month's first run, followed by a re-run of it while it is open).
 */
async function benchMonth(database: Database): Promise<string> {
  const [r] = await query<{ posted: string | null; ran: string | null }>(database.db, sql`
    SELECT to_char(max(posted_on), 'YYYY-MM') AS posted,
           (SELECT to_char(max(month) + interval '1 month', 'YYYY-MM') FROM depreciation_runs) AS ran FROM cards`);
  const months = [r.posted, r.ran].filter((m): m is string => !!m).sort();
  return months[months.length - 1] ?? new Date().toISOString().slice(0, 7);
}

/**
 * Depreciation and the asset summary at scale, through the services the API and jobs call, as the
 * committee's asset office (every unit): one month's run for all units, the re-run of that open
 * month, the summary of the month's year by category × unit, and that summary as an Excel file.
 * The run writes: on a reused database each benchmark run depreciates one month more.
 */
export async function financeScenarios(database: Database, office: Actor, targets: { run: number; summary: number; excel: number }, log: (m: string) => void): Promise<FinanceMeasured[]> {
  const db = database.db;
  const out: FinanceMeasured[] = [];
  const month = await benchMonth(database);
  const units = await unitsToRun(db, office);
  log(`  depreciation ${month}, ${units.length} units…`);
  const first = await seconds(() => runMonthForUnits(db, units, month, office.userId));
  const charged = (r: typeof first.value) => `${r.units.reduce((s, u) => s + (u.cardCount ?? 0), 0).toLocaleString('en')} cards charged`;
  out.push({ scenario: `depreciation ${month}, all units (first run)`, seconds: first.seconds, target: targets.run, note: charged(first.value) });
  const again = await seconds(() => runMonthForUnits(db, units, month, office.userId));
  out.push({ scenario: `depreciation ${month}, re-run of the open month`, seconds: again.seconds, target: targets.run, note: charged(again.value) });

  const year = month.slice(0, 4);
  const filter = { from: `${year}-01`, to: `${year}-12`, categoryLevel: 1 };
  log(`  asset summary ${year}…`);
  const summary = await seconds(() => reports.summary(db, office, filter));
  out.push({ scenario: `asset summary ${year}, category × unit`, seconds: summary.seconds, target: targets.summary, note: `${summary.value.rows.length} rows` });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwu-bench-report-'));
  try {
    // What the export job does: the summary again, then the streamed workbook.
    const file = path.join(dir, 'summary.xlsx');
    const excel = await seconds(async () => writeSummaryXlsx(file, await reports.summary(db, office, filter)));
    out.push({ scenario: `asset summary ${year} as Excel`, seconds: excel.seconds, target: targets.excel, note: `${Math.round(fs.statSync(file).size / 1024)} KB file` });
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
