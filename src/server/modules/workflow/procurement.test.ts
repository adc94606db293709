import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { cardOf, createDoc, createWorkflowWorld, eventsOf, expectOk, idleCard, type WorkflowWorld } from '../../testing/world.ts';
import { businessToday } from '../../platform/clock.ts';

describe('configuration request → procurement → acceptance → posting', () => {
  let t: TestApp;
  let w: WorkflowWorld;
  let admin: Client, leader: Client, finance: Client, officer: Client, bureau: Client, u02admin: Client;
  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorkflowWorld(t.database);
    [admin, leader, finance, officer, bureau, u02admin] = await Promise.all(
      ['u01-admin', 'u01-leader', 'u01-finance', 'officer', 'finance', 'u02-admin'].map((u) => t.as(u)),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  const desktopLine = (over: Record<string, unknown> = {}) => ({
    categoryId: w.cat.desktop,
    name: '台式计算机',
    spec: 'i5/16G/512G',
    quantity: 2,
    unitPriceFen: 600_000,
    budgetLine: '办公设备购置费',
    ...over,
  });

  it('ships the central standards', async () => {
    const items = (await admin.get('/api/standards')).json().items;
    expect(items.find((s: { code: string }) => s.code === 'desktop')).toMatchObject({
      jurisdiction: 'central',
      capFen: 500_000,
      minLifeMonths: 72,
      quota: { kind: 'per_staff', ratio: 1 },
    });
    expect(items.length).toBeGreaterThanOrEqual(13);
  });

  it('checks a line as it is typed: over the price cap and over the quota, with the rule and figures', async () => {
    const res = await admin.post('/api/config-requests/check', { lines: [desktopLine({ quantity: 5 })] });
    expect(res.statusCode, res.body).toBe(200);
    const [line] = res.json().lines;
    expect(line.standardCode).toBe('desktop');
    const rules = Object.fromEntries(line.findings.map((f: { rule: string; figures: unknown }) => [f.rule, f.figures]));
    expect(rules.price_cap).toEqual({ priceFen: 600_000, capFen: 500_000 });
    expect(rules.quota).toMatchObject({ headcount: 3, allowed: 3, requested: 5 });
  });

  it('flags replacing an asset before its minimum life', async () => {
    const young = await idleCard(t.database, w, {
      acquiredOn: '2024-06-01',
      postedOn: '2024-06-02',
      status: 'in_use',
      useMode: 'self_use',
    });
    const res = await admin.post('/api/config-requests/check', {
      lines: [desktopLine({ quantity: 1, unitPriceFen: 400_000, replacesCardId: young.id })],
    });
    const f = res.json().lines[0].findings.find((x: { rule: string }) => x.rule === 'min_life');
    expect(f.figures).toMatchObject({ acquiredOn: '2024-06-01', minLifeMonths: 72, earliest: '2030-06-01' });
  });

  let requestId: string;
  let idleId: string;

  it('offers matching idle cards of any unit first; submitting needs them declined with a reason, and over-standard lines a reason', async () => {
    idleId = (await idleCard(t.database, w, { unitId: w.u02, usingDepartmentId: null, roomId: null })).id;
    const check = (await admin.post('/api/config-requests/check', { lines: [desktopLine()] })).json();
    expect(check.lines[0].idleOffers.map((o: { cardId: string }) => o.cardId)).toContain(idleId);
    requestId = await createDoc(admin, { type: 'config_request', payload: {}, lines: [desktopLine()] });
    const res = await admin.post(`/api/documents/${requestId}/submit`);
    expect(res.statusCode).toBe(400);
    expect(res.json().fields['lines.0.reason']).toMatch(/价格上限/);
    expect(res.json().fields['lines.0.declinedIdle']).toMatch(/闲置/);
    const declined = check.lines[0].idleOffers.map((o: { cardId: string }) => ({ cardId: o.cardId, reason: '配置不满足制图需要' }));
    await expectOk(
      admin.put(`/api/documents/${requestId}`, {
        type: 'config_request',
        payload: {},
        lines: [desktopLine({ reason: '设计岗位需高配置', declinedIdle: declined })],
      }),
    );
    await expectOk(admin.post(`/api/documents/${requestId}/submit`));
    const detail = (await admin.get(`/api/documents/${requestId}`)).json();
    expect(detail.steps.map((s: { role: string; special: boolean }) => [s.role, s.special])).toEqual([
      ['unit_leader', false],
      ['asset_office', false],
      ['finance_bureau', true],
    ]);
    expect(detail.lines[0].details.findings.length).toBeGreaterThan(0);
    await expectOk(leader.post(`/api/documents/${requestId}/approve`, {}));
    await expectOk(officer.post(`/api/documents/${requestId}/approve`, {}));
    await expectOk(bureau.post(`/api/documents/${requestId}/approve`, { comment: '同意超标准配置' }));
    expect((await admin.get(`/api/documents/${requestId}`)).json().status).toBe('approved');
  });

  let orderId: string;
  it('bundles approved request lines into a procurement order; executing it closes the request', async () => {
    expect((await admin.get('/api/procurement/lines')).statusCode).toBe(403);
    const lines = (await officer.get('/api/procurement/lines')).json().items;
    const mine = lines.find((l: { docNo: string; unitId: string }) => l.unitId === w.u01);
    expect(mine).toMatchObject({ quantity: 2, unitPriceFen: 600_000 });
    orderId = await createDoc(officer, {
      type: 'procurement',
      payload: { supplier: '某某科技有限公司', contractNo: 'HT-2026-001' },
      lines: [{ sourceLineId: mine.lineId, categoryId: mine.categoryId, name: mine.name, quantity: 2, unitPriceFen: 580_000 }],
    });
    expect((await officer.post(`/api/documents/${orderId}/submit`)).json().status).toBe('approved');
    await expectOk(officer.post(`/api/documents/${orderId}/execute`));
    expect((await admin.get(`/api/documents/${requestId}`)).json().status).toBe('executed');
    expect(
      (await officer.get('/api/procurement/lines')).json().items.find((l: { lineId: string }) => l.lineId === mine.lineId),
    ).toBeUndefined();
  });

  it('accepts the delivery into cards pending posting, linked to request, order and invoice; the unit finance posts them', async () => {
    const order = (await officer.get(`/api/documents/${orderId}`)).json();
    const acceptance = await createDoc(admin, {
      type: 'acceptance',
      payload: { orderId, acceptedOn: businessToday() },
      lines: [
        {
          sourceLineId: order.lines[0].id,
          categoryId: w.cat.desktop,
          name: '台式计算机',
          quantity: 2,
          unitPriceFen: 580_000,
          invoiceNo: 'FP-0001',
          // Over the ¥5,000 desktop cap: acceptance asks for the acknowledgement again, with its reason.
          standardAck: { reason: '经特别审批的超标准配置' },
        },
      ],
    });
    await expectOk(admin.post(`/api/documents/${acceptance}/submit`));
    await expectOk(admin.post(`/api/documents/${acceptance}/execute`));
    const detail = (await admin.get(`/api/documents/${acceptance}`)).json();
    const cardIds: string[] = detail.lines[0].details.cardIds;
    expect(cardIds).toHaveLength(2);
    expect(await cardOf(t.database, cardIds[0])).toMatchObject({ status: 'pending_posting', original_value_fen: 580_000, posted_on: null });
    expect(detail.can.post).toBe(false); // the asset admin is not the finance officer
    const posting = { postedOn: businessToday(), voucherNo: '记-2026-0188' };
    expect((await admin.post(`/api/documents/${acceptance}/post`, posting)).statusCode).toBe(403);
    expect((await u02admin.post(`/api/documents/${acceptance}/post`, posting)).statusCode).toBe(404);
    // The voucher is asked for; the invoice number is not it.
    const noVoucher = await finance.post(`/api/documents/${acceptance}/post`, { postedOn: businessToday() });
    expect(noVoucher.statusCode).toBe(400);
    expect(noVoucher.json().fields.voucherNo).toBeTruthy();
    expect(await cardOf(t.database, cardIds[0])).toMatchObject({ status: 'pending_posting', posted_on: null });
    expect((await finance.post(`/api/documents/${acceptance}/post`, posting)).json()).toEqual({ posted: 2, lateOf: null });
    expect(await cardOf(t.database, cardIds[1])).toMatchObject({
      status: 'in_use',
      posted_on: businessToday(),
      voucher_no: '记-2026-0188',
    });
    const events = await eventsOf(t.database, cardIds[0]);
    expect(events.map((e) => e.type)).toEqual(['created', 'posted']);
    expect(events[0].note).toMatch(/采购单 CG.*发票 FP-0001.*超配置标准（已确认）.*理由：经特别审批的超标准配置/);
    expect((await finance.post(`/api/documents/${acceptance}/post`, posting)).json().error).toBe('invalid_transition');
  });

  it('edits a standard with history (who, when, old → new, effective date); the new cap applies', async () => {
    await expectOk(officer.put('/api/standards/desktop', { capFen: 650_000, effectiveFrom: businessToday(), note: '本市标准' }));
    const std = (await admin.get('/api/standards')).json().items.find((s: { code: string }) => s.code === 'desktop');
    expect(std).toMatchObject({ jurisdiction: 'local', capFen: 650_000, updatedByName: 'officer（测试）' });
    const history = (await admin.get('/api/standards/desktop/history')).json().items;
    expect(history[0]).toMatchObject({
      field: 'capFen',
      oldValue: 500_000,
      newValue: 650_000,
      effectiveFrom: businessToday(),
      changedByName: 'officer（测试）',
    });
    const check = (await admin.post('/api/config-requests/check', { lines: [desktopLine({ quantity: 1 })] })).json();
    expect(check.lines[0].findings.map((f: { rule: string }) => f.rule)).not.toContain('price_cap');
  });

  it('lets the committee edit a chain; later submissions follow it', async () => {
    await expectOk(
      officer.put('/api/chains/maintenance', {
        steps: [{ role: 'unit_leader', scope: 'applicant_unit', label: '单位负责人确认', condition: {} }],
      }),
    );
    const chains = (await admin.get('/api/chains')).json().items;
    expect(chains.find((c: { documentType: string }) => c.documentType === 'maintenance')).toMatchObject({
      updatedByName: 'officer（测试）',
      steps: [{ role: 'unit_leader', label: '单位负责人确认' }],
    });
    const bad = await officer.put('/api/chains/disposal', {
      steps: [{ role: 'unit_leader', scope: 'committee', label: 'x', condition: {} }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields['steps.0.role']).toBeTruthy();
  });
});
