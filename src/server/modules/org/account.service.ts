import { and, desc, eq, gte, ilike, inArray, lt, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { SecurityEventQuery, UserCreate, UserQuery, UserUpdate, UserView } from '../../../shared/org.contracts.ts';
import type { Page } from '../../../shared/paging.ts';
import type { Role, RoleGrant } from '../../../shared/roles.ts';
import { inScope, unitScope, type Actor } from '../../platform/auth/actor.ts';
import { roleAssignments, securityEvents, users } from '../../platform/auth/auth.tables.ts';
import { createUser, setRoles, updateUser, type ChangedBy } from '../../platform/auth/user.service.ts';
import type { Queryable } from '../../platform/db/engine.ts';
import { countAll, likePattern, offsetOf, orderOf } from '../../platform/db/paging.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { staff, units } from './org.tables.ts';
import { businessDayStart } from '../../platform/clock.ts';

// User accounts live in the platform (auth); this service adds what only org knows: which unit and
// staff record an account belongs to, and who may see it.

export const changedBy = (actor: Actor, ip?: string): ChangedBy => ({ userId: actor.userId, username: actor.username, ip: ip ?? null });

const columns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  unitId: users.unitId,
  unitName: units.name,
  staffId: users.staffId,
  staffName: staff.name,
  active: users.active,
  mustChangePassword: users.mustChangePassword,
  createdAt: users.createdAt,
};

async function withRoles(q: Queryable, rows: (Omit<UserView, 'roles' | 'createdAt'> & { createdAt: Date })[]): Promise<UserView[]> {
  const ids = rows.map((r) => r.id);
  const grants = ids.length
    ? await q
        .select({ userId: roleAssignments.userId, role: roleAssignments.role, unitId: roleAssignments.unitId, unitName: units.name })
        .from(roleAssignments)
        .leftJoin(units, eq(units.id, roleAssignments.unitId))
        .where(inArray(roleAssignments.userId, ids))
    : [];
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    roles: grants.filter((g) => g.userId === r.id).map((g) => ({ role: g.role as Role, unitId: g.unitId, unitName: g.unitName })),
  }));
}

export async function listUsers(q: Queryable, actor: Actor, p: z.infer<typeof UserQuery>): Promise<Page<UserView>> {
  const where = and(
    inScope(users.unitId, unitScope(actor, 'org.user.read')),
    p.q ? or(ilike(users.username, likePattern(p.q)), ilike(users.displayName, likePattern(p.q))) : undefined,
    p.unitId ? eq(users.unitId, p.unitId) : undefined,
    p.active === undefined ? undefined : eq(users.active, p.active),
    p.role ? sql`exists (select 1 from ${roleAssignments} ra where ra.user_id = "users"."id" and ra.role = ${p.role})` : undefined,
  );
  const rows = await q
    .select(columns)
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .leftJoin(staff, eq(staff.id, users.staffId))
    .where(where)
    .orderBy(...orderOf({ username: users.username, displayName: users.displayName, createdAt: users.createdAt }, p, 'username', users.id))
    .limit(p.pageSize)
    .offset(offsetOf(p));
  const [{ n }] = await q.select({ n: countAll }).from(users).where(where);
  return { items: await withRoles(q, rows), total: n, page: p.page, pageSize: p.pageSize };
}

export async function getUser(q: Queryable, actor: Actor, id: string): Promise<UserView> {
  const [row] = await q
    .select(columns)
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .leftJoin(staff, eq(staff.id, users.staffId))
    .where(and(eq(users.id, id), inScope(users.unitId, unitScope(actor, 'org.user.read'))));
  if (!row) throw notFound('用户');
  return (await withRoles(q, [row]))[0];
}

/** The staff record fixes the account's unit; a unit given beside it must agree. */
async function resolveBinding(q: Queryable, staffId: string | null | undefined, unitId: string | null | undefined) {
  if (staffId) {
    const [s] = await q.select({ unitId: staff.unitId, name: staff.name }).from(staff).where(eq(staff.id, staffId));
    if (!s) throw invalid({ staffId: '人员不存在' });
    if (unitId && unitId !== s.unitId) throw invalid({ unitId: '所选单位与人员所在单位不一致' });
    return { unitId: s.unitId, staffName: s.name };
  }
  if (unitId) {
    const [u] = await q.select({ id: units.id }).from(units).where(eq(units.id, unitId));
    if (!u) throw invalid({ unitId: '单位不存在' });
  }
  return { unitId: unitId ?? null, staffName: null };
}

async function checkGrantUnits(q: Queryable, grants: RoleGrant[]) {
  const ids = [...new Set(grants.map((g) => g.unitId).filter((x): x is string => !!x))];
  if (!ids.length) return;
  const found = new Set((await q.select({ id: units.id }).from(units).where(inArray(units.id, ids))).map((u) => u.id));
  const fields: Record<string, string> = {};
  grants.forEach((g, i) => {
    if (g.unitId && !found.has(g.unitId)) fields[`roles.${i}.unitId`] = '单位不存在';
  });
  if (Object.keys(fields).length) throw invalid(fields);
}

export async function createAccount(q: Queryable, actor: Actor, input: z.infer<typeof UserCreate>, ip?: string) {
  const binding = await resolveBinding(q, input.staffId, input.unitId);
  const displayName = input.displayName ?? binding.staffName;
  if (!displayName) throw invalid({ displayName: '请填写显示名称或选择人员' });
  await checkGrantUnits(q, input.roles);
  return createUser(
    q,
    { username: input.username, displayName, unitId: binding.unitId, staffId: input.staffId, roles: input.roles, password: input.password },
    changedBy(actor, ip),
  );
}

export async function updateAccount(q: Queryable, actor: Actor, id: string, input: z.infer<typeof UserUpdate>, ip?: string) {
  const patch: Parameters<typeof updateUser>[2] = { displayName: input.displayName, active: input.active };
  if (input.staffId !== undefined || input.unitId !== undefined) {
    const binding = await resolveBinding(q, input.staffId, input.unitId);
    patch.staffId = input.staffId ?? null;
    patch.unitId = binding.unitId;
  }
  if (input.active === false && id === actor.userId) throw invalid({ active: '不能停用自己的账号' });
  await updateUser(q, id, patch, changedBy(actor, ip));
}

export async function setAccountRoles(q: Queryable, actor: Actor, id: string, grants: RoleGrant[], ip?: string) {
  await checkGrantUnits(q, grants);
  return setRoles(q, id, grants, changedBy(actor, ip));
}

export async function listSecurityEvents(q: Queryable, p: z.infer<typeof SecurityEventQuery>) {
  // Dates are business days; `to` includes the whole day.
  const where = and(
    p.kind ? eq(securityEvents.kind, p.kind) : undefined,
    p.username ? ilike(securityEvents.username, likePattern(p.username)) : undefined,
    p.q
      ? or(
          ilike(securityEvents.username, likePattern(p.q)),
          ilike(securityEvents.ip, likePattern(p.q)),
          sql`${securityEvents.details}::text ilike ${likePattern(p.q)}`,
        )
      : undefined,
    p.from ? gte(securityEvents.at, businessDayStart(p.from)) : undefined,
    p.to ? lt(securityEvents.at, businessDayStart(p.to, 1)) : undefined,
  );
  const order = p.sort
    ? orderOf({ at: securityEvents.at, kind: securityEvents.kind, username: securityEvents.username }, p, 'at', securityEvents.id as never)
    : [desc(securityEvents.id)];
  const rows = await q
    .select()
    .from(securityEvents)
    .where(where)
    .orderBy(...order)
    .limit(p.pageSize)
    .offset(offsetOf(p));
  const [{ n }] = await q.select({ n: countAll }).from(securityEvents).where(where);
  return { items: rows.map((r) => ({ ...r, at: r.at.toISOString() })), total: n, page: p.page, pageSize: p.pageSize };
}
