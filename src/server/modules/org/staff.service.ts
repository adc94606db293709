import { and, eq, ilike, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { StaffInput, StaffQuery, StaffView } from '../../../shared/org.contracts.ts';
import type { Page } from '../../../shared/paging.ts';
import type { Rank } from '../../../shared/roles.ts';
import { inScope, unitScope, type Actor } from '../../platform/auth/actor.ts';
import type { Queryable } from '../../platform/db/engine.ts';
import { countAll, likePattern, offsetOf, orderOf } from '../../platform/db/paging.ts';
import { withTx } from '../../platform/db/tx.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { duplicate, guardDuplicate } from './duplicate.guard.ts';
import { departments, roomOccupants, staff, units } from './org.tables.ts';

// Ranks sort by seniority, not alphabetically.
const rankOrder = sql`array_position(array['municipal_head','municipal_deputy','bureau_head','bureau_deputy','below_bureau'], ${staff.rank})`;

const columns = {
  id: staff.id,
  unitId: staff.unitId,
  unitName: units.name,
  departmentId: staff.departmentId,
  departmentName: departments.name,
  employeeNo: staff.employeeNo,
  name: staff.name,
  rank: staff.rank,
  onEstablishment: staff.onEstablishment,
  title: staff.title,
  phone: staff.phone,
  active: staff.active,
};

const toView = (r: { rank: string } & Omit<StaffView, 'rank'>): StaffView => ({ ...r, rank: r.rank as Rank });

export async function listStaff(q: Queryable, actor: Actor, p: z.infer<typeof StaffQuery>): Promise<Page<StaffView>> {
  const where = and(
    inScope(staff.unitId, unitScope(actor, 'org.read')),
    p.q ? or(ilike(staff.name, likePattern(p.q)), ilike(staff.employeeNo, likePattern(p.q))) : undefined,
    p.unitId ? eq(staff.unitId, p.unitId) : undefined,
    p.departmentId ? eq(staff.departmentId, p.departmentId) : undefined,
    p.rank ? eq(staff.rank, p.rank) : undefined,
    p.onEstablishment === undefined ? undefined : eq(staff.onEstablishment, p.onEstablishment),
    p.active === undefined ? undefined : eq(staff.active, p.active),
  );
  const rows = await q
    .select(columns)
    .from(staff)
    .innerJoin(units, eq(units.id, staff.unitId))
    .leftJoin(departments, eq(departments.id, staff.departmentId))
    .where(where)
    .orderBy(
      ...orderOf(
        { name: staff.name, employeeNo: staff.employeeNo, rank: rankOrder, unit: units.code, department: departments.sort },
        p,
        'employeeNo',
        staff.id,
      ),
    )
    .limit(p.pageSize)
    .offset(offsetOf(p));
  const [{ n }] = await q.select({ n: countAll }).from(staff).where(where);
  return { items: rows.map(toView), total: n, page: p.page, pageSize: p.pageSize };
}

export async function getStaff(q: Queryable, actor: Actor, id: string): Promise<StaffView> {
  const [row] = await q
    .select(columns)
    .from(staff)
    .innerJoin(units, eq(units.id, staff.unitId))
    .leftJoin(departments, eq(departments.id, staff.departmentId))
    .where(and(eq(staff.id, id), inScope(staff.unitId, unitScope(actor, 'org.read'))));
  if (!row) throw notFound('人员');
  return toView(row);
}

/** The unit must be one the actor may write staff in (else 404), and the department must belong to it. */
async function checkPlacement(tx: Queryable, actor: Actor, input: StaffInput) {
  const [unit] = await tx
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.id, input.unitId), inScope(units.id, unitScope(actor, 'org.staff.write'))));
  if (!unit) throw notFound('单位');
  if (input.departmentId) {
    const [dept] = await tx
      .select({ unitId: departments.unitId, active: departments.active })
      .from(departments)
      .where(eq(departments.id, input.departmentId));
    if (!dept || dept.unitId !== input.unitId) throw invalid({ departmentId: '处室不属于所选单位' });
    if (!dept.active) throw invalid({ departmentId: '处室已停用' });
  }
  if (input.employeeNo) {
    const [clash] = await tx
      .select({ id: staff.id })
      .from(staff)
      .where(and(eq(staff.unitId, input.unitId), eq(staff.employeeNo, input.employeeNo)));
    return clash?.id;
  }
  return undefined;
}

const employeeNoTaken = (no: string | null) => `本单位工号“${no}”已被使用`;

export async function createStaff(q: Queryable, actor: Actor, input: StaffInput): Promise<{ id: string }> {
  return withTx(q, async (tx) => {
    if (await checkPlacement(tx, actor, input)) throw duplicate('employeeNo', employeeNoTaken(input.employeeNo));
    const [row] = await guardDuplicate(
      () => tx.insert(staff).values(input).returning({ id: staff.id }),
      'employeeNo',
      employeeNoTaken(input.employeeNo),
    );
    return row;
  });
}

export async function updateStaff(q: Queryable, actor: Actor, id: string, input: StaffInput): Promise<void> {
  await withTx(q, async (tx) => {
    const [current] = await tx
      .select({ id: staff.id, unitId: staff.unitId })
      .from(staff)
      .where(and(eq(staff.id, id), inScope(staff.unitId, unitScope(actor, 'org.staff.write'))))
      .for('update');
    if (!current) throw notFound('人员');
    const clash = await checkPlacement(tx, actor, input);
    if (clash && clash !== id) throw duplicate('employeeNo', employeeNoTaken(input.employeeNo));
    await guardDuplicate(() => tx.update(staff).set(input).where(eq(staff.id, id)), 'employeeNo', employeeNoTaken(input.employeeNo));
    // A person moved to another unit leaves the old unit's offices.
    if (current.unitId !== input.unitId) {
      await tx
        .delete(roomOccupants)
        .where(
          and(
            eq(roomOccupants.staffId, id),
            sql`${roomOccupants.roomId} in (select r.id from rooms r where r.unit_id is distinct from ${input.unitId})`,
          ),
        );
    }
  });
}

/** For other services (users, rooms): the staff member, if the scope reaches it. */
export async function staffInScope(q: Queryable, id: string, scope: 'all' | string[]) {
  const [row] = await q
    .select({ id: staff.id, unitId: staff.unitId, name: staff.name, active: staff.active })
    .from(staff)
    .where(and(eq(staff.id, id), inScope(staff.unitId, scope)));
  return row;
}
