import crypto from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../platform/db/engine.ts';
import { migrate } from '../platform/db/migrate.ts';
import { seedDemo } from '../seed.ts';

/**
 * The databases every test file starts from, made once per run by `test-db.setup.ts`: migrated, and
 * migrated with the small demo loaded. On PGlite a dump file (loaded in about a second instead of
 * initdb and every migration, eight), on PostgreSQL a template database (copied instead of migrated).
 * Without them (a file run by other means) each database is migrated, and seeded, from scratch.
 */
export const TEMPLATE_ENV = {
  pglite: 'GONGWU_TEST_PGLITE_DUMP',
  postgres: 'GONGWU_TEST_PG_TEMPLATE',
  pgliteDemo: 'GONGWU_TEST_PGLITE_DEMO_DUMP',
  postgresDemo: 'GONGWU_TEST_PG_DEMO_TEMPLATE',
} as const;

export interface TestDatabaseOptions {
  /** With the small demo loaded (committee and units 01–03, their people, places, accounts and cards). */
  demo?: boolean;
}

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or, when
 * TEST_DATABASE_URL names a PostgreSQL server, a new database on it (dropped on close).
 * Real engines both ways; nothing is mocked.
 */
export async function openTestDatabase(opts: TestDatabaseOptions = {}): Promise<Database & { engineName: string }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return Object.assign(await openEmbeddedTestDatabase(opts), { engineName: 'pglite' });
  const template = process.env[opts.demo ? TEMPLATE_ENV.postgresDemo : TEMPLATE_ENV.postgres];
  const name = `gongwu_t_${crypto.randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}${template ? ` TEMPLATE ${template}` : ''}`);
  const database = await openDatabase({ databaseUrl: databaseUrl(adminUrl, name), dataDir: 'memory://', poolSize: 30 });
  if (!template) await prepare(database, opts);
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
export async function openEmbeddedTestDatabase(opts: TestDatabaseOptions = {}): Promise<Database> {
  const loadFrom = process.env[opts.demo ? TEMPLATE_ENV.pgliteDemo : TEMPLATE_ENV.pglite];
  const database = await openDatabase({ dataDir: 'memory://', loadFrom });
  if (!loadFrom) await prepare(database, opts);
  return database;
}

/** Migrates an empty database, and loads the small demo when asked. */
export async function prepare(database: Database, opts: TestDatabaseOptions): Promise<void> {
  await migrate(database);
  if (opts.demo) await seedDemo(database, () => undefined, { onlyIfEmpty: false, scale: 'small' });
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
