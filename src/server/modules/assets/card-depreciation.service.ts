// The one place depreciation writes cards' accumulated depreciation (only the assets module writes
// cards). A month's run for a unit is a few set-based statements, never a loop over cards:
// compute every eligible card's charge, insert them as entries, add them to the cards.
//
// Ledger decision: a monthly charge is not a card_events row (a million cards would add a million
// events a month). depreciation_entries is the ledger of accumulated depreciation, linked to its
// run; cards.accumulated_depreciation_fen is its running balance, and the card timeline reads the
// entries beside the events.
import { sql, type SQL } from 'drizzle-orm';
import { query, type Queryable } from '../../platform/db/engine.ts';

/** Nominal-value assets (名义金额 ¥1) are not depreciated; the same figure as depreciation.rules.ts. */
const NOMINAL_VALUE_FEN = 100;

export interface ChargeRow {
  card_id: string;
  card_no: string;
  name: string;
  category_id: string;
  method: string;
  original_value_fen: number;
  useful_life_months: number | null;
  accumulated_before_fen: number;
  amount_fen: number;
  monthly_fen: number;
  months: number;
  workload: number | null;
}

/**
 * Every card of `unitId` that `month` ('YYYY-MM-01') charges, with the amount — the SQL twin of
 * chargeForMonth in finance/depreciation.rules.ts (the tests hold one against the other).
 */
export function chargesSql(unitId: string, month: string): SQL {
  return sql`
    WITH params AS (
      SELECT ${month}::date AS m0, (${month}::date + interval '1 month' - interval '1 day')::date AS m1,
             (extract(year FROM ${month}::date) * 12 + extract(month FROM ${month}::date) - 1)::int AS mi
    ),
    cand AS (
      SELECT c.id, c.card_no, c.name, c.category_id, c.depreciation_method AS method,
             c.original_value_fen AS v, c.accumulated_depreciation_fen AS a, c.useful_life_months AS life,
             c.total_workload AS tw,
             (extract(year FROM c.posted_on) * 12 + extract(month FROM c.posted_on) - 1)::int AS posted_i,
             (extract(year FROM p.month) * 12 + extract(month FROM p.month) - 1)::int AS prev_i,
             p.monthly_fen AS prev_monthly, p.original_value_fen AS prev_v, p.useful_life_months AS prev_life,
             w.workload AS w, coalesce(wb.before, 0) AS wb, params.mi
      FROM params
      JOIN cards c ON c.unit_id = ${unitId}
      JOIN categories k ON k.id = c.category_id
      LEFT JOIN LATERAL (
        SELECT e.month, e.monthly_fen, e.original_value_fen, e.useful_life_months FROM depreciation_entries e
        WHERE e.card_id = c.id AND e.month < params.m0 ORDER BY e.month DESC LIMIT 1
      ) p ON c.depreciation_method = 'straight_line'
      LEFT JOIN depreciation_workloads w ON c.depreciation_method = 'units_of_production' AND w.card_id = c.id AND w.month = params.m0
      LEFT JOIN LATERAL (
        SELECT sum(e.workload) AS before FROM depreciation_entries e WHERE e.card_id = c.id AND e.month < params.m0
      ) wb ON c.depreciation_method = 'units_of_production'
      WHERE k.depreciable AND c.depreciation_method IN ('straight_line', 'units_of_production')
        AND c.original_value_fen > ${NOMINAL_VALUE_FEN} AND c.accumulated_depreciation_fen < c.original_value_fen
        AND c.posted_on IS NOT NULL AND c.posted_on <= params.m1
        AND (c.disposed_on > params.m1 OR (c.disposed_on IS NULL AND c.status <> 'disposed'))
    ),
    x AS (
      SELECT cand.*, (v - a) AS lft, greatest(posted_i, coalesce(prev_i + 1, posted_i)) AS start_i FROM cand
    ),
    y AS (
      SELECT x.*, (mi - start_i + 1) AS months, (life - (start_i - posted_i)) AS rem FROM x
    ),
    z AS (
      SELECT y.*,
        CASE WHEN prev_i = start_i - 1 AND prev_v = v AND prev_life IS NOT DISTINCT FROM life THEN prev_monthly
             WHEN rem <= 0 THEN lft
             ELSE (2 * lft + rem) / (2 * rem) END AS monthly_sl
      FROM y
    ),
    charged AS (
      SELECT z.*,
        CASE WHEN method = 'straight_line' THEN
               CASE WHEN rem - months <= 0 THEN lft ELSE least(lft, monthly_sl * months) END
             ELSE
               CASE WHEN w >= tw - wb THEN lft ELSE least(lft, round(lft::numeric * w / (tw - wb))::bigint) END
        END AS amount
      FROM z
      WHERE (method = 'straight_line' AND life > 0 AND start_i <= mi)
         OR (method = 'units_of_production' AND w > 0 AND tw > 0)
    )
    SELECT id AS card_id, card_no, name, category_id, method, v AS original_value_fen, life AS useful_life_months,
           a AS accumulated_before_fen, amount::bigint AS amount_fen,
           (CASE WHEN method = 'straight_line' THEN monthly_sl ELSE amount END)::bigint AS monthly_fen,
           (CASE WHEN method = 'straight_line' THEN months ELSE 1 END)::int AS months, w AS workload
    FROM charged WHERE amount > 0`;
}

export async function previewCharges(q: Queryable, unitId: string, month: string): Promise<ChargeRow[]> {
  return query<ChargeRow>(q, sql`${chargesSql(unitId, month)} ORDER BY card_no`);
}

/** Inserts the run's entries and adds them to the cards. Call inside the run's transaction. */
export async function applyDepreciation(q: Queryable, runId: string, unitId: string, month: string): Promise<{ cardCount: number; totalFen: number }> {
  await q.execute(sql`
    INSERT INTO depreciation_entries (run_id, card_id, unit_id, category_id, month, months, amount_fen, monthly_fen,
      original_value_fen, useful_life_months, accumulated_before_fen, accumulated_after_fen, method, workload)
    SELECT ${runId}, card_id, ${unitId}, category_id, ${month}::date, months, amount_fen, monthly_fen,
      original_value_fen, useful_life_months, accumulated_before_fen, accumulated_before_fen + amount_fen, method, workload
    FROM (${chargesSql(unitId, month)}) ch`);
  // Relative update: a revaluation committed meanwhile is not overwritten.
  await q.execute(sql`
    UPDATE cards c SET accumulated_depreciation_fen = c.accumulated_depreciation_fen + e.amount_fen
    FROM depreciation_entries e WHERE e.run_id = ${runId} AND c.id = e.card_id`);
  const [t] = await query<{ n: number; total: number }>(q, sql`
    SELECT count(*)::int AS n, coalesce(sum(amount_fen), 0)::bigint AS total FROM depreciation_entries WHERE run_id = ${runId}`);
  return { cardCount: t.n, totalFen: Number(t.total) };
}

/** Takes an open run's entries back off the cards and deletes them (a re-run replaces the month). */
export async function reverseDepreciation(q: Queryable, runId: string): Promise<void> {
  await q.execute(sql`
    UPDATE cards c SET accumulated_depreciation_fen = c.accumulated_depreciation_fen - e.amount_fen
    FROM depreciation_entries e WHERE e.run_id = ${runId} AND c.id = e.card_id`);
  await q.execute(sql`DELETE FROM depreciation_entries WHERE run_id = ${runId}`);
}
