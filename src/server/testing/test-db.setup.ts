import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../platform/db/engine.ts';
import { migrate } from '../platform/db/migrate.ts';
import { adminQuery, databaseUrl, TEMPLATE_ENV } from './test-db.ts';

/**
 * Vitest's global setup: migrates one database before the files run, and every test file's database
 * starts as a copy of it (test-db.ts). The suite made 74 databases, each of them migrated from
 * scratch: about eight seconds apiece on PGlite, three on PostgreSQL (decisions.md, "One migrated
 * database per test run").
 */
export default async function setup(): Promise<() => Promise<void>> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  const tag = `${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  // The embedded dump always: tests on PostgreSQL also restore backups into an embedded database.
  const file = path.join(os.tmpdir(), `gongwu-test-${tag}.tar`);
  const embedded = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrate(embedded);
    fs.writeFileSync(file, await embedded.dumpDataDir!());
  } finally {
    await embedded.close();
  }
  process.env[TEMPLATE_ENV.pglite] = file;
  const removeFile = async () => fs.rmSync(file, { force: true });
  if (!adminUrl) return removeFile;
  const name = `gongwu_tpl_${tag}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const database = await openDatabase({ databaseUrl: databaseUrl(adminUrl, name), dataDir: 'memory://' });
  try {
    await migrate(database);
  } finally {
    await database.close();
  }
  process.env[TEMPLATE_ENV.postgres] = name;
  return async () => {
    await removeFile();
    await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
}
