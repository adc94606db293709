import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { registerCardsBulk, type CardDraft } from '../assets/index.ts';
import { changeCard } from '../assets/index.ts';
import {
  cardOf,
  createDoc,
  createWorkflowWorld,
  eventsOf,
  expectOk,
  idleCard,
  inUseCard,
  type WorkflowWorld,
  SALE,
} from '../../testing/world.ts';

describe('lifecycle documents', () => {
  let t: TestApp;
  let w: WorkflowWorld;
  let admin: Client,
    staff: Client,
    leader: Client,
    finance: Client,
    u02admin: Client,
    u02leader: Client,
    officer: Client,
    _officer2: Client,
    bureau: Client,
    dual: Client,
    auditor: Client;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorkflowWorld(t.database);
    [admin, staff, leader, finance, u02admin, u02leader, officer, _officer2, bureau, dual, auditor] = await Promise.all(
      [
        'u01-admin',
        'u01-staff',
        'u01-leader',
        'u01-finance',
        'u02-admin',
        'u02-leader',
        'officer',
        'officer2',
        'finance',
        'dual',
        'auditor',
      ].map((u) => t.as(u)),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  const requisition = (cardId: string) => ({
    type: 'requisition' as const,
    payload: { departmentId: w.u01Dept, custodianId: w.u01Staff },
    lines: [{ cardId }],
  });

  it('requisitions an idle card: draft, submit, approve, execute; the card timeline names document, approver and executor', async () => {
    const card = await idleCard(t.database, w);
    const id = await createDoc(staff, requisition(card.id));
    expect((await staff.post(`/api/documents/${id}/submit`)).json()).toEqual({ status: 'submitted' });
    expect((await admin.get('/api/inbox/count')).json().count).toBeGreaterThanOrEqual(1);
    expect((await admin.get('/api/inbox')).json().items.map((d: { id: string }) => d.id)).toContain(id);
    await expectOk(admin.post(`/api/documents/${id}/approve`, { comment: '同意' }));
    expect((await admin.get('/api/inbox')).json().items.map((d: { id: string }) => d.id)).not.toContain(id);
    await expectOk(admin.post(`/api/documents/${id}/execute`));
    const after = await cardOf(t.database, card.id);
    expect(after).toMatchObject({ status: 'in_use', custodian_id: w.u01Staff });
    const events = await eventsOf(t.database, card.id);
    expect(events.at(-1)).toMatchObject({ type: 'requisitioned', document_id: id });
    expect(events.at(-1)!.note).toMatch(/审批：u01-admin（测试）.*执行：u01-admin（测试）/);
    const detail = (await staff.get(`/api/documents/${id}`)).json();
    expect(detail.status).toBe('executed');
    expect(detail.events.map((e: { type: string }) => e.type)).toEqual(['created', 'submitted', 'approved', 'executed']);
    expect(detail.steps[0]).toMatchObject({ state: 'approved', decidedByName: 'u01-admin（测试）', comment: '同意' });
  });

  it('refuses a requisition of a card that is not idle, naming the status', async () => {
    const card = await inUseCard(t.database, w);
    const res = await staff.post('/api/documents', requisition(card.id));
    expect(res.statusCode).toBe(400);
    expect(res.json().fields['lines.0.cardId']).toMatch(/在用/);
  });

  it('refuses a second open document on the same card, naming the first', async () => {
    const card = await idleCard(t.database, w);
    const first = await createDoc(staff, requisition(card.id));
    const res = await admin.post('/api/documents', { type: 'disposal', payload: SALE, lines: [{ cardId: card.id }] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('busy');
    const [{ doc_no }] = await query<{ doc_no: string }>(t.database.db, sql`SELECT doc_no FROM documents WHERE id = ${first}`);
    expect(res.json().message).toContain(doc_no);
    // Cancelling the first frees the card.
    await expectOk(staff.post(`/api/documents/${first}/cancel`, {}));
    expect((await admin.post('/api/documents', { type: 'disposal', payload: SALE, lines: [{ cardId: card.id }] })).statusCode).toBe(201);
  });

  it('lets exactly one of 20 parallel requisitions of one card win; the others get a clear refusal', async () => {
    const card = await idleCard(t.database, w);
    const results = await Promise.all(Array.from({ length: 20 }, () => staff.post('/api/documents', requisition(card.id))));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    for (const r of results.filter((x) => x.statusCode === 409)) {
      expect(r.json()).toMatchObject({ error: 'busy', message: expect.stringContaining(card.cardNo) });
    }
    const [{ n }] = await query<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM document_lines WHERE card_id = ${card.id} AND open`,
    );
    expect(n).toBe(1);
  });

  it('refuses to execute a document whose card changed after submission, and changes nothing (all or nothing)', async () => {
    const a = await inUseCard(t.database, w);
    const b = await inUseCard(t.database, w);
    const id = await createDoc(staff, { type: 'return', payload: {}, lines: [{ cardId: a.id }, { cardId: b.id }] });
    await expectOk(staff.post(`/api/documents/${id}/submit`));
    await expectOk(admin.post(`/api/documents/${id}/approve`, {}));
    // Another change to card b after submission (a direct edit through the card service).
    await withTx(t.database.db, (tx) =>
      changeCard(tx, { userId: w.users['u01-admin'] }, b.id, { set: { spec: '已更换' }, eventType: 'edited' }),
    );
    const before = await Promise.all([eventsOf(t.database, a.id), eventsOf(t.database, b.id)]);
    const res = await admin.post(`/api/documents/${id}/execute`);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ error: 'stale', message: expect.stringContaining(b.cardNo) });
    expect(res.json().message).not.toContain(a.cardNo);
    expect((await cardOf(t.database, a.id)).status).toBe('in_use');
    expect((await cardOf(t.database, b.id)).status).toBe('in_use');
    const after = await Promise.all([eventsOf(t.database, a.id), eventsOf(t.database, b.id)]);
    expect(after.map((e) => e.length)).toEqual(before.map((e) => e.length));
    expect((await admin.get(`/api/documents/${id}`)).json().status).toBe('approved');
  });

  it('refuses self-approval and a second step by the same person', async () => {
    const card = await inUseCard(t.database, w, { originalValueFen: 15_000_000 });
    const id = await createDoc(admin, {
      type: 'disposal',
      payload: { ...SALE, incomeFen: 100_00 },
      lines: [{ cardId: card.id }],
    });
    await expectOk(admin.post(`/api/documents/${id}/submit`));
    const steps = (await admin.get(`/api/documents/${id}`)).json().steps;
    expect(steps.map((s: { role: string }) => s.role)).toEqual(['unit_leader', 'asset_office']);
    await expectOk(dual.post(`/api/documents/${id}/approve`, {}));
    const second = await dual.post(`/api/documents/${id}/approve`, {});
    expect(second.statusCode).toBe(422);
    expect(second.json().message).toMatch(/同一人只能审批同一单据的一个环节/);
    expect((await dual.get('/api/inbox')).json().items.map((d: { id: string }) => d.id)).not.toContain(id);
    // An officer who submitted a document cannot approve it.
    const own = await inUseCard(t.database, w, { originalValueFen: 30_000_000 });
    const ownDoc = await createDoc(officer, {
      type: 'disposal',
      unitId: w.u01,
      payload: SALE,
      lines: [{ cardId: own.id }],
    });
    await expectOk(officer.post(`/api/documents/${ownDoc}/submit`));
    await expectOk(leader.post(`/api/documents/${ownDoc}/approve`, {}));
    const self = await officer.post(`/api/documents/${ownDoc}/approve`, {});
    expect(self.statusCode).toBe(422);
    expect(self.json().message).toMatch(/本人/);
    // Whoever submits a colleague's draft cannot approve it either: the unit's only asset
    // administrator submitting it would leave its step with no one, so the submission is refused.
    const c = await idleCard(t.database, w);
    const drafted = await createDoc(staff, requisition(c.id));
    const submitted = await admin.post(`/api/documents/${drafted}/submit`);
    expect(submitted.statusCode).toBe(422);
    expect(submitted.json().message).toMatch(/^审批环节「单位资产管理员审批」没有可审批的人/);
  });

  it('routes a disposal by value: below the unit threshold only the leader; above it the committee; above ¥1,000,000 the finance bureau', async () => {
    const small = await inUseCard(t.database, w, { originalValueFen: 500_000 });
    const mid = await inUseCard(t.database, w, { originalValueFen: 12_000_000 });
    const big = await inUseCard(t.database, w, { originalValueFen: 120_000_000 });
    const chainOf = async (cardId: string) => {
      const id = await createDoc(admin, { type: 'disposal', payload: SALE, lines: [{ cardId }] });
      await expectOk(admin.post(`/api/documents/${id}/submit`));
      return { id, roles: (await admin.get(`/api/documents/${id}`)).json().steps.map((s: { role: string }) => s.role) };
    };
    expect((await chainOf(small.id)).roles).toEqual(['unit_leader']);
    expect((await chainOf(mid.id)).roles).toEqual(['unit_leader', 'asset_office']);
    const b = await chainOf(big.id);
    expect(b.roles).toEqual(['unit_leader', 'asset_office', 'finance_bureau']);
    await expectOk(leader.post(`/api/documents/${b.id}/approve`, { stepNo: 1 }));
    // An approver who still sees step 1 (decided meanwhile) is told so instead of deciding step 2.
    expect((await officer.post(`/api/documents/${b.id}/approve`, { stepNo: 1 })).json().error).toBe('stale');
    expect((await officer.get('/api/inbox')).json().items.map((d: { id: string }) => d.id)).toContain(b.id);
    await expectOk(officer.post(`/api/documents/${b.id}/approve`, {}));
    expect((await bureau.get('/api/inbox/count')).json().count).toBeGreaterThanOrEqual(1);
    await expectOk(bureau.post(`/api/documents/${b.id}/approve`, { comment: '同意处置' }));
    await expectOk(admin.post(`/api/documents/${b.id}/execute`));
    expect(await cardOf(t.database, big.id)).toMatchObject({ status: 'disposed', disposal_method: 'sale' });
  });

  it('refuses to scrap a card before its minimum life unless an appraisal is attached', async () => {
    const young = await inUseCard(t.database, w, { acquiredOn: '2025-01-01', postedOn: '2025-01-02' });
    const id = await createDoc(admin, { type: 'disposal', payload: { disposalMethod: 'scrap' }, lines: [{ cardId: young.id }] });
    const res = await admin.post(`/api/documents/${id}/submit`);
    expect(res.statusCode).toBe(400);
    expect(res.json().fields['payload.appraisal']).toMatch(/未满最低使用年限/);
    await expectOk(
      admin.put(`/api/documents/${id}`, {
        type: 'disposal',
        payload: { disposalMethod: 'scrap', appraisal: '技术鉴定：屏幕损坏无法修复' },
        lines: [{ cardId: young.id }],
      }),
    );
    await expectOk(admin.post(`/api/documents/${id}/submit`));
  });

  it('transfers a card between units with both units and the committee approving; value and depreciation move with it', async () => {
    const card = await inUseCard(t.database, w, { originalValueFen: 800_000, accumulatedDepreciationFen: 200_000 });
    const id = await createDoc(admin, { type: 'transfer', counterpartUnitId: w.u02, payload: {}, lines: [{ cardId: card.id }] });
    // The receiving unit sees nothing while it is a draft.
    expect((await u02leader.get(`/api/documents/${id}`)).statusCode).toBe(404);
    await expectOk(admin.post(`/api/documents/${id}/submit`));
    expect((await admin.get(`/api/documents/${id}`)).json().steps.map((s: { scope: string }) => s.scope)).toEqual([
      'applicant_unit',
      'counterpart_unit',
      'committee',
    ]);
    // Not yet its step: the receiving leader cannot act.
    expect((await u02leader.post(`/api/documents/${id}/approve`, {})).statusCode).toBe(403);
    await expectOk(leader.post(`/api/documents/${id}/approve`, {}));
    expect((await u02leader.get('/api/inbox')).json().items.map((d: { id: string }) => d.id)).toContain(id);
    await expectOk(u02leader.post(`/api/documents/${id}/approve`, { comment: '同意调入' }));
    await expectOk(officer.post(`/api/documents/${id}/approve`, {}));
    // The receiving unit cannot execute the giver's document.
    expect((await u02admin.post(`/api/documents/${id}/execute`)).statusCode).toBe(403);
    await expectOk(admin.post(`/api/documents/${id}/execute`));
    expect(await cardOf(t.database, card.id)).toMatchObject({
      unit_id: w.u02,
      status: 'idle',
      original_value_fen: 800_000,
      accumulated_depreciation_fen: 200_000,
    });
    const events = await eventsOf(t.database, card.id);
    expect(events.slice(-2).map((e) => [e.type, e.unit_id])).toEqual([
      ['transferred_out', w.u01],
      ['transferred_in', w.u02],
    ]);
  });

  it("hides another unit's documents (404) and changes nothing when it tries to act", async () => {
    const card = await idleCard(t.database, w);
    const id = await createDoc(staff, requisition(card.id));
    for (const [method, url] of [
      ['GET', `/api/documents/${id}`],
      ['PUT', `/api/documents/${id}`],
      ['POST', `/api/documents/${id}/submit`],
      ['POST', `/api/documents/${id}/cancel`],
      ['POST', `/api/documents/${id}/execute`],
      ['POST', `/api/documents/${id}/post`],
      ['POST', `/api/documents/${id}/return-lending`],
    ] as const) {
      const body =
        method === 'PUT'
          ? requisition(card.id)
          : url.endsWith('return-lending')
            ? { returnedOn: '2026-01-01' }
            : url.endsWith('/post')
              ? { postedOn: '2026-01-01', voucherNo: '记-1' }
              : {};
      const res = await u02admin.request(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    await expectOk(staff.post(`/api/documents/${id}/submit`));
    expect((await u02leader.post(`/api/documents/${id}/approve`, {})).statusCode).toBe(404);
    expect((await u02leader.post(`/api/documents/${id}/reject`, { comment: 'x' })).statusCode).toBe(404);
    expect((await u02leader.post(`/api/documents/${id}/return`, { comment: 'x' })).statusCode).toBe(404);
    expect((await u02admin.get('/api/documents')).json().items.map((d: { id: string }) => d.id)).not.toContain(id);
    expect((await admin.get(`/api/documents/${id}`)).json().status).toBe('submitted');
    // Roles without the right get 403.
    expect((await auditor.post('/api/documents', requisition(card.id))).statusCode).toBe(403);
    expect((await staff.post(`/api/documents/${id}/approve`, {})).statusCode).toBe(403);
    expect((await staff.post(`/api/documents/${id}/execute`)).statusCode).toBe(403);
    expect((await admin.put('/api/chains/disposal', { steps: [] })).statusCode).toBe(403);
    expect((await admin.put('/api/standards/desktop', { capFen: 1, effectiveFrom: '2026-01-01' })).statusCode).toBe(403);
  });

  it('returns a document to the applicant, who edits and resubmits; a rejection frees the cards', async () => {
    const card = await idleCard(t.database, w);
    const id = await createDoc(staff, requisition(card.id));
    await expectOk(staff.post(`/api/documents/${id}/submit`));
    expect((await admin.post(`/api/documents/${id}/return`, {})).statusCode).toBe(400);
    await expectOk(admin.post(`/api/documents/${id}/return`, { comment: '请补充保管人' }));
    expect((await admin.post(`/api/documents/${id}/execute`)).json().error).toBe('invalid_transition');
    await expectOk(
      staff.put(`/api/documents/${id}`, { ...requisition(card.id), payload: { departmentId: w.u01Dept2, custodianId: w.u01Staff2 } }),
    );
    await expectOk(staff.post(`/api/documents/${id}/submit`));
    await expectOk(admin.post(`/api/documents/${id}/reject`, { comment: '暂不领用' }));
    expect((await staff.post(`/api/documents/${id}/submit`)).json().error).toBe('invalid_transition');
    expect((await admin.post('/api/documents', requisition(card.id))).statusCode).toBe(201);
  });

  it('lends a card with counterparty and period, flags it overdue, and brings it back', async () => {
    const card = await inUseCard(t.database, w);
    const id = await createDoc(admin, {
      type: 'lending',
      payload: { mode: 'lent', counterparty: '市档案馆', periodFrom: '2025-01-01', periodTo: '2025-02-01', incomeFen: 0 },
      lines: [{ cardId: card.id }],
    });
    await expectOk(admin.post(`/api/documents/${id}/submit`));
    await expectOk(leader.post(`/api/documents/${id}/approve`, {}));
    await expectOk(admin.post(`/api/documents/${id}/execute`));
    expect((await cardOf(t.database, card.id)).status).toBe('lent');
    expect((await admin.get('/api/lendings/overdue')).json().items.map((d: { id: string }) => d.id)).toContain(id);
    expect((await admin.get('/api/documents?type=lending')).json().items.find((d: { id: string }) => d.id === id).overdue).toBe(true);
    await expectOk(admin.post(`/api/documents/${id}/return-lending`, { returnedOn: '2025-02-03' }));
    expect((await cardOf(t.database, card.id)).status).toBe('in_use');
    expect((await eventsOf(t.database, card.id)).map((e) => e.type).slice(-2)).toEqual(['lent', 'lending_returned']);
  });

  it('sends a revaluation through finance review and records maintenance with vendor and cost', async () => {
    const card = await inUseCard(t.database, w, { originalValueFen: 400_000 });
    const id = await createDoc(staff, {
      type: 'change',
      payload: { changeKind: 'revaluation', newValueFen: 450_000 },
      lines: [{ cardId: card.id }],
    });
    await expectOk(staff.post(`/api/documents/${id}/submit`));
    expect((await admin.get(`/api/documents/${id}`)).json().steps.map((s: { role: string }) => s.role)).toEqual([
      'unit_admin',
      'unit_finance',
    ]);
    await expectOk(admin.post(`/api/documents/${id}/approve`, {}));
    await expectOk(finance.post(`/api/documents/${id}/approve`, {}));
    await expectOk(admin.post(`/api/documents/${id}/execute`));
    expect((await cardOf(t.database, card.id)).original_value_fen).toBe(450_000);
    const m = await createDoc(staff, {
      type: 'maintenance',
      payload: { vendor: '联想服务站', costFen: 35_000 },
      lines: [{ cardId: card.id }],
    });
    await expectOk(staff.post(`/api/documents/${m}/submit`));
    await expectOk(admin.post(`/api/documents/${m}/approve`, {}));
    await expectOk(admin.post(`/api/documents/${m}/execute`));
    const last = (await eventsOf(t.database, card.id)).at(-1)!;
    expect(last.type).toBe('repair_finished');
    expect(last.note).toMatch(/联想服务站.*350\.00/);
  });

  it('executes a batch document of 300 cards in one transaction, one ledger event per card', async () => {
    const draft: CardDraft = {
      name: '办公椅',
      categoryId: w.cat.desktop,
      spec: 'BATCH-300',
      brand: null,
      serialNo: null,
      quantity: 1,
      measureUnit: '把',
      originalValueFen: 80_000,
      accumulatedDepreciationFen: 0,
      fundingSource: null,
      acquisitionMethod: 'purchase',
      acquiredOn: '2020-01-01',
      postedOn: '2020-01-02',
      inUseOn: '2020-01-02',
      voucherNo: null,
      supplier: null,
      warrantyUntil: null,
      usefulLifeMonths: 180,
      depreciationMethod: 'straight_line',
      status: 'in_use',
      useMode: 'self_use',
      counterparty: null,
      usingDepartmentId: w.u01Dept,
      custodianId: w.u01Staff,
      roomId: null,
      attributes: {},
    };
    await withTx(t.database.db, (tx) =>
      registerCardsBulk(tx, {
        unitId: w.u01,
        drafts: Array.from({ length: 300 }, () => draft),
        documentId: crypto.randomUUID(),
        documentType: 'test',
        actorId: null,
      }),
    );
    const ids = (await query<{ id: string }>(t.database.db, sql`SELECT id FROM cards WHERE spec = 'BATCH-300'`)).map((r) => r.id);
    expect(ids).toHaveLength(300);
    const id = await createDoc(staff, { type: 'return', payload: {}, lines: ids.map((cardId) => ({ cardId })) });
    await expectOk(staff.post(`/api/documents/${id}/submit`));
    await expectOk(admin.post(`/api/documents/${id}/approve`, {}));
    await expectOk(admin.post(`/api/documents/${id}/execute`));
    const [counts] = await query<{ idle: number; events: number }>(
      t.database.db,
      sql`
      SELECT (SELECT count(*)::int FROM cards WHERE spec = 'BATCH-300' AND status = 'idle') AS idle,
             (SELECT count(*)::int FROM card_events WHERE document_id = ${id} AND type = 'returned') AS events`,
    );
    expect(counts).toEqual({ idle: 300, events: 300 });
    expect((await admin.get(`/api/documents/${id}`)).json().totalFen).toBe(300 * 80_000);
  });

  it('transfers within the unit: the department and custodian change, the card stays in use', async () => {
    const card = await inUseCard(t.database, w);
    const id = await createDoc(admin, {
      type: 'transfer',
      payload: { departmentId: w.u01Dept2, custodianId: w.u01Staff2 },
      lines: [{ cardId: card.id }],
    });
    await expectOk(admin.post(`/api/documents/${id}/submit`));
    expect((await admin.get(`/api/documents/${id}`)).json().steps.map((s: { scope: string }) => s.scope)).toEqual(['applicant_unit']);
    await expectOk(leader.post(`/api/documents/${id}/approve`, {}));
    await expectOk(admin.post(`/api/documents/${id}/execute`));
    expect(await cardOf(t.database, card.id)).toMatchObject({ status: 'in_use', unit_id: w.u01, custodian_id: w.u01Staff2 });
    expect((await eventsOf(t.database, card.id)).at(-1)!.type).toBe('handed_over');
  });
  it('gives a page of the list and of the inbox the total of every match, also past the last page', async () => {
    for (let i = 0; i < 3; i++) {
      const id = await createDoc(staff, requisition((await idleCard(t.database, w)).id));
      await expectOk(staff.post(`/api/documents/${id}/submit`));
    }
    const visible = await query<{ n: number }>(
      t.database.db,
      sql`SELECT count(*)::int AS n FROM documents WHERE unit_id = ${w.u01} OR (counterpart_unit_id = ${w.u01} AND status <> 'draft')`,
    );
    const all = visible[0].n;
    expect(all).toBeGreaterThanOrEqual(3);
    const first = (await admin.get('/api/documents?pageSize=2')).json();
    expect(first.total).toBe(all);
    expect(first.items).toHaveLength(2);
    const second = (await admin.get('/api/documents?pageSize=2&page=2')).json();
    expect(second.total).toBe(all);
    expect(second.items.map((d: { id: string }) => d.id)).not.toContain(first.items[0].id);
    const past = (await admin.get(`/api/documents?pageSize=2&page=${all + 5}`)).json();
    expect(past).toMatchObject({ items: [], total: all });
    const inbox = (await admin.get('/api/inbox?pageSize=1')).json();
    expect(inbox.total).toBe((await admin.get('/api/inbox/count')).json().count);
    expect(inbox.total).toBeGreaterThanOrEqual(3);
    expect((await admin.get(`/api/inbox?pageSize=1&page=${inbox.total + 3}`)).json()).toMatchObject({ items: [], total: inbox.total });
  });
});
