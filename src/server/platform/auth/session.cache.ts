import type { Actor } from './actor.ts';

/**
 * Session → actor of recent requests, read only by progress polls on the embedded engine (where a
 * running job's transaction holds the only connection). Whatever ends or changes a session's
 * access — sign-out, a password change or reset, deactivation, new roles — forgets it here at
 * once, so a poll with an old cookie is refused like any other request.
 */
const recent = new Map<string, { actor: Actor; at: number }>();
const RECENT_MS = 120_000;

export function cachedActor(token: string): Actor | undefined {
  const hit = recent.get(token);
  if (!hit) return undefined;
  if (Date.now() - hit.at >= RECENT_MS) {
    recent.delete(token);
    return undefined;
  }
  return hit.actor;
}

export function rememberActor(token: string, actor: Actor): void {
  if (recent.size > 10_000) recent.clear();
  recent.set(token, { actor, at: Date.now() });
}

/** Forgets one session (sign-out) or every session of a user (password, deactivation, roles). */
export function forgetSessions(which: { sessionId?: string; userId?: string }): void {
  for (const [token, { actor }] of recent) {
    if ((which.sessionId && actor.sessionId === which.sessionId) || (which.userId && actor.userId === which.userId)) recent.delete(token);
  }
}
