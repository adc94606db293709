import { desc, eq } from 'drizzle-orm';
import { hasPermission, SESSION_ONLY_PERMISSIONS, type Permission } from '../../../shared/roles.ts';
import type { Queryable } from '../db/engine.ts';
import { withTx } from '../db/tx.ts';
import { invalid, notFound } from '../errors.ts';
import type { Actor } from './actor.ts';
import { apiTokens, users } from './auth.tables.ts';
import { createApiToken, grantsOf } from './session.service.ts';
import { logSecurityEvent } from './security-log.ts';

export interface TokenView {
  id: string;
  name: string;
  userId: string;
  username: string;
  scopes: string[];
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/**
 * Issues a token acting as `userId`, narrowed to `scopes`. A scope the user does not hold is
 * refused by name: the token could never use it, and a silent no-op would mislead whoever wires
 * up the integration. Approval and execution (SESSION_ONLY_PERMISSIONS) are never a token's: a
 * decision is a person's, made in their own session.
 */
export async function issueToken(
  q: Queryable,
  actor: Actor,
  input: { name: string; userId: string; scopes: Permission[]; expiresAt?: Date },
): Promise<{ id: string; token: string }> {
  const [user] = await q.select({ id: users.id, active: users.active }).from(users).where(eq(users.id, input.userId));
  if (!user?.active) throw invalid({ userId: '用户不存在或已停用' });
  const grants = await grantsOf(q, input.userId);
  const fields: Record<string, string> = {};
  input.scopes.forEach((s, i) => {
    if (SESSION_ONLY_PERMISSIONS.includes(s)) fields[`scopes.${i}`] = `审批和执行须由本人登录办理，API 令牌不能带权限 ${s}`;
    else if (!hasPermission(grants, s)) fields[`scopes.${i}`] = `该用户没有权限 ${s}`;
  });
  if (Object.keys(fields).length) throw invalid(fields);
  if (input.expiresAt && input.expiresAt <= new Date()) throw invalid({ expiresAt: '过期时间须晚于现在' });
  return createApiToken(q, actor, input);
}

export async function listTokens(q: Queryable): Promise<TokenView[]> {
  const rows = await q
    .select({ t: apiTokens, username: users.username })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .orderBy(desc(apiTokens.createdAt));
  return rows.map(({ t, username }) => ({
    id: t.id,
    name: t.name,
    userId: t.userId,
    username,
    scopes: t.scopes,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  }));
}

export async function revokeToken(q: Queryable, actor: Actor, id: string, ip?: string): Promise<void> {
  await withTx(q, async (tx) => {
    const [t] = await tx
      .select({ id: apiTokens.id, revokedAt: apiTokens.revokedAt })
      .from(apiTokens)
      .where(eq(apiTokens.id, id))
      .for('update');
    if (!t) throw notFound('令牌');
    if (t.revokedAt) return; // revoking twice is harmless
    await tx.update(apiTokens).set({ revokedAt: new Date() }).where(eq(apiTokens.id, id));
    await logSecurityEvent(tx, { kind: 'token_revoked', userId: actor.userId, username: actor.username, ip, details: { tokenId: id } });
  });
}
