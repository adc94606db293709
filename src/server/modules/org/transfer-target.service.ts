import { and, asc, eq } from 'drizzle-orm';
import type { TransferTargetPlaces, TransferTargetUnit } from '../../../shared/org.contracts.ts';
import type { Queryable } from '../../platform/db/engine.ts';
import { notFound } from '../../platform/errors.ts';
import { buildings, departments, rooms, staff, units } from './org.tables.ts';

// A transfer between units names the receiving unit's department, custodian and room, and the
// document's writer is in the giving unit, whose org.read scope stops at its own records. These
// reads open exactly what the form needs of any active unit — ids and names — and nothing else.
// The cap keeps one answer small; a unit has far fewer staff or rooms than this.
const CAP = 2000;

/** Every active unit, as a receiving unit may be any of them. */
export async function transferTargetUnits(q: Queryable): Promise<TransferTargetUnit[]> {
  return q
    .select({ id: units.id, code: units.code, name: units.name })
    .from(units)
    .where(eq(units.active, true))
    .orderBy(asc(units.sort), asc(units.code));
}

/** The active departments, staff and rooms of one active unit; an inactive or unknown unit is 404. */
export async function transferTargetPlaces(q: Queryable, unitId: string): Promise<TransferTargetPlaces> {
  const [unit] = await q
    .select({ id: units.id, code: units.code, name: units.name })
    .from(units)
    .where(and(eq(units.id, unitId), eq(units.active, true)));
  if (!unit) throw notFound('单位');
  // One after another: the caller's connection may be a transaction's single client.
  const depts = await q
    .select({ id: departments.id, name: departments.name })
    .from(departments)
    .where(and(eq(departments.unitId, unitId), eq(departments.active, true)))
    .orderBy(asc(departments.sort), asc(departments.name))
    .limit(CAP);
  const people = await q
    .select({
      id: staff.id,
      name: staff.name,
      employeeNo: staff.employeeNo,
      departmentId: staff.departmentId,
      departmentName: departments.name,
    })
    .from(staff)
    .leftJoin(departments, eq(departments.id, staff.departmentId))
    .where(and(eq(staff.unitId, unitId), eq(staff.active, true)))
    .orderBy(asc(staff.name))
    .limit(CAP);
  const places = await q
    .select({ id: rooms.id, code: rooms.code, name: rooms.name, buildingName: buildings.name })
    .from(rooms)
    .innerJoin(buildings, eq(buildings.id, rooms.buildingId))
    .where(eq(rooms.unitId, unitId))
    .orderBy(asc(buildings.name), asc(rooms.code))
    .limit(CAP);
  return { unit, departments: depts, staff: people, rooms: places };
}
