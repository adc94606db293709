import { and, asc, eq, ilike, ne, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { DepartmentInput, DepartmentView, UnitInput, UnitQuery, UnitView } from '../../../shared/org.contracts.ts';
import type { Page } from '../../../shared/paging.ts';
import { assertInScope, inScope, unitScope, type Actor } from '../../platform/auth/actor.ts';
import type { Queryable } from '../../platform/db/engine.ts';
import { countAll, likePattern, offsetOf, orderOf } from '../../platform/db/paging.ts';
import { withTx } from '../../platform/db/tx.ts';
import { notFound } from '../../platform/errors.ts';
import { duplicate, guardDuplicate } from './duplicate.guard.ts';
import { departments, staff, units } from './org.tables.ts';

// The subqueries name the outer row literally: drizzle may render a column unqualified, and an
// unqualified "id" would bind to the subquery's own table.
const departmentCount = sql<number>`(select count(*)::int from ${departments} d where d.unit_id = "units"."id" and d.active)`;
const staffCount = sql<number>`(select count(*)::int from ${staff} s where s.unit_id = "units"."id" and s.active)`;
const unitColumns = {
  id: units.id,
  code: units.code,
  name: units.name,
  shortName: units.shortName,
  kind: units.kind,
  classified: units.classified,
  sort: units.sort,
  active: units.active,
  establishmentQuota: units.establishmentQuota,
  leaderName: units.leaderName,
  financeHeadName: units.financeHeadName,
  departmentCount,
  staffCount,
};

export async function listUnits(q: Queryable, actor: Actor, p: z.infer<typeof UnitQuery>): Promise<Page<UnitView>> {
  const where = and(
    inScope(units.id, unitScope(actor, 'org.read')),
    p.q
      ? or(ilike(units.name, likePattern(p.q)), ilike(units.code, likePattern(p.q)), ilike(units.shortName, likePattern(p.q)))
      : undefined,
    p.active === undefined ? undefined : eq(units.active, p.active),
  );
  const items = await q
    .select(unitColumns)
    .from(units)
    .where(where)
    .orderBy(...orderOf({ code: units.code, name: units.name, sort: units.sort }, p, 'code', units.id))
    .limit(p.pageSize)
    .offset(offsetOf(p));
  const [{ n }] = await q.select({ n: countAll }).from(units).where(where);
  return { items, total: n, page: p.page, pageSize: p.pageSize };
}

export async function getUnit(q: Queryable, actor: Actor, id: string): Promise<UnitView> {
  const [row] = await q
    .select(unitColumns)
    .from(units)
    .where(and(eq(units.id, id), inScope(units.id, unitScope(actor, 'org.read'))));
  if (!row) throw notFound('单位');
  return row;
}

async function assertUnitCodeFree(q: Queryable, code: string, exceptId?: string) {
  const [clash] = await q
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.code, code), exceptId ? ne(units.id, exceptId) : undefined));
  if (clash) throw duplicate('code', `单位编码“${code}”已被使用`);
}

/** A unit (委办局); the committee itself (kind 'committee') is created once, by the seeder or the test world. */
export async function createUnit(q: Queryable, input: UnitInput, kind: 'unit' | 'committee' = 'unit'): Promise<{ id: string }> {
  return withTx(q, async (tx) => {
    await assertUnitCodeFree(tx, input.code);
    const [row] = await guardDuplicate(
      () =>
        tx
          .insert(units)
          .values({ ...input, kind })
          .returning({ id: units.id }),
      'code',
      `单位编码“${input.code}”已被使用`,
    );
    return row;
  });
}

export async function updateUnit(q: Queryable, id: string, input: UnitInput): Promise<void> {
  await withTx(q, async (tx) => {
    const [unit] = await tx.select({ id: units.id }).from(units).where(eq(units.id, id)).for('update');
    if (!unit) throw notFound('单位');
    await assertUnitCodeFree(tx, input.code, id);
    await guardDuplicate(
      () =>
        tx
          .update(units)
          .set({ ...input, updatedAt: new Date() })
          .where(eq(units.id, id)),
      'code',
      `单位编码“${input.code}”已被使用`,
    );
  });
}

// ---------- departments (处室) ----------

const deptStaffCount = sql<number>`(select count(*)::int from ${staff} s where s.department_id = "departments"."id" and s.active)`;
const deptColumns = {
  id: departments.id,
  unitId: departments.unitId,
  code: departments.code,
  name: departments.name,
  sort: departments.sort,
  active: departments.active,
  staffCount: deptStaffCount,
};

export async function listDepartments(q: Queryable, actor: Actor, unitId: string, includeInactive: boolean): Promise<DepartmentView[]> {
  const scope = unitScope(actor, 'org.read');
  assertInScope(unitId, scope, '单位');
  const [unit] = await q.select({ id: units.id }).from(units).where(eq(units.id, unitId));
  if (!unit) throw notFound('单位');
  return q
    .select(deptColumns)
    .from(departments)
    .where(
      and(eq(departments.unitId, unitId), inScope(departments.unitId, scope), includeInactive ? undefined : eq(departments.active, true)),
    )
    .orderBy(asc(departments.sort), asc(departments.name));
}

async function assertDeptNameFree(q: Queryable, unitId: string, name: string, exceptId?: string) {
  const [clash] = await q
    .select({ id: departments.id })
    .from(departments)
    .where(and(eq(departments.unitId, unitId), eq(departments.name, name), exceptId ? ne(departments.id, exceptId) : undefined));
  if (clash) throw duplicate('name', `本单位已有名为“${name}”的处室`);
}

export async function createDepartment(q: Queryable, actor: Actor, unitId: string, input: DepartmentInput): Promise<{ id: string }> {
  const scope = unitScope(actor, 'org.department.write');
  return withTx(q, async (tx) => {
    const [unit] = await tx
      .select({ id: units.id })
      .from(units)
      .where(and(eq(units.id, unitId), inScope(units.id, scope)));
    if (!unit) throw notFound('单位');
    await assertDeptNameFree(tx, unitId, input.name);
    const [row] = await guardDuplicate(
      () =>
        tx
          .insert(departments)
          .values({ ...input, unitId })
          .returning({ id: departments.id }),
      'name',
      `本单位已有名为“${input.name}”的处室`,
    );
    return row;
  });
}

async function lockDepartment(tx: Queryable, actor: Actor, id: string) {
  const [dept] = await tx
    .select()
    .from(departments)
    .where(and(eq(departments.id, id), inScope(departments.unitId, unitScope(actor, 'org.department.write'))))
    .for('update');
  if (!dept) throw notFound('处室');
  return dept;
}

export async function updateDepartment(q: Queryable, actor: Actor, id: string, input: DepartmentInput): Promise<void> {
  await withTx(q, async (tx) => {
    const dept = await lockDepartment(tx, actor, id);
    await assertDeptNameFree(tx, dept.unitId, input.name, id);
    await guardDuplicate(
      () => tx.update(departments).set(input).where(eq(departments.id, id)),
      'name',
      `本单位已有名为“${input.name}”的处室`,
    );
  });
}

/** Departments are deactivated, never deleted: cards and documents keep pointing at them. */
export async function setDepartmentActive(q: Queryable, actor: Actor, id: string, active: boolean): Promise<void> {
  await withTx(q, async (tx) => {
    await lockDepartment(tx, actor, id);
    await tx.update(departments).set({ active }).where(eq(departments.id, id));
  });
}
