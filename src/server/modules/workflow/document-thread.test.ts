import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_PASSWORD, type Client, type TestApp } from '../../testing/test-app.ts';
import { insertUser } from '../../testing/walker-users.ts';
import { createDoc, createWorkflowWorld, expectOk, idleCard, multipart, SALE, type WorkflowWorld } from '../../testing/world.ts';

// A small PDF and a one-pixel PNG: the upload checks the bytes, not the declared type.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

describe('a document’s attachments and its comment thread', () => {
  let t: TestApp;
  let w: WorkflowWorld;
  let staff: Client, admin: Client, admin2: Client, u02: Client, auditor: Client;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorkflowWorld(t.database);
    w.users['u01-admin2'] = await insertUser(t.database.db, 'u01-admin2', TEST_PASSWORD, [{ role: 'unit_admin', unitId: w.u01 }]);
    [staff, admin, admin2, u02, auditor] = await Promise.all(
      ['u01-staff', 'u01-admin', 'u01-admin2', 'u02-admin', 'auditor'].map((u) => t.as(u)),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  const attach = (c: Client, id: string, file: Buffer, name: string, kind = 'appraisal') => {
    const { body, headers } = multipart(file, name);
    return c.request('POST', `/api/documents/${id}/attachments?kind=${kind}`, body, headers);
  };
  const attachments = async (c: Client, id: string) => (await c.get(`/api/documents/${id}/attachments`)).json();
  const detail = async (c: Client, id: string) => (await c.get(`/api/documents/${id}`)).json();
  const requisition = async (c: Client) =>
    createDoc(c, {
      type: 'requisition',
      payload: { departmentId: w.u01Dept, custodianId: w.u01Staff },
      lines: [{ cardId: (await idleCard(t.database, w)).id }],
    });

  it('keeps a disposal’s appraisal report once submitted: removable in the draft, kept after submission and after 撤回', async () => {
    const id = await createDoc(admin, { type: 'disposal', payload: SALE, lines: [{ cardId: (await idleCard(t.database, w)).id }] });
    const report = await attach(admin, id, PDF, '资产评估报告.pdf');
    expect(report.statusCode).toBe(201);
    const quote = await attach(admin, id, PNG, 'quote.png', 'quote');
    expect(quote.statusCode).toBe(201);
    expect((await attach(admin, id, Buffer.from('MZ not a document'), 'a.exe')).statusCode).toBe(400);
    await expectOk(admin.delete(`/api/documents/${id}/attachments/${quote.json().id}`));
    const draft = await attachments(admin, id);
    expect(draft).toMatchObject({
      canAdd: true,
      items: [{ kind: 'appraisal', fileName: '资产评估报告.pdf', size: PDF.length, kept: false, removable: true }],
    });

    await expectOk(admin.post(`/api/documents/${id}/submit`));
    const submitted = await attachments(admin, id);
    expect(submitted).toMatchObject({ canAdd: false, items: [{ kept: true, removable: false }] });
    expect((await admin.delete(`/api/documents/${id}/attachments/${report.json().id}`)).statusCode).toBe(409);
    expect((await attach(admin, id, PNG, 'late.png')).statusCode).toBe(409);

    // 撤回 makes it a draft again; what the approvers could see stays on file.
    await expectOk(admin.post(`/api/documents/${id}/withdraw`, {}));
    const back = await attachments(admin, id);
    expect(back).toMatchObject({ canAdd: true, items: [{ kept: true, removable: false }] });
    const del = await admin.delete(`/api/documents/${id}/attachments/${report.json().id}`);
    expect(del.json()).toMatchObject({ error: 'conflict', message: '附件已随单据提交，不能删除' });

    const file = await admin.get(`/api/documents/${id}/attachments/${report.json().id}`);
    expect({ status: file.statusCode, type: file.headers['content-type'], bytes: file.rawPayload.equals(PDF) }).toEqual({
      status: 200,
      type: 'application/pdf',
      bytes: true,
    });
    expect(
      (await detail(admin, id)).events
        .filter((e: { type: string }) => e.type.startsWith('attachment'))
        .map((e: { type: string; note: string }) => [e.type, e.note]),
    ).toEqual([
      ['attachment_added', '附件：资产评估报告.pdf'],
      ['attachment_added', '附件：quote.png'],
      ['attachment_removed', '附件：quote.png'],
    ]);
  });

  it('shows another unit neither the attachments nor the comments, and lets no reader change them', async () => {
    const id = await requisition(staff);
    const added = (await attach(staff, id, PDF, 'a.pdf', 'other')).json();
    await expectOk(staff.post(`/api/documents/${id}/submit`));
    expect((await u02.get(`/api/documents/${id}/attachments`)).statusCode).toBe(404);
    expect((await u02.get(`/api/documents/${id}/attachments/${added.id}`)).statusCode).toBe(404);
    expect((await u02.get(`/api/documents/${id}/comments`)).statusCode).toBe(404);
    expect((await u02.post(`/api/documents/${id}/comments`, { body: '看看' })).statusCode).toBe(404);
    expect((await auditor.get(`/api/documents/${id}/attachments`)).json().items).toHaveLength(1);
    expect((await auditor.post(`/api/documents/${id}/comments`, { body: '审计意见' })).statusCode).toBe(403);
  });

  it('counts adding an attachment as changing the document: who attached to a colleague’s draft does not approve it', async () => {
    const id = await requisition(staff);
    await expectOk(attach(admin2, id, PDF, '说明.pdf', 'other'), 201);
    await expectOk(staff.post(`/api/documents/${id}/submit`));
    const res = await admin2.post(`/api/documents/${id}/approve`, {});
    expect(res.json()).toMatchObject({ error: 'rule_violation', message: '修改过单据内容的人不能审批该单据' });
    await expectOk(admin.post(`/api/documents/${id}/approve`, {}));
  });

  it('keeps a comment thread between applicant and approver, in order, told to the other side, never edited', async () => {
    const id = await requisition(staff);
    await expectOk(staff.post(`/api/documents/${id}/submit`));
    const bell = async (c: Client) =>
      (await c.get('/api/notifications'))
        .json()
        .items.filter((n: { event: string; link: string }) => n.event === 'document_commented' && n.link === `/documents/${id}`);
    await expectOk(admin.post(`/api/documents/${id}/comments`, { body: '请说明领用人岗位' }), 201);
    expect(await bell(staff)).toHaveLength(1);
    expect(await bell(admin)).toHaveLength(0);
    await expectOk(staff.post(`/api/documents/${id}/comments`, { body: '  新入职的设计岗  ' }), 201);
    expect(await bell(admin)).toHaveLength(1);
    expect((await staff.post(`/api/documents/${id}/comments`, { body: '   ' })).statusCode).toBe(400);

    const thread = (await staff.get(`/api/documents/${id}/comments`)).json().items;
    expect(thread.map((c: { authorName: string; body: string; mine: boolean }) => [c.authorName, c.body, c.mine])).toEqual([
      ['u01-admin（测试）', '请说明领用人岗位', false],
      ['u01-staff（测试）', '新入职的设计岗', true],
    ]);
    expect((await staff.request('PUT', `/api/documents/${id}/comments`, { body: 'x' })).statusCode).toBe(404);
    // A comment is not a decision: the step still waits, and the approver may still take it.
    expect((await detail(admin, id)).steps[0].state).toBe('pending');
    await expectOk(admin.post(`/api/documents/${id}/approve`, {}));
    expect((await detail(staff, id)).events.filter((e: { type: string }) => e.type === 'commented')).toHaveLength(2);
  });
});
