import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, query, sql } from './engine.ts';

// The child opens the embedded engine exactly as the server does (engine.ts) and prints each id
// only after its commit has returned: a printed id is one the application was told is safe.
const CHILD = `
import { openDatabase } from './src/server/platform/db/engine.ts';
const database = await openDatabase({ dataDir: process.env.DURABILITY_DIR });
await database.execScript('create table if not exists durability_probe (id integer primary key, note text not null)');
for (let id = 1; ; id++) {
  await database.execScript("insert into durability_probe (id, note) values (" + id + ", repeat('x', 200))");
  process.stdout.write(id + '\\n');
}
`;

const root = path.resolve(import.meta.dirname, '../../../..');

// The embedded engine's own durability: nothing of it changes with the suite's engine.
describe.skipIf(!!process.env.TEST_DATABASE_URL)('the embedded engine after a killed process', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwu-durability-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps every row whose commit returned before kill -9', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD], {
      cwd: root,
      env: { ...process.env, DURABILITY_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const printed: number[] = [];
    let stderr = '';
    let buffer = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the child committed only ${printed.length} rows in time; stderr: ${stderr}`)),
        90_000,
      );
      child.on('exit', (code) => {
        if (printed.length < 200) {
          clearTimeout(timer);
          reject(new Error(`the child exited early (${code}): ${stderr}`));
        }
      });
      child.stdout.on('data', (d: Buffer) => {
        buffer += d.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop()!;
        for (const l of lines) if (l) printed.push(Number(l));
        // Mid-way through a stream of commits, without warning: no shutdown code runs.
        if (printed.length >= 200 && child.exitCode === null && !child.killed) {
          clearTimeout(timer);
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    await new Promise((r) => (child.exitCode !== null || child.signalCode ? r(undefined) : child.once('exit', r)));
    expect(child.signalCode).toBe('SIGKILL');

    const database = await openDatabase({ dataDir: dir });
    try {
      const rows = await query<{ id: number }>(database.db, sql`select id from durability_probe order by id`);
      const stored = new Set(rows.map((r) => r.id));
      const lost = printed.filter((id) => !stored.has(id));
      expect(lost).toEqual([]);
      expect(stored.size).toBeGreaterThanOrEqual(printed.length);
    } finally {
      await database.close();
    }
  }, 150_000);
});
