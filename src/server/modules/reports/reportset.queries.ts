// The monthly report set's own tables (docs/domain.md §7), each one set-based statement over the cards
// held at the month's end (posted on or before it, not disposed by it), per unit. Quantities are
// physical (sum of quantity: a batch card of 20 chairs counts 20); 非财政拨款 is the cards' own split
// and 财政拨款 the rest of the value, so the two always add up to the 原值 shown.
import { sql, type SQL } from 'drizzle-orm';
import { inScope } from '../../platform/auth/actor.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { uuidArray } from '../../platform/db/sql-arrays.ts';
import { incomeByUnitSql } from '../income/index.ts';
import { classCodeAt, reportClassesSql } from './edition-map.queries.ts';
import { lowValuePartsSql } from './low-value.queries.ts';
import { monthFirst, monthLast, snapshotUnits } from './summary.queries.ts';

export interface UnitFilter {
  scope: 'all' | string[];
  unitId?: string;
}

const unitWhere = (col: string, f: UnitFilter): SQL =>
  sql`${inScope(col, f.scope)} ${f.unitId ? sql`AND ${sql.raw(col)} = ${f.unitId}` : sql``}`;

/** A fixed asset held at the end of day `d` (low-value items have their own table). */
const heldFixed = (d: string): SQL =>
  sql`c.posted_on IS NOT NULL AND c.posted_on <= ${d}::date AND (c.disposed_on IS NULL OR c.disposed_on > ${d}::date) AND c.asset_kind <> 'low_value'`;

/** A numeric attribute of the card (m²), 0 when absent or not a number. */
const attrNum = (key: string): SQL =>
  sql`(CASE WHEN jsonb_typeof(c.attributes->${key}) = 'number' THEN (c.attributes->>${key})::numeric ELSE 0 END)`;

/** Units in the report, in the report's order (sort, code); inactive ones too (a unit without lines shows none). */
export async function reportUnits(q: Queryable, f: UnitFilter) {
  return query<{ id: string; name: string; kind: string; establishment_quota: number | null }>(
    q,
    sql`SELECT u.id, u.name, u.kind, u.establishment_quota FROM units u WHERE ${unitWhere('u.id', f)} ORDER BY u.sort, u.code`,
  );
}

/** 非财政拨款 of the fixed assets held at the month's end, per unit and (mapped) class at `level`. */
export function nonFiscalByClass(q: Queryable, f: UnitFilter, month: string, level: number) {
  return query<{ unit_id: string; cat_code: string; edition: string; non_fiscal: number }>(
    q,
    sql`
    WITH kmap AS (${reportClassesSql})
    SELECT c.unit_id, ${classCodeAt(sql`k.path`, level)} AS cat_code, k.edition, sum(coalesce(c.non_fiscal_funding_fen, 0))::float8 AS non_fiscal
    FROM cards c JOIN kmap k ON k.id = c.category_id
    WHERE ${heldFixed(monthLast(month))} AND ${unitWhere('c.unit_id', f)}
    GROUP BY 1, 2, 3`,
  );
}

/** 机构人员情况: 编制数 from the unit, 实有人数 the active staff, split by 编制内/编制外. */
export function staffByUnit(q: Queryable, f: UnitFilter) {
  return query<{ unit_id: string; quota: number | null; actual: number; on_est: number }>(
    q,
    sql`
    SELECT u.id AS unit_id, u.establishment_quota AS quota,
      count(s.id)::int AS actual, count(s.id) FILTER (WHERE s.on_establishment)::int AS on_est
    FROM units u LEFT JOIN staff s ON s.unit_id = u.id AND s.active
    WHERE u.active AND ${unitWhere('u.id', f)}
    GROUP BY u.id, u.establishment_quota`,
  );
}

/** 车辆情况: held vehicles by unit and use (车辆用途), split by 编制内/编制外 (the card's establishment). */
export function vehiclesByUse(q: Queryable, f: UnitFilter, month: string) {
  return query<{ unit_id: string; use: string | null; n: number; n_in: number; n_out: number; v: number; nf: number }>(
    q,
    sql`
    SELECT c.unit_id, c.attributes->>'vehicleUse' AS use, sum(c.quantity)::int AS n,
      coalesce(sum(c.quantity) FILTER (WHERE c.attributes->>'establishment' = 'in_quota'), 0)::int AS n_in,
      coalesce(sum(c.quantity) FILTER (WHERE c.attributes->>'establishment' = 'out_of_quota'), 0)::int AS n_out,
      sum(c.original_value_fen)::float8 AS v, sum(coalesce(c.non_fiscal_funding_fen, 0))::float8 AS nf
    FROM cards c JOIN categories k ON k.id = c.category_id AND k.attribute_set = 'vehicle'
    WHERE ${heldFixed(monthLast(month))} AND ${unitWhere('c.unit_id', f)}
    GROUP BY 1, 2`,
  );
}

/**
 * 房屋土地情况: held buildings and land by unit and kind, with area and area by use. A card's 自用/出租/
 * 出借/闲置 areas are its own (areaSelfUse …); the rest of its area, not given by use, goes to its use
 * (use_mode, else its status: rented, lent, idle; otherwise 自用), so the four always add up to the area.
 */
export function buildingsAndLand(q: Queryable, f: UnitFilter, month: string) {
  const given = sql`(${attrNum('areaSelfUse')} + ${attrNum('areaRented')} + ${attrNum('areaLent')} + ${attrNum('areaIdle')})`;
  const use = sql`(CASE WHEN c.use_mode IN ('rented', 'lent', 'idle') THEN c.use_mode WHEN c.status IN ('rented', 'lent', 'idle') THEN c.status ELSE 'self_use' END)`;
  const part = (key: string, mode: string) =>
    sql`sum(${attrNum(key)} + CASE WHEN ${use} = ${mode} THEN greatest(${attrNum('area')} - ${given}, 0) ELSE 0 END)`;
  return query<{
    unit_id: string;
    kind: string;
    n: number;
    area: number;
    self_use: number;
    rented: number;
    lent: number;
    idle: number;
    v: number;
    nf: number;
  }>(
    q,
    sql`
    SELECT c.unit_id, k.attribute_set AS kind, sum(c.quantity)::int AS n,
      round(sum(${attrNum('area')}), 2)::float8 AS area,
      round(${part('areaSelfUse', 'self_use')}, 2)::float8 AS self_use, round(${part('areaRented', 'rented')}, 2)::float8 AS rented,
      round(${part('areaLent', 'lent')}, 2)::float8 AS lent, round(${part('areaIdle', 'idle')}, 2)::float8 AS idle,
      sum(c.original_value_fen)::float8 AS v, sum(coalesce(c.non_fiscal_funding_fen, 0))::float8 AS nf
    FROM cards c JOIN categories k ON k.id = c.category_id AND k.attribute_set IN ('building', 'land')
    WHERE ${heldFixed(monthLast(month))} AND ${unitWhere('c.unit_id', f)}
    GROUP BY 1, 2`,
  );
}

/**
 * 低值易耗品情况: items and cost at the month's start and end per unit and (mapped) class; a unit
 * whose month is closed reads the line its closing froze (summary_snapshot_low_value), as the summary does.
 */
export async function lowValueByClass(q: Queryable, f: UnitFilter, month: string, level: number) {
  const p = { from: month, to: month, unitId: f.unitId };
  const closed = await snapshotUnits(q, p, f.scope, true);
  const live = f.unitId && closed.includes(f.unitId) ? null : lowValuePartsSql(p, f.scope, closed);
  const snap = closed.length
    ? sql`SELECT s.unit_id, s.category_id, s.open_n, s.open_v, s.close_n, s.close_v FROM summary_snapshot_low_value s
          WHERE s.unit_id = ANY(${uuidArray(closed)}) AND s.month = ${monthFirst(month)}::date`
    : null;
  const parts = [live, snap].filter((x): x is SQL => x !== null);
  return query<{
    unit_id: string;
    cat_code: string;
    edition: string;
    cat_name: string | null;
    on: number;
    ov: number;
    cn: number;
    cv: number;
  }>(
    q,
    sql`
    WITH kmap AS (${reportClassesSql}),
    t AS (${sql.join(parts, sql` UNION ALL `)}),
    g AS (
      SELECT t.unit_id, ${classCodeAt(sql`k.path`, level)} AS cat_code, k.edition,
        sum(t.open_n)::float8 AS "on", sum(t.open_v)::float8 AS ov, sum(t.close_n)::float8 AS cn, sum(t.close_v)::float8 AS cv
      FROM t JOIN kmap k ON k.id = t.category_id GROUP BY 1, 2, 3
    )
    SELECT g.*, kc.name AS cat_name FROM g LEFT JOIN categories kc ON kc.edition = g.edition AND kc.code = g.cat_code
    WHERE g."on" <> 0 OR g.cn <> 0 OR g.ov <> 0 OR g.cv <> 0`,
  );
}

/**
 * 处置: the cards disposed of in the month (disposed_on within it; fixed assets and low-value items
 * alike), per unit and disposal method, with their physical quantity and 原值.
 */
export function disposalsByMethod(q: Queryable, f: UnitFilter, month: string) {
  return query<{ unit_id: string; method: string | null; n: number; v: number }>(
    q,
    sql`
    SELECT c.unit_id, c.disposal_method AS method, sum(c.quantity)::int AS n, sum(c.original_value_fen)::float8 AS v
    FROM cards c
    WHERE c.posted_on IS NOT NULL AND c.disposed_on >= ${monthFirst(month)}::date AND c.disposed_on <= ${monthLast(month)}::date
      AND ${unitWhere('c.unit_id', f)}
    GROUP BY 1, 2`,
  );
}

/**
 * 国有资产收入 of the month from one source ('disposal' | 'lending') per unit and kind, as the income work
 * reads it (incomeByUnitSql): opening balance not yet turned over, received, turned over to the
 * treasury (by the day the books took it), closing balance and its overdue part (at the month's end, or today while the month runs).
 */
export function incomeByKind(q: Queryable, f: UnitFilter, month: string, source: 'disposal' | 'lending') {
  return query<{
    unit_id: string;
    source: 'disposal' | 'lending';
    kind: string;
    documents: number;
    opening_fen: number;
    received_fen: number;
    turned_over_fen: number;
    closing_fen: number;
    overdue_fen: number;
  }>(
    q,
    sql`
    SELECT inc.unit_id, inc.source, inc.kind, inc.documents, inc.opening_fen::float8 AS opening_fen, inc.received_fen::float8 AS received_fen,
      inc.turned_over_fen::float8 AS turned_over_fen, inc.closing_fen::float8 AS closing_fen, inc.overdue_fen::float8 AS overdue_fen
    FROM (${incomeByUnitSql({ from: month, to: month, byKind: true })}) inc
    WHERE inc.source = ${source} AND ${unitWhere('inc.unit_id', f)}`,
  );
}
