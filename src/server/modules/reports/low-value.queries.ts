// 低值易耗品 in the asset summary: registered, kept and counted, but outside the fixed-asset totals
// (docs/domain.md §6), so the summary shows them on a line of their own: how many items and what they cost
// at the start and the end of the period. They are never depreciated, so there is no net value.
// A closed month's line is the one frozen at closing (summary_snapshot_low_value), like its summary.
import { sql, type SQL } from 'drizzle-orm';
import type { LowValueLine, ReportFilter } from '../../../shared/reports.contracts.ts';
import { inScope } from '../../platform/auth/actor.ts';
import { queryOne, type Queryable } from '../../platform/db/engine.ts';
import { uuidArray } from '../../platform/db/sql-arrays.ts';
import { dayBefore, monthFirst, monthLast, snapshotUnits } from './summary.queries.ts';

/**
 * The line's parts per unit and leaf category, live: items and cost held the day before `from` and
 * on the last day of `to`. `units`: only these (null: the scope); `exclude`: not these.
 */
export function lowValuePartsSql(f: Pick<ReportFilter, 'from' | 'to' | 'unitId'>, scope: 'all' | string[], exclude: string[] = []): SQL {
  const openD = dayBefore(monthFirst(f.from));
  const closeD = monthLast(f.to);
  const held = (d: string) =>
    sql`coalesce(c.posted_on, c.acquired_on) <= ${d}::date AND (c.disposed_on IS NULL OR c.disposed_on > ${d}::date)`;
  return sql`
    SELECT c.unit_id, c.category_id,
      coalesce(sum(c.quantity) FILTER (WHERE ${held(openD)}), 0)::bigint AS open_n,
      coalesce(sum(c.original_value_fen) FILTER (WHERE ${held(openD)}), 0)::bigint AS open_v,
      coalesce(sum(c.quantity) FILTER (WHERE ${held(closeD)}), 0)::bigint AS close_n,
      coalesce(sum(c.original_value_fen) FILTER (WHERE ${held(closeD)}), 0)::bigint AS close_v
    FROM cards c
    WHERE c.asset_kind = 'low_value' AND ${inScope('c.unit_id', scope)} ${f.unitId ? sql`AND c.unit_id = ${f.unitId}` : sql``}
      ${exclude.length ? sql`AND c.unit_id <> ALL(${uuidArray(exclude)})` : sql``}
    GROUP BY c.unit_id, c.category_id`;
}

export async function lowValueLine(q: Queryable, f: ReportFilter, scope: 'all' | string[]): Promise<LowValueLine> {
  // Units whose every month of the period is closed read what closing froze; the rest live.
  const closed = await snapshotUnits(q, f, scope, true);
  const snap = closed.length
    ? sql`
    SELECT s.unit_id, s.category_id,
      sum(s.open_n) FILTER (WHERE s.month = ${monthFirst(f.from)}::date) AS open_n, sum(s.open_v) FILTER (WHERE s.month = ${monthFirst(f.from)}::date) AS open_v,
      sum(s.close_n) FILTER (WHERE s.month = ${monthFirst(f.to)}::date) AS close_n, sum(s.close_v) FILTER (WHERE s.month = ${monthFirst(f.to)}::date) AS close_v
    FROM summary_snapshot_low_value s
    WHERE s.unit_id = ANY(${uuidArray(closed)}) AND s.month IN (${monthFirst(f.from)}::date, ${monthFirst(f.to)}::date)
    GROUP BY 1, 2`
    : null;
  const live = f.unitId && closed.includes(f.unitId) ? null : lowValuePartsSql(f, scope, closed);
  const parts = [live, snap].filter((p): p is SQL => p !== null);
  const row = await queryOne<{ oc: number; ov: number; cc: number; cv: number }>(
    q,
    sql`
    SELECT coalesce(sum(t.open_n), 0)::float8 AS oc, coalesce(sum(t.open_v), 0)::float8 AS ov,
      coalesce(sum(t.close_n), 0)::float8 AS cc, coalesce(sum(t.close_v), 0)::float8 AS cv
    FROM (${sql.join(parts, sql` UNION ALL `)}) t JOIN categories k ON k.id = t.category_id
    WHERE true ${f.categoryId ? sql`AND k.path LIKE (SELECT path FROM categories WHERE id = ${f.categoryId}) || '%'` : sql``}`,
  );
  return { opening: { count: row?.oc ?? 0, valueFen: row?.ov ?? 0 }, closing: { count: row?.cc ?? 0, valueFen: row?.cv ?? 0 } };
}
