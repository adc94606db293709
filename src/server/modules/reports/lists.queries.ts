// The detail lists beside the asset summary: one parameterised query, a WHERE per kind.
import { sql, type SQL } from 'drizzle-orm';
import type { ListKind, ListRow, ReportFilter } from '../../../shared/reports.contracts.ts';
import { inScope } from '../../platform/auth/actor.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { cardOverCoverSql } from '../standards/index.ts';
import { uuidArray } from '../../platform/db/sql-arrays.ts';
import { cardFilterSql, dayBefore, monthFirst, monthLast, segmentsSql, snapshotUnits } from './summary.queries.ts';
import { businessToday } from '../../platform/clock.ts';

/**
 * Additions and disposals as the asset summary counts them, per owner unit (its segments): a card
 * posted in the period is an addition of the unit that posted it (its first owner if it has moved
 * since), a transfer between units a reduction (transfer_out) of the one and an addition
 * (transfer_in) of the other on the transfer's date, a disposal one of the unit that held it last.
 * Rows m: card_id, unit_id, d (the date), method, and the card's v, a and category_id.
 */
export function movementsSql(kind: 'additions' | 'disposals', from: string, to: string): SQL {
  const openD = dayBefore(from);
  // Never-transferred cards (nearly all) are found through the posting or disposal date's index.
  const segs = segmentsSql(
    openD,
    to,
    kind === 'additions' ? sql`AND c.posted_on >= ${from}::date` : sql`AND c.disposed_on BETWEEN ${from}::date AND ${to}::date`,
  );
  return kind === 'additions'
    ? sql`WITH ${segs} SELECT id AS card_id, unit_id, s_on AS d, acq AS method, v, a, category_id FROM seg WHERE s_on BETWEEN ${from}::date AND ${to}::date`
    : sql`WITH ${segs} SELECT id AS card_id, unit_id, e_on AS d, disp AS method, v, a, category_id FROM seg WHERE e_on BETWEEN ${from}::date AND ${to}::date`;
}

/** The day whose standards in force the over-standard list applies: the period's end, or today for a period not over yet. */
const overStandardDay = (to: string): string => (to < businessToday() ? to : businessToday());

const isMovement = (kind: ListKind): kind is 'additions' | 'disposals' => kind === 'additions' || kind === 'disposals';
/** Lists of a period's movements (rows m: card, unit, date, method, figures), not of cards as they stand. */
const isPeriodList = (kind: ListKind): kind is 'additions' | 'disposals' | 'depreciation' => isMovement(kind) || kind === 'depreciation';

/**
 * The period's charges per card and charged unit, from the entries themselves (the unit and category
 * they were charged to, the value and balance of the card's last entry in the period): a closed
 * month's entries never change, so its list never moves. Rows m as movementsSql's, with p the charge.
 */
function chargesListSql(from: string, to: string): SQL {
  return sql`
    SELECT e.card_id, e.unit_id, max(e.month) AS d, NULL::text AS method,
      (array_agg(e.original_value_fen ORDER BY e.month DESC))[1] AS v, (array_agg(e.accumulated_after_fen ORDER BY e.month DESC))[1] AS a,
      e.category_id, sum(e.amount_fen) AS p
    FROM depreciation_entries e WHERE e.month BETWEEN ${from}::date AND ${to}::date
    GROUP BY e.card_id, e.unit_id, e.category_id`;
}

/**
 * Additions or disposals: of units whose every month of the period is closed, the rows frozen at
 * closing (summary_snapshot_moves); of the others, live.
 */
function movementsWithSnapshotSql(kind: 'additions' | 'disposals', from: string, to: string, closed: string[]): SQL {
  if (closed.length === 0) return movementsSql(kind, from, to);
  return sql`
    SELECT * FROM (${movementsSql(kind, from, to)}) live WHERE live.unit_id <> ALL(${uuidArray(closed)})
    UNION ALL
    SELECT s.card_id, s.unit_id, s.moved_on AS d, s.method, s.v, s.a, s.category_id FROM summary_snapshot_moves s
    WHERE s.unit_id = ANY(${uuidArray(closed)}) AND s.kind = ${kind} AND s.month BETWEEN date_trunc('month', ${from}::date) AND ${to}::date`;
}

function kindWhere(kind: ListKind, from: string, to: string): SQL {
  const onBooks = sql`c.posted_on IS NOT NULL AND c.posted_on <= ${to}::date AND (c.disposed_on IS NULL OR c.disposed_on > ${to}::date)`;
  switch (kind) {
    case 'additions':
      return sql`c.posted_on BETWEEN ${from}::date AND ${to}::date`;
    case 'disposals':
      return sql`c.disposed_on BETWEEN ${from}::date AND ${to}::date`;
    case 'depreciation':
      return sql`false`; // read from the entries (chargesListSql)
    case 'idle':
      return sql`${onBooks} AND (c.status = 'idle' OR c.use_mode = 'idle')`;
    case 'rented_lent':
      return sql`${onBooks} AND (c.use_mode IN ('rented', 'lent') OR c.status IN ('rented', 'lent'))`;
    case 'vehicles':
      return sql`${onBooks} AND k.attribute_set = 'vehicle'`;
    case 'buildings_land':
      return sql`${onBooks} AND k.attribute_set IN ('building', 'land')`;
    // Unit price above the allocation standard's cap (overStandardDay): set-based, the cover joined in listSql's source.
    case 'over_standard':
      return sql`${onBooks} AND ${cardOverCoverSql(overStandardDay(to)).over}`;
    // Minimum life (最低使用年限): the card's useful life, else its category's.
    case 'past_min_life':
      return sql`${onBooks} AND coalesce(c.useful_life_months, k.useful_life_months) IS NOT NULL
      AND c.posted_on + make_interval(months => coalesce(c.useful_life_months, k.useful_life_months)) <= ${to}::date`;
  }
}

interface Raw {
  id: string;
  card_no: string;
  name: string;
  unit_name: string;
  category_name: string;
  status: string;
  use_mode: string;
  posted_on: string | null;
  disposed_on: string | null;
  acquisition_method: string;
  disposal_method: string | null;
  counterparty: string | null;
  v: number;
  a: number;
  period: number | null;
  life: number | null;
  plate: string | null;
  area: string | null;
  moved_on: string | null;
}

const toRow =
  (kind: ListKind) =>
  (r: Raw): ListRow => ({
    cardId: r.id,
    cardNo: r.card_no,
    name: r.name,
    unitName: r.unit_name,
    categoryName: r.category_name,
    status: r.status,
    useMode: r.use_mode,
    postedOn: r.posted_on,
    disposedOn: r.disposed_on,
    method: kind === 'disposals' ? r.disposal_method : r.acquisition_method,
    counterparty: r.counterparty,
    originalValueFen: Number(r.v),
    accumulatedFen: Number(r.a),
    netFen: Number(r.v) - Number(r.a),
    periodFen: r.period === null ? null : Number(r.period),
    usefulLifeMonths: r.life,
    plate: r.plate,
    area: r.area === null || r.area === '' || Number.isNaN(Number(r.area)) ? null : Number(r.area),
  });

async function listSql(q: Queryable, kind: ListKind, f: ReportFilter, scope: 'all' | string[]) {
  const from = monthFirst(f.from);
  const to = monthLast(f.to);
  // Additions, disposals and charges are the period's movements (m: card, unit, date, method, figures);
  // the other lists are cards as they stand. A closed month's movements read what was frozen at closing.
  const mv = isPeriodList(kind);
  const closed = isMovement(kind) ? await snapshotUnits(q, f, scope, true) : [];
  const where = mv
    ? await cardFilterSql(q, f, scope, 'm.unit_id')
    : sql`${kindWhere(kind, from, to)} AND ${await cardFilterSql(q, f, scope)}`;
  // Totals of movements need no card rows: the segments carry the figures (joining a million cards to hash them cost ~1 s).
  const moves =
    kind === 'depreciation' ? chargesListSql(from, to) : isMovement(kind) ? movementsWithSnapshotSql(kind, from, to, closed) : null;
  // The over-standard list joins each card's covering standard (chosen once per category and attributes,
  // as the dashboard counts it) instead of looking it up card by card (docs/decisions.md).
  const cover = kind === 'over_standard' ? cardOverCoverSql(overStandardDay(to)).join : sql``;
  const source = moves
    ? sql`(${moves}) m JOIN categories k ON k.id = m.category_id`
    : sql`cards c JOIN categories k ON k.id = c.category_id ${cover}`;
  const figures = mv ? { v: sql`m.v`, a: sql`m.a` } : { v: sql`c.original_value_fen`, a: sql`c.accumulated_depreciation_fen` };
  const period = kind === 'depreciation' ? sql`m.p` : sql`NULL::bigint`;
  const select = sql`
    SELECT c.id, c.card_no, c.name, u.name AS unit_name, k.name AS category_name, c.status, c.use_mode,
      ${kind === 'additions' ? sql`m.d` : sql`c.posted_on`} AS posted_on, ${kind === 'disposals' ? sql`m.d` : sql`c.disposed_on`} AS disposed_on,
      ${kind === 'additions' ? sql`m.method` : sql`c.acquisition_method`} AS acquisition_method, ${kind === 'disposals' ? sql`m.method` : sql`c.disposal_method`} AS disposal_method,
      c.counterparty, ${figures.v} AS v, ${figures.a} AS a,
      ${period} AS period,
      coalesce(c.useful_life_months, k.useful_life_months) AS life, c.attributes->>'plate' AS plate, c.attributes->>'area' AS area,
      ${mv ? sql`m.d` : sql`NULL::date`} AS moved_on
    FROM ${source} ${mv ? sql`JOIN cards c ON c.id = m.card_id` : sql``} JOIN units u ON u.id = ${mv ? sql`m.unit_id` : sql`c.unit_id`}`;
  const totals = async () => {
    const [t] = await query<{ n: number; v: number; a: number; p: number }>(
      q,
      sql`
      SELECT count(*)::int AS n, coalesce(sum(${figures.v}), 0) AS v, coalesce(sum(${figures.a}), 0) AS a,
        coalesce(sum(${period}), 0) AS p
      FROM ${source} WHERE ${where}`,
    );
    return {
      total: t.n,
      totals: { originalValueFen: Number(t.v), accumulatedFen: Number(t.a), netFen: Number(t.v) - Number(t.a), periodFen: Number(t.p) },
    };
  };
  return { select, where, totals, mv, closed };
}

/** A page for the screen (unit, then card number). */
export async function reportList(q: Queryable, kind: ListKind, f: ReportFilter, scope: 'all' | string[], page: number, pageSize: number) {
  const l = await listSql(q, kind, f, scope);
  const rows = await query<Raw>(
    q,
    sql`${l.select} WHERE ${l.where} ORDER BY u.sort, u.code, c.card_no, moved_on LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`,
  );
  return { items: rows.map(toRow(kind)), ...(await l.totals()), periodClosed: await periodClosed(q, kind, f, scope, l.closed) };
}

/**
 * 已结账 for a period's list: 'all' when every unit of the report (the one named, or every active unit
 * in scope) closed every month of the period; the charges list is frozen as soon as a month is closed.
 */
async function periodClosed(q: Queryable, kind: ListKind, f: ReportFilter, scope: 'all' | string[], closedLists: string[]) {
  if (!isPeriodList(kind)) return 'none' as const;
  const closed = kind === 'depreciation' ? await snapshotUnits(q, f, scope) : closedLists;
  if (closed.length === 0) return 'none' as const;
  if (f.unitId) return closed.includes(f.unitId) ? ('all' as const) : ('none' as const);
  const [{ n }] = await query<{ n: number }>(q, sql`SELECT count(*)::int AS n FROM units u WHERE u.active AND ${inScope('u.id', scope)}`);
  return closed.length >= n ? ('all' as const) : ('some' as const);
}

/** The whole list for a file, in card-number order, a chunk at a time (keyset: no OFFSET rescans). */
export async function reportListChunks(q: Queryable, kind: ListKind, f: ReportFilter, scope: 'all' | string[], chunk = 5000) {
  const l = await listSql(q, kind, f, scope);
  const summary = await l.totals();
  async function* chunks(): AsyncIterable<ListRow[]> {
    // A card moves more than once in a period at most rarely: (card number, date) is the key.
    let after = '';
    let afterOn = '0001-01-01';
    for (;;) {
      const next = l.mv ? sql`(c.card_no, m.d) > (${after}, ${afterOn}::date)` : sql`c.card_no > ${after}`;
      const rows = await query<Raw>(q, sql`${l.select} WHERE ${l.where} AND ${next} ORDER BY c.card_no, moved_on LIMIT ${chunk}`);
      if (rows.length === 0) return;
      after = rows[rows.length - 1].card_no;
      afterOn = rows[rows.length - 1].moved_on ?? afterOn;
      yield rows.map(toRow(kind));
      if (rows.length < chunk) return;
    }
  }
  return { ...summary, chunks };
}
