import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * One folder per run for the seeded database template: the first spec file migrates and seeds it,
 * every spec file starts its server on a copy, so each gets fresh data without seeding again.
 */
export default function setup(): () => void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwu-e2e-template-'));
  process.env.GONGWU_E2E_TEMPLATE_DIR = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
