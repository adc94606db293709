import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { createGunzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, hasStackTrace, startServer, stopServer, tempDir } from './cli.fixtures.ts';
import { PGLITE_PG_MAJOR } from './data-folder.ts';
import { query, sql } from './engine.ts';
import { restoreDatabase } from './backup.ts';
import { openEmbeddedTestDatabase } from '../../testing/test-db.ts';
import { LOCK_FILE } from './folder-lock.ts';

/** The rows of each table in a backup file, header and end marker left out. */
async function backupTables(file: string): Promise<Map<string, string[]>> {
  const tables = new Map<string, string[]>();
  let current: string[] = [];
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.startsWith('{"$table":')) tables.set(JSON.parse(line).$table, (current = []));
    else if (!line.startsWith('{"format":') && !line.startsWith('{"$end":') && line) current.push(line);
  }
  return tables;
}

// The embedded engine only: on PostgreSQL every command connects to the server as usual.
describe.skipIf(!!process.env.TEST_DATABASE_URL)('the embedded data folder while a server holds it', () => {
  const work = tempDir('gongwu-lock-');
  const dataDir = path.join(work, 'data');
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    server = await startServer({ GONGWU_DEMO_SCALE: 'small' }, dataDir);
  }, 360_000);
  afterAll(async () => {
    if (server) await stopServer(server);
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('names its holder in the lock file', () => {
    const lock = JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8'));
    expect(lock).toMatchObject({ pid: server.pid, host: os.hostname(), role: 'server', adminPort: expect.any(Number) });
    expect(fs.statSync(path.join(dataDir, 'admin.token')).mode & 0o777).toBe(0o600);
  });

  it('refuses a second server on the same folder with one line naming the holder', () => {
    const r = cli(['serve'], { PORT: '0', GONGWU_DATA_DIR: dataDir });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`正由另一个进程使用（pid ${server.pid}`);
    expect(hasStackTrace(r.stderr)).toBe(false);
  });

  it('runs commands through the server: seed-demo, a backup that restores identical, audit verify', async () => {
    const seeded = cli(['seed-demo'], { GONGWU_DATA_DIR: dataDir, GONGWU_DEMO_SCALE: 'small' }, { timeoutMs: 180_000 });
    expect(seeded.code).toBe(0);
    expect(seeded.stdout).toContain('Demo data loaded');

    // A relative file name is the caller's folder, not the server's.
    const b1 = cli(['backup', 'live.jsonl.gz'], { GONGWU_DATA_DIR: dataDir }, { cwd: work });
    expect(b1.code).toBe(0);
    expect(b1.stdout).toMatch(/^backed up \d+ rows of \d+ tables to live\.jsonl\.gz/);
    const file = path.join(work, 'live.jsonl.gz');

    const copy = await openEmbeddedTestDatabase();
    await restoreDatabase(copy, file);
    const again = path.join(work, 'again.jsonl.gz');
    const { backupDatabase } = await import('./backup.ts');
    await backupDatabase(copy, again);
    await copy.close();
    const [before, after] = [await backupTables(file), await backupTables(again)];
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [table, rows] of before) {
      // The restore and the second backup log security events of their own.
      if (table === 'security_events') expect(after.get(table)!.slice(0, rows.length)).toEqual(rows);
      else expect(after.get(table), table).toEqual(rows);
    }
    expect(before.get('cards')!.length).toBeGreaterThan(10);

    const verify = cli(['audit', 'verify'], { GONGWU_DATA_DIR: dataDir });
    expect(verify.code).toBe(0);
    expect(verify.stdout).toContain('OK: every card ledger chain, the depreciation ledger and the locked reports are intact.');
  }, 300_000);

  it('passes a refusal and its exit code back, and refuses restore while the server runs', () => {
    const bad = cli(['user', 'create', 'x1', '--name', 'X', '--role', 'no-such-role'], { GONGWU_DATA_DIR: dataDir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('unknown role no-such-role');
    const restore = cli(['restore', path.join(work, 'live.jsonl.gz'), '--force'], { GONGWU_DATA_DIR: dataDir });
    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain('请先停止服务器');
  });

  it('after a kill -9, the next process takes the stale lock over and finds every ledger intact', async () => {
    const killed = new Promise((r) => server.once('exit', r));
    server.kill('SIGKILL');
    await killed;
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(true);
    const verify = cli(['audit', 'verify'], { GONGWU_DATA_DIR: dataDir });
    expect(verify.stdout).toContain('OK: every card ledger chain, the depreciation ledger and the locked reports are intact.');
    expect(verify.code).toBe(0);
    expect(fs.existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  }, 120_000);
});

describe('the bundled embedded engine', () => {
  it(`is PostgreSQL ${PGLITE_PG_MAJOR}, the version the data folder check expects`, { timeout: 180_000 }, async () => {
    const d = await openEmbeddedTestDatabase();
    const res = (await query<{ v: string }>(d.db, sql`select current_setting('server_version') as v`))[0].v;
    await d.close();
    expect(res.split('.')[0]).toBe(PGLITE_PG_MAJOR);
  });

  it('refuses a folder in use by another live process, and takes over one left by a dead process', async () => {
    const dir = tempDir('gongwu-lock2-');
    const { acquireFolderLock, FolderBusyError } = await import('./folder-lock.ts');
    const mine = acquireFolderLock(dir, 'test');
    expect(() => acquireFolderLock(dir, 'test')).toThrow(FolderBusyError);
    mine.release();
    const dead = spawnSync('true').pid!;
    fs.writeFileSync(path.join(dir, LOCK_FILE), JSON.stringify({ pid: dead, host: os.hostname(), startedAt: 'x', role: 'server' }));
    const taken = acquireFolderLock(dir, 'test');
    expect(JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    taken.release();
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
