import { businessMonth } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/engine.ts';
import { monthFromIndex, monthIndex } from '../finance/index.ts';
import * as reports from '../reports/index.ts';
import type { FinanceMeasured } from './bench.finance.ts';

/** Seconds per monthly table of the report set, every unit (issue #13): PostgreSQL 3, PGlite 10; the workbook of the whole set apart. */
export const REPORT_SET_TARGETS = {
  postgres: { table: 3, workbook: 10 },
  pglite: { table: 10, workbook: 30 },
} as const;

const seconds = async <T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> => {
  const t = process.hrtime.bigint();
  const value = await fn();
  return { value, seconds: Math.round(Number(process.hrtime.bigint() - t) / 1e7) / 100 };
};

/**
 * The monthly report set at scale (docs/domain.md §7): last month's tables for every unit, each timed
 * on its own through the service the API calls (the asset summary by class through the edition
 * mapping, 机构人员, vehicles, buildings and land, low-value items), then the whole set rendered as its
 * workbook. Last month is closed when the finance scenarios ran before (its summary read from the
 * closing snapshot), live otherwise.
 */
export async function reportSetScenarios(
  database: Database,
  targets: { table: number; workbook: number },
  log: (m: string) => void,
): Promise<FinanceMeasured[]> {
  const db = database.db;
  const month = monthFromIndex(monthIndex(businessMonth()) - 1);
  const out: FinanceMeasured[] = [];
  for (const key of Object.keys(reports.SET_TABLES)) {
    log(`  report set ${month}: ${key}…`);
    const r = await seconds(() => reports.reportSetTable(db, key, { scope: 'all' }, month));
    out.push({
      scenario: `report set ${month}: ${key}, every unit`,
      seconds: r.seconds,
      target: targets.table,
      note: `${r.value.rows.length} rows`,
    });
  }
  log(`  report set ${month}: the workbook…`);
  const set = await reports.buildReportSet(db, { scope: 'all' }, month, 'bench');
  const wb = await seconds(() => reports.reportSetXlsx(set));
  out.push({
    scenario: `report set ${month}: workbook`,
    seconds: wb.seconds,
    target: targets.workbook,
    note: `${Math.round(wb.value.length / 1024)} KB`,
  });
  return out;
}

export function reportSetMarkdown(engine: string, rows: FinanceMeasured[]): string {
  if (!rows.length) return '';
  return [
    `| report set (${engine}) | seconds | target s | note |`,
    '| --- | ---: | ---: | --- |',
    ...rows.map((r) => `| ${r.scenario} | ${r.seconds} | ${r.target} ${r.seconds <= r.target ? '✓' : '✗'} | ${r.note ?? ''} |`),
  ].join('\n');
}
