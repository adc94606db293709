import crypto from 'node:crypto';
import { and, eq, gt, isNull, sql, type SQL } from 'drizzle-orm';
import type { Permission, Role, RoleGrant } from '../../../shared/roles.ts';
import { queryOne, type Queryable } from '../db/engine.ts';
import { withTx } from '../db/tx.ts';
import { AppError } from '../errors.ts';
import type { Actor } from './actor.ts';
import { apiTokens, roleAssignments, sessions, users } from './auth.tables.ts';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';
import { logSecurityEvent } from './security-log.ts';
import { forgetSessions } from './session.cache.ts';
import { BUSINESS_ZONE } from '../clock.ts';

export const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const randomToken = (prefix = '') => prefix + crypto.randomBytes(32).toString('base64url');

export interface LoginPolicy {
  sessionTtlHours: number;
  maxFailures: number;
  lockMinutes: number;
}

export async function grantsOf(q: Queryable, userId: string): Promise<RoleGrant[]> {
  const rows = await q
    .select({ role: roleAssignments.role, unitId: roleAssignments.unitId })
    .from(roleAssignments)
    .where(eq(roleAssignments.userId, userId));
  return rows.map((r) => ({ role: r.role as Role, unitId: r.unitId }));
}

export async function login(
  q: Queryable,
  input: { username: string; password: string; ip?: string; userAgent?: string },
  policy: LoginPolicy,
): Promise<{ token: string; csrfToken: string; userId: string }> {
  const [user] = await q.select().from(users).where(eq(users.username, input.username));
  if (!user?.active) {
    await verifyPassword(
      '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$9sTbSlTio3Biev89thdrlKKiCaYsjjYVJxGAL3swxpQ',
      input.password,
    ); // equal timing
    await logSecurityEvent(q, { kind: 'login_failed', username: input.username, ip: input.ip, details: { reason: 'unknown_user' } });
    throw new AppError('bad_credentials');
  }
  if (user.lockedUntil && user.lockedUntil > new Date()) {
    await logSecurityEvent(q, { kind: 'login_locked', userId: user.id, username: user.username, ip: input.ip });
    throw new AppError(
      'locked_out',
      `登录失败次数过多，账号已锁定至 ${user.lockedUntil.toLocaleString('zh-CN', { timeZone: BUSINESS_ZONE })}`,
    );
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const failures = user.failedLogins + 1;
    const lock = failures >= policy.maxFailures ? new Date(Date.now() + policy.lockMinutes * 60_000) : null;
    await q
      .update(users)
      .set({ failedLogins: lock ? 0 : failures, lockedUntil: lock })
      .where(eq(users.id, user.id));
    await logSecurityEvent(q, {
      kind: 'login_failed',
      userId: user.id,
      username: user.username,
      ip: input.ip,
      details: { failures, locked: !!lock },
    });
    throw new AppError('bad_credentials');
  }
  const token = randomToken();
  const csrfToken = randomToken();
  await withTx(q, async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    await tx.insert(sessions).values({
      id: sha256(token),
      userId: user.id,
      csrfToken,
      expiresAt: new Date(Date.now() + policy.sessionTtlHours * 3600_000),
      ip: input.ip ?? null,
      userAgent: input.userAgent?.slice(0, 300) ?? null,
    });
    await logSecurityEvent(tx, { kind: 'login_ok', userId: user.id, username: user.username, ip: input.ip });
  });
  return { token, csrfToken, userId: user.id };
}

interface ActorRow {
  id: string;
  username: string;
  display_name: string;
  unit_id: string | null;
  must_change: boolean;
  grants: RoleGrant[];
}

/**
 * A user's grants as a JSON array, inside the statement that finds the user: every request starts
 * with this look-up, and three round trips (credential, user, grants) were most of the difference
 * between a card page through the API and the same queries called directly.
 */
const grantsJson = (userId: SQL | typeof users.id) =>
  sql<
    RoleGrant[]
  >`coalesce((SELECT json_agg(json_build_object('role', g.role, 'unitId', g.unit_id)) FROM role_assignments g WHERE g.user_id = ${userId}), '[]'::json)`;

const toActor = (r: ActorRow, via: Actor['via'], extra: Partial<Actor>): Actor => ({
  userId: r.id,
  username: r.username,
  displayName: r.display_name,
  unitId: r.unit_id,
  grants: r.grants,
  via,
  mustChangePassword: r.must_change,
  ...extra,
});

/**
 * The session look-up of every request, as a named prepared statement: on PostgreSQL its planning
 * (0.25 ms) was most of the statement's time, paid twice by a card page of two requests.
 */
function prepareActorBySession(q: Queryable) {
  return q
    .select({
      id: users.id,
      username: users.username,
      display_name: users.displayName,
      unit_id: users.unitId,
      must_change: users.mustChangePassword,
      csrfToken: sessions.csrfToken,
      grants: grantsJson(users.id),
    })
    .from(sessions)
    .innerJoin(users, and(eq(users.id, sessions.userId), eq(users.active, true)))
    .where(and(eq(sessions.id, sql.placeholder('id')), isNull(sessions.revokedAt), gt(sessions.expiresAt, sql`now()`)))
    .prepare('gongwu_actor_by_session');
}
const actorBySession = new WeakMap<Queryable, ReturnType<typeof prepareActorBySession>>();

export async function actorFromSession(q: Queryable, token: string): Promise<Actor | undefined> {
  const id = sha256(token);
  let prepared = actorBySession.get(q);
  if (!prepared) actorBySession.set(q, (prepared = prepareActorBySession(q)));
  const [r] = await prepared.execute({ id });
  return r && toActor(r, 'session', { sessionId: id, csrfToken: r.csrfToken });
}

/** An API token's user, narrowed to its scopes; using it records when. */
export async function actorFromApiToken(q: Queryable, token: string): Promise<Actor | undefined> {
  const r = await queryOne<ActorRow & { scopes: Permission[]; token_id: string; token_name: string }>(
    q,
    sql`
    WITH t AS (
      UPDATE api_tokens SET last_used_at = now()
      WHERE token_hash = ${sha256(token)} AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())
      RETURNING id, name, user_id, scopes
    )
    SELECT u.id, u.username, u.display_name, u.unit_id, u.must_change_password AS must_change, t.scopes, t.id AS token_id, t.name AS token_name, ${grantsJson(sql`u.id`)} AS grants
    FROM t JOIN users u ON u.id = t.user_id AND u.active`,
  );
  return r && toActor(r, 'token', { scopes: r.scopes, token: { id: r.token_id, name: r.token_name } });
}

export async function logout(q: Queryable, actor: Actor, ip?: string): Promise<void> {
  if (actor.sessionId) await q.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.id, actor.sessionId));
  if (actor.sessionId) forgetSessions({ sessionId: actor.sessionId });
  await logSecurityEvent(q, { kind: 'logout', userId: actor.userId, username: actor.username, ip });
}

export async function changePassword(
  q: Queryable,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  ip?: string,
): Promise<void> {
  const [user] = await q.select().from(users).where(eq(users.id, actor.userId));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('validation', '当前密码不正确', { currentPassword: '当前密码不正确' });
  }
  const problem = passwordProblem(input.newPassword);
  if (problem) throw new AppError('validation', problem, { newPassword: problem });
  const passwordHash = await hashPassword(input.newPassword);
  await withTx(q, async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false, updatedAt: new Date() }).where(eq(users.id, actor.userId));
    // Other sessions of this account end: a changed password should lock out whoever knew the old one.
    await tx
      .update(sessions)
      .set({ revokedAt: new Date() })
      .where(and(eq(sessions.userId, actor.userId), isNull(sessions.revokedAt), sql`${sessions.id} <> ${actor.sessionId ?? ''}`));
    await logSecurityEvent(tx, { kind: 'password_changed', userId: actor.userId, username: actor.username, ip });
  });
  forgetSessions({ userId: actor.userId });
}

export async function createApiToken(
  q: Queryable,
  actor: Actor,
  input: { name: string; userId: string; scopes: Permission[]; expiresAt?: Date },
): Promise<{ id: string; token: string }> {
  const token = randomToken('gw_');
  return withTx(q, async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        name: input.name,
        tokenHash: sha256(token),
        userId: input.userId,
        scopes: input.scopes,
        createdBy: actor.userId,
        expiresAt: input.expiresAt ?? null,
      })
      .returning({ id: apiTokens.id });
    await logSecurityEvent(tx, {
      kind: 'token_created',
      userId: actor.userId,
      username: actor.username,
      details: { tokenId: row.id, forUser: input.userId, scopes: input.scopes },
    });
    return { id: row.id, token };
  });
}
