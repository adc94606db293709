import path from 'node:path';

export interface Config {
  port: number;
  host: string;
  /** postgres://… for a real server; absent for the embedded engine. */
  databaseUrl?: string;
  /** Folder of the embedded engine; 'memory://' for a throwaway database (tests). */
  dataDir: string;
  sessionTtlHours: number;
  /** Cookies get `Secure` when served behind HTTPS. */
  secureCookies: boolean;
  /** Where the built web app lives; served at / when present. */
  webDir: string;
  logLevel: string;
  loginMaxFailures: number;
  loginLockMinutes: number;
  /**
   * Which proxies may name the client in X-Forwarded-For (Fastify's trustProxy): false (the
   * default: the socket's address is the client), true (any), a hop count, or addresses/CIDRs.
   */
  trustProxy: boolean | number | string;
  /** The deployment is reached over HTTPS: HSTS and upgrade-insecure-requests are sent. */
  https: boolean;
}

/** TRUST_PROXY: unset/false → false; true → true; a number → hops; else a comma-separated address list. */
export function parseTrustProxy(v: string | undefined): boolean | number | string {
  const s = (v ?? '').trim();
  if (!s || s === 'false' || s === '0') return false;
  if (s === 'true') return true;
  if (/^\d+$/.test(s)) return Number(s);
  return s;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.GONGWU_DATA_DIR ?? path.resolve('data'),
    sessionTtlHours: Number(env.SESSION_TTL_HOURS ?? 12),
    secureCookies: env.SECURE_COOKIES === 'true',
    webDir: path.resolve(env.GONGWU_WEB_DIR ?? 'dist/web'),
    logLevel: env.LOG_LEVEL ?? 'info',
    loginMaxFailures: Number(env.LOGIN_MAX_FAILURES ?? 5),
    loginLockMinutes: Number(env.LOGIN_LOCK_MINUTES ?? 15),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    https: env.HTTPS === 'true' || env.SECURE_COOKIES === 'true',
    ...overrides,
  };
}
