// Periods (docs/domain.md §6, periods): a unit's books are kept by month; a closed month (结账) is
// immutable. This file holds the rules that say which months may be run, closed and re-opened; the
// triggers of migrations/post/054_periods.sql enforce the lock on every writer.
import { uuidArray } from '../../platform/db/sql-arrays.ts';
import { sql } from 'drizzle-orm';
import { type Actor, assertInScope, inScope, scopeIncludes, unitScope } from '../../platform/auth/actor.ts';
import { logSecurityEvent } from '../../platform/auth/security-log.ts';
import { businessMonth } from '../../platform/clock.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/errors.ts';
import { dropMonthSnapshot, hasLockedFiling, snapshotClosedMonth } from '../reports/index.ts';
import { monthFromIndex, monthIndex } from './depreciation.rules.ts';

export interface Books {
  unitId: string;
  /** 'YYYY-MM' or null. */
  takeoverMonth: string | null;
  closedThrough: string | null;
}

const ym = (d: string | null) => (d ? d.slice(0, 7) : null);
export const nextMonth = (m: string) => monthFromIndex(monthIndex(m) + 1);
export const prevMonth = (m: string) => monthFromIndex(monthIndex(m) - 1);

/** The books of each unit (a unit without a row has neither a takeover nor a closed month). */
export async function booksOf(q: Queryable, unitIds: string[]): Promise<Map<string, Books>> {
  const rows =
    unitIds.length === 0
      ? []
      : await query<{ unit_id: string; takeover_month: string | null; closed_through: string | null }>(
          q,
          sql`
    SELECT unit_id, takeover_month::text, closed_through::text FROM unit_books WHERE unit_id = ANY(${uuidArray(unitIds)})`,
        );
  const map = new Map(unitIds.map((u) => [u, { unitId: u, takeoverMonth: null, closedThrough: null } as Books]));
  for (const r of rows) map.set(r.unit_id, { unitId: r.unit_id, takeoverMonth: ym(r.takeover_month), closedThrough: ym(r.closed_through) });
  return map;
}

/** The first month of the unit's books that is not closed, or null when any month is open. */
export const firstOpenMonth = (b: Books): string | null =>
  b.closedThrough ? nextMonth(b.closedThrough) : b.takeoverMonth ? nextMonth(b.takeoverMonth) : null;

/** Why `month` cannot be run for a unit, or null when it can. */
export function runRefusal(
  b: Books,
  month: string,
  current = businessMonth(),
): { id: 'locked_period' | 'invalid_transition'; message: string } | null {
  if (month > current) return { id: 'invalid_transition', message: `${month} 尚未到来，不能计提（当前月份 ${current}）` };
  if (b.closedThrough && month <= b.closedThrough) return { id: 'locked_period', message: `${month} 已结账，不能重新计提` };
  if (b.takeoverMonth && month <= b.takeoverMonth) {
    return {
      id: 'locked_period',
      message: `${month} 的折旧已包含在期初余额中（期初建账月份 ${b.takeoverMonth}），账套从 ${nextMonth(b.takeoverMonth)} 开始`,
    };
  }
  return null;
}

/** Why `month` cannot be closed for a unit, or null when it can. `hasRun`: the month was run. */
export function closeRefusal(b: Books, month: string, hasRun: boolean, current = businessMonth()): string | null {
  if (month >= current) return `${month} 尚未结束，不能结账（当前月份 ${current}）`;
  if (b.closedThrough && month <= b.closedThrough) return `${month} 已结账`;
  const first = firstOpenMonth(b);
  if (first && month > first) return `请先结账 ${first}`;
  if (b.takeoverMonth && month <= b.takeoverMonth) return `${month} 在期初建账月份（${b.takeoverMonth}）之前或当月，无需结账`;
  if (!hasRun) return `${month} 尚未计提折旧，请先计提再结账`;
  return null;
}

export interface CloseResult {
  month: string;
  units: { unitId: string; closed: boolean; skipped?: string }[];
}

/**
 * 结账: closes `month` for the units (each must be at its first open month, run, and past). One
 * transaction, set-based: the runs are marked closed and the books moved on together. With
 * `strict` (one unit named), a refusal is an error; otherwise the unit is skipped and said why.
 */
export async function closeMonthForUnits(
  q: Queryable,
  actorId: string | null,
  unitIds: string[],
  month: string,
  strict: boolean,
): Promise<CloseResult> {
  return withTx(q, async (tx) => {
    // Serialises with runs of the same units (depreciation.service locks units in the same order).
    await tx.execute(sql`SELECT id FROM units WHERE id = ANY(${uuidArray(unitIds)}) ORDER BY id FOR UPDATE`);
    const books = await booksOf(tx, unitIds);
    const runs = new Set(
      (
        await query<{ unit_id: string }>(
          tx,
          sql`
      SELECT unit_id FROM depreciation_runs WHERE unit_id = ANY(${uuidArray(unitIds)}) AND month = ${`${month}-01`}::date`,
        )
      ).map((r) => r.unit_id),
    );
    const skipped = new Map<string, string>();
    for (const u of unitIds) {
      const why = closeRefusal(books.get(u)!, month, runs.has(u));
      if (why && strict) throw new AppError('locked_period', why);
      if (why) skipped.set(u, why);
    }
    const ok = unitIds.filter((u) => !skipped.has(u));
    if (ok.length > 0) {
      await tx.execute(sql`
        UPDATE depreciation_runs SET status = 'closed', closed_by = ${actorId}::uuid, closed_at = now()
        WHERE unit_id = ANY(${uuidArray(ok)}) AND month = ${`${month}-01`}::date AND status = 'open'`);
      await tx.execute(sql`
        INSERT INTO unit_books (unit_id, closed_through) SELECT u, ${`${month}-01`}::date FROM unnest(${uuidArray(ok)}) u
        ON CONFLICT (unit_id) DO UPDATE SET closed_through = excluded.closed_through, updated_at = now()`);
      // The month's reports are fixed as they stand now: later edits move open months only.
      await snapshotClosedMonth(tx, ok, month);
      await logSecurityEvent(tx, { kind: 'period_close', userId: actorId, details: { month, unitIds: ok } });
    }
    return {
      month,
      units: unitIds.map((u) => (skipped.has(u) ? { unitId: u, closed: false, skipped: skipped.get(u) } : { unitId: u, closed: true })),
    };
  });
}

/** Closes the month for the unit named, or for every unit in the actor's scope. */
export async function closeMonth(q: Queryable, actor: Actor, month: string, unitId?: string): Promise<CloseResult> {
  const scope = unitScope(actor, 'depreciation.close');
  let units: string[];
  if (unitId) {
    assertInScope(unitId, scope, '单位');
    units = [unitId];
  } else {
    units = (await query<{ id: string }>(q, sql`SELECT id FROM units WHERE active ORDER BY sort, code`))
      .map((r) => r.id)
      .filter((u) => scopeIncludes(scope, u));
  }
  return closeMonthForUnits(q, actor.userId, units, month, !!unitId);
}

export interface BooksView {
  unitId: string;
  unitName: string;
  takeoverMonth: string | null;
  closedThrough: string | null;
  firstOpenMonth: string | null;
  pendingReopen: { id: string; month: string; reason: string; requestedAt: string } | null;
}

/** The books of the units in scope: takeover, last closed month, and a pending 反结账 request. */
export async function listBooks(q: Queryable, actor: Actor): Promise<BooksView[]> {
  const scope = unitScope(actor, 'depreciation.read');
  const rows = await query<{
    id: string;
    name: string;
    takeover_month: string | null;
    closed_through: string | null;
    reopen: { id: string; month: string; reason: string; requestedAt: string } | null;
  }>(
    q,
    sql`
    SELECT u.id, u.name, b.takeover_month::text, b.closed_through::text,
      (SELECT json_build_object('id', r.id, 'month', to_char(r.month, 'YYYY-MM'), 'reason', r.reason, 'requestedAt', r.requested_at)
       FROM period_reopenings r WHERE r.unit_id = u.id AND r.status = 'requested' ORDER BY r.requested_at DESC LIMIT 1) AS reopen
    FROM units u LEFT JOIN unit_books b ON b.unit_id = u.id
    WHERE u.active AND ${inScope('u.id', scope)}
    ORDER BY u.sort, u.code`,
  );
  return rows.map((r) => {
    const b: Books = { unitId: r.id, takeoverMonth: ym(r.takeover_month), closedThrough: ym(r.closed_through) };
    return {
      unitId: r.id,
      unitName: r.name,
      takeoverMonth: b.takeoverMonth,
      closedThrough: b.closedThrough,
      firstOpenMonth: firstOpenMonth(b),
      pendingReopen: r.reopen,
    };
  });
}

/** 反结账, asked: the unit's finance asks to re-open its last closed month, with a reason. */
export async function requestReopen(q: Queryable, actor: Actor, unitId: string, month: string, reason: string) {
  assertInScope(unitId, unitScope(actor, 'depreciation.close'), '单位');
  return withTx(q, async (tx) => {
    const b = (await booksOf(tx, [unitId])).get(unitId)!;
    if (b.closedThrough !== month)
      throw new AppError(
        'invalid_transition',
        b.closedThrough ? `只能反结账最后一个已结账月份 ${b.closedThrough}` : '该单位没有已结账的月份',
      );
    // A month whose monthly report the committee locked stays closed (docs/domain.md §7).
    if (await hasLockedFiling(tx, unitId, month)) throw new AppError('invalid_transition', `${month} 的月报已审核锁定，不能反结账`);
    const pending = await queryOne(tx, sql`SELECT 1 FROM period_reopenings WHERE unit_id = ${unitId} AND status = 'requested'`);
    if (pending) throw new AppError('conflict', '已有待审批的反结账申请');
    const row = await queryOne<{ id: string }>(
      tx,
      sql`
      INSERT INTO period_reopenings (unit_id, month, reason, requested_by) VALUES (${unitId}, ${`${month}-01`}::date, ${reason}, ${actor.userId}) RETURNING id`,
    );
    await logSecurityEvent(tx, { kind: 'period_reopen', userId: actor.userId, details: { unitId, month, step: 'requested', reason } });
    return { id: row!.id };
  });
}

/**
 * 反结账, decided by the committee (not by whoever asked). Approved: the month and its run open
 * again, the books' last closed month goes back one; everything is logged.
 */
export async function decideReopen(q: Queryable, actor: Actor, id: string, approve: boolean, note?: string) {
  return withTx(q, async (tx) => {
    const r = await queryOne<{ unit_id: string; month: string; status: string; requested_by: string }>(
      tx,
      sql`
      SELECT unit_id, to_char(month, 'YYYY-MM') AS month, status, requested_by FROM period_reopenings WHERE id = ${id} FOR UPDATE`,
    );
    if (!r) throw new AppError('not_found', '反结账申请不存在');
    if (r.status !== 'requested') throw new AppError('invalid_transition', '该申请已处理');
    if (r.requested_by === actor.userId) throw new AppError('forbidden', '申请人不能审批自己的反结账申请');
    await tx.execute(sql`SELECT id FROM units WHERE id = ${r.unit_id} FOR UPDATE`);
    if (approve) {
      const b = (await booksOf(tx, [r.unit_id])).get(r.unit_id)!;
      if (b.closedThrough !== r.month) throw new AppError('invalid_transition', `${r.month} 已不是最后一个已结账月份`);
      if (await hasLockedFiling(tx, r.unit_id, r.month))
        throw new AppError('invalid_transition', `${r.month} 的月报已审核锁定，不能反结账`);
      const before = prevMonth(r.month);
      const keepClosed = b.takeoverMonth && before <= b.takeoverMonth ? null : `${before}-01`;
      await tx.execute(sql`UPDATE unit_books SET closed_through = ${keepClosed}::date, updated_at = now() WHERE unit_id = ${r.unit_id}`);
      await tx.execute(
        sql`UPDATE depreciation_runs SET status = 'open', closed_by = NULL, closed_at = NULL WHERE unit_id = ${r.unit_id} AND month = ${`${r.month}-01`}::date`,
      );
      await dropMonthSnapshot(tx, r.unit_id, r.month);
    }
    await tx.execute(sql`
      UPDATE period_reopenings SET status = ${approve ? 'approved' : 'rejected'}, decided_by = ${actor.userId}, decided_at = now(), decision_note = ${note ?? null}
      WHERE id = ${id}`);
    await logSecurityEvent(tx, {
      kind: 'period_reopen',
      userId: actor.userId,
      details: { unitId: r.unit_id, month: r.month, step: approve ? 'approved' : 'rejected', note: note ?? null },
    });
    return { id, status: approve ? 'approved' : 'rejected' };
  });
}
