import type { Queryable } from '../db/engine.ts';
import { securityEvents } from './auth.tables.ts';

export type SecurityEventKind =
  | 'login_ok'
  | 'login_failed'
  | 'login_locked'
  | 'logout'
  | 'password_changed'
  | 'password_reset'
  | 'user_created'
  | 'user_updated'
  | 'role_granted'
  | 'role_revoked'
  | 'token_created'
  | 'token_revoked'
  | 'token_used'
  | 'export'
  | 'backup'
  | 'restore'
  | 'period_close'
  | 'period_reopen'
  | 'books_takeover';

export async function logSecurityEvent(
  q: Queryable,
  e: { kind: SecurityEventKind; userId?: string | null; username?: string | null; ip?: string | null; details?: Record<string, unknown> },
): Promise<void> {
  await q.insert(securityEvents).values({
    kind: e.kind,
    userId: e.userId ?? null,
    username: e.username ?? null,
    ip: e.ip ?? null,
    details: e.details ?? {},
  });
}
