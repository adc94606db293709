// The allocation standards as SQL: which rows are in force, which standard covers an asset, and what
// each unit holds against the quantity quotas. The configuration-request check (standard.check.ts)
// and the reports (over-standard list, quota report, dashboard) all go through these, so they pick
// the same row and match the same way. `standards` is this module's table; others read it here.
import { sql, type SQL } from 'drizzle-orm';
import { factsFrom, type UnitFacts } from '../../../shared/quota.rules.ts';
import type { QuotaRule } from '../../../shared/workflow.contracts.ts';
import { inScope } from '../../platform/auth/actor.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { heldCardSql } from '../assets/index.ts';

/**
 * The rows of `standards` in force on a day, one per code: the jurisdiction's own (local) row once
 * its effective date has come, else the shipped central default. A subquery, to be aliased. The ids
 * are an uncorrelated ARRAY(…), which PostgreSQL computes once per statement (an InitPlan) even
 * where this sits inside a per-card subquery.
 */
export const standardsInForceSql = (onDate: string): SQL => sql`(SELECT * FROM standards WHERE id = ANY (ARRAY(
  SELECT DISTINCT ON (code) id FROM standards WHERE jurisdiction = 'central' OR effective_from <= ${onDate}::date
  ORDER BY code, (jurisdiction = 'central'), effective_from DESC)))`;

/** An asset (or a line) as the matching sees it: its category's name and code, and its own name. */
export interface ItemSql {
  categoryName: SQL;
  categoryCode: SQL;
  name: SQL;
}

/** A keyword hits an item when found in its category's name, at the start of its category's code, or in its own name. */
const keywordHitSql = (kw: SQL, item: ItemSql): SQL =>
  sql`(strpos(${item.categoryName}, ${kw}) > 0 OR starts_with(${item.categoryCode}, ${kw}) OR strpos(${item.name}, ${kw}) > 0)`;

/**
 * The standard in force covering an item: the longest keyword hit wins, a tie goes to the lower code
 * (matchStandard in standard.check.ts does the same for a typed line). So 会议椅 falls under 会议椅,
 * not under 办公椅's keyword 椅. A scalar subquery yielding `column` of that row, or NULL.
 */
export const coveringStandardSql = (onDate: string, item: ItemSql, column: 'code' | 'cap_fen'): SQL => sql`(
  SELECT s.${sql.raw(column)} FROM ${standardsInForceSql(onDate)} s, unnest(s.category_keywords) kw
  WHERE ${keywordHitSql(sql`kw`, item)} ORDER BY length(kw) DESC, s.code LIMIT 1)`;

/**
 * A cheap necessary condition for "unit price above the covering standard's cap": some standard row
 * (any jurisdiction) with a keyword hit and a cap below the price. Test it first, and look for the
 * exact covering standard only on the few cards it keeps.
 */
export const anyCapBelowSql = (item: ItemSql, unitPriceFen: SQL): SQL => sql`EXISTS (
  SELECT 1 FROM standards s0, unnest(s0.category_keywords) kw0 WHERE s0.cap_fen < ${unitPriceFen} AND ${keywordHitSql(sql`kw0`, item)})`;

export interface QuotaHolding {
  unitId: string;
  unitCode: string;
  unitName: string;
  facts: UnitFacts;
  standardCode: string;
  standardName: string;
  quota: QuotaRule;
  /** Sum of `quantity` of the unit's held cards that this standard covers. */
  held: number;
}

interface Raw {
  unit_id: string;
  unit_code: string;
  unit_name: string;
  classified: boolean;
  code: string;
  name: string;
  quota: QuotaRule;
  held: number;
  by_rank: Record<string, number>;
}

/**
 * Every unit in scope × every standard in force with a quantity quota: the unit's establishment
 * facts and what it holds of the items the standard covers. One statement for any number of units.
 * Cards are grouped by (unit, category, name) before matching, so keywords are searched once per
 * distinct name rather than once per card.
 */
export async function quotaHoldings(q: Queryable, scope: 'all' | string[], onDate: string): Promise<QuotaHolding[]> {
  const item = { categoryName: sql`k.name`, categoryCode: sql`k.code`, name: sql`i.name` };
  const rows = await query<Raw>(
    q,
    sql`
    WITH std AS MATERIALIZED (SELECT s.code, s.name, s.quota FROM ${standardsInForceSql(onDate)} s WHERE s.quota->>'kind' = 'per_staff'),
    items AS (
      SELECT c.unit_id, c.category_id, c.name, sum(c.quantity)::bigint AS n FROM cards c
      WHERE ${heldCardSql()} AND ${inScope(sql`c.unit_id`, scope)} GROUP BY c.unit_id, c.category_id, c.name),
    covered AS (
      SELECT i.unit_id, ${coveringStandardSql(onDate, item, 'code')} AS code, i.n FROM items i JOIN categories k ON k.id = i.category_id),
    held AS (SELECT unit_id, code, sum(n) AS n FROM covered WHERE code IS NOT NULL GROUP BY unit_id, code),
    heads AS (
      SELECT unit_id, jsonb_object_agg(rank, n) AS by_rank FROM (
        SELECT st.unit_id, st.rank, count(*)::int AS n FROM staff st
        WHERE st.on_establishment AND st.active AND ${inScope(sql`st.unit_id`, scope)} GROUP BY st.unit_id, st.rank) r
      GROUP BY unit_id)
    SELECT u.id AS unit_id, u.code AS unit_code, u.name AS unit_name, u.classified, s.code, s.name, s.quota,
      coalesce(h.n, 0)::int AS held, coalesce(hd.by_rank, '{}'::jsonb) AS by_rank
    FROM units u CROSS JOIN std s
    LEFT JOIN held h ON h.unit_id = u.id AND h.code = s.code
    LEFT JOIN heads hd ON hd.unit_id = u.id
    WHERE ${inScope(sql`u.id`, scope)}
    ORDER BY u.sort, u.code, s.code`,
  );
  return rows.map((r) => ({
    unitId: r.unit_id,
    unitCode: r.unit_code,
    unitName: r.unit_name,
    facts: factsFrom(r.classified, r.by_rank),
    standardCode: r.code,
    standardName: r.name,
    quota: r.quota,
    held: Number(r.held),
  }));
}
