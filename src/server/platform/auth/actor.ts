import { inArray, sql, type Column, type SQL } from 'drizzle-orm';
import { hasPermission, unitsAllowed, type Permission, type RoleGrant } from '../../../shared/roles.ts';
import { AppError } from '../errors.ts';

/** Who is calling: resolved from the session cookie or an API token on every request. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  /** The account's own unit (null for committee-wide and external accounts). */
  unitId: string | null;
  grants: RoleGrant[];
  via: 'session' | 'token';
  /** API tokens are narrowed to these permissions. */
  scopes?: Permission[];
  sessionId?: string;
  /** The session's CSRF token, echoed to the web app by /api/auth/me. */
  csrfToken?: string;
}

export function can(actor: Actor, permission: Permission): boolean {
  if (actor.scopes && !actor.scopes.includes(permission)) return false;
  return hasPermission(actor.grants, permission);
}

export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError('forbidden');
}

/** The units whose records `permission` reaches for this actor. */
export function unitScope(actor: Actor, permission: Permission): 'all' | string[] {
  if (actor.scopes && !actor.scopes.includes(permission)) return [];
  return unitsAllowed(actor.grants, permission);
}

/** A WHERE fragment restricting `column` (a unit id) to the scope. Put it in the query itself. */
export function inScope(column: Column | SQL, scope: 'all' | string[]): SQL {
  if (scope === 'all') return sql`true`;
  if (scope.length === 0) return sql`false`;
  return inArray(column as Column, scope);
}

/** Throws not_found (never forbidden) when a unit-owned record lies outside the scope: ids cannot be probed. */
export function assertInScope(unitId: string | null | undefined, scope: 'all' | string[], what?: string): void {
  if (scope === 'all') return;
  if (!unitId || !scope.includes(unitId)) throw new AppError('not_found', what ? `${what}不存在` : undefined);
}
