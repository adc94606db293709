import crypto from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../platform/db/engine.ts';
import { migrate } from '../platform/db/migrate.ts';

/**
 * The migrated database every test file starts from, made once per run by `test-db.setup.ts`: on
 * PGlite a dump file (loaded in about a second instead of initdb and every migration, eight), on
 * PostgreSQL a template database (copied instead of migrated). Without it (a file run by other means)
 * each database is migrated from scratch.
 */
export const TEMPLATE_ENV = { pglite: 'GONGWU_TEST_PGLITE_DUMP', postgres: 'GONGWU_TEST_PG_TEMPLATE' } as const;

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or, when
 * TEST_DATABASE_URL names a PostgreSQL server, a new database on it (dropped on close).
 * Real engines both ways; nothing is mocked.
 */
export async function openTestDatabase(): Promise<Database & { engineName: string }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return Object.assign(await openEmbeddedTestDatabase(), { engineName: 'pglite' });
  const template = process.env[TEMPLATE_ENV.postgres];
  const name = `gongwu_t_${crypto.randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  const database = await openDatabase({ databaseUrl: databaseUrl(adminUrl, name), dataDir: 'memory://', poolSize: 30 });
  if (!template) await migrate(database);
  const close = database.close;
  return Object.assign(database, {
    engineName: 'postgres',
    async close() {
      await close();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  });
}

/** A fresh, migrated in-memory PGlite whatever the engine under test (backups restored into one). */
export async function openEmbeddedTestDatabase(): Promise<Database> {
  const loadFrom = process.env[TEMPLATE_ENV.pglite];
  const database = await openDatabase({ dataDir: 'memory://', loadFrom });
  if (!loadFrom) await migrate(database);
  return database;
}

/** The server's URL with another database name. */
export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** One statement on the server's administrative database (create and drop databases). */
export async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}
