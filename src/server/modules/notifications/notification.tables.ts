import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The bell: one row per person told of something, written in the transaction that made it happen. */
export const notifications = pgTable(
  'notifications',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    userId: uuid('user_id').notNull(),
    /** The unit of the record it is about. */
    unitId: uuid('unit_id'),
    event: text('event').notNull(),
    title: text('title').notNull(),
    /** The web app's path of the record ('/documents/…'). */
    link: text('link'),
    createdAt: ts('created_at').notNull().defaultNow(),
    readAt: ts('read_at'),
    /** Sent in a daily digest (for those who chose one). */
    digestedAt: ts('digested_at'),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.id),
    index('notifications_unread_idx').on(t.userId).where(sql`read_at IS NULL`),
    index('notifications_digest_idx').on(t.userId).where(sql`digested_at IS NULL`),
  ],
);

/** What the administrator set up: the mail server, group robots, webhooks. */
export const notificationChannels = pgTable('notification_channels', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  enabled: boolean('enabled').notNull().default(true),
  config: jsonb('config').notNull().default(sql`'{}'::jsonb`),
  events: text('events').array().notNull().default(sql`'{}'::text[]`),
  unitId: uuid('unit_id'),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/** Each person's choice: mail for which events, or one digest a day at an hour. */
export const notificationPrefs = pgTable('notification_prefs', {
  userId: uuid('user_id').primaryKey(),
  email: text('email'),
  mailEvents: text('mail_events').array().notNull().default(sql`'{}'::text[]`),
  digestHour: integer('digest_hour'),
  lastDigestOn: date('last_digest_on', { mode: 'string' }),
});

/**
 * The outbox: one row per message to send, written with the notification (so it exists exactly when
 * the change committed) and sent after commit; retried with backoff, then 'failed' and listed.
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    channelId: uuid('channel_id').notNull(),
    userId: uuid('user_id'),
    /** The mail address, or null for a robot. */
    recipient: text('recipient'),
    event: text('event').notNull(),
    title: text('title').notNull(),
    link: text('link'),
    /** A digest's lines. */
    body: text('body'),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAt: ts('next_at').notNull().defaultNow(),
    lastError: text('last_error'),
    createdAt: ts('created_at').notNull().defaultNow(),
    sentAt: ts('sent_at'),
  },
  (t) => [
    index('notification_deliveries_due_idx').on(t.nextAt).where(sql`status = 'pending'`),
    index('notification_deliveries_channel_sent_idx').on(t.channelId, t.sentAt),
  ],
);

/** Daily work done once per business day across processes (the lending reminders). */
export const notificationDays = pgTable(
  'notification_days',
  {
    kind: text('kind').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.kind, t.day] })],
);
