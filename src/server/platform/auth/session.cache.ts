import type { Actor } from './actor.ts';

/**
 * Session → actor of recent requests. Reads (GET) reuse it for `SESSION_CACHE_SECONDS` (default
 * 5 s): on the embedded engine the look-up was a statement through the engine's one thread on
 * every request. Progress polls on the embedded engine reuse it for up to two minutes (a running
 * job's transaction holds the only connection). Whatever ends or changes a session's access —
 * sign-out, a password change or reset, deactivation, new roles — forgets it here at once, so a
 * request with an old cookie is refused like any other. Mutations always read the session.
 */
const recent = new Map<string, { actor: Actor; at: number }>();
const RECENT_MS = 120_000;

export function cachedActor(token: string, maxAgeMs = RECENT_MS): Actor | undefined {
  const hit = recent.get(token);
  if (!hit) return undefined;
  const age = Date.now() - hit.at;
  if (age >= RECENT_MS) recent.delete(token);
  return age < Math.min(maxAgeMs, RECENT_MS) ? hit.actor : undefined;
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
