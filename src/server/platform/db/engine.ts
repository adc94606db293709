import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { sql, type SQL } from 'drizzle-orm';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { DatabaseLimits } from '../config.ts';
import { checkDataFolder } from './data-folder.ts';
import { isDatabaseUnavailable, pgCode } from './db-errors.ts';
import { acquireFolderLock, type FolderLock } from './folder-lock.ts';
import { PgliteThread } from './pglite-thread.ts';
import { StartupError } from './startup-error.ts';
import { BUSINESS_ZONE } from '../clock.ts';

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
  /**
   * The same database for long work (jobs, migrations): on PostgreSQL a small pool of its own
   * whose statements have the jobs' limit (none by default) instead of the requests' limit.
   */
  longWork(): Database;
  /** The lock on the embedded data folder; undefined in memory and on PostgreSQL. */
  folderLock?: FolderLock;
  /** The embedded instance when it runs on this thread (GONGWU_PGLITE_THREAD=off); undefined on PostgreSQL. */
  pglite?: PGlite;
  /** Whether the database answers, bypassing the request queue (the embedded engine's thread between
   * statements; PostgreSQL on a connection of its own); the health check uses it. */
  ping?(): Promise<void>;
  pool?: pg.Pool;
  /** The embedded engine's data folder as a tarball; undefined on PostgreSQL (tests keep a migrated one). */
  dumpDataDir?(): Promise<Uint8Array>;
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir: string;
  log?: (msg: string) => void;
  poolSize?: number;
  /** Timeouts and start-up patience (PostgreSQL); defaults below. */
  limits?: Partial<DatabaseLimits>;
  /** Who opens an embedded folder, for the lock ('server' or the command name). */
  role?: string;
  /** A memory database starts from this dump (a file written from `dumpDataDir`) instead of initdb. */
  loadFrom?: string;
}

/**
 * Without `limits` (tests, the benchmark's generator) nothing is cut short and an unreachable
 * server fails at once; the server and the CLI pass the configured limits (config.ts).
 */
export const DEFAULT_LIMITS: DatabaseLimits = {
  connectTimeoutMs: 10_000,
  poolWaitMs: 0,
  statementTimeoutMs: 0,
  idleInTransactionTimeoutMs: 0,
  jobStatementTimeoutMs: 0,
  startupWaitMs: 0,
};

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
const SESSION_SETTINGS: Record<string, string> = { TimeZone: BUSINESS_ZONE, work_mem: '32MB', jit: 'off' };

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  return opts.databaseUrl ? openPostgres(opts.databaseUrl, opts) : openPglite(opts);
}

function makePool(url: string, opts: OpenOptions, limits: DatabaseLimits, statementTimeoutMs: number, max: number): pg.Pool {
  const settings = {
    ...SESSION_SETTINGS,
    statement_timeout: String(statementTimeoutMs),
    idle_in_transaction_session_timeout: String(limits.idleInTransactionTimeoutMs),
  };
  // Who is connected, in pg_stat_activity: `restore` refuses while a server is.
  const applicationName = `gongwu-${opts.role ?? 'app'}`;
  // node-postgres uses one option for two waits: opening a connection and waiting for a free one.
  // The pool's is the wait for a free connection (a burst queues behind busy ones); each client keeps
  // the connect timeout for itself, so an unreachable server still fails fast.
  const connectTimeoutMillis = limits.connectTimeoutMs;
  class Client extends pg.Client {
    constructor(config?: pg.ClientConfig) {
      super({ ...config, connectionTimeoutMillis: connectTimeoutMillis });
    }
  }
  // Settings travel in the startup packet, so every pooled connection has them before its first query.
  const pool = new pg.Pool({
    Client,
    connectionString: url,
    application_name: applicationName,
    max,
    options: Object.entries(settings)
      .map(([k, v]) => `-c ${k}=${v}`)
      .join(' '),
    connectionTimeoutMillis: limits.poolWaitMs,
    // A server that vanishes without closing the socket (a cut cable) is noticed by the client too.
    query_timeout: statementTimeoutMs ? statementTimeoutMs + 5_000 : undefined,
    keepAlive: true,
  });
  // An idle connection the server ends (a restart, an administrator, a dropped test database) is
  // reported on the pool; one checked out (a transaction in progress) on the client itself.
  // Unheard, node-postgres throws either and ends the process. The pool replaces lost connections.
  let lastLog = 0;
  const lost = (err: Error) => {
    if (Date.now() - lastLog < 5_000) return;
    lastLog = Date.now();
    opts.log?.(`database connection lost: ${err.message}`);
  };
  pool.on('error', lost);
  pool.on('connect', (client) => client.on('error', lost));
  return pool;
}

async function openPostgres(url: string, opts: OpenOptions): Promise<Database> {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const pool = makePool(url, opts, limits, limits.statementTimeoutMs, opts.poolSize ?? 10);
  await waitForServer(pool, url, limits, opts.log);
  let long: Database | undefined;
  // The health check's own connection: under load the shared pool's queue holds dozens of statements,
  // and a "select 1" behind them would report the queue, not whether the database answers.
  let probe: pg.Pool | undefined;
  const database: Database = {
    engine: 'postgres',
    db: drizzlePg(pool) as unknown as Db,
    pool,
    async ping() {
      probe ??= makePool(url, opts, { ...limits, poolWaitMs: limits.connectTimeoutMs }, 5_000, 1);
      await probe.query('select 1');
    },
    async execScript(text) {
      await pool.query(text);
    },
    longWork() {
      if (limits.jobStatementTimeoutMs === limits.statementTimeoutMs) return database;
      if (!long) {
        const jobPool = makePool(url, opts, limits, limits.jobStatementTimeoutMs, 3);
        long = {
          ...database,
          db: drizzlePg(jobPool) as unknown as Db,
          pool: jobPool,
          execScript: async (text) => void (await jobPool.query(text)),
          longWork: () => long!,
          close: () => jobPool.end(),
        };
      }
      return long;
    },
    async close() {
      await long?.close();
      await probe?.end();
      await pool.end();
    },
  };
  return database;
}

/**
 * A server that cannot be reached yet (starting with the machine, restarting) is waited for, up to
 * `startupWaitMs`, saying so; a wrong address, database name or password is reported at once.
 */
async function waitForServer(pool: pg.Pool, url: string, limits: DatabaseLimits, log?: (msg: string) => void): Promise<void> {
  const where = safeUrl(url);
  const deadline = Date.now() + limits.startupWaitMs;
  for (let attempt = 1; ; attempt++) {
    try {
      await pool.query('select 1');
      return;
    } catch (err) {
      const code = pgCode(err);
      const msg = (err as Error).message;
      if (code === '3D000') {
        await pool.end();
        throw new StartupError(
          `数据库不存在：${where}（${msg}）；请先创建它（createdb）`,
          `the database does not exist: ${where} (${msg}); create it first (createdb)`,
        );
      }
      if (code === '28P01' || code === '28000') {
        await pool.end();
        throw new StartupError(
          `数据库拒绝登录：${where}（${msg}）；请检查 DATABASE_URL 中的用户名和密码`,
          `the database refused the sign-in: ${where} (${msg}); check the user and password in DATABASE_URL`,
        );
      }
      if (!isDatabaseUnavailable(err) || Date.now() >= deadline) {
        await pool.end();
        throw new StartupError(
          `无法连接数据库 ${where}：${msg}${isDatabaseUnavailable(err) ? `（已等待 ${Math.round(limits.startupWaitMs / 1000)} 秒，可用 DB_STARTUP_WAIT_SECONDS 调整）` : ''}`,
          `cannot connect to the database ${where}: ${msg}`,
        );
      }
      const wait = Math.min(5_000, 500 * 2 ** Math.min(attempt - 1, 4));
      log?.(
        `数据库暂不可达（${msg}），${(wait / 1000).toFixed(1)} 秒后重试 / database unreachable, retrying in ${(wait / 1000).toFixed(1)} s`,
      );
      await new Promise((r) => setTimeout(r, Math.min(wait, Math.max(0, deadline - Date.now()))));
    }
  }
}

/** The URL without its password, for messages. */
export function safeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(DATABASE_URL)';
  }
}

async function openPglite(opts: OpenOptions): Promise<Database> {
  const memory = opts.dataDir.startsWith('memory://');
  let lock: FolderLock | undefined;
  if (!memory) {
    checkDataFolder(opts.dataDir);
    const fresh = !fs.existsSync(path.join(opts.dataDir, 'PG_VERSION'));
    try {
      fs.mkdirSync(opts.dataDir, { recursive: true });
    } catch (err) {
      throw new StartupError(
        `无法创建数据文件夹 ${opts.dataDir}：${(err as Error).message}`,
        `cannot create the data folder ${opts.dataDir}: ${(err as Error).message}`,
      );
    }
    lock = acquireFolderLock(opts.dataDir, opts.role ?? 'command');
    if (fresh) opts.log?.(`Creating the embedded database in ${opts.dataDir} (first start runs initdb; this takes several seconds)…`);
  }
  const settings = Object.entries(SESSION_SETTINGS)
    .map(([k, v]) => `SET ${k} = '${v}';`)
    .join(' ');
  const fail = (err: unknown) => {
    lock?.release();
    return new StartupError(
      `无法打开内嵌数据库 ${opts.dataDir}：${(err as Error).message}`,
      `cannot open the embedded database in ${opts.dataDir}: ${(err as Error).message}`,
    );
  };
  // The engine on its own thread (pglite-thread.ts) unless GONGWU_PGLITE_THREAD=off, which keeps
  // it on this one (the benchmark compares the two).
  if (process.env.GONGWU_PGLITE_THREAD !== 'off') {
    let thread: PgliteThread;
    try {
      thread = await PgliteThread.create(memory ? undefined : opts.dataDir, settings, memory ? opts.loadFrom : undefined);
    } catch (err) {
      throw fail(err);
    }
    const database: Database = {
      engine: 'pglite',
      db: drizzlePglite({ client: thread as never }) as unknown as Db,
      folderLock: lock,
      async execScript(text) {
        await thread.exec(text);
      },
      ping: () => thread.ping(),
      dumpDataDir: () => thread.dump(),
      longWork: () => database,
      async close() {
        try {
          await thread.close();
        } finally {
          lock?.release();
        }
      },
    };
    return database;
  }
  let pglite: PGlite;
  try {
    pglite = await PGlite.create({
      dataDir: memory ? undefined : opts.dataDir,
      loadDataDir: memory && opts.loadFrom ? new Blob([fs.readFileSync(opts.loadFrom)]) : undefined,
      extensions: { pg_trgm, btree_gist },
      parsers: {
        20: (v: string) => Number(v),
        1700: (v: string) => Number(v),
        1082: (v: string) => v,
      },
    });
    await pglite.exec(settings);
  } catch (err) {
    throw fail(err);
  }
  const database: Database = {
    engine: 'pglite',
    db: drizzlePglite(pglite) as unknown as Db,
    pglite,
    folderLock: lock,
    async dumpDataDir() {
      return new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer());
    },
    async execScript(text) {
      await pglite.exec(text);
    },
    longWork: () => database,
    async close() {
      try {
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
  return database;
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

interface DrizzleInternals {
  dialect: { sqlToQuery(s: SQL): { sql: string; params: unknown[] } };
  session: {
    prepareQuery(
      query: { sql: string; params: unknown[] },
      fields: undefined,
      name: string,
      arrayMode: boolean,
    ): { execute(): Promise<{ rows: unknown[] }> };
  };
}
const statementNames = new Map<string, string>();

/**
 * Raw SQL as a named prepared statement, the same rows as `query`. On PostgreSQL each pooled
 * connection parses it once and, after five runs, keeps one generic plan when that plan costs no
 * more than the ones made for the values: the hot reads of every request (a card, the inbox, the
 * workspace's waiting documents, a unit's card page) spent 1–10 ms of PostgreSQL's CPU parsing and
 * planning statements that execute in 0.3 ms (docs/decisions.md, "Hot reads as prepared
 * statements"). The name is the text's hash, so one call site whose text varies with its filters
 * makes one statement per variant: use it only where the variants are few, and where the best plan
 * does not hang on the values (not a text search, whose words make the plan). PGlite runs it as any
 * statement.
 */
export async function queryPrepared<T = Record<string, unknown>>(q: Queryable, statement: SQL): Promise<T[]> {
  const { dialect, session } = q as unknown as DrizzleInternals;
  const built = dialect.sqlToQuery(statement);
  let name = statementNames.get(built.sql);
  if (!name) {
    name = `gw_${createHash('sha1').update(built.sql).digest('hex').slice(0, 20)}`;
    if (statementNames.size < 5000) statementNames.set(built.sql, name);
  }
  const res = await session.prepareQuery(built, undefined, name, false).execute();
  return res.rows as T[];
}

export { sql };
