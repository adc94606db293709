import crypto from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../platform/db/engine.ts';
import { migrate } from '../platform/db/migrate.ts';

/**
 * A fresh, migrated database for one test file: an in-memory PGlite by default, or, when
 * TEST_DATABASE_URL names a PostgreSQL server, a new database on it (dropped on close).
 * Real engines both ways; nothing is mocked.
 */
export async function openTestDatabase(): Promise<Database & { engineName: string }> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) {
    const database = await openDatabase({ dataDir: 'memory://' });
    await migrate(database);
    return Object.assign(database, { engineName: 'pglite' });
  }
  const name = `gongwu_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), dataDir: 'memory://', poolSize: 30 });
  await migrate(database);
  const close = database.close;
  return Object.assign(database, {
    engineName: 'postgres',
    async close() {
      await close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  });
}
