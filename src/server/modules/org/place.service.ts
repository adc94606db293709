import { and, asc, eq, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { BuildingInput, CompoundInput, FloorInput, PlaceTree } from '../../../shared/org.contracts.ts';
import type { Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { duplicate, guardDuplicate } from './duplicate.guard.ts';
import { buildings, compounds, floors } from './org.tables.ts';

// Compounds, buildings and floors are the committee's and visible to every signed-in user with
// org.read: a unit needs the whole map to locate its rooms. Rooms carry the unit scope.

export async function placeTree(q: Queryable): Promise<PlaceTree> {
  const cs = await q.select().from(compounds).orderBy(asc(compounds.code));
  const bs = await q.select().from(buildings).orderBy(asc(buildings.code));
  const fs = await q.select().from(floors).orderBy(asc(floors.level));
  return cs.map((c) => ({
    ...c,
    buildings: bs.filter((b) => b.compoundId === c.id).map((b) => ({ ...b, floors: fs.filter((f) => f.buildingId === b.id) })),
  }));
}

export const listCompounds = (q: Queryable) => q.select().from(compounds).orderBy(asc(compounds.code));
export const listBuildings = (q: Queryable, compoundId?: string) =>
  q
    .select()
    .from(buildings)
    .where(compoundId ? eq(buildings.compoundId, compoundId) : undefined)
    .orderBy(asc(buildings.code));
export const listFloors = (q: Queryable, buildingId?: string) =>
  q
    .select()
    .from(floors)
    .where(buildingId ? eq(floors.buildingId, buildingId) : undefined)
    .orderBy(asc(floors.buildingId), asc(floors.level));

const compoundTaken = (code: string) => `办公区编码“${code}”已被使用`;

export async function saveCompound(q: Queryable, id: string | null, input: z.infer<typeof CompoundInput>): Promise<{ id: string }> {
  return withTx(q, async (tx) => {
    if (id) {
      const [c] = await tx.select({ id: compounds.id }).from(compounds).where(eq(compounds.id, id)).for('update');
      if (!c) throw notFound('办公区');
    }
    const [clash] = await tx
      .select({ id: compounds.id })
      .from(compounds)
      .where(and(eq(compounds.code, input.code), id ? ne(compounds.id, id) : undefined));
    if (clash) throw duplicate('code', compoundTaken(input.code));
    if (id) {
      await guardDuplicate(() => tx.update(compounds).set(input).where(eq(compounds.id, id)), 'code', compoundTaken(input.code));
      return { id };
    }
    const [row] = await guardDuplicate(
      () => tx.insert(compounds).values(input).returning({ id: compounds.id }),
      'code',
      compoundTaken(input.code),
    );
    return row;
  });
}

const buildingTaken = (code: string) => `该办公区已有编码为“${code}”的楼栋`;

export async function saveBuilding(q: Queryable, id: string | null, input: z.infer<typeof BuildingInput>): Promise<{ id: string }> {
  return withTx(q, async (tx) => {
    const [c] = await tx.select({ id: compounds.id }).from(compounds).where(eq(compounds.id, input.compoundId));
    if (!c) throw invalid({ compoundId: '办公区不存在' });
    if (id) {
      const [b] = await tx.select({ compoundId: buildings.compoundId }).from(buildings).where(eq(buildings.id, id)).for('update');
      if (!b) throw notFound('楼栋');
      // Rooms copy the building's compound; moving a building would leave them pointing elsewhere.
      if (b.compoundId !== input.compoundId) throw invalid({ compoundId: '楼栋不能移到其他办公区' });
    }
    const [clash] = await tx
      .select({ id: buildings.id })
      .from(buildings)
      .where(and(eq(buildings.compoundId, input.compoundId), eq(buildings.code, input.code), id ? ne(buildings.id, id) : undefined));
    if (clash) throw duplicate('code', buildingTaken(input.code));
    if (id) {
      await guardDuplicate(() => tx.update(buildings).set(input).where(eq(buildings.id, id)), 'code', buildingTaken(input.code));
      return { id };
    }
    const [row] = await guardDuplicate(
      () => tx.insert(buildings).values(input).returning({ id: buildings.id }),
      'code',
      buildingTaken(input.code),
    );
    return row;
  });
}

const floorTaken = (level: number) => `该楼栋已有第 ${level} 层`;

export async function saveFloor(q: Queryable, id: string | null, input: z.infer<typeof FloorInput>): Promise<{ id: string }> {
  return withTx(q, async (tx) => {
    const [b] = await tx.select({ id: buildings.id }).from(buildings).where(eq(buildings.id, input.buildingId));
    if (!b) throw invalid({ buildingId: '楼栋不存在' });
    if (id) {
      const [f] = await tx.select({ buildingId: floors.buildingId }).from(floors).where(eq(floors.id, id)).for('update');
      if (!f) throw notFound('楼层');
      if (f.buildingId !== input.buildingId) throw invalid({ buildingId: '楼层不能移到其他楼栋' });
    }
    const [clash] = await tx
      .select({ id: floors.id })
      .from(floors)
      .where(and(eq(floors.buildingId, input.buildingId), eq(floors.level, input.level), id ? ne(floors.id, id) : undefined));
    if (clash) throw duplicate('level', floorTaken(input.level));
    if (id) {
      await guardDuplicate(() => tx.update(floors).set(input).where(eq(floors.id, id)), 'level', floorTaken(input.level));
      return { id };
    }
    const [row] = await guardDuplicate(
      () => tx.insert(floors).values(input).returning({ id: floors.id }),
      'level',
      floorTaken(input.level),
    );
    return row;
  });
}

export async function floorPlace(q: Queryable, floorId: string) {
  const [f] = await q
    .select({ floorId: floors.id, buildingId: buildings.id, compoundId: buildings.compoundId })
    .from(floors)
    .innerJoin(buildings, eq(buildings.id, floors.buildingId))
    .where(eq(floors.id, floorId));
  return f;
}
