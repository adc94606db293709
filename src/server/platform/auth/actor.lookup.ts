import { eq } from 'drizzle-orm';
import type { Permission } from '../../../shared/roles.ts';
import type { Queryable } from '../db/engine.ts';
import type { Actor } from './actor.ts';
import { users } from './auth.tables.ts';
import { grantsOf } from './session.service.ts';

/**
 * The actor of an account, as its sign-in would make it: for work done on someone's behalf away from a
 * request (a job, a demo seeder, the test world). `scopes` narrows it as the API token that asked did.
 * Undefined for an unknown or deactivated account.
 */
export async function actorOfUser(
  q: Queryable,
  who: { userId: string } | { username: string },
  opts: { scopes?: Permission[] | null } = {},
): Promise<Actor | undefined> {
  const where = 'userId' in who ? eq(users.id, who.userId) : eq(users.username, who.username);
  const [u] = await q
    .select({ id: users.id, username: users.username, displayName: users.displayName, unitId: users.unitId, active: users.active })
    .from(users)
    .where(where);
  if (!u?.active) return undefined;
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    unitId: u.unitId,
    grants: await grantsOf(q, u.id),
    via: 'session',
    ...(opts.scopes ? { scopes: opts.scopes } : {}),
  };
}
