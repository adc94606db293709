import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { createDoc, createWorkflowWorld, expectOk, inUseCard, type WorkflowWorld } from '../../testing/world.ts';

/**
 * A payload written before the calendar rule (or by hand) may hold a date that does not exist.
 * The read paths must still answer, show the document, and let it be fixed.
 */
describe('a document whose stored payload holds an impossible date', () => {
  let t: TestApp;
  let w: WorkflowWorld;
  let admin: Client, leader: Client, officer: Client;
  let executed: string, submitted: string;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorkflowWorld(t.database);
    [admin, leader, officer] = await Promise.all(['u01-admin', 'u01-leader', 'officer'].map((u) => t.as(u)));
    const lend = async () =>
      createDoc(admin, {
        type: 'lending',
        payload: { mode: 'lent', counterparty: '市档案馆', periodFrom: '2025-01-01', periodTo: '2025-02-01' },
        lines: [{ cardId: (await inUseCard(t.database, w)).id }],
      });
    executed = await lend();
    await expectOk(admin.post(`/api/documents/${executed}/submit`));
    await expectOk(leader.post(`/api/documents/${executed}/approve`, {}));
    await expectOk(admin.post(`/api/documents/${executed}/execute`));
    submitted = await lend();
    await expectOk(admin.post(`/api/documents/${submitted}/submit`));
    // Written straight into the table, as an old release or a manual fix could have.
    await t.database.db.execute(
      sql`UPDATE documents SET payload = payload || '{"periodTo": "2026-02-30", "periodFrom": "0000-01-01"}'::jsonb WHERE id IN (${executed}, ${submitted})`,
    );
    await t.database.db.execute(sql`UPDATE documents SET payload = '{"periodTo": 20260230}'::jsonb WHERE id = ${submitted}`);
  });
  afterAll(async () => {
    await t.close();
  });

  it('still answers the document list, the inbox, the overdue list and the dashboard, and lists both documents', async () => {
    const list = await admin.get('/api/documents?type=lending');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((d: { id: string }) => d.id)).toEqual(expect.arrayContaining([executed, submitted]));
    expect(list.json().items.find((d: { id: string }) => d.id === executed).overdue).toBe(false);
    const inbox = await leader.get('/api/inbox');
    expect(inbox.statusCode).toBe(200);
    expect(inbox.json().items.map((d: { id: string }) => d.id)).toContain(submitted);
    expect((await admin.get('/api/lendings/overdue')).statusCode).toBe(200);
    for (const c of [admin, officer]) expect((await c.get('/api/dashboard')).statusCode).toBe(200);
    expect((await officer.get('/api/documents')).statusCode).toBe(200);
  });

  it('opens the document and shows the stored value, so it can be seen and fixed', async () => {
    const res = await admin.get(`/api/documents/${executed}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().payload).toMatchObject({ periodTo: '2026-02-30', periodFrom: '0000-01-01' });
    expect((await leader.get(`/api/documents/${submitted}`)).json().payload).toEqual({ periodTo: 20260230 });
  });

  it('refuses to save the impossible date again, naming the field', async () => {
    const res = await admin.post('/api/documents', {
      type: 'lending',
      payload: { mode: 'lent', counterparty: '市档案馆', periodFrom: '2026-02-01', periodTo: '2026-02-30' },
      lines: [{ cardId: (await inUseCard(t.database, w)).id }],
    });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().fields)).toEqual(['payload.periodTo']);
  });
});
