import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { isDatabaseUnavailable } from '../db/db-errors.ts';
import { pidAlive } from '../db/folder-lock.ts';
import type { Database, Queryable } from '../db/engine.ts';
import { AppError, toErrorBody } from '../errors.ts';
import { jobs } from './jobs.tables.ts';
import { users } from '../auth/auth.tables.ts';
import { openOperation, runOperation } from '../oplog/oplog.context.ts';
import { actorOfUser } from '../auth/actor.lookup.ts';
import type { Actor } from '../auth/actor.ts';
import { invalid } from '../errors.ts';
import type { AnyJobKind, JobKind } from './job.kinds.ts';

export type JobRow = typeof jobs.$inferSelect;

export interface JobContext {
  job: JobRow;
  database: Database;
  /** Report progress; cheap to call often (throttled). */
  progress(processed: number, total?: number, message?: string): void;
  /** An absolute path for the file this job produces; its base name is stored on the job. */
  filePath(name: string): string;
  /** Who asked (the job's created_by, resolved by actorOfUser); undefined for system work. */
  actor?: Actor;
}

export interface JobOutcome {
  result?: unknown;
  fileName?: string;
  /** A job may finish as 'failed' with a structured result (e.g. an import's row report). */
  failed?: boolean;
  message?: string;
}

export type JobHandler = (ctx: JobContext) => Promise<JobOutcome>;

/** The message of a job whose process ended before it did. */
export const INTERRUPTED_MESSAGE = '服务重启时中断';
/** On PostgreSQL a running job's process says it is alive this often; silent for STALE_MS, it is presumed gone. */
const HEARTBEAT_MS = 15_000;
const STALE_MS = 90_000;

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
  private handlers = new Map<string, JobKind<unknown>>();
  private live = new Map<string, Live>();
  private timer?: NodeJS.Timeout;
  private busy = false;
  private stopped = true;
  private lastFlush = new Map<string, number>();
  /** This process, as written on the jobs it runs. */
  readonly runnerId = `${os.hostname()}:${process.pid}`;
  private recovered = false;
  private lastSweep = 0;
  private lastHeartbeat = 0;
  /** After a failed poll (the database away), no poll before this time; the wait doubles up to 30 s. */
  private retryAt = 0;
  private failures = 0;
  private log: (msg: string) => void = (msg) => console.error(msg);

  constructor(
    private database: Database,
    readonly filesDir: string,
    opts: { log?: (msg: string) => void } = {},
  ) {
    if (opts.log) this.log = opts.log;
    fs.mkdirSync(filesDir, { recursive: true });
  }

  /** A kind with typed parameters (defineJob), or a bare handler whose parameters are not checked (tests). */
  register(kind: string, handler: JobHandler | AnyJobKind): void {
    this.handlers.set(kind, typeof handler === 'function' ? { params: z.unknown(), run: handler } : handler);
  }

  /** The kind's parameters, checked: a bad one names its field. */
  private checkParams(kind: JobKind<unknown>, params: unknown): unknown {
    const parsed = kind.params.safeParse(params ?? {});
    if (parsed.success) return parsed.data;
    throw invalid(Object.fromEntries(parsed.error.issues.map((i) => [['params', ...i.path].join('.'), i.message])), '任务参数无效');
  }

  /** Queues a job; who asks is `createdBy` (a user id) and nothing else: the runner resolves the actor. */
  async enqueue(q: Queryable, job: { kind: string; unitId?: string | null; createdBy?: string | null; params?: unknown }): Promise<string> {
    const kind = this.handlers.get(job.kind);
    if (!kind) throw new Error(`no handler for job kind ${job.kind}`);
    const params = this.checkParams(kind, job.params);
    const [row] = await q
      .insert(jobs)
      .values({ kind: job.kind, unitId: job.unitId ?? null, createdBy: job.createdBy ?? null, params: params ?? {} })
      .returning({ id: jobs.id });
    setImmediate(() => void this.tick());
    return row.id;
  }

  /**
   * Starts a failed job again with the same kind, unit and parameters, for the same person; the
   * new job records which one it repeats. An import whose upload is gone cannot be repeated.
   */
  async retry(q: Queryable, failed: JobRow): Promise<string> {
    const upload = (failed.params as { upload?: unknown } | null)?.upload;
    if (typeof upload === 'string' && !fs.existsSync(path.join(this.filesDir, path.basename(upload)))) {
      throw new AppError('conflict', '上传的文件已清除，无法重试；请重新选择文件导入');
    }
    const id = await this.enqueue(q, { kind: failed.kind, unitId: failed.unitId, createdBy: failed.createdBy, params: failed.params });
    await q.update(jobs).set({ retryOf: failed.id }).where(eq(jobs.id, id));
    return id;
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
    // The first poll at once: it resolves the jobs a previous process left running.
    setImmediate(() => void this.tick());
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

  /**
   * One poll. Never throws: it runs from a timer, and a rejection there would end the process.
   * While the database is away it backs off (0.5 s doubling to 30 s) and says so once.
   */
  private async tick(): Promise<void> {
    if (this.busy || this.stopped || Date.now() < this.retryAt) return;
    this.busy = true;
    try {
      if (!this.recovered || (this.database.engine === 'postgres' && Date.now() - this.lastSweep > STALE_MS / 2)) {
        await this.recoverInterrupted();
        this.recovered = true;
      }
      await this.heartbeat();
      while (!this.stopped && (await this.runOne())) {
        /* next */
      }
      if (this.failures) this.log(`任务队列已恢复 / job queue resumed after ${this.failures} failed poll(s)`);
      this.failures = 0;
    } catch (err) {
      this.failures++;
      const wait = Math.min(30_000, 500 * 2 ** Math.min(this.failures - 1, 6));
      this.retryAt = Date.now() + wait;
      if (this.failures === 1 || !isDatabaseUnavailable(err))
        this.log(`任务队列暂停，${wait / 1000} 秒后重试 / job queue paused, retrying in ${wait / 1000} s: ${(err as Error).message}`);
    } finally {
      this.busy = false;
    }
  }

  /** PostgreSQL: tell other servers that the jobs this process runs are still running. */
  private async heartbeat(): Promise<void> {
    if (this.database.engine !== 'postgres' || this.live.size === 0 || Date.now() - this.lastHeartbeat < HEARTBEAT_MS) return;
    this.lastHeartbeat = Date.now();
    await this.database.db.execute(sql`UPDATE jobs SET heartbeat_at = now() WHERE runner = ${this.runnerId} AND status = 'running'`);
  }

  /**
   * Jobs left 'running' by a process that is gone end 'failed' with INTERRUPTED_MESSAGE, and their
   * upload and partial files are removed. On the embedded engine this process is the folder's only
   * owner, so every running job not its own was interrupted; on PostgreSQL several servers may
   * share the table, so a job is taken for interrupted when its process was on this host and is
   * not alive, or when it has not sent a heartbeat for STALE_MS. Runs at start and then every 45 s.
   */
  async recoverInterrupted(): Promise<string[]> {
    this.lastSweep = Date.now();
    const rows = (await this.database.db.execute(sql`
      SELECT id, runner, params, coalesce(heartbeat_at, started_at, created_at) < now() - make_interval(secs => ${STALE_MS / 1000}) AS stale
      FROM jobs WHERE status = 'running' AND runner IS DISTINCT FROM ${this.runnerId}`)) as unknown as {
      rows: { id: string; runner: string | null; params: unknown; stale: boolean }[];
    };
    const gone = rows.rows.filter((r) => {
      if (this.database.engine !== 'postgres' || r.stale || !r.runner) return true;
      const [host, pid] = r.runner.split(':');
      return host === os.hostname() && !pidAlive(Number(pid));
    });
    if (gone.length === 0) return [];
    const ids = gone.map((r) => r.id);
    const error = {
      error: 'internal',
      message: `${INTERRUPTED_MESSAGE}：运行它的进程已结束，任务未完成；可重试`,
      details: { interrupted: true },
    };
    await this.database.db.execute(sql`
      UPDATE jobs SET status = 'failed', message = ${INTERRUPTED_MESSAGE}, error = ${JSON.stringify(error)}::jsonb, finished_at = now()
      WHERE id IN (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )}) AND status = 'running'`);
    for (const r of gone) this.removeFiles(r.id, r.params);
    this.log(`${ids.length} 个任务因服务重启中断，已标记为失败 / ${ids.length} job(s) interrupted by a restart marked failed`);
    return ids;
  }

  /** The job's upload (params.upload, a name in the files folder) and any file it had begun to write. */
  private removeFiles(id: string, params: unknown): void {
    const upload = (params as { upload?: unknown } | null)?.upload;
    if (typeof upload === 'string') fs.rmSync(path.join(this.filesDir, path.basename(upload)), { force: true });
    for (const f of fs.existsSync(this.filesDir) ? fs.readdirSync(this.filesDir) : []) {
      if (f.startsWith(`${id}-`)) fs.rmSync(path.join(this.filesDir, f), { force: true });
    }
  }

  private async runOne(): Promise<boolean> {
    const db = this.database.db;
    const res = (await db.execute(sql`
      UPDATE jobs SET status = 'running', started_at = now(), attempts = attempts + 1, runner = ${this.runnerId}, heartbeat_at = now()
      WHERE id = (SELECT id FROM jobs WHERE status = 'queued' ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
      RETURNING id`)) as unknown as { rows: { id: string }[] };
    const id = res.rows[0]?.id;
    if (!id) return false;
    const [job] = await db.select().from(jobs).where(eq(jobs.id, id));
    const handler = this.handlers.get(job.kind);
    this.live.set(id, { job, processed: 0 });
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      // 操作日志: what the job writes through withTx is logged as its starter's, through the job.
      const [starter] = job.createdBy
        ? await db.select({ name: users.displayName, unitId: users.unitId }).from(users).where(eq(users.id, job.createdBy))
        : [];
      const op = openOperation(`job ${job.kind}`, {
        userId: job.createdBy,
        userName: starter?.name ?? '系统任务',
        unitId: job.unitId ?? starter?.unitId ?? null,
        via: 'job',
        actingFor: `任务「${job.kind}」`,
      });
      const params = this.checkParams(handler, job.params);
      const actor = job.createdBy ? await actorOfUser(db, { userId: job.createdBy }) : undefined;
      const outcome = await runOperation(op, () =>
        handler.run({
          job,
          params,
          actor,
          // Long work: on PostgreSQL a pool without the requests' statement timeout.
          database: this.database.longWork(),
          progress: (processed, total, message) => this.progress(id, processed, total, message),
          filePath: (name) => path.join(this.filesDir, `${id}-${name}`),
        }),
      );
      const live = this.live.get(id);
      await this.persist(() =>
        db
          .update(jobs)
          .set({
            status: outcome.failed ? 'failed' : 'succeeded',
            processed: live?.total ?? live?.processed ?? 0,
            total: live?.total ?? live?.processed ?? 0,
            message: outcome.message ?? null,
            result: (outcome.result ?? null) as never,
            fileName: outcome.fileName ? path.basename(outcome.fileName) : null,
            finishedAt: new Date(),
          })
          .where(eq(jobs.id, id)),
      );
    } catch (err) {
      const { body, unexpected } = toErrorBody(err);
      if (unexpected) console.error(`job ${id} (${job.kind}) failed`, err);
      await this.persist(() =>
        db
          .update(jobs)
          .set({ status: 'failed', error: body as never, message: body.message, finishedAt: new Date() })
          .where(eq(jobs.id, id)),
      );
    } finally {
      this.live.delete(id);
      this.lastFlush.delete(id);
    }
    return true;
  }

  /**
   * Writes a job's outcome, waiting out a short database outage (up to about a minute) so a job
   * that finished is not left 'running'; after that the sweep of another start resolves it.
   */
  private async persist(write: () => Promise<unknown>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await write();
        return;
      } catch (err) {
        if (!isDatabaseUnavailable(err) || attempt >= 12 || this.stopped) throw err;
        await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** attempt)));
      }
    }
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
    void this.database.db
      .update(jobs)
      .set({ processed, total: live.total ?? null, message: live.message ?? null })
      .where(eq(jobs.id, id))
      .catch(() => undefined);
  }
}
