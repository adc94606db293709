import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { Database } from './engine.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const MIGRATIONS_DIR = path.join(root, 'migrations');

/**
 * Brings the schema up to date: extensions, then drizzle-kit's generated migrations, then the
 * idempotent SQL in migrations/post (functions, triggers, constraints drizzle cannot express).
 */
export async function migrate(database: Database): Promise<void> {
  await database.execScript('CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS btree_gist;');
  const config = { migrationsFolder: MIGRATIONS_DIR };
  if (database.engine === 'pglite') await migratePglite(database.db as never, config);
  else await migratePg(database.db as never, config);
  const postDir = path.join(MIGRATIONS_DIR, 'post');
  if (fs.existsSync(postDir)) {
    for (const file of fs.readdirSync(postDir).filter((f) => f.endsWith('.sql')).sort()) {
      await database.execScript(fs.readFileSync(path.join(postDir, file), 'utf8'));
    }
  }
}
