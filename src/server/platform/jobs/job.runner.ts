import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import type { Database, Queryable } from '../db/engine.ts';
import { toErrorBody } from '../errors.ts';
import { jobs } from './jobs.tables.ts';

export type JobRow = typeof jobs.$inferSelect;

export interface JobContext {
  job: JobRow;
  database: Database;
  /** Report progress; cheap to call often (throttled). */
  progress(processed: number, total?: number, message?: string): void;
  /** An absolute path for the file this job produces; its base name is stored on the job. */
  filePath(name: string): string;
}

export interface JobOutcome {
  result?: unknown;
  fileName?: string;
  /** A job may finish as 'failed' with a structured result (e.g. an import's row report). */
  failed?: boolean;
  message?: string;
}

export type JobHandler = (ctx: JobContext) => Promise<JobOutcome>;

interface Live {
  job?: JobRow;
  processed: number;
  total?: number;
  message?: string;
}

/**
 * A jobs table polled with FOR UPDATE SKIP LOCKED (pg-boss needs its own pg connections and so
 * cannot run on the embedded engine; see docs/decisions.md). Progress is also kept in memory:
 * on PGlite a job's long transaction holds the only connection, so the API reads it from here.
 */
export class JobRunner {
  private handlers = new Map<string, JobHandler>();
  private live = new Map<string, Live>();
  private timer?: NodeJS.Timeout;
  private busy = false;
  private stopped = true;
  private lastFlush = new Map<string, number>();

  constructor(private database: Database, readonly filesDir: string) {
    fs.mkdirSync(filesDir, { recursive: true });
  }

  register(kind: string, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  async enqueue(q: Queryable, job: { kind: string; unitId?: string | null; createdBy?: string | null; params?: unknown }): Promise<string> {
    if (!this.handlers.has(job.kind)) throw new Error(`no handler for job kind ${job.kind}`);
    const [row] = await q.insert(jobs).values({ kind: job.kind, unitId: job.unitId ?? null, createdBy: job.createdBy ?? null, params: job.params ?? {} }).returning({ id: jobs.id });
    setImmediate(() => void this.tick());
    return row.id;
  }

  liveProgress(id: string): Live | undefined {
    return this.live.get(id);
  }

  /** A job running in this process, as it was when it started (no database read). */
  runningJob(id: string): JobRow | undefined {
    return this.live.get(id)?.job;
  }

  start(intervalMs = 500): void {
    this.stopped = false;
    this.timer = setInterval(() => void this.tick(), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    while (this.busy) await new Promise((r) => setTimeout(r, 20));
  }

  /** Runs queued jobs until none is left (the CLI and tests use this instead of polling). */
  async drain(): Promise<void> {
    while (await this.runOne()) {
      /* next */
    }
  }

  private async tick(): Promise<void> {
    if (this.busy || this.stopped) return;
    this.busy = true;
    try {
      while (!this.stopped && (await this.runOne())) {
        /* next */
      }
    } finally {
      this.busy = false;
    }
  }

  private async runOne(): Promise<boolean> {
    const db = this.database.db;
    const res = (await db.execute(sql`
      UPDATE jobs SET status = 'running', started_at = now(), attempts = attempts + 1
      WHERE id = (SELECT id FROM jobs WHERE status = 'queued' ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
      RETURNING id`)) as unknown as { rows: { id: string }[] };
    const id = res.rows[0]?.id;
    if (!id) return false;
    const [job] = await db.select().from(jobs).where(eq(jobs.id, id));
    const handler = this.handlers.get(job.kind);
    this.live.set(id, { job, processed: 0 });
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      const outcome = await handler({
        job,
        database: this.database,
        progress: (processed, total, message) => this.progress(id, processed, total, message),
        filePath: (name) => path.join(this.filesDir, `${id}-${name}`),
      });
      const live = this.live.get(id);
      await db.update(jobs).set({
        status: outcome.failed ? 'failed' : 'succeeded',
        processed: live?.total ?? live?.processed ?? 0,
        total: live?.total ?? live?.processed ?? 0,
        message: outcome.message ?? null,
        result: (outcome.result ?? null) as never,
        fileName: outcome.fileName ? path.basename(outcome.fileName) : null,
        finishedAt: new Date(),
      }).where(eq(jobs.id, id));
    } catch (err) {
      const { body, unexpected } = toErrorBody(err);
      if (unexpected) console.error(`job ${id} (${job.kind}) failed`, err);
      await db.update(jobs).set({ status: 'failed', error: body as never, message: body.message, finishedAt: new Date() }).where(eq(jobs.id, id));
    } finally {
      this.live.delete(id);
      this.lastFlush.delete(id);
    }
    return true;
  }

  private progress(id: string, processed: number, total?: number, message?: string): void {
    const live = this.live.get(id) ?? { processed: 0 };
    live.processed = processed;
    if (total !== undefined) live.total = total;
    if (message !== undefined) live.message = message;
    this.live.set(id, live);
    // On PostgreSQL other processes may read the row; on PGlite writing now would wait behind the job's transaction.
    if (this.database.engine !== 'postgres') return;
    const now = Date.now();
    if (now - (this.lastFlush.get(id) ?? 0) < 500) return;
    this.lastFlush.set(id, now);
    void this.database.db.update(jobs).set({ processed, total: live.total ?? null, message: live.message ?? null }).where(eq(jobs.id, id)).catch(() => undefined);
  }
}
