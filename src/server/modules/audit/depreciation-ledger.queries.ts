import { sql } from 'drizzle-orm';
import type { LedgerVerification } from '../../../shared/assets.contracts.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';

type Result = LedgerVerification['depreciation'];

/**
 * Verifies the depreciation ledger (migrations/post/056_depreciation_ledger.sql), set-based:
 * - each entry's hash recomputes from its fields and its prev_hash: otherwise it was altered;
 * - each entry's prev_hash is the hash of the card's entry the month before it (zeros for the
 *   first): otherwise entries between them were removed (or one was inserted by hand);
 * - each run's card count and total equal its entries: otherwise entries of that month went;
 * - a card's accumulated depreciation equals its last entry's balance after, unless a later change
 *   of the card (a revaluation, a disposal) set it since: otherwise its last entries went.
 * `unitIds` narrows the check to those units' entries and runs.
 */
export async function verifyDepreciationLedger(q: Queryable, opts: { unitIds?: string[]; maxFailures?: number } = {}): Promise<Result> {
  const inUnits = (col: string) =>
    opts.unitIds
      ? opts.unitIds.length
        ? sql`${sql.raw(col)} IN (${sql.join(
            opts.unitIds.map((u) => sql`${u}::uuid`),
            sql`, `,
          )})`
        : sql`false`
      : sql`true`;
  const rows = await query<{
    card_id: string | null;
    card_no: string | null;
    unit_id: string | null;
    month: string;
    problem: Result['failures'][number]['problem'];
  }>(
    q,
    sql`
    WITH e AS MATERIALIZED (
      SELECT d.card_id, d.unit_id, d.month, d.hash, d.prev_hash, d.accumulated_after_fen, d.run_id,
        depreciation_entry_hash(d.prev_hash, d.card_id, d.unit_id, d.month, d.months, d.amount_fen, d.monthly_fen,
          d.original_value_fen, d.useful_life_months, d.accumulated_before_fen, d.accumulated_after_fen, d.method, d.workload) AS recomputed,
        lag(d.hash) OVER (PARTITION BY d.card_id ORDER BY d.month) AS pred_hash,
        row_number() OVER (PARTITION BY d.card_id ORDER BY d.month DESC) AS from_last
      FROM depreciation_entries d WHERE ${inUnits('d.unit_id')}
    ), bad AS (
      SELECT card_id, unit_id, month, 'altered' AS problem FROM e WHERE recomputed <> hash
      UNION ALL
      SELECT card_id, unit_id, month, 'removed' FROM e WHERE recomputed = hash AND prev_hash <> coalesce(pred_hash, repeat('0', 64))
      UNION ALL
      SELECT NULL, r.unit_id, r.month, 'run_mismatch' FROM depreciation_runs r
      LEFT JOIN (SELECT run_id, count(*)::int AS n, sum(amount_fen) AS total FROM depreciation_entries GROUP BY run_id) x ON x.run_id = r.id
      WHERE ${inUnits('r.unit_id')} AND (r.card_count <> coalesce(x.n, 0) OR r.total_fen <> coalesce(x.total, 0))
      UNION ALL
      SELECT e.card_id, e.unit_id, e.month, 'balance_mismatch' FROM e JOIN cards c ON c.id = e.card_id
      JOIN depreciation_runs r ON r.id = e.run_id
      WHERE e.from_last = 1 AND c.accumulated_depreciation_fen <> e.accumulated_after_fen
        AND NOT EXISTS (SELECT 1 FROM card_events ce WHERE ce.card_id = c.id AND ce.occurred_at > r.run_at AND ce.after ? 'accumulatedDepreciationFen')
    )
    SELECT b.card_id::text, c.card_no, b.unit_id::text, to_char(b.month, 'YYYY-MM') AS month, b.problem
    FROM bad b LEFT JOIN cards c ON c.id = b.card_id
    ORDER BY b.month, c.card_no NULLS FIRST LIMIT ${opts.maxFailures ?? 1000}`,
  );
  const [{ n }] = await query<{ n: number }>(q, sql`SELECT count(*)::int AS n FROM depreciation_entries d WHERE ${inUnits('d.unit_id')}`);
  return {
    checkedEntries: n,
    failures: rows.map((r) => ({ cardId: r.card_id, cardNo: r.card_no, unitId: r.unit_id, month: r.month, problem: r.problem })),
  };
}
