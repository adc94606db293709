import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workspace } from '../../../shared/desk.contracts.ts';
import { query, queryOne } from '../../platform/db/engine.ts';
import { createTestApp, TEST_PASSWORD, type Client, type TestApp } from '../../testing/test-app.ts';
import { insertUser } from '../../testing/walker-users.ts';
import { createWorkflowWorld, eventsOf, inUseCard, type WorkflowWorld } from '../../testing/world.ts';

// A one-pixel PNG, as the phone sends a photo.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('自助 from the card QR page', () => {
  let t: TestApp;
  let w: WorkflowWorld;
  let custodian: Client, colleague: Client, admin: Client, admin2: Client;
  let card: string, card2: string;
  const tiles = async (c: Client) => {
    const ws: Workspace = (await c.get('/api/workspace')).json();
    return Object.fromEntries(ws.unitTodos.map((x) => [x.key, x.count]));
  };
  const reportsCount = async () => (await queryOne<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM card_reports`))!.n;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorkflowWorld(t.database);
    // u01-staff is 张伟 (w.u01Staff), the custodian of the cards; u01-staff2 is a colleague.
    await t.database.db.execute(sql`UPDATE users SET staff_id = ${w.u01Staff} WHERE id = ${w.users['u01-staff']}`);
    await insertUser(t.database.db, 'u01-staff2', TEST_PASSWORD, [{ role: 'staff', unitId: w.u01 }]);
    card = (await inUseCard(t.database, w, { serialNo: 'Q-1' })).id;
    card2 = (await inUseCard(t.database, w, { serialNo: 'Q-2' })).id;
    [custodian, colleague, admin, admin2] = await Promise.all(['u01-staff', 'u01-staff2', 'u01-admin', 'u02-admin'].map((u) => t.as(u)));
  });
  afterAll(async () => {
    await t.close();
  });

  it('offers the custodian and the unit administrator the actions, and others the read-only page', async () => {
    expect((await custodian.get(`/api/cards/${card}/self-service`)).json()).toMatchObject({ mayAct: true, asCustodian: true });
    expect((await admin.get(`/api/cards/${card}/self-service`)).json()).toMatchObject({ mayAct: true, asCustodian: false });
    expect((await colleague.get(`/api/cards/${card}/self-service`)).json()).toMatchObject({ mayAct: false, reports: [] });
    expect((await admin2.get(`/api/cards/${card}/self-service`)).statusCode).toBe(404);
    const before = await reportsCount();
    expect((await colleague.post(`/api/cards/${card}/fault-reports`, { note: '屏幕不亮' })).statusCode).toBe(403);
    expect((await colleague.post(`/api/cards/${card}/whereabouts`, { here: false })).statusCode).toBe(403);
    expect((await admin2.post(`/api/cards/${card}/fault-reports`, { note: '屏幕不亮' })).statusCode).toBe(404);
    expect(await reportsCount()).toBe(before);
  });

  it('takes a fault with its photo into the ledger, and the administrator turns it into a 维修 document from the workspace', async () => {
    const res = await custodian.post(`/api/cards/${card}/fault-reports`, {
      note: '开机无显示',
      photo: { contentType: 'image/png', base64: PNG },
    });
    expect(res.statusCode, res.body).toBe(201);
    const reportId = res.json().id;
    expect((await eventsOf(t.database, card)).at(-1)).toMatchObject({
      type: 'fault_reported',
      note: '报修（扫码自助）；开机无显示；附照片',
    });
    expect(await tiles(admin)).toMatchObject({ selfReportedFaults: 1, notInHand: 0 });
    expect(await tiles(admin2)).toMatchObject({ selfReportedFaults: 0 });
    const list = (await admin.get('/api/card-reports?kind=fault&status=open')).json();
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({
      id: reportId,
      cardId: card,
      note: '开机无显示',
      hasPhoto: true,
      reporterName: expect.any(String),
    });
    const photo = await admin.get(`/api/card-reports/${reportId}/photo`);
    expect([photo.statusCode, photo.headers['content-type'], photo.rawPayload.equals(Buffer.from(PNG, 'base64'))]).toEqual([
      200,
      'image/png',
      true,
    ]);
    expect((await admin2.get(`/api/card-reports/${reportId}/photo`)).statusCode).toBe(404);

    expect((await admin2.post(`/api/card-reports/${reportId}/maintenance`, { vendor: '某维修公司' })).statusCode).toBe(404);
    const m = await admin.post(`/api/card-reports/${reportId}/maintenance`, { vendor: '某维修公司' });
    expect(m.statusCode, m.body).toBe(201);
    const doc = (await admin.get(`/api/documents/${m.json().documentId}`)).json();
    expect({ type: doc.type, status: doc.status, vendor: doc.payload.vendor, note: doc.payload.note, card: doc.lines[0].cardId }).toEqual({
      type: 'maintenance',
      status: 'draft',
      vendor: '某维修公司',
      note: '开机无显示',
      card,
    });
    expect(await tiles(admin)).toMatchObject({ selfReportedFaults: 0 });
    expect((await admin.post(`/api/card-reports/${reportId}/maintenance`, { vendor: '某维修公司' })).statusCode).toBe(409);
  });

  it('records 在我这里 in the ledger, and makes 不在我这里 a to-do until the administrator closes it', async () => {
    expect((await custodian.post(`/api/cards/${card2}/whereabouts`, { here: true })).statusCode).toBe(201);
    expect((await eventsOf(t.database, card2)).at(-1)).toMatchObject({ type: 'custody_confirmed', note: '确认在我这里（扫码自助）' });
    expect(await tiles(admin)).toMatchObject({ notInHand: 0 });
    const res = await custodian.post(`/api/cards/${card2}/whereabouts`, { here: false, note: '借给了王五' });
    expect(res.statusCode).toBe(201);
    expect((await eventsOf(t.database, card2)).at(-1)).toMatchObject({
      type: 'custody_denied',
      note: '报告不在我这里（扫码自助）；借给了王五',
    });
    expect(await tiles(admin)).toMatchObject({ notInHand: 1 });
    expect((await admin.post(`/api/card-reports/${res.json().id}/close`, { note: '已找回' })).statusCode).toBe(200);
    expect(await tiles(admin)).toMatchObject({ notInHand: 0 });
  });

  it('submits the custodian’s 退库 request to the administrator, with its document in the ledger', async () => {
    const res = await custodian.post(`/api/cards/${card2}/return-request`, { note: '不再使用' });
    expect(res.statusCode, res.body).toBe(201);
    const { documentId, docNo } = res.json();
    const doc = (await admin.get(`/api/documents/${documentId}`)).json();
    expect({ type: doc.type, status: doc.status, card: doc.lines[0].cardId }).toEqual({ type: 'return', status: 'submitted', card: card2 });
    const inbox = (await admin.get('/api/inbox')).json();
    expect(inbox.items.map((d: { id: string }) => d.id)).toContain(documentId);
    const [last] = (await eventsOf(t.database, card2)).slice(-1);
    expect(last).toMatchObject({ type: 'return_requested', document_id: documentId, note: `申请退库（扫码自助）；${docNo}；不再使用` });
    // Once in an open document, a second request is refused.
    expect((await custodian.post(`/api/cards/${card2}/return-request`, {})).statusCode).toBe(409);
    const rows = await query<{ n: number }>(t.database.db, sql`SELECT count(*)::int AS n FROM documents WHERE type = 'return'`);
    expect(rows[0].n).toBe(1);
  });
});
