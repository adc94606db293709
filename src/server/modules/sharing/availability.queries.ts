// 找空闲资源: every resource free for a whole span, by kind, capacity and equipment, across the
// catalogue. One query marks each candidate taken or free (the same overlap with buffer the
// database's exclusion constraint refuses); the resource's rules (hours, sealed days, notice, who
// may book) are the booking's own (booking.rules.ts), so what is offered here can be booked.
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { AvailabilityQuery, AvailabilityView } from '../../../shared/sharing.contracts.ts';
import { type Actor, unitScope } from '../../platform/auth/actor.ts';
import type { Queryable } from '../../platform/db/engine.ts';
import { likePattern } from '../../platform/db/paging.ts';
import { invalid } from '../../platform/errors.ts';
import { bookingRefusal, chargeFen, rolesFor } from './booking.rules.ts';
import { sharingClock } from './booking.service.ts';
import { rulesOf } from './resource.service.ts';
import { sharingResourcePhotos, sharingResources } from './sharing.tables.ts';

export async function availability(q: Queryable, actor: Actor, p: z.output<typeof AvailabilityQuery>): Promise<AvailabilityView> {
  const startsAt = new Date(p.startsAt);
  const endsAt = new Date(p.endsAt);
  if (endsAt <= startsAt) throw invalid({ endsAt: '结束时间应晚于开始时间' });
  // The unit the booking would be for: the one named (within the caller's booking scope) or the caller's own.
  const scope = unitScope(actor, 'sharing.book');
  const unitId = p.unitId ?? actor.unitId ?? '';
  if (p.unitId && scope !== 'all' && !scope.includes(p.unitId)) throw invalid({ unitId: '只能为本单位查找' });
  const where: SQL[] = [eq(sharingResources.active, true)];
  if (p.kind) where.push(eq(sharingResources.kind, p.kind));
  if (p.minCapacity) where.push(sql`${sharingResources.capacity} >= ${p.minCapacity}`);
  for (const piece of (p.equipment ?? '')
    .split(/[,，]/)
    .map((s) => s.trim())
    .filter(Boolean))
    where.push(sql`exists (select 1 from unnest(${sharingResources.equipment}) e where e ilike ${likePattern(piece)})`);
  const rows = await q
    // Written with the table's name: drizzle leaves a single table's columns unqualified, and inside
    // the subqueries an unqualified id would be the booking's.
    .select({
      r: sharingResources,
      taken: sql<boolean>`exists (
        select 1 from bookings b where b.resource_id = sharing_resources.id and b.status in ('pending', 'confirmed')
          and tstzrange(b.starts_at, b.blocked_until, '[)')
            && tstzrange(${startsAt.toISOString()}::timestamptz,
                 ${endsAt.toISOString()}::timestamptz + make_interval(mins => sharing_resources.buffer_minutes), '[)'))`,
      photoIds: sql<
        string[]
      >`array(select ph.id::text from ${sharingResourcePhotos} ph where ph.resource_id = sharing_resources.id order by ph.created_at)`,
    })
    .from(sharingResources)
    .where(and(...where))
    .orderBy(asc(sharingResources.kind), asc(sharingResources.capacity), asc(sharingResources.code));
  const now = sharingClock.now();
  const roles = rolesFor(actor.grants, unitId);
  const out: AvailabilityView = { items: [], unavailable: [] };
  const minutes = (endsAt.getTime() - startsAt.getTime()) / 60_000;
  for (const { r, taken, photoIds } of rows) {
    const why = bookingRefusal(rulesOf(r), { startsAt, endsAt, unitId, attendees: p.minCapacity ?? null, roles }, now);
    if (why || taken) {
      out.unavailable.push({ id: r.id, name: r.name, reason: why?.message ?? '该时段已被预订' });
      continue;
    }
    out.items.push({
      id: r.id,
      code: r.code,
      name: r.name,
      kind: r.kind as AvailabilityView['items'][number]['kind'],
      location: r.location,
      capacity: r.capacity,
      equipment: r.equipment,
      needsApproval: r.needsApproval,
      feePerHourFen: r.feePerHourFen,
      chargeFen: chargeFen(r.feePerHourFen, minutes),
      photoIds,
    });
  }
  return out;
}
