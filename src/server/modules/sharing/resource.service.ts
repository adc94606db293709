// The catalogue of bookable resources (共享资源目录): managed by the committee, read by everyone.
import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import {
  clockToMinutes,
  minutesToClock,
  type ResourceInput,
  type ResourceQuery,
  type ResourceView,
} from '../../../shared/sharing.contracts.ts';
import { type Actor, can } from '../../platform/auth/actor.ts';
import type { Queryable } from '../../platform/db/engine.ts';
import { likePattern } from '../../platform/db/paging.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { findCard } from '../assets/index.ts';
import { getRoom } from '../org/index.ts';
import type { ResourceRules } from './booking.rules.ts';
import { sharingEvents, sharingResources } from './sharing.tables.ts';

type Row = typeof sharingResources.$inferSelect;

export const toView = (r: Row): ResourceView => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kind: r.kind as ResourceView['kind'],
  roomId: r.roomId,
  cardId: r.cardId,
  location: r.location,
  capacity: r.capacity,
  equipment: r.equipment,
  openFrom: minutesToClock(r.openFrom),
  openTo: minutesToClock(r.openTo),
  openDays: r.openDays,
  slotMinutes: r.slotMinutes,
  bufferMinutes: r.bufferMinutes,
  minNoticeMinutes: r.minNoticeMinutes,
  maxAheadDays: r.maxAheadDays,
  maxMinutes: r.maxMinutes,
  needsApproval: r.needsApproval,
  allowedUnitIds: r.allowedUnitIds,
  allowedRoles: (r.allowedRoles as ResourceView['allowedRoles']) ?? null,
  blackoutDates: r.blackoutDates,
  feePerHourFen: r.feePerHourFen,
  checkinGraceMinutes: r.checkinGraceMinutes,
  quotaPeriod: (r.quotaPeriod as ResourceView['quotaPeriod']) ?? null,
  unitQuotaMinutes: r.unitQuotaMinutes,
  personQuotaMinutes: r.personQuotaMinutes,
  active: r.active,
});

/**
 * The room and the card behind a resource are records of the unit they are assigned to: only the
 * facility managers (who edit the link) see their ids; everyone else reads the location.
 */
export const forCaller = (v: ResourceView, actor: Actor): ResourceView =>
  can(actor, 'sharing.manage') ? v : { ...v, roomId: null, cardId: null };

export const rulesOf = (r: Row): ResourceRules => ({ ...r, capacity: r.capacity });

export async function listResources(q: Queryable, p: z.infer<typeof ResourceQuery>): Promise<ResourceView[]> {
  const where: SQL[] = [];
  if (p.includeInactive !== 'true') where.push(eq(sharingResources.active, true));
  if (p.kind) where.push(eq(sharingResources.kind, p.kind));
  if (p.q) {
    const like = likePattern(p.q);
    where.push(or(ilike(sharingResources.name, like), ilike(sharingResources.code, like), ilike(sharingResources.location, like))!);
  }
  if (p.minCapacity) where.push(sql`${sharingResources.capacity} >= ${p.minCapacity}`);
  if (p.equipment)
    where.push(sql`exists (select 1 from unnest(${sharingResources.equipment}) e where e ilike ${likePattern(p.equipment)})`);
  const rows = await q
    .select()
    .from(sharingResources)
    .where(and(...where))
    .orderBy(asc(sharingResources.kind), asc(sharingResources.code));
  return rows.map(toView);
}

export async function resourceRow(q: Queryable, id: string, lock = false, exclusive = false): Promise<Row> {
  const [row] = lock
    ? await q
        .select()
        .from(sharingResources)
        .where(eq(sharingResources.id, id))
        .for(exclusive ? 'no key update' : 'share')
    : await q.select().from(sharingResources).where(eq(sharingResources.id, id));
  if (!row) throw notFound('共享资源');
  return row;
}

export const getResource = async (q: Queryable, id: string) => toView(await resourceRow(q, id));

/** The room or card a resource names must exist; a room also gives the location when none is written. */
async function linked(q: Queryable, actor: Actor, input: z.output<typeof ResourceInput>): Promise<{ location: string | null }> {
  let location = input.location ?? null;
  if (input.roomId) {
    if (input.kind !== 'room' && input.kind !== 'window')
      throw new AppError('validation', '只有会议室/场地和服务窗口可以关联房间', { roomId: '只有会议室/场地和服务窗口可以关联房间' });
    const room = await getRoom(q, actor, input.roomId).catch(() => {
      throw new AppError('validation', '房间不存在', { roomId: '房间不存在' });
    });
    location ??= `${room.compoundName} ${room.buildingName} ${room.code}`;
  }
  if (input.cardId) {
    if (input.kind !== 'equipment' && input.kind !== 'vehicle')
      throw new AppError('validation', '只有共享设备和公务用车可以关联资产卡片', { cardId: '只有共享设备和公务用车可以关联资产卡片' });
    if (!(await findCard(q, input.cardId))) throw new AppError('validation', '资产卡片不存在', { cardId: '资产卡片不存在' });
  }
  return { location };
}

function values(input: z.output<typeof ResourceInput>, location: string | null) {
  return {
    code: input.code,
    name: input.name,
    kind: input.kind,
    roomId: input.roomId ?? null,
    cardId: input.cardId ?? null,
    location,
    capacity: input.capacity ?? null,
    equipment: input.equipment,
    openFrom: clockToMinutes(input.openFrom),
    openTo: clockToMinutes(input.openTo),
    openDays: [...new Set(input.openDays)].sort(),
    slotMinutes: input.slotMinutes,
    bufferMinutes: input.bufferMinutes,
    minNoticeMinutes: input.minNoticeMinutes,
    maxAheadDays: input.maxAheadDays,
    maxMinutes: input.maxMinutes,
    needsApproval: input.needsApproval,
    allowedUnitIds: input.allowedUnitIds?.length ? input.allowedUnitIds : null,
    allowedRoles: input.allowedRoles?.length ? [...new Set(input.allowedRoles)].sort() : null,
    blackoutDates: [...new Set(input.blackoutDates)].sort(),
    feePerHourFen: input.feePerHourFen,
    checkinGraceMinutes: input.checkinGraceMinutes ?? null,
    quotaPeriod: input.unitQuotaMinutes || input.personQuotaMinutes ? (input.quotaPeriod ?? null) : null,
    unitQuotaMinutes: input.unitQuotaMinutes ?? null,
    personQuotaMinutes: input.personQuotaMinutes ?? null,
    active: input.active,
  };
}

const codeTaken = (code: string) => new AppError('conflict', `资源编号“${code}”已被使用`, { code: `资源编号“${code}”已被使用` });

export async function createResource(q: Queryable, actor: Actor, input: z.output<typeof ResourceInput>): Promise<ResourceView> {
  const { location } = await linked(q, actor, input);
  return withTx(q, async (tx) => {
    const [row] = await tx.insert(sharingResources).values(values(input, location)).onConflictDoNothing().returning();
    if (!row) throw codeTaken(input.code);
    await tx
      .insert(sharingEvents)
      .values({ resourceId: row.id, kind: 'resource_create', actorId: actor.userId, details: values(input, location) });
    return toView(row);
  });
}

/** Replaces a resource's settings; bookings already made keep their time, buffer and rate. */
export async function updateResource(q: Queryable, actor: Actor, id: string, input: z.output<typeof ResourceInput>): Promise<ResourceView> {
  await resourceRow(q, id);
  const { location } = await linked(q, actor, input);
  return withTx(q, async (tx) => {
    const clash = await tx
      .select({ id: sharingResources.id })
      .from(sharingResources)
      .where(and(eq(sharingResources.code, input.code), sql`${sharingResources.id} <> ${id}`));
    if (clash.length) throw codeTaken(input.code);
    const [row] = await tx.update(sharingResources).set(values(input, location)).where(eq(sharingResources.id, id)).returning();
    await tx
      .insert(sharingEvents)
      .values({ resourceId: id, kind: 'resource_update', actorId: actor.userId, details: values(input, location) });
    return toView(row);
  });
}
