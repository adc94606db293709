// Use of a booking (DOMAIN §9, 使用): check-in by the QR code at the resource, an early finish, and the release of a
// confirmed booking nobody checked in to within the resource's grace period (a no-show, recorded;
// its slot is free at once, since the exclusion constraint covers pending and confirmed only).
// Time is `sharingClock.now()` (tests pin it) or the `now` passed to the release.
import { sql } from 'drizzle-orm';
import type { CheckInView } from '../../../shared/sharing.contracts.ts';
import { type Actor, inScope, unitScope } from '../../platform/auth/actor.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { uuidArray } from '../../platform/db/sql-arrays.ts';
import { AppError } from '../../platform/errors.ts';
import { getBooking } from './booking.queries.ts';
import { lockBooking, logEvent, sharingClock } from './booking.service.ts';
import { resourceRow } from './resource.service.ts';

/** Check-in opens this many minutes before the start. */
export const CHECKIN_OPENS_MINUTES = 15;

/**
 * The booking of the caller's units on this resource that can be checked in to at `now`: confirmed,
 * not yet checked in, from 15 minutes before its start until the grace period ends (or its end, when
 * the resource asks no check-in).
 */
async function checkInCandidate(q: Queryable, actor: Actor, resourceId: string, now: Date): Promise<string | null> {
  const row = await queryOne<{ id: string }>(
    q,
    sql`
    select b.id::text from bookings b join sharing_resources r on r.id = b.resource_id
    where b.resource_id = ${resourceId}::uuid and b.status = 'confirmed' and b.checked_in_at is null
      and ${inScope('b.unit_id', unitScope(actor, 'sharing.book'))}
      and b.starts_at - make_interval(mins => ${CHECKIN_OPENS_MINUTES}) <= ${now.toISOString()}::timestamptz
      and ${now.toISOString()}::timestamptz < least(b.ends_at,
        b.starts_at + make_interval(mins => coalesce(r.checkin_grace_minutes, 100000)))
    order by (b.booked_by = ${actor.userId}::uuid) desc, b.starts_at limit 1`,
  );
  return row?.id ?? null;
}

/** What the QR code at a resource shows: the resource and the booking to check in to, if any. */
export async function checkInView(q: Queryable, actor: Actor, resourceId: string): Promise<CheckInView> {
  const r = await resourceRow(q, resourceId);
  const id = await checkInCandidate(q, actor, resourceId, sharingClock.now());
  return {
    resource: { id: r.id, name: r.name, location: r.location, checkinGraceMinutes: r.checkinGraceMinutes },
    booking: id ? await getBooking(q, actor, id) : null,
  };
}

/** 签到: checks in to the caller's unit's booking on the resource now; 409 when there is none. */
export async function checkIn(q: Queryable, actor: Actor, resourceId: string) {
  const now = sharingClock.now();
  const id = await withTx(q, async (tx) => {
    const r = await resourceRow(tx, resourceId);
    const found = await checkInCandidate(tx, actor, resourceId, now);
    if (!found)
      throw new AppError(
        'invalid_transition',
        `「${r.name}」现在没有本单位可签到的预订（开始前 ${CHECKIN_OPENS_MINUTES} 分钟起${r.checkinGraceMinutes ? `至开始后 ${r.checkinGraceMinutes} 分钟` : ''}可签到）`,
      );
    // The status in the WHERE: a release running at the same moment and this check-in cannot both win.
    const done = await query(
      tx,
      sql`update bookings set checked_in_at = ${now.toISOString()}, version = version + 1
        where id = ${found}::uuid and status = 'confirmed' and checked_in_at is null returning id`,
    );
    if (!done.length) throw new AppError('invalid_transition', '该预订已签到或已释放');
    await logEvent(tx, found, 'check_in', actor, { at: now.toISOString() });
    return found;
  });
  return getBooking(q, actor, id);
}

/**
 * Releases every confirmed booking of a resource that asks for check-in whose grace period has run
 * out at `now` without a check-in: status no_show, its slot free. One statement; returns how many.
 */
export async function releaseNoShows(q: Queryable, now: Date = sharingClock.now()): Promise<{ released: number }> {
  return withTx(q, async (tx) => {
    const rows = await query<{ id: string }>(
      tx,
      sql`
      update bookings b set status = 'no_show', released_at = ${now.toISOString()}, version = b.version + 1
      from sharing_resources r
      where r.id = b.resource_id and r.checkin_grace_minutes is not null
        and b.status = 'confirmed' and b.checked_in_at is null
        and b.starts_at + make_interval(mins => r.checkin_grace_minutes) <= ${now.toISOString()}::timestamptz
      returning b.id::text`,
    );
    if (rows.length)
      await tx.execute(sql`
        insert into sharing_events (booking_id, kind, actor_id, details)
        select x.id, 'no_show', null, jsonb_build_object('releasedAt', ${now.toISOString()}::text)
        from unnest(${uuidArray(rows.map((r) => r.id))}) as x(id)`);
    return { released: rows.length };
  });
}

/**
 * 提前结束: a booking under way ends now (to the next whole minute); its end and blocked span move
 * back, so the rest of the slot is free at once and the usage and charge count the minutes used.
 */
export async function finishBooking(q: Queryable, actor: Actor, id: string) {
  const now = sharingClock.now();
  const end = new Date(Math.ceil(now.getTime() / 60_000) * 60_000);
  await withTx(q, async (tx) => {
    const b = await lockBooking(tx, actor, id, 'sharing.book');
    if (b.status !== 'confirmed') throw new AppError('invalid_transition', '只有已确认的预订可以提前结束');
    if (new Date(b.starts_at) >= now) throw new AppError('invalid_transition', '预订尚未开始，如不再需要请取消');
    if (new Date(b.ends_at) <= end) throw new AppError('invalid_transition', '预订已结束');
    const r = await resourceRow(tx, b.resource_id);
    await tx.execute(sql`
      update bookings set ends_at = ${end.toISOString()}, blocked_until = ${new Date(end.getTime() + r.bufferMinutes * 60_000).toISOString()},
        finished_at = ${now.toISOString()}, version = version + 1
      where id = ${id}::uuid`);
    await logEvent(tx, id, 'finish', actor, { from: new Date(b.ends_at).toISOString(), to: end.toISOString() });
  });
  return getBooking(q, actor, id);
}
