import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../platform/auth/password.ts';
import { query } from '../../platform/db/engine.ts';
import { verifyLedger } from '../audit/index.ts';
import { actorOfUser } from '../../platform/auth/actor.lookup.ts';
import { listListings } from './pool.queries.ts';
import { createTestApp, TEST_PASSWORD, type Client, type TestApp } from '../../testing/test-app.ts';
import { cardOf, createWorkflowWorld, eventsOf, idleCard, type WorkflowWorld } from '../../testing/world.ts';

describe('the idle pool: offer, find, request, the committee decides, the card moves', () => {
  let t: TestApp;
  let w: WorkflowWorld;
  let u03: string;
  let u01: Client, u02: Client, u03c: Client, officer: Client, officer2: Client, u01staff: Client;
  // u02's idle desktop (net 2,400.00 yuan), offered virtually; u01's printer offered physically.
  let desk: { id: string; cardNo: string };
  let printer: { id: string; cardNo: string };
  let deskListing: string;
  let printerListing: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = await createWorkflowWorld(t.database);
    const [{ id }] = await query<{ id: string }>(
      t.database.db,
      sql`INSERT INTO units (code, name) VALUES ('11003', '市教育局') RETURNING id`,
    );
    u03 = id;
    const hash = await hashPassword(TEST_PASSWORD);
    const [user] = await query<{ id: string }>(
      t.database.db,
      sql`INSERT INTO users (username, display_name, password_hash, unit_id) VALUES ('u03-admin', '教育局资产员', ${hash}, ${u03}) RETURNING id`,
    );
    await t.database.db.execute(sql`INSERT INTO role_assignments (user_id, role, unit_id) VALUES (${user.id}, 'unit_admin', ${u03})`);
    [u01, u02, u03c, officer, officer2, u01staff] = await Promise.all(
      ['u01-admin', 'u02-admin', 'u03-admin', 'officer', 'officer2', 'u01-staff'].map((u) => t.as(u)),
    );
    const d = await idleCard(t.database, w, {
      unitId: w.u02,
      name: '台式计算机 联想M720',
      roomId: w.u02Room,
      usingDepartmentId: null,
      originalValueFen: 600_000,
      accumulatedDepreciationFen: 360_000,
    });
    desk = { id: d.id, cardNo: d.cardNo };
    const p = await idleCard(t.database, w, { name: '激光打印机', originalValueFen: 150_000, roomId: w.u01Room });
    printer = { id: p.id, cardNo: p.cardNo };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists a card virtually: it stays with its unit, listed once', async () => {
    const res = await u02.post('/api/pool/listings', { cardIds: [desk.id], mode: 'virtual', reason: 'idle', condition: 'good' });
    expect(res.statusCode, res.body).toBe(201);
    deskListing = res.json().ids[0];
    expect((await cardOf(t.database, desk.id)).unit_id).toBe(w.u02);
    const again = await u02.post('/api/pool/listings', { cardIds: [desk.id], mode: 'virtual', reason: 'idle', condition: 'good' });
    expect(again.statusCode).toBe(409);
    expect(again.json().message).toBe(`资产 ${desk.cardNo} 已在公物仓中`);
  });

  it("refuses to list another unit's card (404), and staff may not offer at all (403)", async () => {
    const res = await u01.post('/api/pool/listings', { cardIds: [desk.id], mode: 'virtual', reason: 'idle', condition: 'good' });
    expect(res.statusCode).toBe(404);
    const staff = await u01staff.post('/api/pool/listings', { cardIds: [printer.id], mode: 'virtual', reason: 'idle', condition: 'good' });
    expect(staff.statusCode).toBe(403);
  });

  it("lists a card physically: the committee becomes its managing unit, with a handover on the card's ledger", async () => {
    const res = await u01.post('/api/pool/listings', {
      cardIds: [printer.id],
      mode: 'physical',
      reason: 'over_standard',
      condition: 'fair',
      note: '超标配置',
    });
    expect(res.statusCode, res.body).toBe(201);
    printerListing = res.json().ids[0];
    const [row] = await query<{ managing_unit_id: string; unit_id: string }>(
      t.database.db,
      sql`SELECT managing_unit_id, unit_id FROM cards WHERE id = ${printer.id}`,
    );
    expect(row).toEqual({ managing_unit_id: w.committee, unit_id: w.u01 });
    const events = await eventsOf(t.database, printer.id);
    expect(events.at(-1)).toMatchObject({ type: 'handed_over', note: '实物入公物仓，交管委会保管；经办：u01-admin（测试）' });
  });

  it('pages a fragment the same whether read from the few listings holding it or by walking the order', async () => {
    const reader = await actorOfUser(t.database.db, { username: 'u03-admin' });
    const page = async (q: string, sort: 'listedOn' | 'cardNo', fewHits: number) => {
      const res = await listListings(t.database.db, reader!, { page: 1, pageSize: 20, q, sort, order: 'asc' }, fewHits);
      return [res.total, ...res.items.map((i) => i.cardNo)];
    };
    const expected: Record<string, (string | number)[]> = {
      m720: [1, desk.cardNo],
      打印: [1, printer.cardNo],
      台式机: [2, ...[desk.cardNo, printer.cardNo].sort()],
      无此物: [0],
    };
    for (const [q, want] of Object.entries(expected)) {
      expect(await page(q, 'cardNo', 2000)).toEqual(want);
      expect(await page(q, 'cardNo', 0)).toEqual(want);
      expect(await page(q, 'listedOn', 2000)).toEqual(await page(q, 'listedOn', 0));
    }
  });

  it('shows the catalogue to every unit, searchable by a fragment, category, condition and location, without custodian data', async () => {
    const all = (await u03c.get('/api/pool/listings')).json();
    expect(all.total).toBe(2);
    expect(Object.keys(all.items[0])).not.toContain('custodianId');
    const byName = (await u03c.get(`/api/pool/listings?q=${encodeURIComponent('m720')}`)).json();
    expect(byName.items.map((i: { cardNo: string }) => i.cardNo)).toEqual([desk.cardNo]);
    expect(byName.items[0]).toMatchObject({
      unitName: '市财政局',
      netValueFen: 240_000,
      originalValueFen: 600_000,
      condition: 'good',
      mode: 'virtual',
      location: '第一集中办公区 1号楼 302',
      daysInPool: 0,
    });
    expect((await u03c.get(`/api/pool/listings?q=${encodeURIComponent('财政')}`)).json().total).toBe(1);
    expect((await u03c.get(`/api/pool/listings?q=${encodeURIComponent('台式机')}`)).json().total).toBe(2);
    const byCat = (await u03c.get(`/api/pool/listings?categoryId=${w.cat.computers}`)).json();
    expect(byCat.total).toBe(2);
    expect((await u03c.get('/api/pool/listings?condition=fair')).json().items.map((i: { cardNo: string }) => i.cardNo)).toEqual([
      printer.cardNo,
    ]);
    expect((await u03c.get(`/api/pool/listings?location=${encodeURIComponent('301')}`)).json().total).toBe(1);
    expect((await u02.get('/api/pool/listings?mine=true')).json().items.map((i: { cardNo: string }) => i.cardNo)).toEqual([desk.cardNo]);
    expect((await u03c.get(`/api/pool/listings/${deskListing}`)).statusCode).toBe(200);
  });

  it("refuses a unit's request for its own listing, and a second request by the same unit", async () => {
    const own = await u02.post(`/api/pool/listings/${deskListing}/requests`, { purpose: '自用' });
    expect(own.statusCode).toBe(422);
    const first = await u03c.post(`/api/pool/listings/${deskListing}/requests`, { purpose: '新进人员' });
    expect(first.statusCode, first.body).toBe(201);
    const second = await u03c.post(`/api/pool/listings/${deskListing}/requests`, { purpose: '再申请' });
    expect(second.statusCode).toBe(409);
    // Withdrawn, it frees the unit to ask again.
    expect((await u03c.post(`/api/pool/requests/${first.json().id}/withdraw`)).statusCode).toBe(200);
  });

  let r01: string;
  let r03: string;

  it("keeps each unit's requests to itself: another unit's request answers 404", async () => {
    r01 = (await u01.post(`/api/pool/listings/${deskListing}/requests`, { purpose: '新进人员办公' })).json().id;
    r03 = (await u03c.post(`/api/pool/listings/${deskListing}/requests`, { purpose: '教学办公' })).json().id;
    expect((await u03c.get(`/api/pool/requests/${r01}`)).statusCode).toBe(404);
    expect((await u03c.post(`/api/pool/requests/${r01}/withdraw`)).statusCode).toBe(404);
    expect((await u02.post(`/api/pool/listings/${printerListing}/withdraw`)).statusCode).toBe(404);
    const mine = (await u03c.get('/api/pool/requests')).json();
    expect(mine.items.map((r: { id: string; status: string }) => r.status).sort()).toEqual(['pending', 'withdrawn']);
    const committee = (await officer.get('/api/pool/requests?status=pending')).json();
    expect(committee.total).toBe(2);
    expect(committee.items[0].competing).toBe(1);
  });

  it('two committee approvals of competing requests at once: exactly one unit gets the card, the other is told', async () => {
    const [a, b] = await Promise.all([
      officer.post(`/api/pool/requests/${r01}/decide`, { approve: true }),
      officer2.post(`/api/pool/requests/${r03}/decide`, { approve: true, comment: '优先教学' }),
    ]);
    const codes = [a.statusCode, b.statusCode].sort();
    expect(codes, `${a.body} ${b.body}`).toEqual([200, 409]);
    const winner = a.statusCode === 200 ? { id: r01, unit: w.u01, loser: r03 } : { id: r03, unit: u03, loser: r01 };
    const lost = (a.statusCode === 409 ? a : b).json();
    expect(['该资产已调剂给其他单位', '该申请已处理']).toContain(lost.message);
    const card = await cardOf(t.database, desk.id);
    expect(card).toMatchObject({
      unit_id: winner.unit,
      status: 'idle',
      original_value_fen: 600_000,
      accumulated_depreciation_fen: 360_000,
    });
    const loser = (await officer.get(`/api/pool/requests/${winner.loser}`)).json();
    expect(loser.status).toBe('rejected');
    expect(loser.comment).toMatch(/^该资产已调剂给/);
    const approved = (await officer.get(`/api/pool/requests/${winner.id}`)).json();
    expect(approved).toMatchObject({ status: 'approved', listingStatus: 'reallocated', netValueFen: 240_000 });
    expect(approved.transferDocNo).toMatch(/^DB\d{10}$/);
    // One ledger across units: out of u02, into the winner, by the 调拨 document.
    const events = await eventsOf(t.database, desk.id);
    expect(events.slice(-2).map((e) => [e.type, e.unit_id, e.document_id])).toEqual([
      ['transferred_out', w.u02, approved.transferDocumentId],
      ['transferred_in', winner.unit, approved.transferDocumentId],
    ]);
    // The chain of hashes runs unbroken across the two units.
    const chain = await verifyLedger(t.database.db, { unitIds: [winner.unit] });
    expect({ ok: chain.ok, failedCards: chain.failedCards }).toEqual({ ok: true, failedCards: 0 });
    const doc = (await officer.get(`/api/documents/${approved.transferDocumentId}`)).json();
    expect(doc).toMatchObject({ type: 'transfer', status: 'executed', unitId: w.u02, counterpartUnitId: winner.unit });
    expect(doc.steps.map((s: { label: string; state: string }) => [s.label, s.state])).toEqual([['公物仓调剂审批', 'approved']]);
    expect((await u03c.get('/api/pool/listings')).json().total).toBe(1);
  });

  it('nobody approves their own request, and a unit cannot decide at all', async () => {
    const mine = (await officer.post(`/api/pool/listings/${printerListing}/requests`, { purpose: '管委会代申请', unitId: u03 })).json().id;
    const self = await officer.post(`/api/pool/requests/${mine}/decide`, { approve: true });
    expect(self.statusCode).toBe(403);
    expect((await u02.post(`/api/pool/requests/${mine}/decide`, { approve: true })).statusCode).toBe(403);
    const rejected = await officer2.post(`/api/pool/requests/${mine}/decide`, { approve: false, comment: '暂缓' });
    expect(rejected.json()).toEqual({ status: 'rejected' });
  });

  it('withdrawing a physical listing returns the card to its unit and closes pending requests', async () => {
    const req = (await u02.post(`/api/pool/listings/${printerListing}/requests`, { purpose: '打印' })).json().id;
    expect((await u01.post(`/api/pool/listings/${printerListing}/withdraw`)).statusCode).toBe(200);
    const [row] = await query<{ managing_unit_id: string }>(
      t.database.db,
      sql`SELECT managing_unit_id FROM cards WHERE id = ${printer.id}`,
    );
    expect(row.managing_unit_id).toBe(w.u01);
    expect((await u02.get(`/api/pool/requests/${req}`)).json()).toMatchObject({ status: 'rejected', comment: '入仓单位已撤回该资产' });
    expect((await u01.post(`/api/pool/listings/${printerListing}/withdraw`)).statusCode).toBe(409);
  });

  it('先调剂后购置: a configuration request for a pooled category shows the listing and cannot be submitted until it is requested or declined', async () => {
    const spare = await idleCard(t.database, w, { unitId: w.u02, name: '台式计算机 备用', roomId: null, usingDepartmentId: null });
    const listing = (
      await u02.post('/api/pool/listings', { cardIds: [spare.id], mode: 'virtual', reason: 'idle', condition: 'good' })
    ).json().ids[0];
    const line = { categoryId: w.cat.desktop, name: '台式计算机', quantity: 1, unitPriceFen: 400_000, reason: '新进人员岗位需要' };
    const offers = async () => (await u01.post('/api/config-requests/check', { lines: [line] })).json().lines[0].idleOffers;
    const pooled = (await offers()).find((o: { cardId: string }) => o.cardId === spare.id);
    expect(pooled).toMatchObject({ listingId: listing, requested: false, cardNo: spare.cardNo, unitName: '市财政局' });
    // The plain idle cards (not pooled) are declined with a reason from the list; the pooled one is left open.
    const others = (await offers()).filter((o: { listingId: string | null }) => !o.listingId);
    const draft = {
      type: 'config_request',
      payload: {},
      lines: [{ ...line, declinedIdle: others.map((o: { cardId: string }) => ({ cardId: o.cardId, reason: '规格型号不满足使用要求' })) }],
    };
    const id = (await u01.post('/api/documents', draft)).json().id;
    const refused = await u01.post(`/api/documents/${id}/submit`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields['lines.0.declinedIdle']).toBe(`有可调剂的闲置资产（${spare.cardNo}），请先调剂或说明不调剂的理由`);
    expect((await u01.post(`/api/pool/listings/${listing}/requests`, { purpose: '配置申请：先调剂后购置' })).statusCode).toBe(201);
    expect((await offers()).find((o: { cardId: string }) => o.cardId === spare.id).requested).toBe(true);
    const submitted = await u01.post(`/api/documents/${id}/submit`);
    expect(submitted.statusCode, submitted.body).toBe(200);
  });

  it('a listed card that a document outside the pool disposed of shows as unavailable, and approving a request for it is refused', async () => {
    const old = await idleCard(t.database, w, { name: '旧文件柜', roomId: null, usingDepartmentId: null });
    const listing = (await u01.post('/api/pool/listings', { cardIds: [old.id], mode: 'virtual', reason: 'idle', condition: 'fair' })).json()
      .ids[0];
    const req = (await u03c.post(`/api/pool/listings/${listing}/requests`, { purpose: '档案存放' })).json().id;
    // As a disposal document would leave it (the test stands in for the workflow module here).
    await t.database.db.execute(sql`UPDATE cards SET status = 'disposed' WHERE id = ${old.id}`);
    const shown = (await u03c.get(`/api/pool/listings?q=${encodeURIComponent('旧文件柜')}`)).json();
    expect(shown.items.map((i: { cardNo: string; available: boolean }) => [i.cardNo, i.available])).toEqual([[old.cardNo, false]]);
    const res = await officer.post(`/api/pool/requests/${req}/decide`, { approve: true });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toBe(`资产 ${old.cardNo} 入仓后已被调出或状态已变更，不能调剂，请入仓单位撤回`);
    expect((await u01.post(`/api/pool/listings/${listing}/withdraw`)).statusCode).toBe(200);
  });

  it('utilisation per unit: usage rate, idle cards, pool value given and taken, scoped to the unit', async () => {
    const res = await officer.get('/api/pool/utilisation?idleMonths=6');
    expect(res.statusCode, res.body).toBe(200);
    const rows = Object.fromEntries(res.json().items.map((r: { unitCode: string }) => [r.unitCode, r]));
    // u02 gave the desk (net 2,400.00) and holds only the spare desktop, idle and listed.
    expect(rows['11002']).toEqual({
      unitId: w.u02,
      unitCode: '11002',
      unitName: '市财政局',
      held: 1,
      inUse: 0,
      idle: 1,
      usageRatePermille: 0,
      idleOverdue: 0,
      listed: 1,
      givenFen: 240_000,
      takenFen: 0,
    });
    const takerCode = (await cardOf(t.database, desk.id)).unit_id === w.u01 ? '11001' : '11003';
    expect(rows[takerCode]).toMatchObject({ takenFen: 240_000 });
    const mine = (await u02.get('/api/pool/utilisation')).json();
    expect(mine.items.map((r: { unitCode: string }) => r.unitCode)).toEqual(['11002']);
  });
});
