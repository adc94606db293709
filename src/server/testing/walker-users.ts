import crypto from 'node:crypto';
import type { RoleGrant } from '../../shared/roles.ts';
import { roleAssignments, users } from '../platform/auth/auth.tables.ts';
import { hashPassword } from '../platform/auth/password.ts';
import type { Queryable } from '../platform/db/engine.ts';

/**
 * An account written straight into the tables, for tests of the platform itself (sign-in, tokens)
 * that must not depend on the user service or the demo seed.
 */
export async function insertUser(
  q: Queryable,
  username: string,
  password: string,
  grants: RoleGrant[],
  opts: { unitId?: string | null } = {},
): Promise<string> {
  const [u] = await q
    .insert(users)
    .values({
      username,
      displayName: username,
      passwordHash: await hashPassword(password),
      unitId: opts.unitId ?? grants.find((g) => g.unitId)?.unitId ?? null,
    })
    .returning({ id: users.id });
  if (grants.length) await q.insert(roleAssignments).values(grants.map((g) => ({ userId: u.id, role: g.role, unitId: g.unitId })));
  return u.id;
}

export const randomUnitId = () => crypto.randomUUID();
