import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setBusinessToday } from '../../platform/clock.ts';
import { createTestApp, TEST_PASSWORD, type Client, type TestApp } from '../../testing/test-app.ts';
import { insertUser } from '../../testing/walker-users.ts';
import { createDoc, createWorkflowWorld, expectOk, idleCard, SALE, type WorkflowWorld } from '../../testing/world.ts';

describe('撤回, 转办, 委托 and bulk approval', () => {
  let t: TestApp;
  let w: WorkflowWorld;
  let staff: Client, admin: Client, admin2: Client, leader: Client, finance: Client;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorkflowWorld(t.database);
    w.users['u01-admin2'] = await insertUser(t.database.db, 'u01-admin2', TEST_PASSWORD, [{ role: 'unit_admin', unitId: w.u01 }]);
    [staff, admin, admin2, leader, finance] = await Promise.all(
      ['u01-staff', 'u01-admin', 'u01-admin2', 'u01-leader', 'u01-finance'].map((u) => t.as(u)),
    );
  });
  afterEach(() => setBusinessToday(null));
  afterAll(async () => {
    await t.close();
  });

  const requisition = async (c: Client) =>
    createDoc(c, {
      type: 'requisition',
      payload: { departmentId: w.u01Dept, custodianId: w.u01Staff },
      lines: [{ cardId: (await idleCard(t.database, w)).id }],
    });
  const disposal = async (c: Client) =>
    createDoc(c, { type: 'disposal', payload: SALE, lines: [{ cardId: (await idleCard(t.database, w)).id }] });
  const inboxIds = async (c: Client) => (await c.get('/api/inbox?pageSize=100')).json().items.map((d: { id: string }) => d.id);
  const detail = async (c: Client, id: string) => (await c.get(`/api/documents/${id}`)).json();

  it('lets exactly one of 20 parallel 撤回 and 批准 on one document win', async () => {
    const id = await requisition(staff);
    await expectOk(staff.post(`/api/documents/${id}/submit`));
    const calls = Array.from({ length: 20 }, (_, i) =>
      i % 2 ? staff.post(`/api/documents/${id}/withdraw`, {}) : admin.post(`/api/documents/${id}/approve`, {}),
    );
    const results = await Promise.all(calls);
    const won = results.filter((r) => r.statusCode === 200);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.statusCode !== 200).every((r) => [409, 422].includes(r.statusCode))).toBe(true);
    const d = await detail(staff, id);
    const decisions = d.events.filter((e: { type: string }) => e.type === 'approved' || e.type === 'withdrawn');
    expect(decisions).toHaveLength(1);
    expect(d.status).toBe(decisions[0].type === 'approved' ? 'approved' : 'draft');
  });

  it('holds a delegation from its first to its last business day (Asia/Shanghai), marked 代', async () => {
    setBusinessToday('2026-06-09');
    const set = await leader.post('/api/delegations', { delegateId: w.users['u01-admin2'], startsOn: '2026-06-10', endsOn: '2026-06-12' });
    expect(set.statusCode).toBe(201);
    const id = await disposal(staff);
    await expectOk(staff.post(`/api/documents/${id}/submit`));
    expect(await inboxIds(admin2)).not.toContain(id);
    for (const day of ['2026-06-10', '2026-06-12']) {
      setBusinessToday(day);
      const item = (await admin2.get('/api/inbox?pageSize=100')).json().items.find((d: { id: string }) => d.id === id);
      expect(item).toMatchObject({ actingFor: 'u01-leader（测试）' });
    }
    setBusinessToday('2026-06-13');
    expect(await inboxIds(admin2)).not.toContain(id);
    expect((await admin2.post(`/api/documents/${id}/approve`, {})).statusCode).toBe(403);
    setBusinessToday('2026-06-12');
    await expectOk(admin2.post(`/api/documents/${id}/approve`, { comment: '同意处置' }));
    const d = await detail(staff, id);
    expect(d.steps[0]).toMatchObject({ state: 'approved', decidedByName: 'u01-admin2', onBehalfOfName: 'u01-leader（测试）' });
    expect(d.events.at(-1).note).toBe('单位负责人审批（代 u01-leader（测试））：同意处置');
    // The delegator no longer finds it either: the step is taken.
    expect(await inboxIds(leader)).not.toContain(id);
  });

  it('lets the unit administrator set a delegation for a colleague, and nobody else', async () => {
    setBusinessToday('2026-07-01');
    const other = await t.as('u02-admin');
    const input = { delegatorId: w.users['u01-finance'], delegateId: w.users['u01-admin2'], startsOn: '2026-07-01', endsOn: '2026-07-01' };
    expect((await other.post('/api/delegations', input)).statusCode).toBe(404);
    expect((await leader.post('/api/delegations', input)).statusCode).toBe(404);
    const res = await admin.post('/api/delegations', input);
    expect(res.statusCode).toBe(201);
    expect((await finance.post('/api/delegations', { ...input, delegatorId: undefined })).statusCode).toBe(409);
    await expectOk(finance.post(`/api/delegations/${res.json().id}/revoke`, {}));
    const mine = (await finance.get('/api/delegations')).json().items;
    expect(mine.find((g: { id: string }) => g.id === res.json().id)).toMatchObject({
      state: 'revoked',
      createdByName: 'u01-admin（测试）',
    });
  });

  it('keeps separation of duties under 委托: no approving one’s own or changed document, one step per person', async () => {
    setBusinessToday('2026-08-03');
    // The leader is away; admin2 approves for them.
    await expectOk(
      leader.post('/api/delegations', { delegateId: w.users['u01-admin2'], startsOn: '2026-08-03', endsOn: '2026-08-07' }),
      201,
    );
    // admin2 applied: they may not approve it through the delegation.
    const own = await disposal(admin2);
    await expectOk(admin2.post(`/api/documents/${own}/submit`));
    expect(await inboxIds(admin2)).not.toContain(own);
    expect((await admin2.post(`/api/documents/${own}/approve`, {})).json()).toMatchObject({ error: 'rule_violation' });
    // admin2 changed a colleague's document: neither.
    const changed = await disposal(staff);
    await expectOk(
      admin2.put(`/api/documents/${changed}`, {
        type: 'disposal',
        title: '改过',
        payload: SALE,
        lines: (await detail(staff, changed)).lines.map((l: { cardId: string }) => ({ cardId: l.cardId })),
      }),
    );
    await expectOk(staff.post(`/api/documents/${changed}/submit`));
    expect(await inboxIds(admin2)).not.toContain(changed);
    expect((await admin2.post(`/api/documents/${changed}/approve`, {})).json()).toMatchObject({
      error: 'rule_violation',
      message: '修改过单据内容的人不能审批该单据',
    });
    // The leader may still decide it in their own right.
    await expectOk(leader.post(`/api/documents/${changed}/approve`, {}));
  });

  it('keeps one person to one step of a chain when a delegate could take a second', async () => {
    setBusinessToday('2026-09-01');
    // Finance is away and admin2 is their delegate; admin2 also takes the administrator's step.
    await expectOk(
      finance.post('/api/delegations', { delegateId: w.users['u01-admin2'], startsOn: '2026-09-01', endsOn: '2026-09-01' }),
      201,
    );
    const id = await createDoc(staff, {
      type: 'change',
      payload: { changeKind: 'revaluation', newValueFen: 500_000 },
      lines: [{ cardId: (await idleCard(t.database, w)).id }],
    });
    await expectOk(staff.post(`/api/documents/${id}/submit`));
    const steps = (await detail(staff, id)).steps.map((s: { label: string }) => s.label);
    expect(steps).toContain('单位财务复核');
    // Take the steps in order until the finance step: admin2 takes the first one in their own right.
    await expectOk(admin2.post(`/api/documents/${id}/approve`, {}));
    let d = await detail(staff, id);
    while (d.status === 'submitted' && d.steps[d.currentStep - 1].label !== '单位财务复核') {
      await expectOk(leader.post(`/api/documents/${id}/approve`, {}));
      d = await detail(staff, id);
    }
    expect(await inboxIds(admin2)).not.toContain(id);
    expect((await admin2.post(`/api/documents/${id}/approve`, {})).json()).toMatchObject({ message: '同一人只能审批同一单据的一个环节' });
    await expectOk(finance.post(`/api/documents/${id}/approve`, {}));
  });

  it('hands a step to a colleague with the same role (转办); only they take it; never to the applicant or someone without the role', async () => {
    const id = await requisition(staff);
    await expectOk(staff.post(`/api/documents/${id}/submit`));
    const names = (await admin.get(`/api/documents/${id}/reassign-candidates`)).json().items.map((c: { name: string }) => c.name);
    expect(names).toEqual(['u01-admin2']);
    expect((await admin.post(`/api/documents/${id}/reassign`, { toUserId: w.users['u01-staff'] })).statusCode).toBe(400);
    expect((await admin.post(`/api/documents/${id}/reassign`, { toUserId: w.users['u01-leader'] })).statusCode).toBe(400);
    await expectOk(admin.post(`/api/documents/${id}/reassign`, { toUserId: w.users['u01-admin2'], comment: '出差' }));
    expect(await inboxIds(admin)).not.toContain(id);
    expect(await inboxIds(admin2)).toContain(id);
    expect((await admin.post(`/api/documents/${id}/approve`, {})).statusCode).toBe(403);
    const d = await detail(admin2, id);
    expect(d.steps[0].assigneeName).toBe('u01-admin2');
    expect(d.events.at(-1)).toMatchObject({ type: 'reassigned', note: '单位资产管理员审批：转办给 u01-admin2：出差' });
    await expectOk(admin2.post(`/api/documents/${id}/approve`, {}));
  });

  it('approves in bulk one decision per document, skipping what is not waiting, and leads to the next item', async () => {
    const ids = [await requisition(staff), await requisition(staff), await requisition(staff)];
    for (const id of ids) await expectOk(staff.post(`/api/documents/${id}/submit`));
    const stranger = await requisition(staff); // a draft: not in anyone's inbox
    const next = (await admin.get('/api/inbox/next')).json();
    expect(next.id).not.toBeNull();
    const res = (await admin.post('/api/inbox/approve', { ids: [...ids, ids[0], stranger] })).json();
    expect(res.approved).toEqual(ids);
    expect(res.skipped).toEqual([{ id: stranger, docNo: null, reason: '不在待我审批中' }]);
    for (const id of ids) {
      const d = await detail(staff, id);
      expect({ status: d.status, approvals: d.events.filter((e: { type: string }) => e.type === 'approved').length }).toEqual({
        status: 'approved',
        approvals: 1,
      });
    }
    expect((await admin.get('/api/inbox/next')).json().id).not.toBe(ids[0]);
  });

  it('skips in bulk a step the chain marks as needing a written opinion, and approves the rest', async () => {
    const [plain, needsComment] = [await requisition(staff), await requisition(staff)];
    for (const id of [plain, needsComment]) await expectOk(staff.post(`/api/documents/${id}/submit`));
    // The chain marks the step special (an over-standard review): its decision needs a comment.
    await t.database.db.execute(sql`UPDATE document_steps SET special = true WHERE document_id = ${needsComment}`);
    const docNo = (await detail(admin, needsComment)).docNo;
    const res = (await admin.post('/api/inbox/approve', { ids: [plain, needsComment] })).json();
    expect(res).toEqual({
      approved: [plain],
      skipped: [{ id: needsComment, docNo, reason: '超标准审核须填写意见，请逐件审批' }],
    });
    const left = await detail(admin, needsComment);
    expect({ status: left.status, decided: left.steps.filter((s: { state: string }) => s.state !== 'pending').length }).toEqual({
      status: 'submitted',
      decided: 0,
    });
  });
});
