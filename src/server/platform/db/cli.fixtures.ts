import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Test helper: runs the `gongwu` CLI as an operator would. */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
// bin/gongwu.js registers tsx in the same process (no wrapper process), so a signal reaches the program itself.
const bin = path.join(root, 'bin', 'gongwu.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const baseEnv = (env: Record<string, string | undefined>) => {
  const e: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', GONGWU_WEB_DIR: '/nonexistent', ...env };
  delete e.TEST_DATABASE_URL;
  if (!('DATABASE_URL' in env)) delete e.DATABASE_URL;
  for (const [k, v] of Object.entries(e)) if (v === undefined) delete e[k];
  return e;
};

export function cli(args: string[], env: Record<string, string | undefined>, opts: { cwd?: string; timeoutMs?: number } = {}): CliResult {
  const r = spawnSync(process.execPath, [bin, ...args], {
    env: baseEnv(env),
    cwd: opts.cwd ?? root,
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 120_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `gongwu serve` and resolves once it listens (its lock names its owner channel). */
export async function startServer(env: Record<string, string | undefined>, dataDir: string): Promise<ChildProcess & { output(): string }> {
  const child = spawn(process.execPath, [bin, 'serve'], { env: baseEnv({ PORT: '0', GONGWU_DATA_DIR: dataDir, ...env }), cwd: root });
  let output = '';
  child.stdout!.on('data', (d) => {
    output += d;
  });
  child.stderr!.on('data', (d) => {
    output += d;
  });
  const deadline = Date.now() + 300_000;
  while (!/Gongwu is serving/.test(output)) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline)
      throw new Error(`the server did not start: ${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return Object.assign(child, { output: () => output });
}

export async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

export const hasStackTrace = (text: string) => /^\s+at .+:\d+:\d+\)?$/m.test(text);

export const tempDir = (prefix: string) => fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), prefix));
