import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type Client, type TestApp } from '../../testing/test-app.ts';
import { insertUser } from '../../testing/walker-users.ts';
import { createDoc, createWorkflowWorld, expectOk, idleCard, type WorkflowWorld, SALE } from '../../testing/world.ts';

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
  afterAll(async () => {
    await t.close();
  });

  const requisition = (cardId: string) => ({
    type: 'requisition' as const,
    payload: { departmentId: w.u01Dept, custodianId: w.u01Staff },
    lines: [{ cardId }],
  });
  const inboxIds = async (c: Client) => (await c.get('/api/inbox')).json().items.map((d: { id: string }) => d.id);
  const dashboardWaitingIds = async (c: Client) => (await c.get('/api/dashboard')).json().waiting.map((d: { id: string }) => d.id);

  it("refuses the approval of a third person who edited the document's content, and lets an uninvolved approver decide", async () => {
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
    // The dashboard's "waiting for me" is the inbox's own rule: not the editor's, the approver's.
    expect(await dashboardWaitingIds(admin2)).not.toContain(id);
    expect(await dashboardWaitingIds(admin)).toContain(id);
    expect((await admin.get(`/api/documents/${id}`)).json().can.decide).toBe(true);
    await expectOk(admin.post(`/api/documents/${id}/approve`, {}));
    expect(await dashboardWaitingIds(admin)).not.toContain(id);
  });

  it("records a document drafted through an API token as the token's in the document's history", async () => {
    const root = await t.as('admin');
    const { token } = (
      await root.post('/api/tokens', { name: '办公平台', userId: w.users['u01-staff'], scopes: ['document.read', 'document.write'] })
    ).json();
    const card = await idleCard(t.database, w);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/documents',
      payload: requisition(card.id),
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(201);
    const events = (await staff.get(`/api/documents/${res.json().id}`)).json().events;
    expect(events).toEqual([expect.objectContaining({ type: 'created', actorName: 'u01-staff（测试）', note: '经 API 令牌「办公平台」' })]);
  });

  it('refuses a submission whose later step only the applicant could take, naming the step, and writes no steps', async () => {
    const finance = await t.as('u01-finance');
    const card = await idleCard(t.database, w);
    const id = await createDoc(finance, {
      type: 'change',
      payload: { changeKind: 'revaluation', newValueFen: 500_000 },
      lines: [{ cardId: card.id }],
    });
    const res = await finance.post(`/api/documents/${id}/submit`);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ error: 'rule_violation', details: { step: 2, label: '单位财务复核' } });
    expect(res.json().message).toMatch(/^审批环节「单位财务复核」没有可审批的人：申请人、提交人和修改过单据的人不能审批本单据/);
    const detail = (await finance.get(`/api/documents/${id}`)).json();
    expect({ status: detail.status, steps: detail.steps.length }).toEqual({ status: 'draft', steps: 0 });
  });

  it('lets the applicant withdraw a document nobody has decided, and no one else; a decided one cannot be withdrawn', async () => {
    const card = await idleCard(t.database, w);
    const id = await createDoc(staff, requisition(card.id));
    await expectOk(staff.post(`/api/documents/${id}/submit`));
    expect((await admin2.get(`/api/documents/${id}`)).json().can.withdraw).toBe(false);
    expect((await admin2.post(`/api/documents/${id}/withdraw`, {})).statusCode).toBe(403);
    expect((await staff.get(`/api/documents/${id}`)).json().can.withdraw).toBe(true);
    expect((await staff.post(`/api/documents/${id}/withdraw`, { comment: '填错了保管人' })).json()).toEqual({ status: 'draft' });
    const detail = (await staff.get(`/api/documents/${id}`)).json();
    expect({ status: detail.status, steps: detail.steps, can: detail.can.edit }).toEqual({ status: 'draft', steps: [], can: true });
    expect(detail.events.at(-1)).toMatchObject({ type: 'withdrawn', fromStatus: 'submitted', toStatus: 'draft', note: '填错了保管人' });
    expect(await inboxIds(admin)).not.toContain(id);
    // Submitted again and decided: it can no longer be withdrawn.
    const disposal = await createDoc(staff, {
      type: 'disposal',
      payload: SALE,
      lines: [{ cardId: (await idleCard(t.database, w)).id }],
    });
    await expectOk(staff.post(`/api/documents/${disposal}/submit`));
    await expectOk((await t.as('u01-leader')).post(`/api/documents/${disposal}/approve`, {}));
    const late = await staff.post(`/api/documents/${disposal}/withdraw`, {});
    expect(late.statusCode).toBe(409);
  });

  it('leaves no document stuck: when every approver of a step is gone the applicant withdraws it, and resubmitting says who is missing', async () => {
    const finance = await t.as('u01-finance');
    const card = await idleCard(t.database, w);
    const id = await createDoc(finance, requisition(card.id));
    await expectOk(finance.post(`/api/documents/${id}/submit`));
    // Both asset administrators of the unit leave after the submission.
    await t.database.db.execute(sql`update users set active = false where username in ('u01-admin', 'u01-admin2')`);
    try {
      expect((await finance.post(`/api/documents/${id}/withdraw`, {})).json()).toEqual({ status: 'draft' });
      const again = await finance.post(`/api/documents/${id}/submit`);
      expect(again.statusCode).toBe(422);
      expect(again.json().message).toMatch(/^审批环节「单位资产管理员审批」没有可审批的人/);
    } finally {
      await t.database.db.execute(sql`update users set active = true where username in ('u01-admin', 'u01-admin2')`);
    }
    await expectOk(finance.post(`/api/documents/${id}/submit`));
  });
});
