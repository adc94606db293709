import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.ts';

describe('the running app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers health with its engine', async () => {
    const res = await t.anonymous.get('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', engine: expect.stringMatching(/pglite|postgres/) });
  });

  it('publishes an OpenAPI document listing its routes', async () => {
    const res = await t.anonymous.get('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    expect(Object.keys(res.json().paths)).toContain('/api/auth/login');
  });

  it('publishes an OpenAPI document whose every reference resolves (the web generates its client from it)', async () => {
    const doc = (await t.anonymous.get('/api/openapi.json')).json();
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs).toContain('CategoryNode');
    for (const name of refs) expect(doc.components.schemas, name).toHaveProperty(name);
  });

  it('refuses an unknown user with a clear error', async () => {
    const res = await t.anonymous.post('/api/auth/login', { username: 'nobody', password: 'x' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error).toBe('bad_credentials');
  });

  it('names the missing field when a body is invalid', async () => {
    const res = await t.anonymous.post('/api/auth/login', { username: 'a' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toHaveProperty('password');
  });
});
