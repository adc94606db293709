import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { hashPassword } from '../../platform/auth/password.ts';
import { openDatabase, query, type Database, type Queryable } from '../../platform/db/engine.ts';
import { migrate } from '../../platform/db/migrate.ts';

export const BENCH_DB = 'gongwu_bench';
export const BENCH_PASSWORD = 'Bench-pass-2026';

/**
 * A fresh database for one run: PostgreSQL's `gongwu_bench` or the named one (dropped and created again on the server
 * of `url`), or an embedded PGlite in a new temporary folder. Migrated.
 */
export async function openFreshBenchDatabase(
  url: string | undefined,
  log: (m: string) => void,
  keep?: { reuse: boolean; dir?: string; name?: string },
): Promise<{ database: Database; where: string; cleanup: () => Promise<void> }> {
  if (url) {
    // A plain identifier only: it is spliced into DROP/CREATE DATABASE.
    const name = keep?.name ?? BENCH_DB;
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a database name: ${name}`);
    if (!keep?.reuse) {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
    }
    const target = new URL(url);
    target.pathname = `/${name}`;
    const database = await openDatabase({ databaseUrl: target.toString(), dataDir: 'memory://', poolSize: 4 });
    // Reuse keeps the earlier run's schema (the init migration may have been regenerated since).
    if (!keep?.reuse) await migrate(database);
    const shown = new URL(target.toString());
    shown.password = '';
    return { database, where: `PostgreSQL ${shown.host}/${name}`, cleanup: async () => undefined };
  }
  // --dir keeps the embedded database for later runs with --reuse; otherwise a temporary folder.
  const dir = keep?.dir ? path.resolve(keep.dir) : fs.mkdtempSync(path.join(os.tmpdir(), 'gongwu-bench-'));
  if (keep?.dir && !keep.reuse) fs.rmSync(dir, { recursive: true, force: true });
  const database = await openDatabase({ dataDir: dir, log });
  if (!keep?.reuse) await migrate(database);
  return {
    database,
    where: `PGlite ${dir}`,
    cleanup: async () => (keep?.dir ? undefined : fs.rmSync(dir, { recursive: true, force: true })),
  };
}

/**
 * Bulk loading runs faster without the secondary indexes of the tables being loaded: drop them
 * (keeping those behind constraints), load, then build each once. The definitions are read from
 * the catalog, so whatever indexes migrations define come back exactly.
 */
export async function withoutSecondaryIndexes<T>(
  q: Queryable,
  tables: string[],
  fn: () => Promise<T>,
  log: (m: string) => void,
): Promise<T> {
  const list = sql.join(
    tables.map((t) => sql`${t}`),
    sql`, `,
  );
  const defs = await query<{ name: string; def: string }>(
    q,
    sql`
    SELECT ic.relname AS name, pg_get_indexdef(i.indexrelid) AS def
    FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE n.nspname = 'public' AND t.relname IN (${list})
      AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
  );
  for (const d of defs) await q.execute(sql.raw(`DROP INDEX IF EXISTS "${d.name}"`));
  try {
    return await fn();
  } finally {
    const started = Date.now();
    for (const d of defs) await q.execute(sql.raw(d.def));
    // A steady state, as autovacuum would leave it: statistics, visibility map and hint bits set.
    for (const t of tables) await q.execute(sql.raw(`VACUUM ANALYZE ${t}`));
    log(`  rebuilt ${defs.length} indexes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}

/** The accounts the benchmark signs in as: the committee's asset office (every unit) and one unit's admin. */
export async function createBenchUsers(q: Queryable, unitId: string): Promise<{ office: string; unitAdmin: string }> {
  const hash = await hashPassword(BENCH_PASSWORD);
  const add = async (username: string, role: string, unit: string | null) => {
    const [u] = await query<{ id: string }>(
      q,
      sql`INSERT INTO users (username, display_name, password_hash, unit_id)
      VALUES (${username}, ${username}, ${hash}, ${unit}) ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash RETURNING id`,
    );
    await q.execute(sql`INSERT INTO role_assignments (user_id, role, unit_id) VALUES (${u.id}, ${role}, ${unit}) ON CONFLICT DO NOTHING`);
    return u.id;
  };
  return { office: await add('bench-office', 'asset_office', null), unitAdmin: await add('bench-unit', 'unit_admin', unitId) };
}

/**
 * The workspace benchmark's custodian: a staff account linked to the person holding the most cards
 * of the unit (their "my assets" is the largest a custodian's workspace counts).
 */
export async function createBenchCustodian(q: Queryable, unitId: string): Promise<string | null> {
  const [top] = await query<{ id: string }>(
    q,
    sql`SELECT custodian_id AS id FROM cards WHERE unit_id = ${unitId} AND custodian_id IS NOT NULL
    GROUP BY custodian_id ORDER BY count(*) DESC LIMIT 1`,
  );
  if (!top) return null;
  const hash = await hashPassword(BENCH_PASSWORD);
  const [u] = await query<{ id: string }>(
    q,
    sql`INSERT INTO users (username, display_name, password_hash, unit_id, staff_id)
    VALUES ('bench-custodian', 'bench-custodian', ${hash}, ${unitId}, ${top.id})
    ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, staff_id = excluded.staff_id RETURNING id`,
  );
  await q.execute(sql`INSERT INTO role_assignments (user_id, role, unit_id) VALUES (${u.id}, 'staff', ${unitId}) ON CONFLICT DO NOTHING`);
  return u.id;
}
