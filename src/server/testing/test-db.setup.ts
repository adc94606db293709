import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../platform/db/engine.ts';
import { migrate } from '../platform/db/migrate.ts';
import { seedDemo } from '../seed.ts';
import { adminQuery, databaseUrl, TEMPLATE_ENV } from './test-db.ts';

/**
 * Vitest's global setup: migrates one database before the files run, then loads the small demo into a
 * copy of it, and every test file's database starts as a copy of one of the two (test-db.ts). The suite
 * made 74 databases, each migrated from scratch (about eight seconds apiece on PGlite, three on
 * PostgreSQL), and 16 files loaded the demo (nine seconds more): decisions.md, "One migrated database
 * per test run".
 */
export default async function setup(): Promise<() => Promise<void>> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  const tag = `${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  // The embedded dumps always: tests on PostgreSQL also restore backups into an embedded database.
  const files: string[] = [];
  const embedded = await openDatabase({ dataDir: 'memory://' });
  try {
    for (const demo of [false, true]) {
      if (demo) await seedDemo(embedded, () => undefined, { onlyIfEmpty: false, scale: 'small' });
      else await migrate(embedded);
      const file = path.join(os.tmpdir(), `gongwu-test-${tag}${demo ? '-demo' : ''}.tar`);
      fs.writeFileSync(file, await embedded.dumpDataDir!());
      files.push(file);
      process.env[demo ? TEMPLATE_ENV.pgliteDemo : TEMPLATE_ENV.pglite] = file;
    }
  } finally {
    await embedded.close();
  }
  const removeFiles = async () => {
    for (const file of files) fs.rmSync(file, { force: true });
  };
  if (!adminUrl) return removeFiles;
  const names: string[] = [];
  for (const demo of [false, true]) {
    const name = `gongwu_tpl_${tag}${demo ? '_demo' : ''}`;
    // The demo's template starts as a copy of the migrated one.
    await adminQuery(adminUrl, `CREATE DATABASE ${name}${demo ? ` TEMPLATE ${names[0]}` : ''}`);
    names.push(name);
    const database = await openDatabase({ databaseUrl: databaseUrl(adminUrl, name), dataDir: 'memory://' });
    try {
      if (demo) await seedDemo(database, () => undefined, { onlyIfEmpty: false, scale: 'small' });
      else await migrate(database);
    } finally {
      await database.close();
    }
    process.env[demo ? TEMPLATE_ENV.postgresDemo : TEMPLATE_ENV.postgres] = name;
  }
  return async () => {
    await removeFiles();
    for (const name of names) await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
}
