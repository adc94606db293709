import { inArray, sql, type Column, type SQL } from 'drizzle-orm';
import { hasPermission, SESSION_ONLY_PERMISSIONS, unitsAllowed, type Permission, type RoleGrant } from '../../../shared/roles.ts';
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
  /** Signed in with a temporary password: only the password change, sign-out and who-am-I answer. */
  mustChangePassword?: boolean;
  /** The API token acting (its actions are recorded as the token's). */
  token?: { id: string; name: string };
  sessionId?: string;
  /** The session's CSRF token, echoed to the web app by /api/auth/me. */
  csrfToken?: string;
}

/** Whether the actor may use `permission` through its channel: a token never approves or executes. */
function channelAllows(actor: Actor, permission: Permission): boolean {
  if (actor.via === 'token' && SESSION_ONLY_PERMISSIONS.includes(permission)) return false;
  return !actor.scopes || actor.scopes.includes(permission);
}

export function can(actor: Actor, permission: Permission): boolean {
  if (!channelAllows(actor, permission)) return false;
  return hasPermission(actor.grants, permission);
}

export function authorize(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError('forbidden');
}

/** The units whose records `permission` reaches for this actor. */
export function unitScope(actor: Actor, permission: Permission): UnitScope {
  if (!channelAllows(actor, permission)) return [];
  return unitsAllowed(actor.grants, permission);
}

/** How a record names who did something: "张三" or "张三（经 API 令牌「对接」）". */
export function actorLabel(actor: Pick<Actor, 'displayName' | 'token'>): string {
  return actor.token ? `${actor.displayName}（经 API 令牌「${actor.token.name}」）` : actor.displayName;
}

/** What a permission reaches: every unit, or these units. */
export type UnitScope = 'all' | string[];

/** Whether `unitId` lies within the scope. */
export const scopeIncludes = (scope: UnitScope, unitId: string | null | undefined): boolean =>
  scope === 'all' || (!!unitId && scope.includes(unitId));

/**
 * A WHERE fragment restricting a unit-id column to the scope. Put it in the query itself. The
 * column is a drizzle column or, in hand-written SQL, its name as written there ('d.unit_id').
 * The one place the scope becomes SQL.
 */
export function inScope(column: Column | SQL | string, scope: UnitScope): SQL {
  if (scope === 'all') return sql`true`;
  if (scope.length === 0) return sql`false`;
  if (typeof column !== 'string') return inArray(column as Column, scope);
  return sql`${sql.raw(column)} IN (${sql.join(
    scope.map((u) => sql`${u}::uuid`),
    sql`, `,
  )})`;
}

/** Throws not_found (never forbidden) when a unit-owned record lies outside the scope: ids cannot be probed. */
export function assertInScope(unitId: string | null | undefined, scope: UnitScope, what?: string): void {
  if (!scopeIncludes(scope, unitId)) throw new AppError('not_found', what ? `${what}不存在` : undefined);
}
