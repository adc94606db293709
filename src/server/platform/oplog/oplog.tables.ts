import { bigint, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * 操作日志: one row per write, whoever made it (a person in the web app, an API token, the command
 * line, a job). Append-only (migrations/post/200_operation_log.sql refuses UPDATE and DELETE).
 * Distinct from the card ledger (card_events: a card's history) and the security log
 * (security_events: sign-ins, tokens, exports).
 */
export const operationLog = pgTable(
  'operation_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestamp('at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    userId: uuid('user_id'),
    /** The person's name as it was then. */
    userName: text('user_name').notNull(),
    /** 'web' | 'token' | 'cli' | 'job'. */
    via: text('via').notNull(),
    /** Whom or what the person acted through: 「API 令牌「对接」」, a job's kind, a CLI command. */
    actingFor: text('acting_for'),
    unitId: uuid('unit_id'),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    objectLabel: text('object_label'),
    action: text('action').notNull(),
    /** Before → after in words ("状态：已提交 → 已批准"). */
    changes: text('changes'),
    /** The route (or command) that made it: 'POST /api/documents/:id/submit'. */
    source: text('source'),
  },
  (t) => [
    index('operation_log_user_at_idx').on(t.userId, t.at),
    index('operation_log_unit_at_idx').on(t.unitId, t.at),
    index('operation_log_object_idx').on(t.objectType, t.objectId),
    index('operation_log_at_idx').on(t.at),
  ],
);
