import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { loadModules } from '../module.ts';
import type { Database } from './engine.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const MIGRATIONS_DIR = path.join(root, 'migrations');

/** The advisory lock key every migration takes (any constant; "gongwu" as digits). */
export const MIGRATION_LOCK_KEY = 4_806_699_878;

/**
 * Brings the schema up to date: extensions, then drizzle-kit's generated migrations, then the
 * idempotent SQL in migrations/post (functions, triggers, constraints drizzle cannot express), then
 * each module's `install` (reference data declared in code, such as the approval-chain defaults).
 * On PostgreSQL the whole of it holds an advisory lock on a connection of its own, so two servers
 * starting together (or a server and `gongwu migrate`) take turns: the second waits, then finds
 * nothing to do. Migrations run without the requests' statement timeout.
 */
export async function migrate(database: Database, log?: (msg: string) => void): Promise<void> {
  const long = database.longWork();
  if (database.engine !== 'postgres' || !long.pool) return migrateUnlocked(long);
  const client = await long.pool.connect();
  try {
    await client.query('set statement_timeout = 0');
    const got = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [MIGRATION_LOCK_KEY]);
    if (!got.rows[0].ok) {
      log?.('另一个进程正在迁移数据库，等待其完成 / another process is migrating the database; waiting for it');
      await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    }
    try {
      await migrateUnlocked(long);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    client.release();
  }
}

async function migrateUnlocked(database: Database): Promise<void> {
  await database.execScript('CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS btree_gist;');
  const config = { migrationsFolder: MIGRATIONS_DIR };
  if (database.engine === 'pglite') await migratePglite(database.db as never, config);
  else await migratePg(database.db as never, config);
  const postDir = path.join(MIGRATIONS_DIR, 'post');
  if (fs.existsSync(postDir)) {
    for (const file of fs
      .readdirSync(postDir)
      .filter((f) => f.endsWith('.sql'))
      .sort()) {
      await database.execScript(fs.readFileSync(path.join(postDir, file), 'utf8'));
    }
  }
  for (const m of await loadModules()) await m.install?.(database);
}
