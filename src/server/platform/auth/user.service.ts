import crypto from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { ROLES, SYSTEM_ROLES, roleConflicts, type Role, type RoleGrant } from '../../../shared/roles.ts';
import type { Queryable } from '../db/engine.ts';
import { withTx } from '../db/tx.ts';
import { AppError, conflict, invalid, notFound } from '../errors.ts';
import { roleAssignments, sessions, users } from './auth.tables.ts';
import { hashPassword, passwordProblem } from './password.ts';
import { logSecurityEvent } from './security-log.ts';
import { forgetSessions } from './session.cache.ts';

/** Who makes an account change: recorded in the security log. */
export interface ChangedBy {
  userId: string | null;
  username: string;
  ip?: string | null;
}

export interface NewUser {
  username: string;
  displayName: string;
  unitId: string | null;
  staffId: string | null;
  roles: RoleGrant[];
  /** null: generate one (returned once) and make the user change it at first sign-in. */
  password: string | null;
}

/** A readable random password that passes passwordProblem (letters and digits, 12 characters). */
export function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = crypto.randomBytes(10);
  const body = [...bytes].map((b) => alphabet[b % alphabet.length]).join('');
  return `${body}${crypto.randomInt(10)}${'abcdefghjk'[crypto.randomInt(10)]}`;
}

/**
 * Unit-scoped roles are held in one unit, system roles in none: a grant that says otherwise would
 * give a unit admin the whole system or a sysadmin a single unit, so it is refused field by field.
 * A well-formed set that combines roles the separation-of-duties table forbids (ROLE_CONFLICTS in
 * shared/roles.ts) is refused on the later grant, with the reason.
 */
export function grantProblems(grants: RoleGrant[], field = 'roles'): Record<string, string> {
  const fields: Record<string, string> = {};
  const seen = new Set<string>();
  grants.forEach((g, i) => {
    if (!(ROLES as readonly string[]).includes(g.role)) fields[`${field}.${i}.role`] = '未知角色';
    else if (SYSTEM_ROLES.includes(g.role) && g.unitId) fields[`${field}.${i}.unitId`] = '系统角色不属于某个单位';
    else if (!SYSTEM_ROLES.includes(g.role) && !g.unitId) fields[`${field}.${i}.unitId`] = '单位角色须指定单位';
    const key = `${g.role}|${g.unitId ?? ''}`;
    if (seen.has(key)) fields[`${field}.${i}.role`] = '角色重复';
    seen.add(key);
  });
  if (!Object.keys(fields).length) for (const c of roleConflicts(grants)) fields[`${field}.${c.index}.role`] = c.message;
  return fields;
}

/** Refuses grants with problems (grantProblems), leading with the first reason so a form can show it. */
function checkGrants(grants: RoleGrant[]): void {
  const problems = grantProblems(grants);
  if (Object.keys(problems).length) throw invalid(problems, Object.values(problems)[0]);
}

function checkPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw invalid({ password: problem });
}

export async function createUser(
  q: Queryable,
  input: NewUser,
  by: ChangedBy,
  opts: { passwordHash?: string } = {},
): Promise<{ id: string; password: string | null }> {
  checkGrants(input.roles);
  const generated = input.password ? null : generatePassword();
  const password = input.password ?? generated!;
  if (!opts.passwordHash) checkPassword(password);
  const passwordHash = opts.passwordHash ?? (await hashPassword(password));
  return withTx(q, async (tx) => {
    const [clash] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
    if (clash) throw new AppError('conflict', `用户名“${input.username}”已被使用`, { username: '用户名已被使用' });
    const [row] = await tx
      .insert(users)
      .values({
        username: input.username,
        displayName: input.displayName,
        passwordHash,
        unitId: input.unitId,
        staffId: input.staffId,
        mustChangePassword: generated !== null,
      })
      .returning({ id: users.id });
    await logSecurityEvent(tx, {
      kind: 'user_created',
      userId: by.userId,
      username: by.username,
      ip: by.ip,
      details: { target: input.username, targetId: row.id },
    });
    await applyGrants(tx, row.id, input.username, input.roles, by);
    return { id: row.id, password: generated };
  });
}

export async function updateUser(
  q: Queryable,
  userId: string,
  patch: { displayName?: string; active?: boolean; unitId?: string | null; staffId?: string | null },
  by: ChangedBy,
): Promise<void> {
  await withTx(q, async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!user) throw notFound('用户');
    const set: Partial<typeof users.$inferInsert> = { updatedAt: new Date() };
    if (patch.displayName !== undefined) set.displayName = patch.displayName;
    if (patch.active !== undefined) set.active = patch.active;
    if (patch.unitId !== undefined) set.unitId = patch.unitId;
    if (patch.staffId !== undefined) set.staffId = patch.staffId;
    await tx.update(users).set(set).where(eq(users.id, userId));
    // A deactivated account must not keep working through sessions it already holds.
    if (patch.active === false)
      await tx
        .update(sessions)
        .set({ revokedAt: new Date() })
        .where(and(eq(sessions.userId, userId), sql`${sessions.revokedAt} is null`));
    const changes = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
    await logSecurityEvent(tx, {
      kind: 'user_updated',
      userId: by.userId,
      username: by.username,
      ip: by.ip,
      details: { target: user.username, targetId: userId, changes },
    });
  });
  forgetSessions({ userId });
}

async function applyGrants(
  tx: Queryable,
  userId: string,
  username: string,
  wanted: RoleGrant[],
  by: ChangedBy,
): Promise<{ granted: RoleGrant[]; revoked: RoleGrant[] }> {
  const current = (
    await tx
      .select({ id: roleAssignments.id, role: roleAssignments.role, unitId: roleAssignments.unitId })
      .from(roleAssignments)
      .where(eq(roleAssignments.userId, userId))
  ).map((r) => ({ ...r, role: r.role as Role }));
  const key = (g: RoleGrant) => `${g.role}|${g.unitId ?? ''}`;
  const wantedKeys = new Set(wanted.map(key));
  const currentKeys = new Set(current.map(key));
  const revoked = current.filter((g) => !wantedKeys.has(key(g)));
  const granted = wanted.filter((g) => !currentKeys.has(key(g)));
  for (const g of revoked) {
    await tx.delete(roleAssignments).where(eq(roleAssignments.id, g.id));
    await logSecurityEvent(tx, {
      kind: 'role_revoked',
      userId: by.userId,
      username: by.username,
      ip: by.ip,
      details: { target: username, targetId: userId, role: g.role, unitId: g.unitId },
    });
  }
  for (const g of granted) {
    await tx.insert(roleAssignments).values({ userId, role: g.role, unitId: g.unitId, createdBy: by.userId });
    await logSecurityEvent(tx, {
      kind: 'role_granted',
      userId: by.userId,
      username: by.username,
      ip: by.ip,
      details: { target: username, targetId: userId, role: g.role, unitId: g.unitId },
    });
  }
  return { granted, revoked: revoked.map(({ role, unitId }) => ({ role, unitId })) };
}

/** Replaces the user's role assignments with `grants`, logging each grant and revocation. */
export async function setRoles(
  q: Queryable,
  userId: string,
  grants: RoleGrant[],
  by: ChangedBy,
): Promise<{ granted: RoleGrant[]; revoked: RoleGrant[] }> {
  checkGrants(grants);
  return withTx(q, async (tx) => {
    const [user] = await tx.select({ id: users.id, username: users.username }).from(users).where(eq(users.id, userId)).for('update');
    if (!user) throw notFound('用户');
    if (by.userId === userId && !grants.some((g) => g.role === 'sysadmin')) {
      const had = await tx
        .select({ id: roleAssignments.id })
        .from(roleAssignments)
        .where(and(eq(roleAssignments.userId, userId), eq(roleAssignments.role, 'sysadmin')));
      // Removing one's own sysadmin role could leave nobody able to administer accounts.
      if (had.length) throw conflict('不能撤销自己的系统管理员角色');
    }
    const changed = await applyGrants(tx, user.id, user.username, grants, by);
    forgetSessions({ userId });
    return changed;
  });
}

/** Sets a new password (generated when none is given) that must be changed at the next sign-in. */
export async function resetPassword(
  q: Queryable,
  userId: string,
  password: string | null,
  by: ChangedBy,
): Promise<{ password: string | null }> {
  const generated = password ? null : generatePassword();
  const next = password ?? generated!;
  checkPassword(next);
  const passwordHash = await hashPassword(next);
  await withTx(q, async (tx) => {
    const [user] = await tx.select({ id: users.id, username: users.username }).from(users).where(eq(users.id, userId)).for('update');
    if (!user) throw notFound('用户');
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, updatedAt: new Date() })
      .where(eq(users.id, userId));
    await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.userId, userId), sql`${sessions.revokedAt} is null`));
    await logSecurityEvent(tx, {
      kind: 'password_reset',
      userId: by.userId,
      username: by.username,
      ip: by.ip,
      details: { target: user.username, targetId: userId },
    });
  });
  forgetSessions({ userId });
  return { password: generated };
}

export async function userIdByName(q: Queryable, username: string): Promise<string> {
  const [u] = await q.select({ id: users.id }).from(users).where(eq(users.username, username));
  if (!u) throw notFound('用户');
  return u.id;
}
