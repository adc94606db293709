import crypto from 'node:crypto';
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

/** A one-pixel PNG: the benchmark's photos (their count matters, not their size). */
const BENCH_PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5d2b1a10000000049454e44ae426082',
  'hex',
);

/**
 * What the pool's spec and photo scenarios need and the generator does not make: 规格参数
 * (shared/spec-attributes.rules.ts) recorded on two thirds of the held desktops, laptops, printers and
 * air conditioners, chosen and valued from a hash of the card's id, and a photo on one listed item in ten.
 * Idempotent: cards with a spec, and listed cards with a photo, are left as they are.
 */
export async function seedBenchSpecsAndPhotos(q: Queryable, specKeys: readonly string[]): Promise<{ specs: number; photos: number }> {
  const has = sql.raw(`array[${specKeys.map((k) => `'${k}'`).join(',')}]`);
  const [specs] = await query<{ n: number }>(
    q,
    sql`
    WITH g AS (
      SELECT c.id, regexp_replace(k.code, '^A0', '') AS code, abs(hashtext(c.id::text)) AS h
      FROM cards c JOIN categories k ON k.id = c.category_id
      WHERE c.status IN ('idle', 'in_use') AND NOT coalesce(c.attributes ?| ${has}, false)
        AND regexp_replace(k.code, '^A0', '') ~ '^(2010104|2010105|20201|20204|20205|2060801)'),
    upd AS (
      UPDATE cards c SET attributes = coalesce(c.attributes, '{}'::jsonb) || CASE
        WHEN g.code ~ '^201010[45]' THEN jsonb_build_object('cpuType', (ARRAY['x86', 'domestic'])[1 + g.h % 2],
          'memoryGb', (ARRAY[4, 8, 16, 32])[1 + g.h / 2 % 4], 'storageGb', (ARRAY[256, 512, 1024])[1 + g.h / 8 % 3],
          'screenInch', (ARRAY[21.5, 23.8, 27])[1 + g.h / 24 % 3])
        WHEN g.code ~ '^2020[145]' THEN jsonb_build_object('printPpm', (ARRAY[20, 30, 40])[1 + g.h % 3], 'duplex', g.h / 3 % 2 = 0)
        ELSE jsonb_build_object('acHp', (ARRAY[1, 1.5, 2, 3])[1 + g.h % 4]) END
      FROM g WHERE g.id = c.id AND g.h % 3 <> 0
      RETURNING 1)
    SELECT count(*)::int AS n FROM upd`,
  );
  const sha = crypto.createHash('sha256').update(BENCH_PNG).digest('hex');
  const [photos] = await query<{ n: number }>(
    q,
    sql`
    WITH ins AS (
      INSERT INTO card_attachments (card_id, unit_id, kind, file_name, content_type, size, sha256, content_base64)
      SELECT pl.card_id, pl.unit_id, 'photo', 'bench.png', 'image/png', ${BENCH_PNG.length}, ${sha}, ${BENCH_PNG.toString('base64')}
      FROM pool_listings pl
      WHERE pl.status = 'listed' AND abs(hashtext(pl.id::text)) % 10 = 0
        AND NOT EXISTS (SELECT 1 FROM card_attachments a WHERE a.card_id = pl.card_id AND a.kind = 'photo')
      RETURNING 1)
    SELECT count(*)::int AS n FROM ins`,
  );
  if (specs.n || photos.n) {
    await q.execute(sql`ANALYZE cards`);
    await q.execute(sql`ANALYZE card_attachments`);
  }
  return { specs: specs.n, photos: photos.n };
}
