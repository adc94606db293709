import { sql } from 'drizzle-orm';
import type { LedgerVerification } from '../../../shared/assets.contracts.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';

type Result = LedgerVerification['depreciation'];

/**
 * Verifies the depreciation ledger (migrations/post/100_depreciation_run_digest.sql), set-based:
 * - each run's digest recomputes from its entries and the unit's run before, and its card count
 *   and total equal its entries: otherwise an entry of that month was altered, inserted or deleted
 *   (the run is named); for such a run only, each entry's check is compared with the manifest written
 *   with the digest (migrations/post/150), naming the card whose entry was altered, inserted or removed
 *   even when every figure still adds up;
 * - each entry's balance after is its balance before plus its charge: otherwise it was altered
 *   (named by card and month);
 * - each entry starts from the balance after the card's entry before it, unless a change of the
 *   card's accumulated depreciation (a revaluation, an adjustment) came between: otherwise entries
 *   between them were removed;
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
      SELECT d.card_id, d.unit_id, d.month, d.amount_fen, d.accumulated_before_fen, d.accumulated_after_fen, d.run_id, r.run_at,
        lag(d.accumulated_after_fen) OVER w AS pred_after, lag(r.run_at) OVER w AS pred_run_at,
        row_number() OVER (PARTITION BY d.card_id ORDER BY d.month DESC) AS from_last
      FROM depreciation_entries d JOIN depreciation_runs r ON r.id = d.run_id WHERE ${inUnits('d.unit_id')}
      WINDOW w AS (PARTITION BY d.card_id ORDER BY d.month)
    ), runs AS MATERIALIZED (
      SELECT r.id, r.unit_id, r.month, r.card_count, r.total_fen, r.digest, r.entry_cards, r.entry_checks,
        depreciation_run_digest(lag(r.digest) OVER (PARTITION BY r.unit_id ORDER BY r.month), depreciation_run_body(r.id)) AS recomputed
      FROM depreciation_runs r WHERE ${inUnits('r.unit_id')}
    ), broken AS MATERIALIZED (
      -- Runs whose seal fails: their entries against the manifest written with the seal, card by card.
      SELECT id, unit_id, month, entry_cards, entry_checks FROM runs WHERE digest IS DISTINCT FROM recomputed AND entry_cards IS NOT NULL
    ), listed AS (
      SELECT b.id AS run_id, b.unit_id, b.month, m.card_id, m.chk
      FROM broken b CROSS JOIN LATERAL unnest(b.entry_cards, b.entry_checks) AS m (card_id, chk)
    ), stored AS (
      SELECT d.run_id, d.card_id, d.unit_id, d.month,
        depreciation_entry_check(d.card_id, d.unit_id, d.category_id, d.month, d.months, d.amount_fen, d.monthly_fen,
          d.original_value_fen, d.useful_life_months, d.accumulated_before_fen, d.accumulated_after_fen, d.method, d.workload) AS chk
      FROM depreciation_entries d WHERE d.run_id IN (SELECT id FROM broken)
    ), bad AS (
      SELECT coalesce(s.card_id, l.card_id) AS card_id, coalesce(l.unit_id, s.unit_id) AS unit_id, coalesce(l.month, s.month) AS month,
        CASE WHEN l.card_id IS NULL THEN 'inserted' WHEN s.card_id IS NULL THEN 'removed' ELSE 'altered' END AS problem
      FROM listed l FULL JOIN stored s ON s.run_id = l.run_id AND s.card_id = l.card_id
      WHERE l.chk IS DISTINCT FROM s.chk
      UNION
      SELECT card_id, unit_id, month, 'altered' AS problem FROM e WHERE accumulated_before_fen + amount_fen <> accumulated_after_fen
      UNION
      SELECT card_id, unit_id, month, 'removed' FROM e
      WHERE accumulated_before_fen + amount_fen = accumulated_after_fen AND pred_after IS NOT NULL AND accumulated_before_fen <> pred_after
        AND NOT EXISTS (SELECT 1 FROM card_events ce WHERE ce.card_id = e.card_id AND ce.occurred_at > e.pred_run_at AND ce.after ? 'accumulatedDepreciationFen')
      UNION
      SELECT NULL, r.unit_id, r.month, 'run_mismatch' FROM runs r
      LEFT JOIN (SELECT run_id, count(*)::int AS n, sum(amount_fen) AS total FROM depreciation_entries GROUP BY run_id) x ON x.run_id = r.id
      WHERE r.card_count <> coalesce(x.n, 0) OR r.total_fen <> coalesce(x.total, 0) OR r.digest IS DISTINCT FROM r.recomputed
      UNION
      SELECT e.card_id, e.unit_id, e.month, 'balance_mismatch' FROM e JOIN cards c ON c.id = e.card_id
      WHERE e.from_last = 1 AND c.accumulated_depreciation_fen <> e.accumulated_after_fen
        AND NOT EXISTS (SELECT 1 FROM card_events ce WHERE ce.card_id = c.id AND ce.occurred_at > e.run_at AND ce.after ? 'accumulatedDepreciationFen')
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
