import fs from 'node:fs';
import path from 'node:path';
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { App } from '../http/types.ts';
import { jobs } from './jobs.tables.ts';

export const JobView = z.object({
  id: z.string(),
  kind: z.string(),
  status: z.enum(['queued', 'running', 'succeeded', 'failed']),
  processed: z.number(),
  total: z.number().nullable(),
  /** 0–100, or null while the total is unknown. */
  percent: z.number().nullable(),
  message: z.string().nullable(),
  result: z.unknown(),
  error: z.unknown(),
  hasFile: z.boolean(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** The job this one repeats (a retry). */
  retryOf: z.string().nullable(),
});
export type JobView = z.infer<typeof JobView>;

const IdParams = z.object({ id: z.uuid() });

export async function jobRoutes(app: App) {
  // A job belongs to whoever started it: others get 404, like any record outside their scope.
  const find = async (id: string, userId: string) => {
    const [job] = await app.database.db
      .select()
      .from(jobs)
      .where(and(eq(jobs.id, id), eq(jobs.createdBy, userId)));
    if (!job) throw new AppError('not_found', '任务不存在');
    return job;
  };
  const view = (job: typeof jobs.$inferSelect): JobView => {
    const live = job.status === 'running' ? app.jobs.liveProgress(job.id) : undefined;
    const processed = live?.processed ?? job.processed;
    const total = live?.total ?? job.total;
    return {
      id: job.id,
      kind: job.kind,
      status: job.status as JobView['status'],
      processed,
      total,
      percent: job.status === 'succeeded' ? 100 : total ? Math.min(100, Math.floor((processed / total) * 100)) : null,
      message: live?.message ?? job.message,
      result: job.result,
      error: job.error,
      hasFile: !!job.fileName,
      createdAt: job.createdAt.toISOString(),
      finishedAt: job.finishedAt?.toISOString() ?? null,
      retryOf: job.retryOf ?? null,
    };
  };

  app.get(
    '/api/jobs',
    {
      config: { access: 'job.read' },
      schema: { tags: ['jobs'], summary: '我的任务', response: { 200: z.object({ items: z.array(JobView) }) } },
    },
    async (req) => {
      const rows = await app.database.db
        .select()
        .from(jobs)
        .where(eq(jobs.createdBy, req.actor.userId))
        .orderBy(desc(jobs.createdAt))
        .limit(50);
      return { items: rows.map(view) };
    },
  );

  app.get(
    '/api/jobs/:id',
    {
      config: { access: 'job.read', progressPoll: true },
      schema: { tags: ['jobs'], summary: '任务进度', params: IdParams, response: { 200: JobView } },
    },
    async (req) => {
      // A job running here is answered from memory: on PGlite its transaction holds the connection.
      const running = app.jobs.runningJob(req.params.id);
      if (running && running.createdBy === req.actor.userId) return view({ ...running, status: 'running' });
      return view(await find(req.params.id, req.actor.userId));
    },
  );

  // One click to run a failed job again (an interrupted run, a timed-out export), as its starter.
  app.post(
    '/api/jobs/:id/retry',
    {
      config: { access: 'job.read' },
      schema: { tags: ['jobs'], summary: '重试失败的任务', params: IdParams, response: { 200: z.object({ id: z.string() }) } },
    },
    async (req) => {
      const job = await find(req.params.id, req.actor.userId);
      if (job.status !== 'failed') throw new AppError('invalid_transition', '只有失败的任务可以重试');
      return { id: await app.jobs.retry(app.database.db, job) };
    },
  );

  app.get(
    '/api/jobs/:id/file',
    {
      config: { access: 'job.read' },
      schema: { tags: ['jobs'], summary: '下载任务生成的文件', params: IdParams },
    },
    async (req, reply) => {
      const job = await find(req.params.id, req.actor.userId);
      if (!job.fileName) throw new AppError('not_found', '该任务没有文件');
      const file = path.join(app.jobs.filesDir, job.fileName);
      if (!fs.existsSync(file)) throw new AppError('not_found', '文件已过期');
      const downloadName = job.fileName.replace(/^[0-9a-f-]{36}-/, '');
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(downloadName)}`);
      reply.type(
        downloadName.endsWith('.xlsx') ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/octet-stream',
      );
      return reply.send(fs.createReadStream(file));
    },
  );
}
