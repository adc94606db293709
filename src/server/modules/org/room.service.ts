import { and, eq, ilike, inArray, ne, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { RoomInput, RoomQuery, RoomType, RoomView } from '../../../shared/org.contracts.ts';
import type { Page } from '../../../shared/paging.ts';
import { inScope, unitScope, type Actor } from '../../platform/auth/actor.ts';
import type { Queryable } from '../../platform/db/engine.ts';
import { countAll, likePattern, offsetOf, orderOf } from '../../platform/db/paging.ts';
import { withTx } from '../../platform/db/tx.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { duplicate, guardDuplicate } from './duplicate.guard.ts';
import { buildings, compounds, floors, roomOccupants, rooms, staff, units } from './org.tables.ts';
import { floorPlace } from './place.service.ts';

const columns = {
  id: rooms.id,
  floorId: rooms.floorId,
  buildingId: rooms.buildingId,
  compoundId: rooms.compoundId,
  compoundName: compounds.name,
  buildingName: buildings.name,
  floorName: floors.name,
  code: rooms.code,
  name: rooms.name,
  type: rooms.type,
  usableArea: rooms.usableArea,
  unitId: rooms.unitId,
  unitName: units.name,
};

async function withOccupants(q: Queryable, rows: (Omit<RoomView, 'occupants' | 'type'> & { type: string })[]): Promise<RoomView[]> {
  const ids = rows.map((r) => r.id);
  const occ = ids.length
    ? await q
        .select({ roomId: roomOccupants.roomId, staffId: staff.id, name: staff.name })
        .from(roomOccupants)
        .innerJoin(staff, eq(staff.id, roomOccupants.staffId))
        .where(inArray(roomOccupants.roomId, ids))
        .orderBy(staff.name)
    : [];
  return rows.map((r) => ({
    ...r,
    type: r.type as RoomType,
    usableArea: Number(r.usableArea),
    occupants: occ.filter((o) => o.roomId === r.id).map(({ staffId, name }) => ({ staffId, name })),
  }));
}

const base = (q: Queryable) =>
  q
    .select(columns)
    .from(rooms)
    .innerJoin(floors, eq(floors.id, rooms.floorId))
    .innerJoin(buildings, eq(buildings.id, rooms.buildingId))
    .innerJoin(compounds, eq(compounds.id, rooms.compoundId))
    .leftJoin(units, eq(units.id, rooms.unitId));

/** Unit users see the rooms assigned to their unit; the committee sees every room. */
export async function listRooms(q: Queryable, actor: Actor, p: z.infer<typeof RoomQuery>): Promise<Page<RoomView>> {
  const where = and(
    inScope(rooms.unitId, unitScope(actor, 'org.read')),
    p.q ? or(ilike(rooms.code, likePattern(p.q)), ilike(rooms.name, likePattern(p.q))) : undefined,
    p.compoundId ? eq(rooms.compoundId, p.compoundId) : undefined,
    p.buildingId ? eq(rooms.buildingId, p.buildingId) : undefined,
    p.floorId ? eq(rooms.floorId, p.floorId) : undefined,
    p.type ? eq(rooms.type, p.type) : undefined,
    p.unitId ? eq(rooms.unitId, p.unitId) : undefined,
  );
  const rows = await base(q)
    .where(where)
    // Room codes sort naturally ('101' before '1001'): left-padding makes the shorter code first.
    .orderBy(
      ...orderOf(
        {
          code: sql`lpad(${rooms.code}, 20, ' ')`,
          usableArea: rooms.usableArea,
          type: rooms.type,
          unit: units.code,
          floor: sql`${floors.level}`,
        },
        p,
        'code',
        rooms.id,
      ),
    )
    .limit(p.pageSize)
    .offset(offsetOf(p));
  const [{ n }] = await q.select({ n: countAll }).from(rooms).where(where);
  return { items: await withOccupants(q, rows), total: n, page: p.page, pageSize: p.pageSize };
}

export async function getRoom(q: Queryable, actor: Actor, id: string): Promise<RoomView> {
  const [row] = await base(q).where(and(eq(rooms.id, id), inScope(rooms.unitId, unitScope(actor, 'org.read'))));
  if (!row) throw notFound('房间');
  return (await withOccupants(q, [row]))[0];
}

const roomTaken = (code: string) => `该楼栋已有房间号“${code}”`;

export async function saveRoom(q: Queryable, id: string | null, input: RoomInput): Promise<{ id: string }> {
  return withTx(q, async (tx) => {
    const place = await floorPlace(tx, input.floorId);
    if (!place) throw invalid({ floorId: '楼层不存在' });
    if (input.unitId) {
      const [u] = await tx.select({ id: units.id }).from(units).where(eq(units.id, input.unitId));
      if (!u) throw invalid({ unitId: '单位不存在' });
    }
    if (id) {
      const [r] = await tx.select({ id: rooms.id }).from(rooms).where(eq(rooms.id, id)).for('update');
      if (!r) throw notFound('房间');
    }
    const [clash] = await tx
      .select({ id: rooms.id })
      .from(rooms)
      .where(and(eq(rooms.buildingId, place.buildingId), eq(rooms.code, input.code), id ? ne(rooms.id, id) : undefined));
    if (clash) throw duplicate('code', roomTaken(input.code));
    const values = { ...input, buildingId: place.buildingId, compoundId: place.compoundId };
    if (id) {
      await guardDuplicate(() => tx.update(rooms).set(values).where(eq(rooms.id, id)), 'code', roomTaken(input.code));
      // Reassigning a room to another unit ends the occupancy of the old unit's people.
      await tx
        .delete(roomOccupants)
        .where(
          and(
            eq(roomOccupants.roomId, id),
            input.unitId ? sql`${roomOccupants.staffId} in (select id from ${staff} where unit_id <> ${input.unitId})` : sql`true`,
          ),
        );
      return { id };
    }
    const [row] = await guardDuplicate(() => tx.insert(rooms).values(values).returning({ id: rooms.id }), 'code', roomTaken(input.code));
    return row;
  });
}

/** An office is assigned to people of the unit that holds it. */
export async function addOccupant(q: Queryable, roomId: string, staffId: string): Promise<void> {
  await withTx(q, async (tx) => {
    const [room] = await tx.select({ unitId: rooms.unitId }).from(rooms).where(eq(rooms.id, roomId)).for('update');
    if (!room) throw notFound('房间');
    const [person] = await tx.select({ unitId: staff.unitId, active: staff.active }).from(staff).where(eq(staff.id, staffId));
    if (!person) throw invalid({ staffId: '人员不存在' });
    if (!room.unitId) throw invalid({ staffId: '房间尚未分配给单位，不能安排人员' });
    if (person.unitId !== room.unitId) throw invalid({ staffId: '人员不属于该房间的使用单位' });
    if (!person.active) throw invalid({ staffId: '人员已停用' });
    await tx.insert(roomOccupants).values({ roomId, staffId }).onConflictDoNothing();
  });
}

export async function removeOccupant(q: Queryable, roomId: string, staffId: string): Promise<void> {
  await withTx(q, async (tx) => {
    const [room] = await tx.select({ id: rooms.id }).from(rooms).where(eq(rooms.id, roomId)).for('update');
    if (!room) throw notFound('房间');
    const gone = await tx
      .delete(roomOccupants)
      .where(and(eq(roomOccupants.roomId, roomId), eq(roomOccupants.staffId, staffId)))
      .returning({ staffId: roomOccupants.staffId });
    if (!gone.length) throw notFound('该房间的使用人');
  });
}
