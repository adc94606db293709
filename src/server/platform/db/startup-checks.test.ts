import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, hasStackTrace, tempDir } from './cli.fixtures.ts';

/** Every refused start: exit code 1, one line on stderr saying what is wrong, no stack trace. */
function expectRefused(r: ReturnType<typeof cli>, text: string) {
  expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).toContain(text);
  expect(hasStackTrace(r.stderr + r.stdout)).toBe(false);
  expect(r.code).toBe(1);
}

const snapshot = (dir: string) => fs.readdirSync(dir, { recursive: true }).map(String).sort();

// The commands below never see the suite's engine (TEST_DATABASE_URL is not their DATABASE_URL), so
// they run once, in the embedded suite; the PostgreSQL suite runs only what needs its server.
const once = it.skipIf(!!process.env.TEST_DATABASE_URL);

describe('start-up says what is wrong', () => {
  const work = tempDir('gongwu-start-');
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  once('PORT that is not a number', () => {
    expectRefused(cli(['serve'], { PORT: 'abc', GONGWU_DATA_DIR: path.join(work, 'p1') }), 'PORT 应为 0–65535 的整数');
    expect(fs.existsSync(path.join(work, 'p1'))).toBe(false);
  });

  once('PORT in use, checked before the database is opened (no folder is created)', async () => {
    const busy = net.createServer();
    await new Promise<void>((r) => busy.listen({ port: 0, host: '0.0.0.0' }, () => r()));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      expectRefused(cli(['serve'], { PORT: String(port), GONGWU_DATA_DIR: path.join(work, 'p2') }), `端口 ${port} 已被占用`);
      expect(fs.existsSync(path.join(work, 'p2'))).toBe(false);
    } finally {
      busy.close();
    }
  });

  once("a folder of another program's files is left as it was", () => {
    const dir = path.join(work, 'photos');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'holiday.jpg'), 'jpeg');
    expectRefused(cli(['migrate'], { GONGWU_DATA_DIR: dir }), '不是空文件夹，也不是公物的数据库（含 holiday.jpg）');
    expect(snapshot(dir)).toEqual(['holiday.jpg']);
  });

  once('a folder made by another PostgreSQL version', () => {
    const dir = path.join(work, 'pg15');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'PG_VERSION'), '15\n');
    expectRefused(cli(['serve'], { PORT: '0', GONGWU_DATA_DIR: dir }), '由 PostgreSQL 15 创建');
    expect(snapshot(dir)).toEqual(['PG_VERSION']);
  });

  it.runIf(!process.env.TEST_DATABASE_URL && process.getuid?.() === 0 && spawnSync('runuser', ['--help']).status === 0)(
    'a folder this user cannot write',
    () => {
      const dir = path.join(work, 'readonly');
      fs.mkdirSync(dir, { mode: 0o755 });
      fs.chmodSync(work, 0o755);
      const r = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, path.resolve('bin/gongwu.js'), 'migrate'], {
        env: { PATH: process.env.PATH, GONGWU_DATA_DIR: dir, HOME: '/tmp' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expectRefused({ code: r.status, stdout: r.stdout, stderr: r.stderr }, `数据文件夹 ${dir} 不可写（EACCES）`);
      expect(snapshot(dir)).toEqual([]);
    },
  );

  once('DATABASE_URL that is not a URL', () => {
    expectRefused(cli(['migrate'], { DATABASE_URL: 'localhost:5432/gongwu' }), 'DATABASE_URL 格式不对');
  });

  once('an unreachable server is retried for DB_STARTUP_WAIT_SECONDS, then refused', () => {
    const r = cli(['migrate'], { DATABASE_URL: 'postgres://u:p@127.0.0.1:1/gongwu', DB_STARTUP_WAIT_SECONDS: '2' });
    expect(r.stdout).toContain('数据库暂不可达');
    expectRefused(r, '无法连接数据库 postgres://u:***@127.0.0.1:1/gongwu');
  });

  it.runIf(!!process.env.TEST_DATABASE_URL)('a database that does not exist', () => {
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.pathname = '/gongwu_no_such_database';
    expectRefused(cli(['migrate'], { DATABASE_URL: url.toString() }), '数据库不存在');
  });

  once('restore of a file that is not there', () => {
    expectRefused(cli(['restore', path.join(work, 'missing.jsonl.gz')], { GONGWU_DATA_DIR: path.join(work, 'r1') }), '备份文件不存在');
    expect(fs.existsSync(path.join(work, 'r1'))).toBe(false);
  });
});
