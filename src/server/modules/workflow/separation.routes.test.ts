import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type Client, type TestApp } from '../../testing/test-app.ts';
import { insertUser } from '../../testing/walker-users.ts';
import { createDoc, createWorkflowWorld, expectOk, idleCard, type WorkflowWorld } from './workflow.factory.ts';

describe('nobody approves around the rules', () => {
  let t: TestApp;
  let w: WorkflowWorld;
  let admin: Client, admin2: Client, staff: Client;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorkflowWorld(t.database);
    // A second asset administrator of unit 01: may edit the unit's drafts, and approves requisitions.
    w.users['u01-admin2'] = await insertUser(t.database.db, 'u01-admin2', TEST_PASSWORD, [{ role: 'unit_admin', unitId: w.u01 }]);
    [admin, admin2, staff] = await Promise.all(['u01-admin', 'u01-admin2', 'u01-staff'].map((u) => t.as(u)));
  });
  afterAll(async () => { await t.close(); });

  const requisition = (cardId: string) => ({ type: 'requisition' as const, payload: { departmentId: w.u01Dept, custodianId: w.u01Staff }, lines: [{ cardId }] });
  const inboxIds = async (c: Client) => (await c.get('/api/inbox')).json().items.map((d: { id: string }) => d.id);

  it('refuses the approval of a third person who edited the document\'s content, and lets an uninvolved approver decide', async () => {
    const card = await idleCard(t.database, w);
    const id = await createDoc(staff, requisition(card.id));
    // u01-admin2 neither applies nor submits: they only change the draft's content.
    await expectOk(admin2.put(`/api/documents/${id}`, { ...requisition(card.id), title: '改过的领用单' }));
    await expectOk(staff.post(`/api/documents/${id}/submit`));
    expect(await inboxIds(admin2)).not.toContain(id);
    expect((await admin2.get(`/api/documents/${id}`)).json().can.decide).toBe(false);
    const res = await admin2.post(`/api/documents/${id}/approve`, {});
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: 'rule_violation', message: '修改过单据内容的人不能审批该单据' });
    expect(await inboxIds(admin)).toContain(id);
    expect((await admin.get(`/api/documents/${id}`)).json().can.decide).toBe(true);
    await expectOk(admin.post(`/api/documents/${id}/approve`, {}));
  });

  it('records a document drafted through an API token as the token\'s in the document\'s history', async () => {
    const root = await t.as('admin');
    const { token } = (await root.post('/api/tokens', { name: '办公平台', userId: w.users['u01-staff'], scopes: ['document.read', 'document.write'] })).json();
    const card = await idleCard(t.database, w);
    const res = await t.app.inject({ method: 'POST', url: '/api/documents', payload: requisition(card.id), headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(201);
    const events = (await staff.get(`/api/documents/${res.json().id}`)).json().events;
    expect(events).toEqual([expect.objectContaining({ type: 'created', actorName: 'u01-staff（测试）', note: '经 API 令牌「办公平台」' })]);
  });
});
