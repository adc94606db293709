// Booking, changing, cancelling and deciding bookings. The rules (booking.rules.ts) refuse what breaks
// the resource's settings; the database's exclusion constraint alone decides overlaps, so two people
// racing for one slot cannot both win on either engine. A lost race (23P01) answers 409 naming the
// booking in the way.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { BookingChange, BookingInput, BookingView } from '../../../shared/sharing.contracts.ts';
import { type Actor, assertInScope, can, unitScope } from '../../platform/auth/actor.ts';
import { query, queryOne, type Queryable, type Tx } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { pgCode } from '../../platform/db/db-errors.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { getBooking } from './booking.queries.ts';
import { quotaRefusal } from './booking-quota.ts';
import { bookingRefusal, local, rolesFor } from './booking.rules.ts';
import { resourceRow, rulesOf } from './resource.service.ts';
import { sharingEvents } from './sharing.tables.ts';

/** The minute the rules read as "now"; tests replace it (auto-release, notice periods) instead of sleeping. */
export const sharingClock = { now: (): Date => new Date() };

interface Span {
  startsAt: Date;
  endsAt: Date;
}

/** A booking that already holds (part of) a span: what the 409 names. */
export interface Clash {
  bookingNo: string;
  startsAt: string;
  endsAt: string;
  unitName: string;
  status: string;
  /** The title only when the caller may see the booking. */
  title: string | null;
}

const pad = (n: number) => String(n).padStart(2, '0');
const fmt = (iso: string) => {
  const { date, minute } = local(new Date(iso));
  return `${date} ${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
};
export const clashText = (c: Clash) =>
  `${c.bookingNo}（${c.unitName}，${fmt(c.startsAt)}–${fmt(c.endsAt).slice(11)}${c.status === 'pending' ? '，待审批' : ''}）`;

/** Active bookings of the resource whose blocked span meets one of `spans` (with the resource's buffer), except `exceptId`. */
export async function clashesWith(
  q: Queryable,
  actor: Actor,
  resourceId: string,
  spans: (Span & { blockedUntil: Date })[],
  exceptId?: string,
): Promise<(Clash & { index: number })[]> {
  if (!spans.length) return [];
  const scope = unitScope(actor, 'sharing.read');
  const rows = await query<
    Omit<Clash, 'startsAt' | 'endsAt'> & {
      startsAt: Date | string;
      endsAt: Date | string;
      index: number;
      unit_id: string;
      raw_title: string;
    }
  >(
    q,
    sql`
    select s.i - 1 as index, b.booking_no as "bookingNo", b.starts_at as "startsAt", b.ends_at as "endsAt",
      coalesce(u.short_name, u.name) as "unitName", b.status, b.unit_id, b.title as raw_title
    from (select * from (values ${sql.join(
      spans.map(
        (s, i) =>
          sql`(${i + 1}::int, tstzrange(${s.startsAt.toISOString()}::timestamptz, ${s.blockedUntil.toISOString()}::timestamptz, '[)'))`,
      ),
      sql`, `,
    )}) v(i, r)) s
    join bookings b on b.resource_id = ${resourceId}::uuid and b.status in ('pending', 'confirmed')
      and tstzrange(b.starts_at, b.blocked_until, '[)') && s.r
      ${exceptId ? sql`and b.id <> ${exceptId}::uuid` : sql``}
    join units u on u.id = b.unit_id
    order by 1, 3`,
  );
  return rows.map((r) => ({
    index: r.index,
    bookingNo: r.bookingNo,
    startsAt: new Date(r.startsAt).toISOString(),
    endsAt: new Date(r.endsAt).toISOString(),
    unitName: r.unitName,
    status: r.status,
    title: scope === 'all' || scope.includes(r.unit_id) ? r.raw_title : null,
  }));
}

const HOUR_MS = 3600_000;
const WEEK_MS = 7 * 24 * HOUR_MS;

/** The clash error: 409, naming every booking in the way (the first in the message). */
export function clashError(clashes: (Clash & { index?: number })[], occurrences = 1): AppError {
  const head =
    occurrences > 1
      ? `${new Set(clashes.map((c) => c.index)).size} 次（共 ${occurrences} 次）与已有预订冲突，未保存任何一次：`
      : '该时段已被预订：';
  // An empty list: the booking in the way was cancelled between the refusal and this look-up.
  const list = clashes.length ? clashes.slice(0, 5).map(clashText).join('；') : '请刷新日历后重试';
  return new AppError('conflict', `${head}${list}${clashes.length > 5 ? ' 等' : ''}`, undefined, {
    clashes,
  });
}

export async function logEvent(tx: Tx, bookingId: string, kind: string, actor: Actor, details: Record<string, unknown> = {}) {
  await tx.insert(sharingEvents).values({ bookingId, kind, actorId: actor.userId, details });
}

/** The unit a booking is made for: the one named (within the caller's booking scope) or the caller's own. */
function bookingUnit(actor: Actor, unitId: string | null | undefined): string {
  const unit = unitId ?? actor.unitId;
  if (!unit) throw invalid({ unitId: '请选择预订单位' });
  const scope = unitScope(actor, 'sharing.book');
  if (scope !== 'all' && !scope.includes(unit)) throw invalid({ unitId: '只能为本单位预订' });
  return unit;
}

interface Plan {
  resource: Awaited<ReturnType<typeof resourceRow>>;
  unitId: string;
  spans: (Span & { blockedUntil: Date })[];
  clashes: (Clash & { index: number })[];
}

/**
 * Checks a request (every weekly occurrence) against the rules and, with `withClashes`, the bookings
 * already held; writes nothing.
 */
export async function planBooking(q: Queryable, actor: Actor, input: z.output<typeof BookingInput>, withClashes = true): Promise<Plan> {
  const resource = await resourceRow(q, input.resourceId);
  const unitId = bookingUnit(actor, input.unitId);
  const first = { startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt) };
  const spans = Array.from({ length: input.repeatWeeks + 1 }, (_, i) => {
    const startsAt = new Date(first.startsAt.getTime() + i * WEEK_MS);
    const endsAt = new Date(first.endsAt.getTime() + i * WEEK_MS);
    return { startsAt, endsAt, blockedUntil: new Date(endsAt.getTime() + resource.bufferMinutes * 60_000) };
  });
  const now = sharingClock.now();
  const roles = rolesFor(actor.grants, unitId);
  for (const [i, s] of spans.entries()) {
    const why = bookingRefusal(rulesOf(resource), { ...s, unitId, attendees: input.attendees, roles }, now);
    if (why) {
      const when = spans.length > 1 ? `第 ${i + 1} 次（${s.startsAt.toISOString().slice(0, 10)}）：` : '';
      throw new AppError('rule_violation', `${when}${why.message}`, { [why.field]: why.message });
    }
  }
  if (resource.kind === 'vehicle' && !input.destination) throw invalid({ destination: '用车须填写目的地' });
  const quota = await quotaRefusal(q, resource, { unitId, userId: actor.userId }, spans);
  if (quota) throw new AppError('rule_violation', quota, { startsAt: quota });
  return { resource, unitId, spans, clashes: withClashes ? await clashesWith(q, actor, resource.id, spans) : [] };
}

/** The business year a booking number carries: 'YD' + year + a sequence of at least six digits. */
const bookingNoSql = (year: string) => sql`'YD' || ${year} || lpad(n::text, greatest(6, length(n::text)), '0')`;

/**
 * Books one resource, once or weekly: all occurrences or none. No look-up of clashes beforehand: the
 * exclusion constraint refuses an overlap, and only then are the bookings in the way listed (the 409).
 * Every occurrence and its ledger event go in with one statement.
 */
export async function createBooking(q: Queryable, actor: Actor, input: z.output<typeof BookingInput>): Promise<BookingView[]> {
  const plan = await planBooking(q, actor, input, false);
  const status = plan.resource.needsApproval ? 'pending' : 'confirmed';
  const seriesId = plan.spans.length > 1 ? crypto.randomUUID() : null;
  const year = local(sharingClock.now()).date.slice(0, 4);
  const list = (pick: (s: (typeof plan.spans)[number]) => Date) =>
    sql`ARRAY[${sql.join(
      plan.spans.map((s) => sql`${pick(s).toISOString()}`),
      sql`, `,
    )}]::text[]`;
  let ids: string[];
  try {
    ids = await withTx(q, async (tx) => {
      // Requests for one resource take turns on its row. The constraint still decides; the turn keeps
      // PostgreSQL from two inserts each waiting on the other's uncommitted row inside the exclusion
      // check (a deadlock, found only after deadlock_timeout: 1 s, with a 40P01 for one of them), and
      // lets the quotas be read again under the lock: two requests of one unit cannot both slip under.
      await resourceRow(tx, plan.resource.id, true, true);
      if (plan.resource.quotaPeriod) {
        const quota = await quotaRefusal(tx, plan.resource, { unitId: plan.unitId, userId: actor.userId }, plan.spans);
        if (quota) throw new AppError('rule_violation', quota, { startsAt: quota });
      }
      const rows = await query<{ id: string }>(
        tx,
        sql`
        with spans as (
          select s.starts_at, s.ends_at, s.blocked_until, s.i, nextval('booking_no_seq') as n
          from unnest(${list((s) => s.startsAt)}, ${list((s) => s.endsAt)}, ${list((s) => s.blockedUntil)})
            with ordinality as s(starts_at, ends_at, blocked_until, i)
        ), made as (
          insert into bookings (booking_no, resource_id, unit_id, booked_by, person_name, title, attendees, starts_at, ends_at,
            blocked_until, fee_per_hour_fen, status, series_id, destination, passengers)
          select ${bookingNoSql(year)}, ${plan.resource.id}, ${plan.unitId}, ${actor.userId}, ${actor.displayName}, ${input.title},
            ${input.attendees ?? null}::int, starts_at::timestamptz, ends_at::timestamptz, blocked_until::timestamptz,
            ${plan.resource.feePerHourFen}, ${status}, ${seriesId}::uuid, ${input.destination ?? null}, ${input.passengers ?? null}::int
          from spans order by i
          returning id, starts_at
        ), logged as (
          insert into sharing_events (booking_id, kind, actor_id, details)
          select m.id, 'create', ${actor.userId}::uuid,
            jsonb_build_object('status', ${status}::text, 'startsAt', s.starts_at, 'endsAt', s.ends_at)
          from made m join spans s on s.starts_at::timestamptz = m.starts_at
        )
        select id::text from made order by starts_at`,
      );
      return rows.map((r) => r.id);
    });
  } catch (err) {
    // The constraint refused: say which bookings are in the way (every occurrence's).
    if (pgCode(err) === '23P01') throw clashError(await clashesWith(q, actor, plan.resource.id, plan.spans), plan.spans.length);
    throw err;
  }
  return Promise.all(ids.map((id) => getBooking(q, actor, id)));
}

/** The booking (locked) if it lies in the caller's scope for `permission`; 404 otherwise. */
export async function lockBooking(tx: Queryable, actor: Actor, id: string, permission: 'sharing.book' | 'sharing.manage') {
  const row = await queryOne<{
    id: string;
    unit_id: string;
    resource_id: string;
    status: string;
    starts_at: Date | string;
    ends_at: Date | string;
    version: number;
    booked_by: string;
    odometer_out: number | null;
    dispatched_at: Date | null;
    returned_at: Date | null;
  }>(tx, sql`select * from bookings where id = ${id}::uuid for update`);
  // Readers outside the booking's unit get 404 whatever they hold (ids cannot be probed).
  if (!row) throw notFound('预订');
  assertInScope(row.unit_id, unitScope(actor, 'sharing.read'), '预订');
  if (!can(actor, permission)) throw new AppError('forbidden');
  assertInScope(row.unit_id, unitScope(actor, permission), '预订');
  return row;
}

/** Moves, extends or shortens a booking: the same rules, and the constraint refuses a collision. */
export async function changeBooking(q: Queryable, actor: Actor, id: string, input: z.output<typeof BookingChange>): Promise<BookingView> {
  const span = { startsAt: new Date(input.startsAt), endsAt: new Date(input.endsAt) };
  let resourceId = '';
  let blockedUntil = span.endsAt;
  try {
    await withTx(q, async (tx) => {
      const b = await lockBooking(tx, actor, id, 'sharing.book');
      if (input.version && input.version !== b.version) throw new AppError('stale');
      if (b.status !== 'pending' && b.status !== 'confirmed') throw new AppError('invalid_transition', '已取消或已驳回的预订不能修改');
      if (new Date(b.ends_at) <= sharingClock.now()) throw new AppError('invalid_transition', '已结束的预订不能修改');
      // The resource's turn (as in createBooking): an extension racing a new booking cannot deadlock.
      const resource = await resourceRow(tx, b.resource_id, true, true);
      resourceId = resource.id;
      blockedUntil = new Date(span.endsAt.getTime() + resource.bufferMinutes * 60_000);
      // A booking already under way keeps its start: only its end may move (extend or finish early).
      const started = new Date(b.starts_at) <= sharingClock.now();
      if (started && span.startsAt.getTime() !== new Date(b.starts_at).getTime())
        throw new AppError('rule_violation', '进行中的预订只能调整结束时间', { startsAt: '进行中的预订只能调整结束时间' });
      // Extending a meeting under way is not booking ahead: the notice period does not apply.
      const rules = started ? { ...rulesOf(resource), minNoticeMinutes: 0 } : rulesOf(resource);
      const why = bookingRefusal(rules, { ...span, unitId: b.unit_id }, started ? span.startsAt : sharingClock.now());
      if (why) throw new AppError('rule_violation', why.message, { [why.field]: why.message });
      if (resource.quotaPeriod) {
        const quota = await quotaRefusal(tx, resource, { unitId: b.unit_id, userId: b.booked_by }, [span], id);
        if (quota) throw new AppError('rule_violation', quota, { endsAt: quota });
      }
      await tx.execute(sql`
        update bookings set starts_at = ${span.startsAt.toISOString()}, ends_at = ${span.endsAt.toISOString()},
          blocked_until = ${blockedUntil.toISOString()}, version = version + 1
        where id = ${id}::uuid`);
      await logEvent(tx, id, 'change', actor, { from: { startsAt: b.starts_at, endsAt: b.ends_at }, to: span });
    });
  } catch (err) {
    if (pgCode(err) === '23P01') throw clashError(await clashesWith(q, actor, resourceId, [{ ...span, blockedUntil }], id));
    throw err;
  }
  return getBooking(q, actor, id);
}

/** Cancels a booking that has not ended; its slot is free at once. */
export async function cancelBooking(q: Queryable, actor: Actor, id: string, reason?: string | null): Promise<BookingView> {
  await withTx(q, async (tx) => {
    const b = await lockBooking(tx, actor, id, 'sharing.book');
    if (b.status !== 'pending' && b.status !== 'confirmed') throw new AppError('invalid_transition', '该预订已取消或已驳回');
    if (new Date(b.ends_at) <= sharingClock.now()) throw new AppError('invalid_transition', '已结束的预订不能取消');
    if (b.dispatched_at) throw new AppError('invalid_transition', '车辆已派出，请登记还车');
    await tx.execute(sql`update bookings set status = 'cancelled', cancelled_at = now(), version = version + 1 where id = ${id}::uuid`);
    await logEvent(tx, id, 'cancel', actor, { reason: reason ?? null });
  });
  return getBooking(q, actor, id);
}

/** Approves (confirms the tentative hold) or rejects (frees the slot) a pending booking. */
export async function decideBooking(q: Queryable, actor: Actor, id: string, approve: boolean, note?: string | null): Promise<BookingView> {
  await withTx(q, async (tx) => {
    const b = await lockBooking(tx, actor, id, 'sharing.manage');
    if (b.status !== 'pending') throw new AppError('invalid_transition', '只有待审批的预订可以审批');
    await tx.execute(sql`
      update bookings set status = ${approve ? 'confirmed' : 'rejected'}, decided_by = ${actor.userId}, decided_at = now(),
        decision_note = ${note ?? null}, version = version + 1
      where id = ${id}::uuid`);
    await logEvent(tx, id, approve ? 'approve' : 'reject', actor, { note: note ?? null });
  });
  return getBooking(q, actor, id);
}

/**
 * 派车: the dispatcher assigns a vehicle (the one requested or another pooled vehicle; the move is
 * a change of resource the exclusion constraint checks like any booking) and names the driver and
 * the odometer as the vehicle leaves.
 */
export async function dispatchTrip(
  q: Queryable,
  actor: Actor,
  id: string,
  input: { driver: string; odometerOut: number; resourceId?: string | null },
): Promise<BookingView> {
  let target = '';
  let span: (Span & { blockedUntil: Date }) | null = null;
  try {
    await withTx(q, async (tx) => {
      const b = await lockBooking(tx, actor, id, 'sharing.manage');
      const resource = await resourceRow(tx, b.resource_id);
      if (resource.kind !== 'vehicle') throw new AppError('invalid_transition', '只有公务用车需要派车');
      if (b.status !== 'confirmed') throw new AppError('invalid_transition', '只有已确认的用车申请可以派车');
      if (b.dispatched_at) throw new AppError('invalid_transition', '该行程已派车');
      target = resource.id;
      if (input.resourceId && input.resourceId !== resource.id) {
        // The resource's turn, as for a new booking (createBooking).
        const other = await resourceRow(tx, input.resourceId, true, true);
        if (other.kind !== 'vehicle' || !other.active)
          throw new AppError('rule_violation', `「${other.name}」不是可派的公务用车`, {
            resourceId: `「${other.name}」不是可派的公务用车`,
          });
        target = other.id;
        const startsAt = new Date(b.starts_at);
        const endsAt = new Date(b.ends_at);
        // The other vehicle's own rules (hours, sealed days) for the trip's time; notice does not apply.
        const why = bookingRefusal({ ...rulesOf(other), minNoticeMinutes: 0 }, { startsAt, endsAt, unitId: b.unit_id }, startsAt);
        if (why) throw new AppError('rule_violation', why.message, { resourceId: why.message });
        span = { startsAt, endsAt, blockedUntil: new Date(endsAt.getTime() + other.bufferMinutes * 60_000) };
        await tx.execute(sql`
          update bookings set resource_id = ${other.id}::uuid, blocked_until = ${span.blockedUntil.toISOString()} where id = ${id}::uuid`);
      }
      await tx.execute(sql`
        update bookings set driver = ${input.driver}, odometer_out = ${input.odometerOut}, dispatched_at = now(), version = version + 1
        where id = ${id}::uuid`);
      await logEvent(tx, id, 'dispatch', actor, {
        driver: input.driver,
        odometerOut: input.odometerOut,
        ...(target !== resource.id ? { from: resource.id, to: target } : {}),
      });
    });
  } catch (err) {
    if (pgCode(err) === '23P01' && span) throw clashError(await clashesWith(q, actor, target, [span], id));
    throw err;
  }
  return getBooking(q, actor, id);
}

/** 还车: the odometer and the trip's costs (fuel, tolls, parking) as the vehicle comes back. */
export async function returnTrip(
  q: Queryable,
  actor: Actor,
  id: string,
  input: { odometerIn: number; tripCostFen: number; fuelLitres?: number | null },
): Promise<BookingView> {
  const { odometerIn, tripCostFen } = input;
  const fuelLitres = input.fuelLitres ?? null;
  await withTx(q, async (tx) => {
    const b = await lockBooking(tx, actor, id, 'sharing.manage');
    if (!b.dispatched_at) throw new AppError('invalid_transition', '该行程尚未派车');
    if (b.returned_at) throw new AppError('invalid_transition', '该行程已还车');
    if (odometerIn < (b.odometer_out ?? 0))
      throw new AppError('rule_violation', `还车里程 ${odometerIn} 小于出车里程 ${b.odometer_out}`, {
        odometerIn: `不能小于出车里程 ${b.odometer_out}`,
      });
    await tx.execute(sql`
      update bookings set odometer_in = ${odometerIn}, trip_cost_fen = ${tripCostFen}, fuel_litres = ${fuelLitres}, returned_at = now(),
        version = version + 1
      where id = ${id}::uuid`);
    await logEvent(tx, id, 'return', actor, { odometerIn, tripCostFen, fuelLitres, km: odometerIn - (b.odometer_out ?? 0) });
  });
  return getBooking(q, actor, id);
}
