import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { sql, type SQL } from 'drizzle-orm';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';

export type Engine = 'pglite' | 'postgres';
// Both drivers share drizzle's PgDatabase surface; modules only ever see this type.
export type Db = PgDatabase<PgQueryResultHKT, Record<string, never>, ExtractTablesWithRelations<Record<string, never>>>;
export type Tx = PgTransaction<PgQueryResultHKT, Record<string, never>, ExtractTablesWithRelations<Record<string, never>>>;
/** Anything that can run a query: the database or an open transaction. */
export type Queryable = Db | Tx;

export interface Database {
  engine: Engine;
  db: Db;
  /** Runs raw SQL text with several statements (migrations, restores). */
  execScript(text: string): Promise<void>;
  close(): Promise<void>;
  /** The embedded instance, for dump/restore; undefined on PostgreSQL. */
  pglite?: PGlite;
  pool?: pg.Pool;
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir: string;
  log?: (msg: string) => void;
  poolSize?: number;
}

// Bigint columns (counts, sums) come back as strings from node-postgres; we keep money in fen well
// within 2^53, so parse int8 and numeric as JS numbers on both engines.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1700, (v) => Number(v));
// `date` stays a 'YYYY-MM-DD' string: an accounting date has no time zone.
pg.types.setTypeParser(1082, (v) => v);

// Every session: the business time zone, and work_mem large enough that a search for a common word
// (a quarter of a million cards) keeps its bitmap exact; at the default 4 MB it turns lossy and
// every row of its pages is rechecked. No JIT: compiling the plan of a search took 20–30 ms of its
// 100 ms budget (the depreciation and report benchmarks run with the same settings).
const SESSION_SETTINGS: Record<string, string> = { TimeZone: 'Asia/Shanghai', work_mem: '32MB', jit: 'off' };

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    // Settings travel in the startup packet, so every pooled connection has them before its first query.
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 10, options: Object.entries(SESSION_SETTINGS).map(([k, v]) => `-c ${k}=${v}`).join(' ') });
    // An idle connection the server ends (a restart, an administrator, a dropped test database) is
    // reported here; unheard, node-postgres would throw it and end the process. The pool replaces it.
    pool.on('error', (err) => opts.log?.(`database connection lost: ${err.message}`));
    const db = drizzlePg(pool) as unknown as Db;
    return {
      engine: 'postgres',
      db,
      pool,
      async execScript(text) {
        await pool.query(text);
      },
      close: () => pool.end(),
    };
  }
  const memory = opts.dataDir.startsWith('memory://');
  if (!memory) {
    const fresh = !fs.existsSync(path.join(opts.dataDir, 'PG_VERSION'));
    if (fresh) opts.log?.(`Creating the embedded database in ${opts.dataDir} (first start runs initdb; this takes several seconds)…`);
    fs.mkdirSync(opts.dataDir, { recursive: true });
  }
  const pglite = await PGlite.create({
    dataDir: memory ? undefined : opts.dataDir,
    extensions: { pg_trgm, btree_gist },
    parsers: {
      20: (v: string) => Number(v),
      1700: (v: string) => Number(v),
      1082: (v: string) => v,
    },
  });
  await pglite.exec(Object.entries(SESSION_SETTINGS).map(([k, v]) => `SET ${k} = '${v}';`).join(' '));
  const db = drizzlePglite(pglite) as unknown as Db;
  return {
    engine: 'pglite',
    db,
    pglite,
    async execScript(text) {
      await pglite.exec(text);
    },
    close: () => pglite.close(),
  };
}

/** Raw SQL returning rows, the same on both engines. */
export async function query<T = Record<string, unknown>>(q: Queryable, statement: SQL): Promise<T[]> {
  const res = (await q.execute(statement)) as unknown as { rows: T[] };
  return res.rows;
}

export async function queryOne<T = Record<string, unknown>>(q: Queryable, statement: SQL): Promise<T | undefined> {
  const rows = await query<T>(q, statement);
  return rows[0];
}

export { sql };
