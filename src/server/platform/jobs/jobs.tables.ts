import { sql } from 'drizzle-orm';
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Long work (imports, exports, runs, reports): one row each, polled with FOR UPDATE SKIP LOCKED. */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('queued'), // queued | running | succeeded | failed
    unitId: uuid('unit_id'),
    createdBy: uuid('created_by'),
    params: jsonb('params').notNull().default(sql`'{}'::jsonb`),
    processed: bigint('processed', { mode: 'number' }).notNull().default(0),
    total: bigint('total', { mode: 'number' }),
    message: text('message'),
    result: jsonb('result'),
    error: jsonb('error'),
    /** A produced file (export, report), relative to the files folder. */
    fileName: text('file_name'),
    attempts: integer('attempts').notNull().default(0),
    /** The process running it ("host:pid"), and when that process last said it still is. */
    runner: text('runner'),
    heartbeatAt: ts('heartbeat_at'),
    /** A job started again with the same parameters (POST /api/jobs/:id/retry) points to the one it repeats. */
    retryOf: uuid('retry_of'),
    createdAt: ts('created_at').notNull().defaultNow(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [index('jobs_status_idx').on(t.status, t.createdAt), index('jobs_creator_idx').on(t.createdBy, t.createdAt)],
);
