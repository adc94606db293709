// 资产情况表: opening, additions, reductions and closing by category × unit, as one set-based query.
// A card's figures at any date are derived from its current row and what happened after that date
// (revaluation events, and depreciation entries read as yearly roll-ups), so "opening" of one
// period is exactly "closing" of the period before, and opening + additions − reductions = closing
// holds card by card:
//   count:  on the books at the day before `from`, posted in the period, disposed in the period
//   value:  value then; + value at posting; + revaluations up; − revaluations down; − value at disposal
//   depreciation: accumulated then; + accumulated brought at posting; + charged in the period; − at disposal
import { uuidArray } from '../../platform/db/sql-arrays.ts';
import { sql, type SQL } from 'drizzle-orm';
import type { Amounts, ReportFilter, SummaryRow, SummaryView } from '../../../shared/reports.contracts.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
// Months counted from year 0, year × 12 + month − 1 (in SQL, of the day after a date: depreciation_month_after).
import { monthIndex } from '../../../shared/dates.ts';
import { inScope } from '../../platform/auth/actor.ts';
import { classCodeAt, reportClassesSql } from './edition-map.queries.ts';
import { businessDayOf, businessDayStart } from '../../platform/clock.ts';

export const monthFirst = (m: string) => `${m}-01`;
export const monthLast = (m: string) => {
  const [y, mo] = m.split('-').map(Number);
  return new Date(Date.UTC(y, mo, 0)).toISOString().slice(0, 10);
};
export const dayBefore = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86400000).toISOString().slice(0, 10);

/** Cards in the filter and scope (alias c, with category k). */
export async function cardFilterSql(
  q: Queryable,
  f: Pick<ReportFilter, 'unitId' | 'categoryId'>,
  scope: 'all' | string[],
  unitColumn = 'c.unit_id',
): Promise<SQL> {
  let catPath: string | undefined;
  if (f.categoryId)
    catPath = (await queryOne<{ path: string }>(q, sql`SELECT path FROM categories WHERE id = ${f.categoryId}`))?.path ?? '/none/';
  return sql`${inScope(unitColumn, scope)} ${f.unitId ? sql`AND ${sql.raw(unitColumn)} = ${f.unitId}` : sql``} ${catPath ? sql`AND k.path LIKE ${`${catPath}%`}` : sql``}`;
}

interface Raw {
  unit_id: string;
  unit_name: string;
  cat_code: string;
  cat_name: string | null;
  acq: string;
  disp: string | null;
  open_n: number;
  open_v: number;
  open_a: number;
  add_n: number;
  add_v: number;
  add_a: number;
  up: number;
  down: number;
  dep: number;
  red_n: number;
  red_v: number;
  red_a: number;
  close_n: number;
  close_v: number;
  close_a: number;
  close_nf: number;
}

const amounts = (count: number, valueFen: number, accumulatedFen: number): Amounts => ({
  count,
  valueFen,
  accumulatedFen,
  netFen: valueFen - accumulatedFen,
});
export const emptyRow = (unitId: string | null, unitName: string, categoryCode: string, categoryName: string): SummaryRow => ({
  unitId,
  unitName,
  categoryCode,
  categoryName,
  opening: amounts(0, 0, 0),
  additions: { ...amounts(0, 0, 0), byMethod: {} },
  valueIncreaseFen: 0,
  valueDecreaseFen: 0,
  depreciationFen: 0,
  reductions: { ...amounts(0, 0, 0), byMethod: {} },
  closing: amounts(0, 0, 0),
});

function addInto(row: SummaryRow, r: Raw | SummaryRow): void {
  const isRaw = (x: Raw | SummaryRow): x is Raw => 'open_n' in x;
  const inc = (a: Amounts, n: number, v: number, acc: number) => {
    a.count += n;
    a.valueFen += v;
    a.accumulatedFen += acc;
    a.netFen = a.valueFen - a.accumulatedFen;
  };
  if (isRaw(r)) {
    inc(row.opening, r.open_n, Number(r.open_v), Number(r.open_a));
    inc(row.additions, r.add_n, Number(r.add_v), Number(r.add_a));
    inc(row.reductions, r.red_n, Number(r.red_v), Number(r.red_a));
    inc(row.closing, r.close_n, Number(r.close_v), Number(r.close_a));
    row.valueIncreaseFen += Number(r.up);
    row.valueDecreaseFen += Number(r.down);
    row.depreciationFen += Number(r.dep);
    if (r.add_n) {
      const m = (row.additions.byMethod[r.acq] ??= { count: 0, valueFen: 0 });
      m.count += r.add_n;
      m.valueFen += Number(r.add_v);
    }
    if (r.red_n && r.disp) {
      const m = (row.reductions.byMethod[r.disp] ??= { count: 0, valueFen: 0 });
      m.count += r.red_n;
      m.valueFen += Number(r.red_v);
    }
  } else {
    inc(row.opening, r.opening.count, r.opening.valueFen, r.opening.accumulatedFen);
    inc(row.additions, r.additions.count, r.additions.valueFen, r.additions.accumulatedFen);
    inc(row.reductions, r.reductions.count, r.reductions.valueFen, r.reductions.accumulatedFen);
    inc(row.closing, r.closing.count, r.closing.valueFen, r.closing.accumulatedFen);
    row.valueIncreaseFen += r.valueIncreaseFen;
    row.valueDecreaseFen += r.valueDecreaseFen;
    row.depreciationFen += r.depreciationFen;
    for (const [k, v] of Object.entries(r.additions.byMethod)) {
      const m = (row.additions.byMethod[k] ??= { count: 0, valueFen: 0 });
      m.count += v.count;
      m.valueFen += v.valueFen;
    }
    for (const [k, v] of Object.entries(r.reductions.byMethod)) {
      const m = (row.reductions.byMethod[k] ??= { count: 0, valueFen: 0 });
      m.count += v.count;
      m.valueFen += v.valueFen;
    }
  }
}

/**
 * Ledger events that change figures the report derives history from: a value (any event whose
 * `before` carries originalValueFen or accumulatedDepreciationFen: a change, not a creation) or the owner unit (a
 * transfer out). The partial index in migrations/post/050_reports.sql covers exactly this predicate.
 */
export const FIGURE_EVENTS = sql`(e.before ? 'originalValueFen' OR e.before ? 'accumulatedDepreciationFen' OR e.type = 'transferred_out')`;

/**
 * How an addition counts: by its acquisition method, except a late entry whose real date lies in an
 * earlier year than the month it was booked in (a closed year): an adjustment of prior years
 * (以前年度盈余调整), shown apart from the year's acquisitions.
 */
export const PRIOR_YEAR_ADJUSTMENT = 'prior_year_adjustment';
/** Low-value items (低值易耗品) are registered and counted but stay outside the fixed-asset totals (their own line). */
const FIXED = sql.raw(`c.asset_kind <> 'low_value'`);
const ACQ = sql.raw(
  `CASE WHEN c.recognized_on < date_trunc('year', c.posted_on) THEN '${PRIOR_YEAR_ADJUSTMENT}' ELSE c.acquisition_method END`,
);

/**
 * The cards ever transferred between units, read before the report's statement (card_events_transfers_idx):
 * passed as a list, they spare the scans of cards and roll-ups an anti-join of every row against the transfers.
 */
export async function transferredCards(q: Queryable): Promise<string[]> {
  const rows = await query<{ card_id: string }>(q, sql`SELECT DISTINCT card_id FROM card_events WHERE type = 'transferred_out'`);
  return rows.map((r) => r.card_id);
}

/** Not one of the cards ever transferred: with their list, a filter on the row; without, against the CTE tr. */
const notMoved = (column: string, moved?: string[]): SQL =>
  moved === undefined
    ? sql`NOT EXISTS (SELECT 1 FROM tr WHERE tr.card_id = ${sql.raw(column)})`
    : moved.length
      ? sql`${sql.raw(column)} <> ALL(${uuidArray(moved)})`
      : sql`true`;

/** A card never transferred (c) with a segment in the period (see segmentsSql). */
const keptSegmentWhere = (openD: string, closeD: string, moved?: string[]): SQL => sql`
  c.posted_on <= ${closeD}::date AND (c.disposed_on IS NULL OR (c.disposed_on > ${openD}::date AND c.disposed_on >= c.posted_on))
  AND ${notMoved('c.id', moved)} AND ${FIXED}`;

/**
 * The CTEs tr (transfers, numbered per card), seg_moved and seg: a card's time in each
 * owner unit — from posting (or a transfer in) to disposal (or a transfer out) — kept when it
 * overlaps the period. The summary and the additions and disposals lists count the same segments.
 * `untransferred` narrows the (nearly all) cards never transferred, on their own columns. `moved`: the
 * cards ever transferred (transferredCards), read before; the statement's transfers are theirs.
 */
export function segmentsSql(openD: string, closeD: string, untransferred: SQL = sql``, moved?: string[]): SQL {
  // Transfers from their own partial index (card_events_transfers_idx, migrations/post/246).
  return sql`
    tr AS (
      SELECT e.card_id, ${businessDayOf('e.occurred_at')} AS d, (e.before->>'unitId')::uuid AS from_u, (e.after->>'unitId')::uuid AS to_u,
             row_number() OVER (PARTITION BY e.card_id ORDER BY e.seq) AS rn
      FROM card_events e WHERE e.type = 'transferred_out' AND e.after->>'unitId' IS NOT NULL
        ${moved === undefined ? sql`` : moved.length ? sql`AND e.card_id = ANY(${uuidArray(moved)})` : sql`AND false`}
    ),
    -- Cards transferred between units: one segment per owner (a handful; materialized, read by
    -- the summary apart from the cards never transferred, which it reads on their own columns).
    seg_moved AS MATERIALIZED (
      SELECT x.* FROM (
        SELECT c.id, t1.from_u AS unit_id, c.posted_on AS s_on, t1.d AS e_on, ${ACQ} AS acq, 'transfer_out' AS disp,
               c.original_value_fen AS v, c.accumulated_depreciation_fen AS a, c.category_id, c.quantity AS qty,
               c.non_fiscal_funding_fen AS nf
        FROM tr t1 JOIN cards c ON c.id = t1.card_id WHERE t1.rn = 1 AND ${FIXED}
        UNION ALL
        SELECT t.card_id, t.to_u, t.d, coalesce(nt.d, c.disposed_on), 'transfer_in',
               CASE WHEN nt.d IS NOT NULL THEN 'transfer_out' ELSE c.disposal_method END,
               c.original_value_fen, c.accumulated_depreciation_fen, c.category_id, c.quantity, c.non_fiscal_funding_fen
        FROM tr t JOIN cards c ON c.id = t.card_id LEFT JOIN tr nt ON nt.card_id = t.card_id AND nt.rn = t.rn + 1
        WHERE ${FIXED}
      ) x
      WHERE x.s_on IS NOT NULL AND x.s_on <= ${closeD}::date AND (x.e_on IS NULL OR (x.e_on > ${openD}::date AND x.e_on >= x.s_on))
    ),
    -- A card's time in each owner unit: from posting (or a transfer in) to disposal (or a transfer out),
    -- kept when it overlaps the period. Cards never transferred (nearly all) are filtered on their own
    -- columns, so the planner's row estimate is right and the joins below hash instead of sorting.
    -- NOT MATERIALIZED: seg names it too, and PostgreSQL counts that even where seg goes unread (the
    -- summary), which would store every row instead of streaming them into one scan shared by workers.
    seg_kept AS NOT MATERIALIZED (
      SELECT c.id, c.unit_id, c.posted_on AS s_on, c.disposed_on AS e_on, ${ACQ} AS acq, c.disposal_method AS disp,
             c.original_value_fen AS v, c.accumulated_depreciation_fen AS a, c.category_id, c.quantity AS qty,
             c.non_fiscal_funding_fen AS nf
      FROM cards c
      WHERE ${keptSegmentWhere(openD, closeD, moved)} ${untransferred}
    ),
    seg AS (SELECT * FROM seg_kept UNION ALL SELECT * FROM seg_moved)`;
}

/**
 * The summary joins the segments (a materialized union, without statistics) to the changes: the
 * planner guesses billions of rows and thousands of groups, then sorts a million rows on each side
 * for a merge join and again for grouping (~1 s at a million cards). Hashing is right for a few
 * hundred groups; these settings hold for this one statement only.
 */
async function withPlannerHints<T>(q: Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return withTx(q, async (tx) => {
    await tx.execute(sql`SET LOCAL enable_mergejoin = off`);
    await tx.execute(sql`SET LOCAL enable_sort = off`);
    const out = await fn(tx);
    await tx.execute(sql`SET LOCAL enable_mergejoin TO DEFAULT`);
    await tx.execute(sql`SET LOCAL enable_sort TO DEFAULT`);
    return out;
  });
}

/**
 * In the dep CTEs: the sum of a depreciation_card_years row's entries for month index `t` and later.
 * cum[k] sums months 1..k of r.year, so that is cum[12] less cum[the year's months before t]
 * (cum[0], out of range, is null: nothing before January).
 */
const after = (t: SQL) => sql`(r.cum[12] - coalesce(r.cum[least(greatest(${t} - r.year * 12, 0), 12)], 0))`;

/**
 * The summary's parts: rows of (unit, leaf category, acquisition, disposal) with every figure, before
 * they are rolled up to a category level. `exclude`: units whose figures come from elsewhere (a
 * closed period's snapshot). Ends with the CTE "parts".
 */
export async function summaryPartsSql(q: Queryable, f: ReportFilter, scope: 'all' | string[], exclude: string[] = []): Promise<SQL> {
  const openD = dayBefore(monthFirst(f.from));
  const closeD = monthLast(f.to);
  const where = await cardFilterSql(q, { categoryId: f.categoryId }, 'all');
  const moved = await transferredCards(q);
  const unitWhere = sql`${inScope('s.unit_id', scope)} ${f.unitId ? sql`AND s.unit_id = ${f.unitId}` : sql``} ${notIn('s.unit_id', exclude)}`;
  // Segment rows s (segmentsSql's columns) in the filter, as the parts below read them.
  const baseOf = (src: SQL) => sql`
      SELECT s.id AS card_id, s.unit_id, s.category_id, s.acq, s.disp, s.s_on AS posted_on, s.e_on AS disposed_on, s.v, s.a, s.qty, s.nf,
             (s.s_on <= ${openD}::date) AS in_open, (s.e_on IS NOT NULL AND s.e_on <= ${closeD}::date) AS removed
      FROM ${src} s
      WHERE ${unitWhere}
        ${f.categoryId ? sql`AND s.category_id IN (SELECT k.id FROM categories k WHERE ${where})` : sql``}`;
  const fromI = monthIndex(f.from);
  const toNextI = monthIndex(f.to) + 1;
  const fromYear = Number(f.from.slice(0, 4));
  // A segment on the books from sOn to eOn (null: still): whether it was on the books before the
  // period, whether it left within it, and as month indexes (year × 12 + month − 1) the first month
  // whose entries follow its posting and its leaving — a depreciation entry is dated its month's last
  // day, so "after day X" is "month ≥ the month of X + 1" — and the month its depreciation in the
  // period stops (its leaving, or the month after the period).
  // (The roll-up stores the two month indexes: see depreciation_card_years.)
  const thresholds = (
    sOn: SQL,
    eOn: SQL,
    postI = sql`depreciation_month_after(${sOn})`,
    dispI = sql`depreciation_month_after(${eOn})`,
  ) => sql`
    (${sOn} <= ${openD}::date) AS in_open, (${eOn} IS NOT NULL AND ${eOn} <= ${closeD}::date) AS removed,
    ${postI} AS post_i, ${dispI} AS disp_i, CASE WHEN ${eOn} IS NOT NULL AND ${eOn} <= ${closeD}::date THEN ${dispI} ELSE ${toNextI} END AS end_i`;
  // Over roll-up rows r with those thresholds: entries from the period's first month on roll the
  // opening (or, for a segment posted in the period, its figures at posting), the removal and the
  // closing back; those from posting (or the period's start) to leaving (or its end) are its depreciation.
  const depTerms = sql`
    0 AS open_n, 0 AS open_v, -coalesce(sum(${after(sql`${fromI}`)}) FILTER (WHERE r.in_open), 0) AS open_a,
    0 AS add_n, 0 AS add_v, -coalesce(sum(${after(sql`greatest(${fromI}, r.post_i)`)}) FILTER (WHERE NOT r.in_open), 0) AS add_a,
    0 AS up, 0 AS down,
    coalesce(sum(${after(sql`greatest(${fromI}, r.post_i)`)} - ${after(sql`r.end_i`)}) FILTER (WHERE greatest(${fromI}, r.post_i) < r.end_i), 0) AS dep,
    0 AS red_n, 0 AS red_v, -coalesce(sum(${after(sql`greatest(${fromI}, r.disp_i)`)}) FILTER (WHERE r.removed), 0) AS red_a,
    0 AS close_n, 0 AS close_v, -coalesce(sum(${after(sql`${toNextI}`)}) FILTER (WHERE NOT r.removed), 0) AS close_a, 0 AS close_nf`;
  // Over segment rows (baseOf's columns): the figures as they stand now, the columns of cur.
  const curTerms = sql`
    coalesce(sum(qty) FILTER (WHERE in_open), 0)::int AS open_n, coalesce(sum(v) FILTER (WHERE in_open), 0) AS open_v, coalesce(sum(a) FILTER (WHERE in_open), 0) AS open_a,
    coalesce(sum(qty) FILTER (WHERE NOT in_open), 0)::int AS add_n, coalesce(sum(v) FILTER (WHERE NOT in_open), 0) AS add_v, coalesce(sum(a) FILTER (WHERE NOT in_open), 0) AS add_a,
    0::bigint AS up, 0::bigint AS down, 0::bigint AS dep,
    coalesce(sum(qty) FILTER (WHERE removed), 0)::int AS red_n, coalesce(sum(v) FILTER (WHERE removed), 0) AS red_v, coalesce(sum(a) FILTER (WHERE removed), 0) AS red_a,
    coalesce(sum(qty) FILTER (WHERE NOT removed), 0)::int AS close_n, coalesce(sum(v) FILTER (WHERE NOT removed), 0) AS close_v, coalesce(sum(a) FILTER (WHERE NOT removed), 0) AS close_a,
    coalesce(sum(nf) FILTER (WHERE NOT removed), 0) AS close_nf`;
  return sql`
    ${segmentsSql(openD, closeD, sql``, moved)},
    -- Segments in the period, keyed by what the report groups on (category mapped to its level at the end):
    -- base (read once, by cur: the one scan of cards, aggregated as it streams, never stored) and apart
    -- the segments of transferred cards and of cards with changes, which the other parts join (small).
    base AS NOT MATERIALIZED (${baseOf(sql`seg_kept`)}),
    moved_base AS MATERIALIZED (${baseOf(sql`seg_moved`)}),
    -- Changes after the day before the period: enough to roll every figure back to any date in it.
    -- (The period's depreciation entries are the other changes: see dep_kept and dep_moved below.)
    -- Read by time from their partial index (card_events_figures_idx, migrations/post/050): the
    -- period's and later ones only, however long the ledger has grown.
    chg AS (
      SELECT x.card_id, x.d, x.dv, x.da FROM (
        SELECT e.card_id, ${businessDayOf('e.occurred_at')} AS d,
               coalesce((e.after->>'originalValueFen')::bigint - (e.before->>'originalValueFen')::bigint, 0) AS dv,
               coalesce((e.after->>'accumulatedDepreciationFen')::bigint - (e.before->>'accumulatedDepreciationFen')::bigint, 0) AS da
        FROM card_events e WHERE ${FIGURE_EVENTS} AND e.occurred_at >= ${businessDayStart(openD, 1)}
      ) x WHERE x.dv <> 0 OR x.da <> 0
    ),
    -- A figure at a date is the current one less the changes after that date. Both are sums, so the
    -- current figures (one pass over the segments) and the changes (one pass over the changes joined
    -- to their segments) are aggregated separately straight into the report's groups, never per card.
    -- Apart for the cards never transferred (one scan of cards, which PostgreSQL may share among
    -- parallel workers: nothing materialized is in its way) and the segments of the others.
    cur AS (
      SELECT unit_id, category_id, acq, CASE WHEN removed THEN disp END AS disp, ${curTerms} FROM base GROUP BY 1, 2, 3, 4
      UNION ALL
      SELECT unit_id, category_id, acq, CASE WHEN removed THEN disp END AS disp, ${curTerms} FROM moved_base GROUP BY 1, 2, 3, 4
    ),
    later AS (
      SELECT b.unit_id, b.category_id, b.acq, CASE WHEN b.removed THEN b.disp END AS disp,
        0 AS open_n, -coalesce(sum(dv) FILTER (WHERE b.in_open), 0) AS open_v, -coalesce(sum(da) FILTER (WHERE b.in_open), 0) AS open_a,
        0 AS add_n, -coalesce(sum(dv) FILTER (WHERE NOT b.in_open AND d > b.posted_on), 0) AS add_v, -coalesce(sum(da) FILTER (WHERE NOT b.in_open AND d > b.posted_on), 0) AS add_a,
        coalesce(sum(dv) FILTER (WHERE dv > 0 AND d > b.posted_on AND d <= least(${closeD}::date, coalesce(b.disposed_on, ${closeD}::date))), 0) AS up,
        -coalesce(sum(dv) FILTER (WHERE dv < 0 AND d > b.posted_on AND d <= least(${closeD}::date, coalesce(b.disposed_on, ${closeD}::date))), 0) AS down,
        coalesce(sum(da) FILTER (WHERE d > greatest(${openD}::date, b.posted_on) AND d <= least(${closeD}::date, coalesce(b.disposed_on, ${closeD}::date))), 0) AS dep,
        0 AS red_n, -coalesce(sum(dv) FILTER (WHERE b.removed AND d > b.disposed_on), 0) AS red_v, -coalesce(sum(da) FILTER (WHERE b.removed AND d > b.disposed_on), 0) AS red_a,
        0 AS close_n, -coalesce(sum(dv) FILTER (WHERE NOT b.removed AND d > ${closeD}::date), 0) AS close_v, -coalesce(sum(da) FILTER (WHERE NOT b.removed AND d > ${closeD}::date), 0) AS close_a,
        0 AS close_nf
      FROM chg JOIN (
        -- Cards never transferred with a change: found by id (a few thousand), not by another scan of cards.
        ${baseOf(sql`(SELECT c.id, c.unit_id, c.posted_on AS s_on, c.disposed_on AS e_on, ${ACQ} AS acq, c.disposal_method AS disp,
            c.original_value_fen AS v, c.accumulated_depreciation_fen AS a, c.category_id, c.quantity AS qty, c.non_fiscal_funding_fen AS nf
          FROM cards c WHERE c.id IN (SELECT card_id FROM chg) AND ${keptSegmentWhere(openD, closeD, moved)})`)}
        UNION ALL SELECT * FROM moved_base
      ) b ON b.card_id = chg.card_id GROUP BY 1, 2, 3, 4
    ),
    -- The same for the depreciation entries (a million a month), with only the accumulated-depreciation
    -- terms, from their yearly roll-ups: for cards never transferred (nearly all) from the roll-up
    -- alone, which carries the card's unit, category and dates; for the others per segment.
    dep_kept AS (
      SELECT r.unit_id, r.category_id, NULL::text AS acq, NULL::text AS disp, ${depTerms}
      FROM (
        SELECT r.unit_id, r.category_id, r.year, r.cum, ${thresholds(sql`r.posted_on`, sql`r.disposed_on`, sql`r.posted_month_index`, sql`r.disposed_month_index`)}
        FROM depreciation_card_years r
        WHERE r.year >= ${fromYear} AND r.posted_on <= ${closeD}::date AND (r.disposed_on IS NULL OR (r.disposed_on > ${openD}::date AND r.disposed_on >= r.posted_on))
          AND ${notMoved('r.card_id', moved)} AND ${inScope('r.unit_id', scope)} ${f.unitId ? sql`AND r.unit_id = ${f.unitId}` : sql``} ${notIn('r.unit_id', exclude)}
          ${f.categoryId ? sql`AND r.category_id IN (SELECT k.id FROM categories k WHERE ${where})` : sql``}
      ) r GROUP BY 1, 2
    ),
    dep_moved AS (
      SELECT r.unit_id, r.category_id, NULL::text AS acq, NULL::text AS disp, ${depTerms}
      FROM (
        SELECT b.unit_id, b.category_id, r.year, r.cum, ${thresholds(sql`b.posted_on`, sql`b.disposed_on`)}
        FROM moved_base b JOIN depreciation_card_years r ON r.card_id = b.card_id
        WHERE r.year >= ${fromYear}
      ) r GROUP BY 1, 2
    ),
    parts AS (SELECT * FROM cur UNION ALL SELECT * FROM later UNION ALL SELECT * FROM dep_kept UNION ALL SELECT * FROM dep_moved)`;
}

const notIn = (column: string, ids: string[]) => (ids.length ? sql`AND ${sql.raw(column)} <> ALL(${uuidArray(ids)})` : sql``);

/**
 * The units in the filter and scope whose every month of the period has a closing snapshot (with
 * `lists`: one that froze the low-value line and the movement lists as well).
 */
export async function snapshotUnits(
  q: Queryable,
  f: Pick<ReportFilter, 'from' | 'to' | 'unitId'>,
  scope: 'all' | string[],
  lists = false,
): Promise<string[]> {
  const months = monthIndex(f.to) - monthIndex(f.from) + 1;
  const rows = await query<{ unit_id: string }>(
    q,
    sql`
    SELECT s.unit_id FROM summary_snapshots s
    WHERE s.month BETWEEN ${monthFirst(f.from)}::date AND ${monthFirst(f.to)}::date AND ${inScope('s.unit_id', scope)}
      ${f.unitId ? sql`AND s.unit_id = ${f.unitId}` : sql``} ${lists ? sql`AND s.lists` : sql``}
    GROUP BY s.unit_id HAVING count(*) = ${months}`,
  );
  return rows.map((r) => r.unit_id);
}

/**
 * The parts of a run of closed months from their snapshots: the opening of the first month, the
 * closing of the last, the movements of all of them (the opening of each month is the closing of
 * the month before, so this is what the live summary of the period gave when they were closed).
 */
async function snapshotPartsSql(q: Queryable, f: ReportFilter, units: string[]): Promise<SQL> {
  const where = await cardFilterSql(q, { categoryId: f.categoryId }, 'all');
  const first = sql`s.month = ${monthFirst(f.from)}::date`;
  const last = sql`s.month = ${monthFirst(f.to)}::date`;
  return sql`
    SELECT s.unit_id, s.category_id, s.acq, s.disp,
      coalesce(sum(s.open_n) FILTER (WHERE ${first}), 0) AS open_n, coalesce(sum(s.open_v) FILTER (WHERE ${first}), 0) AS open_v,
      coalesce(sum(s.open_a) FILTER (WHERE ${first}), 0) AS open_a,
      sum(s.add_n) AS add_n, sum(s.add_v) AS add_v, sum(s.add_a) AS add_a, sum(s.up) AS up, sum(s.down) AS down, sum(s.dep) AS dep,
      sum(s.red_n) AS red_n, sum(s.red_v) AS red_v, sum(s.red_a) AS red_a,
      coalesce(sum(s.close_n) FILTER (WHERE ${last}), 0) AS close_n, coalesce(sum(s.close_v) FILTER (WHERE ${last}), 0) AS close_v,
      coalesce(sum(s.close_a) FILTER (WHERE ${last}), 0) AS close_a, 0 AS close_nf
    FROM summary_snapshot_rows s
    WHERE s.unit_id = ANY(${uuidArray(units)}) AND s.month BETWEEN ${monthFirst(f.from)}::date AND ${monthFirst(f.to)}::date
      ${f.categoryId ? sql`AND s.category_id IN (SELECT k.id FROM categories k WHERE ${where})` : sql``}
    GROUP BY 1, 2, 3, 4`;
}

/**
 * `mapEditions`: classes as the report set shows them (edition-map.queries.ts), both editions in one
 * row per class; otherwise each edition's own tree (the 资产情况表 page).
 */
/**
 * 编制单位 of a report (docs/domain.md §7): the unit named, or the one unit of the scope, else the
 * committee that compiles every unit's figures — never "全部单位". (No committee unit registered: 汇总.)
 */
export async function issuerName(q: Queryable, scope: 'all' | string[], unitId?: string | null): Promise<string> {
  const id = unitId ?? (scope !== 'all' && scope.length === 1 ? scope[0] : null);
  const row = await queryOne<{ name: string }>(
    q,
    id ? sql`SELECT name FROM units WHERE id = ${id}` : sql`SELECT name FROM units WHERE kind = 'committee' ORDER BY sort, code LIMIT 1`,
  );
  return row?.name ?? (id ? '' : '汇总');
}

export async function assetSummary(q: Queryable, f: ReportFilter, scope: 'all' | string[], mapEditions = false): Promise<SummaryView> {
  return (await assetSummaryWithFunding(q, f, scope, mapEditions)).view;
}

/**
 * The summary and, from the same pass over the cards, the 非财政拨款 of the fixed assets held at the
 * period's end per `unit|class` (the report set's funding columns) — of the units read live; the units
 * read from a closed month's snapshot (`closed`) have none there (the snapshot keeps no funding split).
 */
export async function assetSummaryWithFunding(
  q: Queryable,
  f: ReportFilter,
  scope: 'all' | string[],
  mapEditions = false,
): Promise<{ view: SummaryView; nonFiscalFen: Map<string, number>; closed: string[] }> {
  const level = f.categoryLevel;
  // Units whose every month of the period is closed read the snapshot taken at closing; the rest live.
  const closed = await snapshotUnits(q, f, scope);
  const live = f.unitId && closed.includes(f.unitId) ? null : await summaryPartsSql(q, f, scope, closed);
  const snap = closed.length ? await snapshotPartsSql(q, f, closed) : null;
  const raw = await withPlannerHints(q, (tx) =>
    query<Raw>(
      tx,
      sql`
    WITH ${
      live ??
      sql`parts AS (SELECT NULL::uuid AS unit_id, NULL::uuid AS category_id, NULL::text AS acq, NULL::text AS disp,
      0 AS open_n, 0 AS open_v, 0 AS open_a, 0 AS add_n, 0 AS add_v, 0 AS add_a, 0 AS up, 0 AS down, 0 AS dep, 0 AS red_n, 0 AS red_v, 0 AS red_a,
      0 AS close_n, 0 AS close_v, 0 AS close_a, 0 AS close_nf WHERE false)`
    },
    snap AS (${snap ?? sql`SELECT * FROM parts WHERE false`}),
    kmap AS (${mapEditions ? reportClassesSql : sql`SELECT id, path, edition FROM categories`}),
    agg AS (
      SELECT t.unit_id, ${mapEditions ? classCodeAt(sql`k.path`, level) : sql`split_part(k.path, '/', ${level + 1})`} AS cat_code, k.edition, t.acq, t.disp,
        sum(open_n)::int AS open_n, sum(open_v) AS open_v, sum(open_a) AS open_a, sum(add_n)::int AS add_n, sum(add_v) AS add_v, sum(add_a) AS add_a,
        sum(up) AS up, sum(down) AS down, sum(dep) AS dep, sum(red_n)::int AS red_n, sum(red_v) AS red_v, sum(red_a) AS red_a,
        sum(close_n)::int AS close_n, sum(close_v) AS close_v, sum(close_a) AS close_a, sum(close_nf) AS close_nf
      FROM (SELECT * FROM parts UNION ALL SELECT * FROM snap) t JOIN kmap k ON k.id = t.category_id
      GROUP BY 1, 2, 3, 4, 5
    )
    SELECT agg.*, u.name AS unit_name, kc.name AS cat_name
    FROM agg JOIN units u ON u.id = agg.unit_id
    LEFT JOIN categories kc ON kc.edition = agg.edition AND kc.code = agg.cat_code
    ORDER BY u.sort, u.code, agg.cat_code, agg.acq, agg.disp`,
    ),
  );
  const rows = new Map<string, SummaryRow>();
  const nonFiscalFen = new Map<string, number>();
  for (const r of raw) {
    const key = `${r.unit_id}|${r.cat_code}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = emptyRow(r.unit_id, r.unit_name, r.cat_code, r.cat_name ?? r.cat_code)));
    addInto(row, r);
    if (Number(r.close_nf)) nonFiscalFen.set(key, (nonFiscalFen.get(key) ?? 0) + Number(r.close_nf));
  }
  const total = emptyRow(null, '合计', '', '合计');
  for (const row of rows.values()) addInto(total, row);
  const unitName = await issuerName(q, scope, f.unitId);
  // 已结账: every unit of the report has closed the whole period (units with figures, or the one named).
  const reported = f.unitId ? [f.unitId] : [...new Set([...rows.values()].map((r) => r.unitId!))];
  const closedSet = new Set(closed);
  const nClosed = reported.filter((u) => closedSet.has(u)).length;
  const periodClosed = nClosed === 0 ? 'none' : nClosed === reported.length ? 'all' : 'some';
  return { view: { from: f.from, to: f.to, unitName, rows: [...rows.values()], total, periodClosed }, nonFiscalFen, closed };
}
