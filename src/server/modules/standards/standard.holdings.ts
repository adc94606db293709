// What each unit holds against the quantity quotas of the allocation standards (docs/domain.md §5).
// The configuration-request check (workflow), the acknowledged warnings at acceptance and hand
// registration (standard.ack.ts) and the quota report and dashboard (reports) go through this one
// query. Which cards a unit holds is assets' rule: the caller hands it in as an SQL condition on `c`
// (this module imports no other, so assets can call it without a cycle).
import { type SQL, sql } from 'drizzle-orm';
import { factsFrom, type UnitFacts } from '../../../shared/quota.rules.ts';
import type { QuotaRule } from '../../../shared/standards.contracts.ts';
import { inScope } from '../../platform/auth/actor.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { coversItemSql, standardsInForceSql } from './standard.queries.ts';

export interface QuotaHolding {
  unitId: string;
  unitCode: string;
  unitName: string;
  facts: UnitFacts;
  standardCode: string;
  standardName: string;
  quota: QuotaRule;
  /** Sum of `quantity` of the unit's held cards that this standard covers (a batch card of 20 counts 20). */
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
 * Cards are grouped by (unit, category, matching attributes) before matching, and one item may count
 * for several quotas (a colour A3 printer: printers, A3 printers, colour printers).
 * `codes` limits it to those standards and reads only the cards of the categories they cover (the
 * configuration-request check: a line needs its own quotas, not every card the unit holds grouped).
 * `heldCard` is the held rule on card `c` (assets' heldCardSql).
 */
export async function quotaHoldings(
  q: Queryable,
  heldCard: SQL,
  scope: 'all' | string[],
  onDate: string,
  codes?: string[],
): Promise<QuotaHolding[]> {
  if (codes && !codes.length) return [];
  // The categories the standards cover, through cards_unit_category_status_idx.
  const covered = codes
    ? sql`AND c.category_id IN (SELECT k.id FROM categories k WHERE EXISTS (
        SELECT 1 FROM std s, unnest(s.category_codes) p WHERE starts_with(k.code, p)))`
    : sql``;
  const rows = await query<Raw>(
    q,
    sql`
    WITH std AS MATERIALIZED (SELECT s.code, s.name, s.quota, s.category_codes, s.match_attributes
      FROM ${standardsInForceSql(onDate)} s WHERE s.quota->>'kind' <> 'none'
        ${
          codes
            ? sql`AND s.code IN (${sql.join(
                codes.map((c) => sql`${c}`),
                sql`, `,
              )})`
            : sql``
        }),
    items AS (
      SELECT c.unit_id, c.category_id, c.attributes->'paperSize' AS paper, c.attributes->'colour' AS colour, sum(c.quantity)::bigint AS n
      FROM cards c WHERE ${heldCard} AND ${inScope(sql`c.unit_id`, scope)} ${covered}
      GROUP BY c.unit_id, c.category_id, c.attributes->'paperSize', c.attributes->'colour'),
    held AS (
      SELECT i.unit_id, s.code, sum(i.n) AS n FROM items i JOIN categories k ON k.id = i.category_id
      JOIN std s ON ${coversItemSql(sql`s`, { categoryCode: sql`k.code`, attributes: sql`jsonb_build_object('paperSize', i.paper, 'colour', i.colour)` })}
      GROUP BY i.unit_id, s.code),
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
