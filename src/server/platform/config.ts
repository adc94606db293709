import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** postgres://… for a real server; absent for the embedded engine. */
  databaseUrl?: string;
  /** Folder of the embedded engine; 'memory://' for a throwaway database (tests). */
  dataDir: string;
  sessionTtlHours: number;
  /**
   * How long a session's look-up is reused for reads (GET) in this process; 0 = every request asks
   * the database. Sign-out, password changes, deactivation and new roles made through this server
   * take effect at once; made by another process (a CLI on PostgreSQL), within this time.
   */
  sessionCacheSeconds: number;
  /** Cookies get `Secure` when served behind HTTPS. */
  secureCookies: boolean;
  /** Where the built web app lives; served at / when present. */
  webDir: string;
  logLevel: string;
  loginMaxFailures: number;
  /** API calls per minute, per signed-in account (per address before sign-in). */
  rateLimitPerMinute: number;
  loginLockMinutes: number;
  /**
   * Which proxies may name the client in X-Forwarded-For (Fastify's trustProxy): false (the
   * default: the socket's address is the client), true (any), a hop count, or addresses/CIDRs.
   */
  trustProxy: boolean | number | string;
  /** The deployment is reached over HTTPS: HSTS and upgrade-insecure-requests are sent. */
  https: boolean;
  /** PostgreSQL limits, in milliseconds (0 = none); see `DatabaseLimits`. */
  db: DatabaseLimits;
  /** The address people open the app at: mail and robot messages link to it (PUBLIC_URL). */
  publicUrl: string;
  /** How often this process sends the notification outbox (NOTIFY_INTERVAL_MS; 0 = never: tests tick by hand). */
  notifyIntervalMs: number;
  /** How often the open notification streams are given what is new (NOTIFY_STREAM_MS). */
  notifyStreamMs: number;
}

/** TRUST_PROXY: unset/false → false; true → true; a number → hops; else a comma-separated address list. */
export function parseTrustProxy(v: string | undefined): boolean | number | string {
  const s = (v ?? '').trim();
  if (!s || s === 'false' || s === '0') return false;
  if (s === 'true') return true;
  if (/^\d+$/.test(s)) return Number(s);
  return s;
}

export interface DatabaseLimits {
  /** Opening one connection. */
  connectTimeoutMs: number;
  /** Waiting for a free pooled connection when all are busy (a burst of requests); 0 = no limit. */
  poolWaitMs: number;
  /** One statement of a request (jobs have their own, `jobStatementTimeoutMs`). */
  statementTimeoutMs: number;
  /** A transaction left open without a statement. */
  idleInTransactionTimeoutMs: number;
  /** One statement of a job (an import, a depreciation run, an export); 0 = no limit. */
  jobStatementTimeoutMs: number;
  /** At start-up, how long to keep trying an unreachable server before giving up. */
  startupWaitMs: number;
}

const num = (v: string | undefined, fallback: number) => (v === undefined || v === '' ? fallback : Number(v));

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  return {
    port: env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.GONGWU_DATA_DIR?.startsWith('memory://') ? env.GONGWU_DATA_DIR : path.resolve(env.GONGWU_DATA_DIR ?? 'data'),
    sessionTtlHours: Number(env.SESSION_TTL_HOURS ?? 12),
    sessionCacheSeconds: num(env.SESSION_CACHE_SECONDS, 5),
    secureCookies: env.SECURE_COOKIES === 'true',
    webDir: path.resolve(env.GONGWU_WEB_DIR ?? 'dist/web'),
    logLevel: env.LOG_LEVEL ?? 'info',
    loginMaxFailures: Number(env.LOGIN_MAX_FAILURES ?? 5),
    rateLimitPerMinute: num(env.RATE_LIMIT_PER_MINUTE, 1000),
    loginLockMinutes: Number(env.LOGIN_LOCK_MINUTES ?? 15),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    https: env.HTTPS === 'true' || env.SECURE_COOKIES === 'true',
    publicUrl: env.PUBLIC_URL || `http://localhost:${env.PORT || 3000}`,
    notifyIntervalMs: num(env.NOTIFY_INTERVAL_MS, 5_000),
    notifyStreamMs: num(env.NOTIFY_STREAM_MS, 1_000),
    db: {
      connectTimeoutMs: num(env.DB_CONNECT_TIMEOUT_MS, 5_000),
      poolWaitMs: num(env.DB_POOL_WAIT_MS, 30_000),
      statementTimeoutMs: num(env.DB_STATEMENT_TIMEOUT_MS, 60_000),
      idleInTransactionTimeoutMs: num(env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS, 60_000),
      jobStatementTimeoutMs: num(env.DB_JOB_STATEMENT_TIMEOUT_MS, 0),
      startupWaitMs: num(env.DB_STARTUP_WAIT_SECONDS, 60) * 1000,
    },
    ...overrides,
  };
}

/** What is wrong with a configuration, one line each (empty when it can be used). */
export function configProblems(config: Config): string[] {
  const problems: string[] = [];
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) {
    problems.push(`PORT 应为 0–65535 的整数 / PORT must be an integer from 0 to 65535 (got "${process.env.PORT ?? config.port}")`);
  }
  for (const [k, v] of Object.entries(config.db)) {
    if (!Number.isFinite(v) || v < 0)
      problems.push(`数据库时限 ${k} 应为非负数 / the database limit ${k} must be a non-negative number (got "${v}")`);
  }
  if (config.databaseUrl) {
    try {
      const u = new URL(config.databaseUrl);
      if (!/^postgres(ql)?:$/.test(u.protocol)) throw new Error('protocol');
    } catch {
      problems.push(`DATABASE_URL 格式不对，应为 postgres://用户:密码@主机:端口/数据库 / DATABASE_URL is not a postgres:// URL`);
    }
  }
  return problems;
}
