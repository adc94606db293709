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
  unit_id: string;
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

const uuidArray = (ids: string[]) => sql`ARRAY[${sql.join(ids.map((i) => sql`${i}`), sql`, `)}]::uuid[]`;

/**
 * Every card of the units that `month` ('YYYY-MM-01') charges, with the amount — the SQL twin of
 * chargeForMonth in finance/depreciation.rules.ts (the tests hold one against the other).
 */
export function chargesSql(unitIds: string[], month: string): SQL {
  return sql`
    WITH params AS (
      SELECT ${month}::date AS m0, (${month}::date + interval '1 month' - interval '1 day')::date AS m1,
             (extract(year FROM ${month}::date) * 12 + extract(month FROM ${month}::date) - 1)::int AS mi
    ),
    cand AS (
      SELECT c.id, c.unit_id, c.card_no, c.name, c.category_id, c.depreciation_method AS method,
             c.original_value_fen AS v, c.accumulated_depreciation_fen AS a, c.useful_life_months AS life,
             c.total_workload AS tw,
             (extract(year FROM c.posted_on) * 12 + extract(month FROM c.posted_on) - 1)::int AS posted_i,
             (extract(year FROM coalesce(pm.month, p.month)) * 12 + extract(month FROM coalesce(pm.month, p.month)) - 1)::int AS prev_i,
             coalesce(pm.monthly_fen, p.monthly_fen) AS prev_monthly, coalesce(pm.original_value_fen, p.original_value_fen) AS prev_v,
             CASE WHEN pm.card_id IS NOT NULL THEN pm.useful_life_months ELSE p.useful_life_months END AS prev_life,
             w.workload AS w, coalesce(wb.before, 0) AS wb, params.mi
      FROM params
      JOIN cards c ON c.unit_id = ANY(${uuidArray(unitIds)})
      JOIN categories k ON k.id = c.category_id
      -- The previous entry is almost always last month's, found in one join; only cards without one
      -- (new, catching up, or moved between units) look further back, one index probe each.
      LEFT JOIN depreciation_entries pm ON pm.card_id = c.id AND pm.unit_id = ANY(${uuidArray(unitIds)})
        AND pm.month = (params.m0 - interval '1 month')::date AND c.depreciation_method = 'straight_line'
      LEFT JOIN LATERAL (
        SELECT e.month, e.monthly_fen, e.original_value_fen, e.useful_life_months FROM depreciation_entries e
        WHERE pm.card_id IS NULL AND c.depreciation_method = 'straight_line' AND e.card_id = c.id AND e.month < params.m0
        ORDER BY e.month DESC LIMIT 1
      ) p ON true
      LEFT JOIN depreciation_workloads w ON c.depreciation_method = 'units_of_production' AND w.card_id = c.id AND w.month = params.m0
      LEFT JOIN LATERAL (
        SELECT sum(e.workload) AS before FROM depreciation_entries e
        WHERE c.depreciation_method = 'units_of_production' AND e.card_id = c.id AND e.month < params.m0
      ) wb ON true
      WHERE k.depreciable AND c.depreciation_method IN ('straight_line', 'units_of_production')
        AND c.original_value_fen > ${NOMINAL_VALUE_FEN} AND c.accumulated_depreciation_fen < c.original_value_fen
        AND c.posted_on IS NOT NULL AND c.posted_on <= params.m1
        AND (c.disposed_on > params.m1 OR (c.disposed_on IS NULL AND c.status <> 'disposed'))
        -- Charged this month already by the unit it has since left: one month, one charge.
        AND c.id NOT IN (SELECT t.card_id FROM depreciation_entries t WHERE t.month = ${month}::date)
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
    SELECT id AS card_id, unit_id, card_no, name, category_id, method, v AS original_value_fen, life AS useful_life_months,
           a AS accumulated_before_fen, amount::bigint AS amount_fen,
           (CASE WHEN method = 'straight_line' THEN monthly_sl ELSE amount END)::bigint AS monthly_fen,
           (CASE WHEN method = 'straight_line' THEN months ELSE 1 END)::int AS months, w AS workload
    FROM charged WHERE amount > 0`;
}

export async function previewCharges(q: Queryable, unitId: string, month: string): Promise<ChargeRow[]> {
  return query<ChargeRow>(q, sql`${chargesSql([unitId], month)} ORDER BY card_no`);
}

/**
 * Charges `month` to every card of `unitIds`, whose open runs for the month exist (and hold no
 * entries): inserts the entries, linked to each unit's run, and adds them to the cards. All units
 * in three statements, so a month over a million cards is one pass, not one per unit. Call inside
 * the run's transaction.
 */
export async function applyDepreciation(q: Queryable, unitIds: string[], month: string): Promise<void> {
  if (unitIds.length === 0) return;
  // MATERIALIZED: the charges are computed once, whatever the planner guesses about the fresh runs.
  await q.execute(sql`
    WITH ch AS MATERIALIZED (SELECT * FROM (${chargesSql(unitIds, month)}) x)
    INSERT INTO depreciation_entries (run_id, card_id, unit_id, category_id, month, months, amount_fen, monthly_fen,
      original_value_fen, useful_life_months, accumulated_before_fen, accumulated_after_fen, method, workload)
    SELECT r.id, ch.card_id, ch.unit_id, ch.category_id, ${month}::date, ch.months, ch.amount_fen, ch.monthly_fen,
      ch.original_value_fen, ch.useful_life_months, ch.accumulated_before_fen, ch.accumulated_before_fen + ch.amount_fen, ch.method, ch.workload
    FROM ch JOIN depreciation_runs r ON r.unit_id = ch.unit_id AND r.month = ${month}::date`);
  // Relative update: a revaluation committed meanwhile is not overwritten.
  await q.execute(sql`
    UPDATE cards c SET accumulated_depreciation_fen = c.accumulated_depreciation_fen + e.amount_fen
    FROM depreciation_entries e
    WHERE e.month = ${month}::date AND e.unit_id = ANY(${uuidArray(unitIds)}) AND c.id = e.card_id`);
}

/** Takes open runs' entries back off the cards and deletes them (a re-run replaces the month). */
export async function reverseDepreciation(q: Queryable, runIds: string[]): Promise<void> {
  if (runIds.length === 0) return;
  await q.execute(sql`
    UPDATE cards c SET accumulated_depreciation_fen = c.accumulated_depreciation_fen - e.amount_fen
    FROM depreciation_entries e WHERE e.run_id = ANY(${uuidArray(runIds)}) AND c.id = e.card_id`);
  await q.execute(sql`DELETE FROM depreciation_entries WHERE run_id = ANY(${uuidArray(runIds)})`);
}
