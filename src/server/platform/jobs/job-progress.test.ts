import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts';
import { insertUser } from '../../testing/walker-users.ts';
import { withTx } from '../db/tx.ts';

describe('job progress', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await insertUser(t.database.db, 'clerk', TEST_PASSWORD, [{ role: 'asset_office', unitId: null }]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('is readable while the job holds a transaction open, and final once it ends', async () => {
    let release!: () => void;
    const released = new Promise<void>((r) => {
      release = r;
    });
    let started!: () => void;
    const inside = new Promise<void>((r) => {
      started = r;
    });
    t.app.jobs.register('test.hold', async (ctx) => {
      await withTx(ctx.database.db, async (tx) => {
        await tx.execute(sql`select 1`);
        ctx.progress(3, 10, '处理中');
        started();
        await released;
      });
      return { result: { ok: true } };
    });
    const clerk = await t.as('clerk');
    const me = await clerk.get('/api/auth/me');
    const id = await t.app.jobs.enqueue(t.database.db, { kind: 'test.hold', createdBy: me.json().userId });
    const running = t.app.jobs.drain();
    await inside;

    const during = await Promise.race([clerk.get(`/api/jobs/${id}`), new Promise<'blocked'>((r) => setTimeout(() => r('blocked'), 3000))]);
    release();
    await running;
    expect(during).not.toBe('blocked');
    if (during === 'blocked') return;
    expect(during.json()).toMatchObject({ status: 'running', processed: 3, total: 10, percent: 30, message: '处理中' });

    const after = await clerk.get(`/api/jobs/${id}`);
    expect(after.json()).toMatchObject({ status: 'succeeded', percent: 100, result: { ok: true } });
  });

  it('answers 404 for a job somebody else started', async () => {
    t.app.jobs.register('test.quick', async () => ({}));
    const id = await t.app.jobs.enqueue(t.database.db, { kind: 'test.quick', createdBy: null });
    await t.app.jobs.drain();
    const clerk = await t.as('clerk');
    expect((await clerk.get(`/api/jobs/${id}`)).statusCode).toBe(404);
  });
});
