import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type Client, type TestApp } from '../../testing/test-app.ts';
import { insertUser, randomUnitId } from '../../testing/walker-users.ts';
import { query } from '../db/engine.ts';

describe('API tokens', () => {
  let t: TestApp;
  let admin: Client;
  let clerkId: string;
  beforeAll(async () => {
    t = await createTestApp();
    await insertUser(t.database.db, 'root', TEST_PASSWORD, [{ role: 'sysadmin', unitId: null }]);
    clerkId = await insertUser(t.database.db, 'clerk', TEST_PASSWORD, [{ role: 'asset_office', unitId: null }]);
    await insertUser(t.database.db, 'unitadmin', TEST_PASSWORD, [{ role: 'unit_admin', unitId: randomUnitId() }]);
    admin = await t.as('root');
  });
  afterAll(async () => {
    await t.close();
  });

  const bearer = (token: string, method: string, url: string, body?: unknown) =>
    t.app.inject({ method: method as never, url, payload: body as object | undefined, headers: { authorization: `Bearer ${token}` } });

  it('is shown once on creation, listed without it, and logged', async () => {
    const res = await admin.post('/api/tokens', { name: '资产系统对接', userId: clerkId, scopes: ['org.read'] });
    expect(res.statusCode).toBe(201);
    const { id, token } = res.json();
    expect(token).toMatch(/^gw_/);
    const list = await admin.get('/api/tokens');
    expect(list.statusCode).toBe(200);
    const item = list.json().items.find((i: { id: string }) => i.id === id);
    expect(item).toMatchObject({ name: '资产系统对接', username: 'clerk', scopes: ['org.read'], revokedAt: null });
    expect(list.body).not.toContain(token);
    const logged = await query<{ kind: string }>(t.database.db, sql`select kind from security_events where kind = 'token_created'`);
    expect(logged.length).toBeGreaterThan(0);
  });

  it('works as a bearer without a CSRF header, within its scopes only', async () => {
    const { token } = (await admin.post('/api/tokens', { name: 'read only', userId: clerkId, scopes: ['job.read'] })).json();
    // A mutation by bearer needs no CSRF header (no cookie, so no cross-site forgery) …
    const me = await bearer(token, 'GET', '/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().username).toBe('clerk');
    const locale = await bearer(token, 'PUT', '/api/auth/locale', { locale: 'en' });
    expect(locale.statusCode).toBe(200);
    // … and outside its scopes it is refused even though the user holds the permission.
    const outside = await bearer(token, 'GET', '/api/tokens');
    expect(outside.statusCode).toBe(403);
  });

  it('answers 401 once revoked, and the revocation is logged', async () => {
    const { id, token } = (await admin.post('/api/tokens', { name: 'short lived', userId: clerkId, scopes: ['job.read'] })).json();
    expect((await bearer(token, 'GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await admin.delete(`/api/tokens/${id}`)).statusCode).toBe(200);
    expect((await bearer(token, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const logged = await query<{ kind: string }>(t.database.db, sql`select kind from security_events where kind = 'token_revoked'`);
    expect(logged.length).toBe(1);
  });

  it('answers 401 once expired or once its user is deactivated, and records when it was last used', async () => {
    const { id, token } = (await admin.post('/api/tokens', { name: 'expiring', userId: clerkId, scopes: ['job.read'] })).json();
    expect((await bearer(token, 'GET', '/api/auth/me')).statusCode).toBe(200);
    const [used] = await query<{ last_used_at: Date | null }>(t.database.db, sql`select last_used_at from api_tokens where id = ${id}`);
    expect(used.last_used_at).not.toBeNull();
    await t.database.db.execute(sql`update api_tokens set expires_at = now() - interval '1 minute' where id = ${id}`);
    expect((await bearer(token, 'GET', '/api/auth/me')).statusCode).toBe(401);
    const second = (await admin.post('/api/tokens', { name: 'deactivated user', userId: clerkId, scopes: ['job.read'] })).json();
    await t.database.db.execute(sql`update users set active = false where id = ${clerkId}`);
    try {
      expect((await bearer(second.token, 'GET', '/api/auth/me')).statusCode).toBe(401);
    } finally {
      await t.database.db.execute(sql`update users set active = true where id = ${clerkId}`);
    }
  });

  it('refuses a scope the user does not hold, naming it', async () => {
    const res = await admin.post('/api/tokens', { name: 'too wide', userId: clerkId, scopes: ['org.read', 'token.manage'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toHaveProperty('scopes.1');
  });

  it('never carries approval or execution, even for a user who holds them, and an older token listing them is refused them', async () => {
    const res = await admin.post('/api/tokens', {
      name: '代批',
      userId: clerkId,
      scopes: ['document.read', 'document.approve', 'document.execute'],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toEqual({
      'scopes.1': '审批和执行须由本人登录办理，API 令牌不能带权限 document.approve',
      'scopes.2': '审批和执行须由本人登录办理，API 令牌不能带权限 document.execute',
    });
    // A token written before the rule (straight into the table) still cannot decide or execute.
    await t.database.db.execute(sql`insert into api_tokens (name, token_hash, user_id, scopes)
      values ('旧令牌', encode(sha256('gw_legacy'::bytea), 'hex'), ${clerkId}, array['document.read', 'document.approve', 'document.execute'])`);
    const doc = '00000000-0000-4000-8000-000000000001';
    expect((await bearer('gw_legacy', 'POST', `/api/documents/${doc}/approve`, {})).statusCode).toBe(403);
    expect((await bearer('gw_legacy', 'POST', `/api/documents/${doc}/execute`, {})).statusCode).toBe(403);
    expect((await bearer('gw_legacy', 'GET', '/api/documents')).statusCode).toBe(200);
  });

  it("logs every change made through a token as the token's, by name", async () => {
    const { id, token } = (await admin.post('/api/tokens', { name: '门户对接', userId: clerkId, scopes: ['job.read'] })).json();
    expect((await bearer(token, 'PUT', '/api/auth/locale', { locale: 'zh-CN' })).statusCode).toBe(200);
    expect((await bearer(token, 'GET', '/api/auth/me')).statusCode).toBe(200);
    const rows = await query<{ username: string; details: Record<string, unknown> }>(
      t.database.db,
      sql`
      select username, details from security_events where kind = 'token_used' and details->>'tokenId' = ${id}`,
    );
    expect(rows).toEqual([
      {
        username: 'clerk',
        details: { tokenId: id, tokenName: '门户对接', via: 'API 令牌「门户对接」', method: 'PUT', route: '/api/auth/locale', status: 200 },
      },
    ]);
  });

  it('refuses an unknown permission name as a scope', async () => {
    const res = await admin.post('/api/tokens', { name: 'typo', userId: clerkId, scopes: ['cards.reed'] });
    expect(res.statusCode).toBe(400);
  });

  it('answers 404 to revoking a token that does not exist', async () => {
    expect((await admin.delete('/api/tokens/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
  });

  it('is managed by system administrators only', async () => {
    const other = await t.as('unitadmin');
    expect((await other.get('/api/tokens')).statusCode).toBe(403);
    expect((await other.post('/api/tokens', { name: 'x', userId: clerkId, scopes: ['org.read'] })).statusCode).toBe(403);
    expect((await t.anonymous.get('/api/tokens')).statusCode).toBe(401);
  });
});
