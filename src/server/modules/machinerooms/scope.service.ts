// Who sees which machine rooms and work orders, computed once per call. The committee (and the
// auditor) sees every room; a vendor's grant is system-wide by role, so it is narrowed here to the
// rooms of its contracts and their work orders (docs/domain.md §11: a vendor sees only its contracts).
import { sql, type SQL } from 'drizzle-orm';
import type { Permission } from '../../../shared/roles.ts';
import { type Actor, can, inScope, unitScope } from '../../platform/auth/actor.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { uuidArray } from '../../platform/db/sql-arrays.ts';

export type RoomScope = { kind: 'all' } | { kind: 'vendor'; vendorId: string | null; contractIds: string[]; roomIds: string[] };

/** Whether the actor reaches `permission` through a role other than vendor (the committee, the auditor, a unit). */
const beyondVendor = (actor: Actor, permission: Permission) =>
  can(actor, permission) && can({ ...actor, grants: actor.grants.filter((g) => g.role !== 'vendor') }, permission);

/** The vendor an account works for and its contracts' ids and rooms. */
export async function vendorScope(q: Queryable, actor: Actor): Promise<Extract<RoomScope, { kind: 'vendor' }>> {
  const rows = await query<{ vendor_id: string; contract_id: string | null; room_id: string | null }>(
    q,
    sql`select a.vendor_id::text, c.id::text as contract_id, cr.machine_room_id::text as room_id
        from om_vendor_accounts a
        left join om_contracts c on c.vendor_id = a.vendor_id
        left join om_contract_rooms cr on cr.contract_id = c.id
        where a.user_id = ${actor.userId}`,
  );
  const uniq = (xs: (string | null)[]) => [...new Set(xs.filter((x): x is string => !!x))];
  return {
    kind: 'vendor',
    vendorId: rows[0]?.vendor_id ?? null,
    contractIds: uniq(rows.map((r) => r.contract_id)),
    roomIds: uniq(rows.map((r) => r.room_id)),
  };
}

/** The machine rooms the actor may read (machineroom.read). */
export async function roomScope(q: Queryable, actor: Actor): Promise<RoomScope> {
  if (beyondVendor(actor, 'machineroom.read')) return { kind: 'all' };
  return vendorScope(q, actor);
}

/** A WHERE fragment restricting a machine-room id column to the scope. */
export function roomInScope(column: string, scope: RoomScope): SQL {
  if (scope.kind === 'all') return sql`true`;
  if (!scope.roomIds.length) return sql`false`;
  return sql`${sql.raw(column)} = any(${uuidArray(scope.roomIds)})`;
}

/** The work orders the actor may read: a vendor its contracts', a unit its own, the committee all. */
export async function workOrderScope(q: Queryable, actor: Actor): Promise<(alias: string) => SQL> {
  if (beyondVendor(actor, 'workorder.read')) {
    const units = unitScope(actor, 'workorder.read');
    return (w) => inScope(`${w}.unit_id`, units);
  }
  const v = await vendorScope(q, actor);
  return (w) => (v.contractIds.length ? sql`${sql.raw(`${w}.contract_id`)} = any(${uuidArray(v.contractIds)})` : sql`false`);
}

/** A WHERE fragment restricting a contract id column to the actor's contracts (a vendor), or nothing. */
export function contractInScope(column: string, scope: RoomScope): SQL {
  if (scope.kind === 'all') return sql`true`;
  if (!scope.contractIds.length) return sql`false`;
  return sql`${sql.raw(column)} = any(${uuidArray(scope.contractIds)})`;
}

/**
 * The information points the actor may read: a unit the points serving it, a vendor its contracts'
 * rooms' points, the committee all (docs/domain.md §11).
 */
export async function pointScope(q: Queryable, actor: Actor): Promise<(alias: string) => SQL> {
  if (beyondVendor(actor, 'workorder.read')) {
    const units = unitScope(actor, 'workorder.read');
    return (p) => inScope(`${p}.unit_id`, units);
  }
  const v = await vendorScope(q, actor);
  return (p) => (v.roomIds.length ? sql`${sql.raw(`${p}.machine_room_id`)} = any(${uuidArray(v.roomIds)})` : sql`false`);
}
