import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type Client, type TestApp } from '../../testing/test-app.ts';
import { insertUser } from '../../testing/walker-users.ts';
import { tempDir } from './cli.fixtures.ts';
import { openDatabase } from './engine.ts';
import { migrate } from './migrate.ts';

const BIN = '/usr/lib/postgresql/15/bin';
// A throwaway PostgreSQL cluster of its own, which the test stops and starts: PostgreSQL mode only,
// with the server binaries, as root (the cluster runs as the postgres user).
const usable =
  !!process.env.TEST_DATABASE_URL &&
  fs.existsSync(path.join(BIN, 'pg_ctl')) &&
  process.getuid?.() === 0 &&
  spawnSync('id', ['postgres']).status === 0;

const asPostgres = (cmd: string, args: string[]) =>
  execFileSync('runuser', ['-u', 'postgres', '--', path.join(BIN, cmd), ...args], { stdio: 'pipe', timeout: 60_000 });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(usable)('PostgreSQL going away and coming back', () => {
  const dir = tempDir('gongwu-outage-');
  const cluster = path.join(dir, 'cluster');
  const port = 20000 + Math.floor(Math.random() * 20000);
  const pgCtl = (action: 'start' | 'stop') =>
    asPostgres(
      'pg_ctl',
      action === 'start'
        ? ['-D', cluster, '-l', path.join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`, 'start']
        : ['-D', cluster, '-m', 'fast', '-w', 'stop'],
    );
  let t: TestApp;
  let admin: Client;
  let adminId: string;

  beforeAll(async () => {
    fs.chmodSync(dir, 0o755);
    fs.mkdirSync(cluster);
    fs.chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString()), Number(execFileSync('id', ['-g', 'postgres']).toString()));
    fs.chownSync(
      cluster,
      Number(execFileSync('id', ['-u', 'postgres']).toString()),
      Number(execFileSync('id', ['-g', 'postgres']).toString()),
    );
    asPostgres('initdb', ['-D', cluster, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    pgCtl('start');
    const database = await openDatabase({
      databaseUrl: `postgres://postgres@127.0.0.1:${port}/postgres`,
      dataDir: 'memory://',
      limits: { connectTimeoutMs: 2000, statementTimeoutMs: 10_000, idleInTransactionTimeoutMs: 10_000 },
    });
    await migrate(database);
    t = await createTestApp({ database });
    await insertUser(database.db, 'root1', TEST_PASSWORD, [{ role: 'sysadmin', unitId: null }]);
    admin = await t.as('root1');
    adminId = (await admin.get('/api/auth/me')).json().userId;
    t.app.jobs.start(100);
  }, 120_000);

  afterAll(async () => {
    await t?.close().catch(() => undefined);
    try {
      pgCtl('stop');
    } catch {
      /* already stopped */
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 while it is down, recovers by itself, and keeps every acknowledged edit', async () => {
    const acknowledged: string[] = [];
    const statuses = new Map<number, number>();
    let n = 0;
    let streaming = true;
    // A stream of edits, one at a time, as a busy clerk makes them.
    const stream = (async () => {
      while (streaming) {
        const name = `edit-${n++}`;
        const res = await admin.post('/api/tokens', { name, userId: adminId, scopes: ['job.read'] });
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        if (res.statusCode === 201) acknowledged.push(name);
        else expect(res.json()).toMatchObject({ error: 'unavailable', message: expect.stringContaining('数据库') });
        await sleep(20);
      }
    })();

    await sleep(1000);
    pgCtl('stop');
    await sleep(2000);
    const health = await t.anonymous.get('/api/health');
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: 'unavailable', message: expect.stringContaining('database unavailable') });
    const duringOutage = statuses.get(503) ?? 0;
    expect(duringOutage).toBeGreaterThan(5);

    pgCtl('start');
    const deadline = Date.now() + 30_000;
    while ((await t.anonymous.get('/api/health')).statusCode !== 200) {
      expect(Date.now()).toBeLessThan(deadline);
      await sleep(200);
    }
    const ackedBefore = acknowledged.length;
    await sleep(1500);
    streaming = false;
    await stream;

    expect(acknowledged.length).toBeGreaterThan(ackedBefore); // edits are acknowledged again
    expect([...statuses.keys()].sort()).toEqual([201, 503]); // never a 500
    const stored = new Set(((await admin.get('/api/tokens')).json().items as { name: string }[]).map((i) => i.name));
    expect(acknowledged.filter((name) => !stored.has(name))).toEqual([]);

    // The job queue resumed too.
    t.app.jobs.register('test.after-outage', async () => ({ message: 'ran' }));
    const id = await t.app.jobs.enqueue(t.database.db, { kind: 'test.after-outage', createdBy: adminId });
    const jobDeadline = Date.now() + 45_000;
    for (;;) {
      const job = (await admin.get(`/api/jobs/${id}`)).json();
      if (job.status === 'succeeded') break;
      expect(Date.now()).toBeLessThan(jobDeadline);
      await sleep(500);
    }
  }, 120_000);
});
