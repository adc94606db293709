import { sql } from 'drizzle-orm';
import { businessClock } from '../clock.ts';
import { query, type Database } from './engine.ts';

/**
 * The embedded engine has no autovacuum: nothing refreshes a table's statistics or clears its dead
 * rows. Without statistics the planner guessed 5 hits for a pool search that had 983 and scanned all
 * 50,000 listings (decisions.md). This does autovacuum's part on PGlite, with PostgreSQL's default
 * thresholds: ANALYZE a table once more than 50 rows + 10 % of it changed since its last analysis, at
 * any hour (it samples, so it is short); VACUUM (ANALYZE) one with more than 50 + 20 % dead rows only
 * at night (01:00–05:59 business time), because the engine's one thread does nothing else meanwhile.
 */
export const MAINTENANCE_EVERY_MS = 10 * 60_000;
const NIGHT = { from: 1, to: 6 };

interface TableStats {
  name: string;
  dead: number;
  changed: number;
  rows: number;
}

export async function maintainEmbedded(database: Database, at = new Date()): Promise<{ analyzed: string[]; vacuumed: string[] }> {
  const done = { analyzed: [] as string[], vacuumed: [] as string[] };
  if (database.engine !== 'pglite') return done;
  const tables = await query<TableStats>(
    database.db,
    sql`SELECT s.relname AS name, s.n_dead_tup::int AS dead, s.n_mod_since_analyze::int AS changed, greatest(c.reltuples, 0)::float8 AS rows
      FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
      WHERE s.schemaname = 'public' ORDER BY s.relname`,
  );
  const { hour } = businessClock(at);
  const night = hour >= NIGHT.from && hour < NIGHT.to;
  for (const t of tables) {
    const ident = `"${t.name.replace(/"/g, '""')}"`;
    if (night && t.dead > 50 + 0.2 * t.rows) {
      await database.execScript(`VACUUM (ANALYZE) ${ident}`);
      done.vacuumed.push(t.name);
    } else if (t.changed > 50 + 0.1 * t.rows) {
      await database.execScript(`ANALYZE ${ident}`);
      done.analyzed.push(t.name);
    }
  }
  return done;
}
