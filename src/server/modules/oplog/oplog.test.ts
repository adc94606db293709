import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { openOperation, runOperation } from '../../platform/oplog/oplog.context.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { createDoc, createWorkflowWorld, expectOk, idleCard, type WorkflowWorld } from '../../testing/world.ts';

interface Entry {
  userName: string;
  via: string;
  actingFor: string | null;
  unitId: string | null;
  objectType: string;
  objectId: string | null;
  objectLabel: string | null;
  action: string;
  changes: string | null;
}

describe('the operation log', () => {
  let t: TestApp;
  let w: WorkflowWorld;
  let staff: Client, admin: Client, admin2: Client, auditor: Client;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorkflowWorld(t.database);
    [staff, admin, admin2, auditor] = await Promise.all(['u01-staff', 'u01-admin', 'u02-admin', 'auditor'].map((u) => t.as(u)));
  });
  afterAll(async () => {
    await t.close();
  });

  const requisition = (cardId: string) => ({
    type: 'requisition' as const,
    payload: { departmentId: w.u01Dept, custodianId: w.u01Staff },
    lines: [{ cardId }],
  });
  const entriesOf = async (c: Client, qs: string): Promise<Entry[]> => {
    const res = await c.get(`/api/operation-log?pageSize=100&${qs}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items;
  };

  it('records who submitted and approved a document, its number and the status change in words, in the unit of the document', async () => {
    const card = await idleCard(t.database, w);
    const id = await createDoc(staff, requisition(card.id));
    await expectOk(staff.post(`/api/documents/${id}/submit`));
    await expectOk(admin.post(`/api/documents/${id}/approve`, {}));
    const [{ doc_no }] = await query<{ doc_no: string }>(t.database.db, sql`select doc_no from documents where id = ${id}`);
    const entries = (await entriesOf(auditor, `objectType=documents&objectId=${id}`)).reverse();
    expect(entries.map((e) => [e.userName, e.via, e.action, e.objectLabel, e.unitId, e.changes])).toEqual([
      ['u01-staff（测试）', 'web', 'created', doc_no, w.u01, '状态：无 → 草稿'],
      ['u01-staff（测试）', 'web', 'submitted', doc_no, w.u01, '状态：草稿 → 审批中；审批流程：单位资产管理员审批'],
      ['u01-admin（测试）', 'web', 'approved', doc_no, w.u01, '状态：审批中 → 已批准；单位资产管理员审批'],
    ]);
  });

  it('records a write through an API token with the token it acted through', async () => {
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
    const [e] = await entriesOf(auditor, `objectType=documents&objectId=${res.json().id}`);
    expect([e.userName, e.via, e.actingFor, e.action]).toEqual(['u01-staff（测试）', 'token', 'API 令牌「办公平台」', 'created']);
  });

  it('records a route that writes without describing itself, by its route, and a refused call not at all', async () => {
    const before = (await entriesOf(auditor, `userId=${w.users['u01-admin']}`)).length;
    const res = await admin.put('/api/auth/locale', { locale: 'en' });
    expect(res.statusCode, res.body).toBeLessThan(300);
    expect(await admin.put('/api/chains/requisition', {}).then((r) => r.statusCode)).toBe(403);
    const after = await entriesOf(auditor, `userId=${w.users['u01-admin']}`);
    expect(after.length).toBe(before + 1);
    expect([after[0].objectType, after[0].action, after[0].via]).toEqual(['auth', 'locale', 'web']);
  });

  it("records a job's or a command's writes as the person who started it, through it", async () => {
    const op = openOperation('job card-io.import', {
      userId: w.users['u01-admin'],
      userName: 'u01-admin（测试）',
      unitId: w.u01,
      via: 'job',
      actingFor: '任务「card-io.import」',
    });
    await runOperation(op, () => withTx(t.database.db, async (tx) => tx.execute(sql`select 1`)));
    const [e] = await entriesOf(auditor, `userId=${w.users['u01-admin']}`);
    expect([e.via, e.actingFor, e.objectType]).toEqual(['job', '任务「card-io.import」', 'card-io.import']);
  });

  it('refuses to change or remove an entry', async () => {
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => 'changed',
        (err: Error & { cause?: Error }) => (err.cause ?? err).message,
      );
    expect(await refusal(t.database.db.execute(sql`update operation_log set user_name = 'x'`))).toBe('operation_log is append-only');
    expect(await refusal(t.database.db.execute(sql`delete from operation_log`))).toBe('operation_log is append-only');
  });

  it("shows a unit's administrator their unit only, the auditor every unit, and staff nothing", async () => {
    const mine = await entriesOf(admin, '');
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((e) => e.unitId === w.u01)).toBe(true);
    expect((await entriesOf(admin2, '')).every((e) => e.unitId === w.u02)).toBe(true);
    expect((await entriesOf(admin2, `objectType=documents`)).length).toBe(0);
    expect((await staff.get('/api/operation-log')).statusCode).toBe(403);
    expect((await entriesOf(auditor, '')).some((e) => e.unitId === null)).toBe(true);
  });

  it('finds entries by business day in Asia/Shanghai, both ends included', async () => {
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() - 16 * 3600_000).toISOString().slice(0, 10);
    expect((await entriesOf(auditor, `from=${today}&to=${today}`)).length).toBeGreaterThan(3);
    expect((await entriesOf(auditor, `from=${yesterday}&to=${yesterday}`)).length).toBe(0);
  });

  it('exports the entries the filters match to Excel', async () => {
    const res = await auditor.get('/api/operation-log.xlsx?objectType=documents');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as never);
    const ws = wb.getWorksheet('操作日志')!;
    const n = (await entriesOf(auditor, 'objectType=documents')).length;
    expect(ws.rowCount).toBe(2 + n);
    expect(ws.getRow(2).getCell(2).value).toBe('操作人');
  });
});
