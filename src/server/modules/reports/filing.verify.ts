// The report ledger's check (docs/domain.md §7, §8), run by `gongwu audit verify` and the audit page:
// every locked filing's stored data and workbook still hash to what was sealed, its seal recomputes
// from them and the filing locked before it, and the seqs run 1, 2, 3 … without a gap (a gap, or a
// filing whose prev_hash names no seal left, means a locked report was removed).
import { sql } from 'drizzle-orm';
import type { LedgerVerification } from '../../../shared/assets.contracts.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';

type Result = NonNullable<LedgerVerification['reports']>;

export async function verifyReportFilings(q: Queryable, opts: { unitIds?: string[] } = {}): Promise<Result> {
  const rows = await query<{ id: string; unit_id: string; month: string; altered: boolean; removed: boolean; in_units: boolean }>(
    q,
    sql`
    WITH f AS (
      SELECT f.*, lag(f.hash) OVER (ORDER BY f.seq) AS pred_hash, row_number() OVER (ORDER BY f.seq) AS rn
      FROM report_filings f WHERE f.seq IS NOT NULL OR f.status = 'locked'
    )
    SELECT f.id, f.unit_id, to_char(f.month, 'YYYY-MM') AS month,
      (f.status <> 'locked' OR f.canonical IS NULL OR f.file_base64 IS NULL
        OR f.data_hash IS DISTINCT FROM report_data_hash(f.canonical) OR f.file_hash IS DISTINCT FROM report_file_hash(f.file_base64)
        OR f.hash IS DISTINCT FROM report_filing_hash(f.prev_hash, f.seq, f.unit_id, f.month, f.data_hash, f.file_hash, f.reviewed_by, f.reviewed_at)) AS altered,
      (f.seq IS DISTINCT FROM f.rn::int OR f.prev_hash IS DISTINCT FROM f.pred_hash) AS removed,
      ${
        opts.unitIds
          ? opts.unitIds.length
            ? sql`f.unit_id IN (${sql.join(
                opts.unitIds.map((u) => sql`${u}::uuid`),
                sql`, `,
              )})`
            : sql`false`
          : sql`true`
      } AS in_units
    FROM f ORDER BY f.seq NULLS LAST`,
  );
  const mine = rows.filter((r) => r.in_units);
  const failures: Result['failures'] = [];
  for (const r of mine) {
    if (r.altered) failures.push({ filingId: r.id, unitId: r.unit_id, month: r.month, problem: 'altered' });
    if (r.removed) failures.push({ filingId: r.id, unitId: r.unit_id, month: r.month, problem: 'removed' });
  }
  return { checkedFilings: mine.length, failures };
}
