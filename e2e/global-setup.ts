import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './harness.ts';

/**
 * One seeded database per run: migrated and given the small demo here, before any spec file starts;
 * every spec file starts its server on a copy of it (harness.ts), so spec files can run side by side.
 */
export default function setup(): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwu-e2e-template-'));
  const env = { ...process.env, GONGWU_DATA_DIR: dir, GONGWU_DEMO_SCALE: 'small', LOG_LEVEL: 'warn', DATABASE_URL: '' };
  for (const command of ['migrate', 'seed-demo'])
    execFileSync(process.execPath, ['bin/gongwu.js', command], { cwd: ROOT, env, stdio: 'pipe', timeout: 300_000 });
  process.env.GONGWU_E2E_TEMPLATE_DIR = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
