import { date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * 委托: while the delegator is away (from–to, business days in Asia/Shanghai, both included), the
 * delegate takes the approval steps the delegator could take, marked "代 <delegator>". Set by the
 * delegator or their unit's administrator; revoked rather than deleted.
 */
export const approvalDelegations = pgTable(
  'approval_delegations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The delegator's unit (scope of the list); null for committee-wide accounts. */
    unitId: uuid('unit_id'),
    delegatorId: uuid('delegator_id').notNull(),
    delegateId: uuid('delegate_id').notNull(),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    reason: text('reason'),
    createdBy: uuid('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    revokedAt: ts('revoked_at'),
    revokedBy: uuid('revoked_by'),
  },
  (t) => [
    index('approval_delegations_delegate_idx').on(t.delegateId, t.startsOn),
    index('approval_delegations_delegator_idx').on(t.delegatorId),
  ],
);
