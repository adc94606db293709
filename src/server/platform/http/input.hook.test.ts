import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCardWorld, desktopInput, type CardWorld } from '../../testing/world.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { forbiddenCharPath } from './input.hook.ts';

describe('hostile input answers 400 or 404, never 500', () => {
  let t: TestApp;
  let w: CardWorld;
  let officer: Client, u01admin: Client;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createCardWorld(t.database);
    [officer, u01admin] = await Promise.all([t.as('officer'), t.as('u01-admin')]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('names the first field holding a NUL, in nested objects and arrays too', () => {
    expect(forbiddenCharPath({ a: 'ok', lines: [{ name: 'x' }, { name: 'a\u0000b' }] })).toBe('lines.1.name');
    expect(forbiddenCharPath({ ['k\u0000']: 1 })).toBe('k\\0');
    expect(forbiddenCharPath({ a: ['clean', 1, null, true] })).toBeUndefined();
  });

  it('refuses a NUL in a search term, a sign-in name, a text field and a path parameter with 400 naming the field', async () => {
    const search = await officer.get('/api/cards?q=%E8%81%94%00');
    expect([search.statusCode, Object.keys(search.json().fields ?? {})]).toEqual([400, ['q']]);
    const login = await t.anonymous.post('/api/auth/login', { username: 'officer\u0000', password: 'x' });
    expect([login.statusCode, Object.keys(login.json().fields ?? {})]).toEqual([400, ['username']]);
    const card = await u01admin.post('/api/cards', desktopInput(w, { spec: 'M920\u0000' }));
    expect([card.statusCode, Object.keys(card.json().fields ?? {})]).toEqual([400, ['spec']]);
    const param = await officer.get('/api/standards/desk%00top/history');
    expect(param.statusCode).toBe(400);
  });

  it('refuses impossible dates in list filters and year 0000 in report periods with 400', async () => {
    expect((await officer.get('/api/cards?acquiredFrom=2026-02-30')).statusCode).toBe(400);
    expect((await officer.get('/api/cards?postedTo=0000-01-01')).statusCode).toBe(400);
    expect((await officer.get('/api/reports/summary?from=0000-01&to=2026-01')).statusCode).toBe(400);
    expect((await officer.get('/api/reports/pack?month=0000-12')).statusCode).toBe(400);
    expect((await u01admin.post('/api/cards', desktopInput(w, { acquiredOn: '2026-02-30' }))).statusCode).toBe(400);
  });

  it('refuses a card worth more than ¥90 billion and a document line whose quantity × price exceeds it, naming the field', async () => {
    const card = await u01admin.post('/api/cards', desktopInput(w, { originalValueFen: 9e15 }));
    expect([card.statusCode, Object.keys(card.json().fields ?? {})]).toEqual([400, ['originalValueFen']]);
    const doc = await u01admin.post('/api/documents', {
      type: 'config_request',
      payload: {},
      lines: [{ categoryId: w.cat.desktop, quantity: 100_000, unitPriceFen: 9_000_000_000_000, reason: '测试' }],
    });
    expect([doc.statusCode, Object.keys(doc.json().fields ?? {})]).toEqual([400, ['lines.0.unitPriceFen']]);
  });

  it('answers 404 to a monthly explanation for a unit that does not exist', async () => {
    const res = await officer.put('/api/reports/explanations', {
      unitId: '00000000-0000-4000-8000-000000000000',
      month: '2026-03',
      text: '新购置服务器一批',
    });
    expect(res.statusCode).toBe(404);
  });
});
