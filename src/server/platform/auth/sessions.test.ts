import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../testing/test-app.ts';
import { insertUser, randomUnitId } from '../../testing/walker-users.ts';
import { buildApp, type BuiltApp } from '../../app.ts';
import { openTestDatabase } from '../../testing/test-db.ts';
import { loadConfig, parseTrustProxy, type Config } from '../config.ts';
import { query, type Database } from '../db/engine.ts';

const NEW_PASSWORD = 'Changed-pass-2026';

/** A signed-in session as raw cookie + CSRF token, so a test can keep using an old cookie. */
async function signIn(t: TestApp, username: string, password = TEST_PASSWORD, headers: Record<string, string> = {}) {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, headers });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = res.json().csrfToken as string;
  return (method: string, url: string, body?: unknown) =>
    t.app.inject({ method: method as never, url, payload: body as object | undefined, headers: { cookie, 'x-csrf-token': csrf } });
}

async function probeJob(t: TestApp, userId: string): Promise<string> {
  const [{ id }] = await query<{ id: string }>(
    t.database.db,
    sql`insert into jobs (kind, status, created_by) values ('session.probe', 'succeeded', ${userId}) returning id::text`,
  );
  return id;
}

describe('sessions end at once', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await createTestApp();
    const unit = randomUnitId();
    ids.root = await insertUser(t.database.db, 'root', TEST_PASSWORD, [{ role: 'sysadmin', unitId: null }]);
    for (const name of ['ann', 'ben', 'cat', 'dan'])
      ids[name] = await insertUser(t.database.db, name, TEST_PASSWORD, [{ role: 'staff', unitId: unit }]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a job-progress poll with the cookie of a signed-out session (401), while another session of the user goes on', async () => {
    const job = await probeJob(t, ids.ann);
    const a = await signIn(t, 'ann');
    const b = await signIn(t, 'ann');
    expect((await a('GET', `/api/jobs/${job}`)).statusCode).toBe(200);
    expect((await a('POST', '/api/auth/logout')).statusCode).toBe(200);
    expect((await a('GET', `/api/jobs/${job}`)).statusCode).toBe(401);
    expect((await a('GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await b('GET', `/api/jobs/${job}`)).statusCode).toBe(200);
  });

  it('ends every other session of the user on a password change, job polls included; the changing session goes on', async () => {
    const job = await probeJob(t, ids.ben);
    const other = await signIn(t, 'ben');
    const changer = await signIn(t, 'ben');
    expect((await other('GET', `/api/jobs/${job}`)).statusCode).toBe(200);
    expect((await changer('POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })).statusCode).toBe(
      200,
    );
    expect((await other('GET', `/api/jobs/${job}`)).statusCode).toBe(401);
    expect((await changer('GET', `/api/jobs/${job}`)).statusCode).toBe(200);
  });

  it('ends every session of a deactivated user, and of one whose password an administrator reset, job polls included', async () => {
    const root = await signIn(t, 'root');
    for (const [name, act] of [
      ['cat', () => root('PATCH', `/api/users/${ids.cat}`, { active: false })],
      ['dan', () => root('POST', `/api/users/${ids.dan}/reset-password`, { password: 'Reset-pass-2026' })],
    ] as const) {
      const job = await probeJob(t, ids[name]);
      const s = await signIn(t, name);
      expect((await s('GET', `/api/jobs/${job}`)).statusCode, name).toBe(200);
      expect((await act()).statusCode, name).toBe(200);
      expect((await s('GET', `/api/jobs/${job}`)).statusCode, name).toBe(401);
    }
  });
});

describe('the session look-up reused by reads', () => {
  it('serves reads for SESSION_CACHE_SECONDS after a revocation made outside this server, refuses a change at once, and with 0 refuses the next read', async () => {
    for (const seconds of [600, 0]) {
      const t = await createTestApp({ config: { sessionCacheSeconds: seconds } });
      try {
        await insertUser(t.database.db, 'hal', TEST_PASSWORD, [{ role: 'staff', unitId: randomUnitId() }]);
        const s = await signIn(t, 'hal');
        expect((await s('GET', '/api/auth/me')).statusCode).toBe(200);
        // As another process would (a CLI on PostgreSQL): straight into the database, unseen by the cache.
        await t.database.db.execute(sql`update sessions set revoked_at = now()`);
        expect((await s('GET', '/api/auth/me')).statusCode, `${seconds} s`).toBe(seconds ? 200 : 401);
        expect((await s('POST', '/api/auth/logout')).statusCode, `${seconds} s`).toBe(401);
      } finally {
        await t.close();
      }
    }
  }, 240_000); // two fresh embedded databases
});

describe('a temporary password', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await insertUser(t.database.db, 'eve', TEST_PASSWORD, [{ role: 'staff', unitId: randomUnitId() }]);
    await t.database.db.execute(sql`update users set must_change_password = true where username = 'eve'`);
  });
  afterAll(async () => {
    await t.close();
  });

  it('opens only the password change, sign-out and who-am-I until it is changed (enforced by the server)', async () => {
    const s = await signIn(t, 'eve');
    expect((await s('GET', '/api/auth/me')).json().mustChangePassword).toBe(true);
    const refused = await s('GET', '/api/cards');
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'password_change_required', message: '请先修改密码（临时密码只能用于修改密码）' });
    expect((await s('GET', '/api/inbox/count')).json().error).toBe('password_change_required');
    expect((await s('POST', '/api/auth/password', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD })).statusCode).toBe(200);
    expect((await s('GET', '/api/cards')).statusCode).toBe(200);
  });
});

describe("the client address and the deployment's transport", () => {
  // One database, an app per setting (each app has its own rate-limit counters).
  let database: Database;
  const apps: BuiltApp[] = [];
  const appWith = async (over: Partial<Config>) => {
    const built = await buildApp(loadConfig({}, { dataDir: 'memory://', webDir: '/nonexistent', ...over }), database, {
      logger: false,
      startJobs: false,
    });
    await built.app.ready();
    apps.push(built);
    return built.app;
  };
  beforeAll(async () => {
    database = await openTestDatabase();
    await insertUser(database.db, 'fay', TEST_PASSWORD, [{ role: 'staff', unitId: randomUnitId() }]);
    await insertUser(database.db, 'gus', TEST_PASSWORD, [{ role: 'asset_office', unitId: null }]);
  });
  afterAll(async () => {
    for (const built of apps) await built.app.close();
    await database?.close();
  });

  it('reads TRUST_PROXY as off, on, a hop count or a list of addresses', () => {
    expect([undefined, '', 'false', 'true', '2', '10.0.0.1,10.0.0.2'].map(parseTrustProxy)).toEqual([
      false,
      false,
      false,
      true,
      2,
      '10.0.0.1,10.0.0.2',
    ]);
  });

  it('takes the socket address as the client, ignoring X-Forwarded-For, unless a proxy is configured', async () => {
    for (const [trustProxy, expected] of [
      [false, '127.0.0.1'],
      [true, '203.0.113.7'],
    ] as const) {
      const app = await appWith({ trustProxy });
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'fay', password: 'wrong-pass-1' },
        headers: { 'x-forwarded-for': '203.0.113.7' },
      });
      expect(res.statusCode).toBe(401);
      const [last] = await query<{ ip: string }>(
        database.db,
        sql`select ip from security_events where kind = 'login_failed' and username = 'fay' order by id desc limit 1`,
      );
      expect({ trustProxy, ip: last.ip }).toEqual({ trustProxy, ip: expected });
    }
  });

  it('counts sign-in attempts per socket address without a proxy: a new X-Forwarded-For per try does not escape the limit', async () => {
    const app = await appWith({ trustProxy: false, loginMaxFailures: 1000 });
    const codes: number[] = [];
    for (let i = 0; i < 21; i++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'nobody', password: 'wrong-pass-1' },
        headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 20).every((c) => c === 401)).toBe(true);
    expect(codes[20]).toBe(429);
  });

  it('sends HSTS and upgrade-insecure-requests only when the deployment says it runs on HTTPS', async () => {
    for (const https of [false, true]) {
      const res = await (await appWith({ https })).inject({ method: 'GET', url: '/api/health' });
      expect({
        https,
        hsts: 'strict-transport-security' in res.headers,
        upgrade: String(res.headers['content-security-policy']).includes('upgrade-insecure-requests'),
      }).toEqual({ https, hsts: https, upgrade: https });
    }
  });

  it('writes a report export to the security log like a card export', async () => {
    const app = await appWith({});
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'gus', password: TEST_PASSWORD } });
    const cookie = login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    const res = await app.inject({
      method: 'POST',
      url: '/api/reports/export',
      payload: { report: 'summary', filter: { from: '2026-01', to: '2026-03' } },
      headers: { cookie, 'x-csrf-token': login.json().csrfToken },
    });
    expect(res.statusCode).toBe(202);
    const rows = await query<{ username: string; details: Record<string, unknown> }>(
      database.db,
      sql`select username, details from security_events where kind = 'export'`,
    );
    expect(rows).toEqual([
      { username: 'gus', details: expect.objectContaining({ what: 'report', report: 'summary', jobId: res.json().jobId }) },
    ]);
  });
});
