// 低值易耗品 in the asset summary: registered, kept and counted, but outside the fixed-asset totals
// (docs/domain.md §6), so the summary shows them on a line of their own: how many items and what they cost
// at the start and the end of the period. They are never depreciated, so there is no net value.
import { sql } from 'drizzle-orm';
import type { LowValueLine, ReportFilter } from '../../../shared/reports.contracts.ts';
import { queryOne, type Queryable } from '../../platform/db/engine.ts';
import { dayBefore, monthFirst, monthLast } from './summary.queries.ts';
import { inScope } from '../../platform/auth/actor.ts';

export async function lowValueLine(q: Queryable, f: ReportFilter, scope: 'all' | string[]): Promise<LowValueLine> {
  const openD = dayBefore(monthFirst(f.from));
  const closeD = monthLast(f.to);
  const held = (d: string) =>
    sql`coalesce(c.posted_on, c.acquired_on) <= ${d}::date AND (c.disposed_on IS NULL OR c.disposed_on > ${d}::date)`;
  const row = await queryOne<{ oc: number; ov: number; cc: number; cv: number }>(
    q,
    sql`
    SELECT coalesce(sum(c.quantity) FILTER (WHERE ${held(openD)}), 0)::float8 AS oc,
      coalesce(sum(c.original_value_fen) FILTER (WHERE ${held(openD)}), 0)::float8 AS ov,
      coalesce(sum(c.quantity) FILTER (WHERE ${held(closeD)}), 0)::float8 AS cc,
      coalesce(sum(c.original_value_fen) FILTER (WHERE ${held(closeD)}), 0)::float8 AS cv
    FROM cards c JOIN categories k ON k.id = c.category_id
    WHERE c.asset_kind = 'low_value' AND ${inScope('c.unit_id', scope)} ${f.unitId ? sql`AND c.unit_id = ${f.unitId}` : sql``}
      ${f.categoryId ? sql`AND k.path LIKE (SELECT path FROM categories WHERE id = ${f.categoryId}) || '%'` : sql``}`,
  );
  return { opening: { count: row?.oc ?? 0, valueFen: row?.ov ?? 0 }, closing: { count: row?.cc ?? 0, valueFen: row?.cv ?? 0 } };
}
