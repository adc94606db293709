// The month's charges: finance's arithmetic, as SQL. A month's run for a unit is a few set-based
// statements, never a loop over cards: compute every eligible card's charge, insert them as
// entries, and hand the cards' deltas to assets (the only writer of cards), which adds them.
//
// Ledger decision: a monthly charge is not a card_events row (a million cards would add a million
// events a month). depreciation_entries is the ledger of accumulated depreciation, linked to its
// run; cards.accumulated_depreciation_fen is its running balance, and the card timeline reads the
// entries beside the events.
import { uuidArray } from '../../platform/db/sql-arrays.ts';
import { sql, type SQL } from 'drizzle-orm';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { addAccumulatedDepreciation } from '../assets/index.ts';

/**
 * The write-off (盘亏核销) a closed count put the card on, unless rejected or withdrawn, when the count's
 * base date (基准日, the day its result holds for) is before `monthStart`: inventory's and workflow's
 * tables, read (never written) here.
 */
export const pendingLossSql = (cardId: SQL, monthStart: SQL): SQL => sql`
  SELECT 1 FROM count_documents cd JOIN counts ct ON ct.id = cd.count_id
  JOIN documents d ON d.id = cd.document_id JOIN document_lines dl ON dl.document_id = d.id
  WHERE cd.kind = 'loss' AND dl.card_id = ${cardId} AND d.status NOT IN ('rejected', 'withdrawn')
    AND ct.base_date < ${monthStart}`;

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

/**
 * Every card of the units that `month` ('YYYY-MM-01') charges, with the amount — the SQL twin of
 * chargeForMonth in finance/depreciation.rules.ts (the tests hold one against the other).
 * `replacing`: open runs of this month that the charges replace (a re-run); their entries are read
 * as if already taken back off, so nothing has to be reversed before computing.
 */
export function chargesSql(unitIds: string[], month: string, replacing: string[] = []): SQL {
  const re = replacing.length > 0;
  // The card's accumulated depreciation before this month's charge.
  const acc = re ? sql`(c.accumulated_depreciation_fen - coalesce(o.amount_fen, 0))` : sql`c.accumulated_depreciation_fen`;
  return sql`
    WITH params AS (
      SELECT ${month}::date AS m0, (${month}::date + interval '1 month' - interval '1 day')::date AS m1,
             (date_part('year', ${month}::date) * 12 + date_part('month', ${month}::date))::int - 1 AS mi
    ),
    cand AS (
      SELECT c.id, c.unit_id, c.card_no, c.name, c.category_id, c.depreciation_method AS method,
             c.original_value_fen AS v, ${acc} AS a, c.useful_life_months AS life,
             c.total_workload AS tw,
             st.first_i, st.life_i,
             (date_part('year', coalesce(pm.month, p.month)) * 12 + date_part('month', coalesce(pm.month, p.month)))::int - 1 AS prev_i,
             coalesce(pm.monthly_fen, p.monthly_fen) AS prev_monthly, coalesce(pm.original_value_fen, p.original_value_fen) AS prev_v,
             CASE WHEN pm.card_id IS NOT NULL THEN pm.useful_life_months ELSE p.useful_life_months END AS prev_life,
             w.workload AS w, coalesce(wb.before, 0) AS wb, params.mi
      FROM params
      JOIN cards c ON c.unit_id = ANY(${uuidArray(unitIds)})
      JOIN categories k ON k.id = c.category_id
      -- depreciationStart in finance/depreciation.rules.ts: the first chargeable month, and the month
      -- the life counts from (an opening balance holds its months up to the takeover month).
      CROSS JOIN LATERAL (SELECT (date_part('year', coalesce(c.recognized_on, c.posted_on)) * 12
                                  + date_part('month', coalesce(c.recognized_on, c.posted_on)))::int - 1 AS rec_i,
                                 (date_part('year', c.opening_month) * 12 + date_part('month', c.opening_month))::int - 1 AS open_i OFFSET 0) sm
      CROSS JOIN LATERAL (SELECT greatest(sm.open_i + 1, sm.rec_i) AS first_i,
                                 greatest(sm.open_i + 1, sm.rec_i) - coalesce(c.opening_depreciated_months, 0) AS life_i OFFSET 0) st
      ${re ? sql`LEFT JOIN depreciation_entries o ON o.card_id = c.id AND o.month = params.m0 AND o.run_id = ANY(${uuidArray(replacing)})` : sql``}
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
      WHERE k.depreciable AND c.depreciation_method IN ('straight_line', 'units_of_production') AND c.asset_kind <> 'low_value'
        AND c.original_value_fen > ${NOMINAL_VALUE_FEN} AND ${acc} < c.original_value_fen
        AND c.posted_on IS NOT NULL AND c.posted_on <= params.m1
        AND (c.disposed_on > params.m1 OR (c.disposed_on IS NULL AND c.status NOT IN ('disposed', 'missing')))
        -- 盘亏 (docs/domain.md §6): a card a count confirmed missing is out of the base from the month after
        -- the count's base date, while its write-off is pending (or executed: then it is disposed as well);
        -- a write-off rejected or withdrawn (the card found) puts it back, the months missed caught up.
        AND NOT EXISTS (${pendingLossSql(sql`c.id`, sql`params.m0`)})
        -- Charged this month already by the unit it has since left: one month, one charge.
        AND NOT EXISTS (SELECT 1 FROM depreciation_entries t WHERE t.card_id = c.id AND t.month = params.m0
                        ${re ? sql`AND t.run_id <> ALL(${uuidArray(replacing)})` : sql``})
    ),
    -- Each step is a LATERAL with OFFSET 0 so it is computed once per card; inlined, the planner
    -- would repeat every expression wherever it is used (tens of times per card at a million cards).
    charged AS (
      SELECT cand.*, s1.*, s2.*, s3.*, s4.*
      FROM cand
      CROSS JOIN LATERAL (SELECT (cand.v - cand.a) AS lft, greatest(cand.first_i, coalesce(cand.prev_i + 1, cand.first_i)) AS start_i OFFSET 0) s1
      CROSS JOIN LATERAL (SELECT (cand.mi - s1.start_i + 1) AS months, (cand.life - (s1.start_i - cand.life_i)) AS rem OFFSET 0) s2
      CROSS JOIN LATERAL (SELECT
        CASE WHEN cand.prev_i = s1.start_i - 1 AND cand.prev_v = cand.v AND cand.prev_life IS NOT DISTINCT FROM cand.life THEN cand.prev_monthly
             WHEN s2.rem <= 0 THEN s1.lft
             ELSE (2 * s1.lft + s2.rem) / (2 * s2.rem) END AS monthly_sl OFFSET 0) s3
      CROSS JOIN LATERAL (SELECT
        CASE WHEN cand.method = 'straight_line' THEN
               CASE WHEN s2.rem - s2.months <= 0 THEN s1.lft ELSE least(s1.lft, s3.monthly_sl * s2.months) END
             ELSE
               CASE WHEN cand.w >= cand.tw - cand.wb THEN s1.lft ELSE least(s1.lft, round(s1.lft::numeric * cand.w / (cand.tw - cand.wb))::bigint) END
        END AS amount OFFSET 0) s4
      WHERE (cand.method = 'straight_line' AND cand.life > 0 AND s1.start_i <= cand.mi)
         OR (cand.method = 'units_of_production' AND cand.w > 0 AND cand.tw > 0)
    )
    SELECT id AS card_id, unit_id, card_no, name, category_id, method, v AS original_value_fen, life AS useful_life_months,
           a AS accumulated_before_fen, amount::bigint AS amount_fen,
           (CASE WHEN method = 'straight_line' THEN monthly_sl ELSE amount END)::bigint AS monthly_fen,
           (CASE WHEN method = 'straight_line' THEN months ELSE 1 END)::int AS months, w AS workload
    FROM charged WHERE amount > 0`;
}

export async function previewCharges(q: Queryable, unitId: string, month: string, replacing: string[] = []): Promise<ChargeRow[]> {
  return query<ChargeRow>(q, sql`${chargesSql([unitId], month, replacing)} ORDER BY card_no`);
}

/**
 * Charges `month` to every card of `unitIds`, whose open runs for the month exist. `replacing`
 * names those runs when they already hold entries (a re-run): the new charges are computed as if
 * those entries were gone, then only the differences are written — cards move by new minus old
 * charge (nothing, for a card whose charge did not change), entries that changed or lapsed are
 * deleted and the new or changed ones inserted. A re-run of an unchanged month thus writes almost
 * nothing. The charges are computed once into a temporary table, wholly before anything is written,
 * so no lookup ever reads the ledger it is changing. Call inside the run's transaction.
 */
export async function applyDepreciation(q: Queryable, unitIds: string[], month: string, replacing: string[] = []): Promise<void> {
  if (unitIds.length === 0) return;
  const re = replacing.length > 0;
  await q.execute(sql`DROP TABLE IF EXISTS pg_temp.depreciation_charges`);
  await q.execute(sql`CREATE TEMP TABLE depreciation_charges ON COMMIT DROP AS
    SELECT x.*, r.id AS run_id FROM (${chargesSql(unitIds, month, replacing)}) x JOIN depreciation_runs r ON r.unit_id = x.unit_id AND r.month = ${month}::date`);
  // Each card moves by new minus old charge; assets adds it (relative, so a revaluation committed meanwhile stands).
  await addAccumulatedDepreciation(
    q,
    re
      ? sql`SELECT card_id, sum(x)::bigint AS delta FROM (
            SELECT card_id, amount_fen AS x FROM depreciation_charges
            UNION ALL SELECT card_id, -amount_fen FROM depreciation_entries WHERE run_id = ANY(${uuidArray(replacing)})
          ) t GROUP BY card_id HAVING sum(x) <> 0`
      : sql`SELECT card_id, amount_fen AS delta FROM depreciation_charges`,
  );
  if (re)
    await q.execute(sql`
    DELETE FROM depreciation_entries e WHERE e.run_id = ANY(${uuidArray(replacing)}) AND NOT EXISTS (
      SELECT 1 FROM depreciation_charges ch WHERE ch.card_id = e.card_id AND ch.run_id = e.run_id AND ch.category_id = e.category_id
        AND ch.months = e.months AND ch.amount_fen = e.amount_fen AND ch.monthly_fen = e.monthly_fen
        AND ch.original_value_fen = e.original_value_fen AND ch.useful_life_months IS NOT DISTINCT FROM e.useful_life_months
        AND ch.accumulated_before_fen = e.accumulated_before_fen AND ch.method = e.method AND ch.workload IS NOT DISTINCT FROM e.workload)`);
  await q.execute(sql`
    INSERT INTO depreciation_entries (run_id, card_id, unit_id, category_id, month, months, amount_fen, monthly_fen,
      original_value_fen, useful_life_months, accumulated_before_fen, accumulated_after_fen, method, workload)
    SELECT ch.run_id, ch.card_id, ch.unit_id, ch.category_id, ${month}::date, ch.months, ch.amount_fen, ch.monthly_fen,
      ch.original_value_fen, ch.useful_life_months, ch.accumulated_before_fen, ch.accumulated_before_fen + ch.amount_fen, ch.method, ch.workload
    FROM depreciation_charges ch
    ${re ? sql`WHERE NOT EXISTS (SELECT 1 FROM depreciation_entries e WHERE e.run_id = ch.run_id AND e.card_id = ch.card_id)` : sql``}`);
  // The run's seal (depreciation_runs.digest) is written by the caller once the run's totals are in.
  await q.execute(sql`DROP TABLE pg_temp.depreciation_charges`);
  // The embedded engine has no autovacuum: fresh statistics keep next month's lookups on the indexes.
  await q.execute(sql`ANALYZE depreciation_entries`);
}
