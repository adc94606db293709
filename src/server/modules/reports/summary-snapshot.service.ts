// A closed month's reports never move (DOMAIN §7): closing a month (结账) writes the month's asset
// summary, in its parts, its low-value line and its additions and disposals lists in the closing transaction; the reports of a run of closed months read it
// (summary.queries.ts), and 反结账 removes it so the month is read live again until closed anew.
import { uuidArray } from '../../platform/db/sql-arrays.ts';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { movementsSql } from './lists.queries.ts';
import { lowValuePartsSql } from './low-value.queries.ts';
import { monthFirst, monthLast, summaryPartsSql } from './summary.queries.ts';

/**
 * Snapshots `month` ('YYYY-MM') of the units: one statement computing the month's summary parts for
 * all of them (set-based, as the live report does) into summary_snapshot_rows. Call inside the
 * closing transaction, after the month is marked closed.
 */
export async function snapshotClosedMonth(q: Queryable, unitIds: string[], month: string): Promise<void> {
  if (unitIds.length === 0) return;
  const m = monthFirst(month);
  const parts = await summaryPartsSql(q, { from: month, to: month, categoryLevel: 1 }, unitIds);
  await withTx(q, async (tx) => {
    await tx.execute(sql`DELETE FROM summary_snapshot_rows WHERE unit_id = ANY(${uuidArray(unitIds)}) AND month = ${m}::date`);
    // The same planner settings as the live report (summary.queries.ts withPlannerHints), for the same reason.
    await tx.execute(sql`SET LOCAL enable_mergejoin = off`);
    await tx.execute(sql`SET LOCAL enable_sort = off`);
    await tx.execute(sql`
      INSERT INTO summary_snapshot_rows (unit_id, month, category_id, acq, disp, open_n, open_v, open_a, add_n, add_v, add_a,
        up, down, dep, red_n, red_v, red_a, close_n, close_v, close_a)
      WITH ${parts}
      SELECT unit_id, ${m}::date, category_id, acq, disp, sum(open_n), sum(open_v), sum(open_a), sum(add_n), sum(add_v), sum(add_a),
        sum(up), sum(down), sum(dep), sum(red_n), sum(red_v), sum(red_a), sum(close_n), sum(close_v), sum(close_a)
      FROM parts GROUP BY unit_id, category_id, acq, disp`);
    await tx.execute(sql`SET LOCAL enable_mergejoin TO DEFAULT`);
    await tx.execute(sql`SET LOCAL enable_sort TO DEFAULT`);
    // The low-value line and the month's additions and disposals lists, as they stand now (lists.queries.ts).
    await tx.execute(sql`DELETE FROM summary_snapshot_low_value WHERE unit_id = ANY(${uuidArray(unitIds)}) AND month = ${m}::date`);
    await tx.execute(sql`
      INSERT INTO summary_snapshot_low_value (unit_id, month, category_id, open_n, open_v, close_n, close_v)
      SELECT unit_id, ${m}::date, category_id, open_n, open_v, close_n, close_v
      FROM (${lowValuePartsSql({ from: month, to: month }, unitIds)}) lv`);
    await tx.execute(sql`DELETE FROM summary_snapshot_moves WHERE unit_id = ANY(${uuidArray(unitIds)}) AND month = ${m}::date`);
    for (const kind of ['additions', 'disposals'] as const)
      await tx.execute(sql`
        INSERT INTO summary_snapshot_moves (unit_id, month, kind, card_id, moved_on, method, category_id, v, a)
        SELECT mv.unit_id, ${m}::date, ${kind}, mv.card_id, mv.d, mv.method, mv.category_id, mv.v, mv.a
        FROM (${movementsSql(kind, m, monthLast(month))}) mv WHERE mv.unit_id = ANY(${uuidArray(unitIds)})`);
    await tx.execute(sql`
      INSERT INTO summary_snapshots (unit_id, month, lists) SELECT u, ${m}::date, true FROM unnest(${uuidArray(unitIds)}) u
      ON CONFLICT (unit_id, month) DO UPDATE SET taken_at = now(), lists = true`);
  });
}

/** 反结账: the month is read live again (and snapshotted anew when it is closed again). */
export async function dropMonthSnapshot(q: Queryable, unitId: string, month: string): Promise<void> {
  await q.execute(sql`DELETE FROM summary_snapshot_low_value WHERE unit_id = ${unitId} AND month = ${monthFirst(month)}::date`);
  await q.execute(sql`DELETE FROM summary_snapshot_moves WHERE unit_id = ${unitId} AND month = ${monthFirst(month)}::date`);
  await q.execute(sql`DELETE FROM summary_snapshot_rows WHERE unit_id = ${unitId} AND month = ${monthFirst(month)}::date`);
  await q.execute(sql`DELETE FROM summary_snapshots WHERE unit_id = ${unitId} AND month = ${monthFirst(month)}::date`);
}
