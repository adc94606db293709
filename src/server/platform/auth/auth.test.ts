import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { insertUser, randomUnitId } from '../../testing/walker-users.ts';
import { query } from '../db/engine.ts';
import { sessions, users } from './auth.tables.ts';
import { LOGIN_PER_ADDRESS } from './auth.routes.ts';

const PASSWORD = 'Auth-test-2026';
let ipSeq = 1;
/** Each test signs in from its own address, so the login rate limit of one test does not leak into another. */
const freshIp = () => `10.0.${Math.floor(ipSeq / 250)}.${(ipSeq++ % 250) + 1}`;

async function login(t: TestApp, username: string, password = PASSWORD, ip = freshIp()) {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password },
    headers: { 'x-forwarded-for': ip },
  });
  const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = res.statusCode === 200 ? (res.json().csrfToken as string) : '';
  const req = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: method as never,
      url,
      payload: body as object | undefined,
      headers: { cookie, 'x-csrf-token': csrf, ...headers },
    });
  return { res, cookie, csrf, req };
}

async function events(t: TestApp, username: string): Promise<string[]> {
  const rows = await query<{ kind: string }>(t.database.db, sql`select kind from security_events where username = ${username} order by id`);
  return rows.map((r) => r.kind);
}

describe('signing in', () => {
  let t: TestApp;
  beforeAll(async () => {
    // These tests expire and revoke sessions in SQL, as another process would; the few seconds a read
    // may reuse a session looked up by this server are tested in sessions.test.ts.
    t = await createTestApp({ config: { sessionCacheSeconds: 0 } });
    const unit = randomUnitId();
    await insertUser(t.database.db, 'alice', PASSWORD, [{ role: 'unit_admin', unitId: unit }]);
    await insertUser(t.database.db, 'bob', PASSWORD, [{ role: 'staff', unitId: unit }]);
    await insertUser(t.database.db, 'carol', PASSWORD, [{ role: 'sysadmin', unitId: null }]);
    await insertUser(t.database.db, 'dave', PASSWORD, [{ role: 'auditor', unitId: null }]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('sets an httpOnly SameSite session cookie and returns a CSRF token', async () => {
    const { res } = await login(t, 'alice');
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'gw_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toMatch(/lax|strict/i);
    expect(cookie.path).toBe('/');
    expect(res.json().csrfToken).toMatch(/.{20,}/);
    // Only the hash of the token is stored.
    const [row] = await t.database.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.id, cookie.value));
    expect(row).toBeUndefined();
  });

  it('answers 401 to a wrong password and logs the failure', async () => {
    const { res } = await login(t, 'bob', 'wrong-password-1');
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe('bad_credentials');
    expect(await events(t, 'bob')).toContain('login_failed');
  });

  it('locks the account after LOGIN_MAX_FAILURES failures, even against the right password', async () => {
    const max = t.app.config.loginMaxFailures;
    for (let i = 0; i < max; i++) expect((await login(t, 'dave', `nope-${i}`)).res.statusCode).toBe(401);
    const locked = await login(t, 'dave');
    expect(locked.res.statusCode).toBe(429);
    expect(locked.res.json().error).toBe('locked_out');
    expect(await events(t, 'dave')).toEqual([...Array(max).fill('login_failed'), 'login_locked']);
  });

  it('logs a successful sign-in', async () => {
    await login(t, 'carol');
    expect(await events(t, 'carol')).toContain('login_ok');
  });

  it('answers 401 to an expired session and to a revoked one', async () => {
    const expired = await login(t, 'bob');
    expect((await expired.req('GET', '/api/auth/me')).statusCode).toBe(200);
    const [u] = await t.database.db.select({ id: users.id }).from(users).where(eq(users.username, 'bob'));
    await t.database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(sessions.userId, u.id));
    expect((await expired.req('GET', '/api/auth/me')).statusCode).toBe(401);

    const revoked = await login(t, 'bob');
    await t.database.db.update(sessions).set({ revokedAt: new Date() }).where(eq(sessions.userId, u.id));
    const res = await revoked.req('GET', '/api/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe('unauthenticated');
  });

  it('ends the session on logout', async () => {
    const s = await login(t, 'alice');
    expect((await s.req('POST', '/api/auth/logout', {})).statusCode).toBe(200);
    expect((await s.req('GET', '/api/auth/me')).statusCode).toBe(401);
    expect(await events(t, 'alice')).toContain('logout');
  });

  it('refuses a cookie mutation without the CSRF header, or with a wrong one, with 403 csrf', async () => {
    const s = await login(t, 'alice');
    const without = await t.app.inject({
      method: 'PUT',
      url: '/api/auth/locale',
      payload: { locale: 'en' },
      headers: { cookie: s.cookie },
    });
    expect(without.statusCode).toBe(403);
    expect(without.json().error).toBe('csrf');
    const wrong = await s.req('PUT', '/api/auth/locale', { locale: 'en' }, { 'x-csrf-token': 'forged' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().error).toBe('csrf');
    const [u] = await t.database.db.select({ locale: users.locale }).from(users).where(eq(users.username, 'alice'));
    expect(u.locale).toBe('zh-CN');
    // Reads need no header, and the right header lets the change through.
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: s.cookie } })).statusCode).toBe(200);
    expect((await s.req('PUT', '/api/auth/locale', { locale: 'en' })).statusCode).toBe(200);
  });

  it('sends the security headers on every answer', async () => {
    const res = await t.anonymous.get('/api/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBeDefined();
    // HSTS only on HTTPS deployments (see sessions.test.ts); the test app runs over plain HTTP.
    expect(res.headers['strict-transport-security']).toBeUndefined();
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
  });
});

describe('changing the password', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await insertUser(t.database.db, 'erin', PASSWORD, [{ role: 'staff', unitId: randomUnitId() }]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('names currentPassword when it is wrong', async () => {
    const s = await login(t, 'erin');
    const res = await s.req('POST', '/api/auth/password', { currentPassword: 'not-it-1', newPassword: 'Another-pass-9' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toHaveProperty('currentPassword');
  });

  it('names newPassword when it is weak', async () => {
    const s = await login(t, 'erin');
    for (const weak of ['short1', 'onlyletterslong', '1234567890']) {
      const res = await s.req('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: weak });
      expect(res.statusCode).toBe(400);
      expect(res.json().fields).toHaveProperty('newPassword');
    }
  });

  it('keeps this session, ends the others, and accepts only the new password', async () => {
    const mine = await login(t, 'erin');
    const other = await login(t, 'erin');
    const res = await mine.req('POST', '/api/auth/password', { currentPassword: PASSWORD, newPassword: 'Changed-pass-7' });
    expect(res.statusCode).toBe(200);
    expect((await mine.req('GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await other.req('GET', '/api/auth/me')).statusCode).toBe(401);
    expect((await login(t, 'erin')).res.statusCode).toBe(401);
    expect((await login(t, 'erin', 'Changed-pass-7')).res.statusCode).toBe(200);
    expect(await events(t, 'erin')).toContain('password_changed');
  });
});

describe('the login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 429 rate_limited once one address tries too many accounts, and not another address', async () => {
    const ip = '192.0.2.7';
    const codes: number[] = [];
    for (let i = 0; i < LOGIN_PER_ADDRESS + 1; i++) codes.push((await login(t, `ghost${i}`, 'whatever-1', ip)).res.statusCode);
    expect(codes.slice(0, LOGIN_PER_ADDRESS).every((c) => c === 401)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    const last = await login(t, 'ghost', 'whatever-1', ip);
    expect(last.res.json().error).toBe('rate_limited');
    expect((await login(t, 'ghost', 'whatever-1', '192.0.2.8')).res.statusCode).toBe(401);
  });
});
