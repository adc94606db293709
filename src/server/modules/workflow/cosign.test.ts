import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setBusinessToday } from '../../platform/clock.ts';
import { query } from '../../platform/db/engine.ts';
import { createTestApp, TEST_PASSWORD, type Client, type TestApp } from '../../testing/test-app.ts';
import { insertUser } from '../../testing/walker-users.ts';
import { createDoc, createWorkflowWorld, expectOk, idleCard, SALE, type WorkflowWorld } from '../../testing/world.ts';

describe('加签: a colleague signs a step before its approver decides', () => {
  let t: TestApp;
  let w: WorkflowWorld;
  let staff: Client, admin: Client, admin2: Client, leader: Client, finance: Client, officer: Client;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorkflowWorld(t.database);
    w.users['u01-admin2'] = await insertUser(t.database.db, 'u01-admin2', TEST_PASSWORD, [{ role: 'unit_admin', unitId: w.u01 }]);
    [staff, admin, admin2, leader, finance, officer] = await Promise.all(
      ['u01-staff', 'u01-admin', 'u01-admin2', 'u01-leader', 'u01-finance', 'officer'].map((u) => t.as(u)),
    );
    // The committee lets both steps of a requisition take a 加签.
    await expectOk(
      officer.put('/api/chains/requisition', {
        steps: [
          { role: 'unit_admin', scope: 'applicant_unit', label: '单位资产管理员审批', allowCosign: true },
          { role: 'unit_leader', scope: 'applicant_unit', label: '单位负责人审批', allowCosign: true },
        ],
      }),
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
  const submitted = async (c: Client = staff) => {
    const id = await requisition(c);
    await expectOk(c.post(`/api/documents/${id}/submit`));
    return id;
  };
  const inboxIds = async (c: Client) => (await c.get('/api/inbox?pageSize=100')).json().items.map((d: { id: string }) => d.id);
  const detail = async (c: Client, id: string) => (await c.get(`/api/documents/${id}`)).json();
  const cosign = (c: Client, id: string, who: string, more: Record<string, unknown> = {}) =>
    c.post(`/api/documents/${id}/cosign`, { toUserId: w.users[who], ...more });
  const okJson = async (res: Promise<{ statusCode: number; body: string; json: () => unknown }>) => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const refusal = async (res: Promise<{ statusCode: number; json: () => { message: string } }>) => {
    const r = await res;
    return { status: r.statusCode, message: r.json().message };
  };

  it('keeps 允许加签 in the chain editor: saved, listed, and copied to the steps of a submitted document', async () => {
    const chain = (await officer.get('/api/chains')).json().items.find((c: { documentType: string }) => c.documentType === 'requisition');
    expect(chain.steps.map((s: { label: string; allowCosign: boolean }) => [s.label, s.allowCosign])).toEqual([
      ['单位资产管理员审批', true],
      ['单位负责人审批', true],
    ]);
    const disposal = (await officer.get('/api/chains')).json().items.find((c: { documentType: string }) => c.documentType === 'disposal');
    expect(disposal.steps.every((s: { allowCosign: boolean }) => s.allowCosign === false)).toBe(true);
    const id = await submitted();
    expect((await detail(admin, id)).steps.map((s: { allowCosign: boolean }) => s.allowCosign)).toEqual([true, true]);
    expect((await detail(admin, id)).can).toMatchObject({ decide: true, addSigner: true, reassign: true });
  });

  it('adds a signer who approves first; the step returns to its approver, who decides, and the chain goes on', async () => {
    const id = await submitted();
    const names = (await admin.get(`/api/documents/${id}/cosign-candidates`)).json().items.map((c: { name: string }) => c.name);
    expect(names).toContain('u01-finance（测试）');
    expect(names).toContain('u01-admin2');
    expect(names).not.toContain('u01-admin（测试）');
    expect(names).not.toContain('u01-staff（测试）');
    expect(names).not.toContain('u02-admin（测试）');

    await expectOk(cosign(admin, id, 'u01-finance', { comment: '涉及财务', stepNo: 1 }));
    let d = await detail(staff, id);
    expect(d.events.at(-1)).toMatchObject({
      type: 'cosign_added',
      actorName: 'u01-admin（测试）',
      note: '单位资产管理员审批：加签：u01-finance（测试）：涉及财务',
    });
    expect(d.steps[0].cosigns).toEqual([
      expect.objectContaining({
        signerName: 'u01-finance（测试）',
        addedByName: 'u01-admin（测试）',
        state: 'pending',
        decidedByName: null,
      }),
    ]);
    // The signer is told, and finds it in 待我审批; the approver no longer does, and waits.
    const told = await query<{ title: string }>(
      t.database.db,
      sql`SELECT title FROM notifications WHERE user_id = ${w.users['u01-finance']} AND link = ${`/documents/${id}`}`,
    );
    expect(told.map((r) => r.title)).toEqual([`领用单 ${d.docNo}请您加签审批`]);
    // One operation-log entry, written with the 加签.
    const logged = await query<{ action: string; changes: string; source: string }>(
      t.database.db,
      sql`SELECT action, changes, source FROM operation_log WHERE object_id = ${id} AND action = 'cosign_added'`,
    );
    expect(logged).toEqual([
      {
        action: 'cosign_added',
        changes: '单位资产管理员审批：加签：u01-finance（测试）：涉及财务',
        source: 'POST /api/documents/:id/cosign',
      },
    ]);
    expect(await inboxIds(finance)).toContain(id);
    expect(await inboxIds(admin)).not.toContain(id);
    expect((await detail(admin, id)).can).toMatchObject({ decide: false, addSigner: false });
    expect((await detail(finance, id)).can).toMatchObject({ decide: true, addSigner: false, reassign: false });
    expect(await refusal(admin.post(`/api/documents/${id}/approve`, {}))).toEqual({
      status: 409,
      message: '本环节已请「u01-finance（测试）」加签，待其审批后再作决定',
    });
    expect((await admin2.post(`/api/documents/${id}/approve`, {})).statusCode).toBe(403);

    expect(await okJson(finance.post(`/api/documents/${id}/approve`, { comment: '预算可列支' }))).toEqual({ status: 'submitted' });
    d = await detail(staff, id);
    expect({ status: d.status, currentStep: d.currentStep, step: d.steps[0].state }).toEqual({
      status: 'submitted',
      currentStep: 1,
      step: 'pending',
    });
    expect(d.steps[0].cosigns[0]).toMatchObject({ state: 'approved', decidedByName: 'u01-finance（测试）', comment: '预算可列支' });
    expect(d.events.at(-1)).toMatchObject({ type: 'cosigned', note: '单位资产管理员审批：加签同意：预算可列支' });
    // Back to the approver who asked (not to the step's other holders).
    expect(await inboxIds(finance)).not.toContain(id);
    expect(await inboxIds(admin)).toContain(id);
    expect(await inboxIds(admin2)).not.toContain(id);
    await expectOk(admin.post(`/api/documents/${id}/approve`, {}));
    d = await detail(staff, id);
    expect({ status: d.status, currentStep: d.currentStep }).toEqual({ status: 'submitted', currentStep: 2 });
    // The signer took a step: they may not be asked again at the next one.
    expect(await refusal(cosign(leader, id, 'u01-finance'))).toEqual({
      status: 422,
      message: '不能请已审批本单据某一环节的人加签（同一人只能审批同一单据的一个环节）',
    });
    await expectOk(leader.post(`/api/documents/${id}/approve`, {}));
    expect((await detail(staff, id)).status).toBe('approved');
  });

  it('rejects the document when the signer rejects it (with a written opinion); a signer does not return it', async () => {
    const id = await submitted();
    await expectOk(cosign(admin, id, 'u01-finance'));
    expect((await finance.post(`/api/documents/${id}/reject`, {})).statusCode).toBe(400);
    expect(await refusal(finance.post(`/api/documents/${id}/return`, { comment: '请补充' }))).toEqual({
      status: 422,
      message: '加签人只能同意或驳回；退回修改由本环节审批人决定',
    });
    expect(await okJson(finance.post(`/api/documents/${id}/reject`, { comment: '超预算' }))).toEqual({ status: 'rejected' });
    const d = await detail(staff, id);
    expect({ status: d.status, step: d.steps[0].state, by: d.steps[0].decidedByName, cosign: d.steps[0].cosigns[0].state }).toEqual({
      status: 'rejected',
      step: 'rejected',
      by: 'u01-finance（测试）',
      cosign: 'rejected',
    });
    expect(d.events.at(-1)).toMatchObject({ type: 'rejected', toStatus: 'rejected', note: '单位资产管理员审批（加签）：超预算' });
    expect(await inboxIds(admin)).not.toContain(id);
  });

  it('refuses, each with its reason: the approver themself, the applicant, an editor, one who took a step, a step that does not allow it', async () => {
    const id = await submitted();
    expect(await refusal(cosign(admin, id, 'u01-admin'))).toEqual({ status: 422, message: '不能请本环节的审批人本人加签' });
    expect(await refusal(cosign(admin, id, 'u01-staff'))).toEqual({ status: 422, message: '不能请申请人或提交人加签' });
    // Someone outside the document's units, or without an approver role: not a candidate.
    expect((await cosign(admin, id, 'u02-admin')).statusCode).toBe(400);
    // A colleague who changed the draft.
    const changed = await requisition(staff);
    const lines = (await detail(staff, changed)).lines.map((l: { cardId: string }) => ({ cardId: l.cardId }));
    await expectOk(
      admin2.put(`/api/documents/${changed}`, {
        type: 'requisition',
        title: '改过',
        payload: { departmentId: w.u01Dept, custodianId: w.u01Staff },
        lines,
      }),
    );
    await expectOk(staff.post(`/api/documents/${changed}/submit`));
    expect(await refusal(cosign(admin, changed, 'u01-admin2'))).toEqual({ status: 422, message: '不能请修改过单据内容的人加签' });
    // The approver of an earlier step.
    await expectOk(admin.post(`/api/documents/${id}/approve`, {}));
    expect(await refusal(cosign(leader, id, 'u01-admin'))).toEqual({
      status: 422,
      message: '不能请已审批本单据某一环节的人加签（同一人只能审批同一单据的一个环节）',
    });
    // A chain step without 允许加签.
    const disposal = await createDoc(staff, { type: 'disposal', payload: SALE, lines: [{ cardId: (await idleCard(t.database, w)).id }] });
    await expectOk(staff.post(`/api/documents/${disposal}/submit`));
    expect((await detail(leader, disposal)).can.addSigner).toBe(false);
    expect(await refusal(cosign(leader, disposal, 'u01-finance'))).toEqual({
      status: 409,
      message: '审批环节「单位负责人审批」不允许加签',
    });
    // Nothing was recorded by the refusals.
    const [{ n }] = await query<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM document_cosigns WHERE document_id IN (${id}, ${changed}, ${disposal})`,
    );
    expect(n).toBe(0);
  });

  it('refuses a signer whose signature would leave a later step without anyone to take it', async () => {
    const id = await submitted();
    // The unit's leaders: u01-leader and dual. With dual away, the leader is the only one left for step 2.
    await t.database.db.execute(sql`UPDATE users SET active = false WHERE username = 'dual'`);
    try {
      expect(await refusal(cosign(admin, id, 'u01-leader'))).toEqual({
        status: 422,
        message: '请「u01-leader（测试）」加签后，审批环节「单位负责人审批」将没有可审批的人（同一人只能审批同一单据的一个环节）',
      });
    } finally {
      await t.database.db.execute(sql`UPDATE users SET active = true WHERE username = 'dual'`);
    }
    await expectOk(cosign(admin, id, 'u01-leader'));
    await expectOk(leader.post(`/api/documents/${id}/approve`, {}));
    await expectOk(admin.post(`/api/documents/${id}/approve`, {}));
    expect(await inboxIds(leader)).not.toContain(id);
    expect(await inboxIds(await t.as('dual'))).toContain(id);
  });

  it('keeps one signer pending per step, and a signer cannot add another', async () => {
    const id = await submitted();
    await expectOk(cosign(admin, id, 'u01-finance'));
    expect(await refusal(cosign(finance, id, 'u01-admin2'))).toEqual({ status: 409, message: '加签人不能再加签' });
    expect(await refusal(cosign(admin, id, 'u01-admin2'))).toEqual({
      status: 409,
      message: '本环节已请「u01-finance（测试）」加签，待其审批后再作决定；每个环节同时只能有一位加签人',
    });
    expect((await finance.post(`/api/documents/${id}/reassign`, { toUserId: w.users['u01-admin2'] })).statusCode).toBe(409);
  });

  it('lets the signer’s delegate sign for them (代), held to the same rules: not the approver who asked, not an editor', async () => {
    setBusinessToday('2026-10-12');
    await expectOk(
      finance.post('/api/delegations', { delegateId: w.users['u01-admin2'], startsOn: '2026-10-12', endsOn: '2026-10-12' }),
      201,
    );
    const id = await submitted();
    await expectOk(cosign(admin, id, 'u01-finance'));
    const item = (await admin2.get('/api/inbox?pageSize=100')).json().items.find((d: { id: string }) => d.id === id);
    expect(item).toMatchObject({ actingFor: 'u01-finance（测试）' });
    await expectOk(admin2.post(`/api/documents/${id}/approve`, { comment: '代为同意' }));
    let d = await detail(staff, id);
    expect(d.steps[0].cosigns[0]).toMatchObject({ state: 'approved', decidedByName: 'u01-admin2', onBehalfOfName: 'u01-finance（测试）' });
    expect(d.events.at(-1).note).toBe('单位资产管理员审批：加签（代 u01-finance（测试））同意：代为同意');
    // Signing for the signer is taking a step: the delegate takes no other one.
    await t.database.db.execute(sql`UPDATE document_steps SET assignee_id = NULL WHERE document_id = ${id}`);
    expect(await inboxIds(admin2)).not.toContain(id);
    expect(await refusal(admin2.post(`/api/documents/${id}/approve`, {}))).toEqual({
      status: 422,
      message: '同一人只能审批同一单据的一个环节',
    });
    await expectOk(admin.post(`/api/documents/${id}/approve`, {}));

    // A delegate who changed the document may not sign for the signer.
    const changed = await requisition(staff);
    const lines = (await detail(staff, changed)).lines.map((l: { cardId: string }) => ({ cardId: l.cardId }));
    await expectOk(
      admin2.put(`/api/documents/${changed}`, {
        type: 'requisition',
        title: '改过',
        payload: { departmentId: w.u01Dept, custodianId: w.u01Staff },
        lines,
      }),
    );
    await expectOk(staff.post(`/api/documents/${changed}/submit`));
    await expectOk(cosign(admin, changed, 'u01-finance'));
    expect(await inboxIds(admin2)).not.toContain(changed);
    expect(await refusal(admin2.post(`/api/documents/${changed}/approve`, {}))).toEqual({
      status: 422,
      message: '修改过单据内容的人不能审批该单据',
    });

    // The approver who asked may not sign for the signer, even as their delegate.
    setBusinessToday('2026-10-13');
    await expectOk(
      finance.post('/api/delegations', { delegateId: w.users['u01-admin'], startsOn: '2026-10-13', endsOn: '2026-10-13' }),
      201,
    );
    expect(await inboxIds(admin)).not.toContain(changed);
    expect((await admin.post(`/api/documents/${changed}/approve`, {})).statusCode).toBe(409);
    d = await detail(staff, changed);
    expect(d.steps[0].cosigns[0].state).toBe('pending');
    await expectOk(finance.post(`/api/documents/${changed}/approve`, {}));
    await expectOk(admin.post(`/api/documents/${changed}/approve`, {}));
  });

  it('lets exactly one of 20 parallel 加签 and 批准 on one step win, consistently', async () => {
    const id = await submitted();
    const calls = Array.from({ length: 20 }, (_, i) =>
      i % 2 ? cosign(admin, id, 'u01-finance', { stepNo: 1 }) : admin.post(`/api/documents/${id}/approve`, { stepNo: 1 }),
    );
    const results = await Promise.all(calls);
    const won = results.map((r, i) => ({ r, kind: i % 2 ? 'cosign' : 'approve' })).filter((x) => x.r.statusCode === 200);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.statusCode !== 200).every((r) => [404, 409].includes(r.statusCode))).toBe(true);
    const d = await detail(staff, id);
    const count = (type: string) => d.events.filter((e: { type: string }) => e.type === type).length;
    const outcome = {
      cosignsAdded: count('cosign_added'),
      approvals: count('approved'),
      cosigns: d.steps[0].cosigns.length,
      currentStep: d.currentStep,
    };
    expect(outcome).toEqual(
      won[0].kind === 'cosign'
        ? { cosignsAdded: 1, approvals: 0, cosigns: 1, currentStep: 1 }
        : { cosignsAdded: 0, approvals: 1, cosigns: 0, currentStep: 2 },
    );
  });
});
