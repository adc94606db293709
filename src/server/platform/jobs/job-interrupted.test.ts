import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type Client, type TestApp } from '../../testing/test-app.ts';
import { insertUser } from '../../testing/walker-users.ts';
import { queryOne } from '../db/engine.ts';
import { INTERRUPTED_MESSAGE } from './job.runner.ts';

/** A process that has ended: its pid is free (until the system reuses it). */
function deadPid(): number {
  return spawnSync('true').pid!;
}

describe('a job its process left running', () => {
  let t: TestApp;
  let clerk: Client;
  let clerkId: string;
  beforeAll(async () => {
    t = await createTestApp();
    await insertUser(t.database.db, 'clerk', TEST_PASSWORD, [{ role: 'asset_office', unitId: null }]);
    await insertUser(t.database.db, 'other', TEST_PASSWORD, [{ role: 'asset_office', unitId: null }]);
    t.app.jobs.register('test.again', async (ctx) => ({ result: ctx.job.params }));
    clerk = await t.as('clerk');
    clerkId = (await clerk.get('/api/auth/me')).json().userId;
  });
  afterAll(async () => {
    await t.close();
  });

  const runningJob = async (runner: string, params: object, heartbeatAgo = '0 seconds') => {
    const row = await queryOne<{ id: string }>(
      t.database.db,
      sql`
      insert into jobs (kind, status, created_by, params, runner, started_at, heartbeat_at)
      values ('test.again', 'running', ${clerkId}, ${JSON.stringify(params)}::jsonb, ${runner}, now() - interval '10 minutes', now() - ${heartbeatAgo}::interval)
      returning id::text`,
    );
    return row!.id;
  };

  it('ends failed with the restart reason, its upload and partial file removed, and is shown so', async () => {
    const upload = path.join(t.app.jobs.filesDir, 'upload-interrupted.xlsx');
    fs.writeFileSync(upload, 'x');
    const id = await runningJob(`${os.hostname()}:${deadPid()}`, { upload: 'upload-interrupted.xlsx' });
    fs.writeFileSync(path.join(t.app.jobs.filesDir, `${id}-half.xlsx`), 'x');

    expect(await t.app.jobs.recoverInterrupted()).toContain(id);
    expect(fs.existsSync(upload)).toBe(false);
    expect(fs.existsSync(path.join(t.app.jobs.filesDir, `${id}-half.xlsx`))).toBe(false);
    const view = (await clerk.get(`/api/jobs/${id}`)).json();
    expect(view).toMatchObject({
      status: 'failed',
      message: INTERRUPTED_MESSAGE,
      error: { error: 'internal', details: { interrupted: true } },
    });
    expect(view.finishedAt).not.toBeNull();

    // The upload is gone: the import cannot be repeated as it was.
    const again = await clerk.post(`/api/jobs/${id}/retry`);
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toContain('重新选择文件');
  });

  it('is retried in one call with the same parameters, by its starter only', async () => {
    const id = await runningJob(`${os.hostname()}:${deadPid()}`, { month: '2026-03', unitIds: ['u1'] });
    await t.app.jobs.recoverInterrupted();

    expect((await (await t.as('other')).post(`/api/jobs/${id}/retry`)).statusCode).toBe(404);
    const res = await clerk.post(`/api/jobs/${id}/retry`);
    expect(res.statusCode).toBe(200);
    await t.app.jobs.drain();
    const rerun = (await clerk.get(`/api/jobs/${res.json().id}`)).json();
    expect(rerun).toMatchObject({ status: 'succeeded', retryOf: id, result: { month: '2026-03', unitIds: ['u1'] } });

    // Only a failed job is retried.
    expect((await clerk.post(`/api/jobs/${res.json().id}/retry`)).statusCode).toBe(409);
  });

  it.runIf(!!process.env.TEST_DATABASE_URL)(
    'on PostgreSQL, is left alone while its process lives and heartbeats, and taken when the heartbeat stops',
    async () => {
      const alive = await runningJob(`${os.hostname()}:${process.ppid}`, {});
      const elsewhere = await runningJob('another-host:42', {}, '5 seconds');
      const silent = await runningJob('another-host:43', {}, '5 minutes');
      const taken = await t.app.jobs.recoverInterrupted();
      expect(taken).toContain(silent);
      expect(taken).not.toContain(alive);
      expect(taken).not.toContain(elsewhere);
      await t.database.db.execute(sql`update jobs set status = 'failed' where id in (${alive}::uuid, ${elsewhere}::uuid)`);
    },
  );
});
