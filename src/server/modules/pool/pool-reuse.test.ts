import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessClock, onBusinessDay } from '../../platform/clock.ts';
import { query } from '../../platform/db/engine.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { world, type World } from '../../testing/world.ts';

/**
 * 市林业局 (G) offers four cards on 2026-03-02; 市水务局 (T) offers one and takes G's desk:
 *   desk    original 6,000.00, net 4,000.00 — requested 03-10, transferred 03-22 (20 days in the pool)
 *   printer original 3,000.00, net 2,000.00 — repaired 03-05 → 03-15 for 350.00, back in the pool
 *   shelf   original 2,000.00, net   500.00 — beyond repair 03-12 (assessment 50.00), then in the lot
 *   chair   original 1,000.00, net   200.00 — in the lot
 * The lot (shelf + chair) sells for 120.00 on 03-25; 50.00 of it is turned over to the treasury.
 */
describe('repair for reuse, bundled disposal and the pool statistics', () => {
  let t: TestApp;
  let w: World;
  let g: string;
  let tUnit: string;
  let officer: Client, gAdmin: Client, tAdmin: Client, gLeader: Client, gFinance: Client;
  const listing: Record<string, string> = {};
  const card: Record<string, string> = {};
  let lotId: string;
  let lotDoc: string;

  beforeAll(async () => {
    t = await createTestApp();
    w = world(t.database);
    g = await w.unit('41001', '市林业局');
    tUnit = await w.unit('41002', '市水务局');
    await w.user('p-officer', 'asset_office', null);
    await w.user('g-admin', 'unit_admin', g);
    await w.user('g-leader', 'unit_leader', g);
    await w.user('g-finance', 'unit_finance', g);
    await w.user('t-admin', 'unit_admin', tUnit);
    [officer, gAdmin, tAdmin, gLeader, gFinance] = await Promise.all(
      ['p-officer', 'g-admin', 't-admin', 'g-leader', 'g-finance'].map((u) => t.as(u)),
    );
    const cat = (await w.category({ code: 'R01', name: '办公设备' })).id;
    const make = (name: string, original: number, accumulated: number, unitId = g) =>
      w.card({ unitId, categoryId: cat, name, originalValueFen: original, accumulatedFen: accumulated });
    card.desk = await make('台式计算机', 600_000, 200_000);
    card.printer = await make('激光打印机', 300_000, 100_000);
    card.shelf = await make('密集架', 200_000, 150_000);
    card.chair = await make('办公椅', 100_000, 80_000);
    card.pump = await make('水泵', 50_000, 0, tUnit);
    await onBusinessDay('2026-03-02', async () => {
      const offer = async (c: Client, names: string[]) => {
        const res = await c.post('/api/pool/listings', {
          cardIds: names.map((n) => card[n]),
          mode: 'virtual',
          reason: 'idle',
          condition: 'fair',
        });
        expect(res.statusCode, res.body).toBe(201);
        for (const [i, id] of (res.json().ids as string[]).entries()) listing[names[i]] = id;
      };
      await offer(gAdmin, ['desk', 'printer', 'shelf', 'chair']);
      await offer(tAdmin, ['pump']);
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses to send an item someone has asked for; the request is decided first', async () => {
    const asked = await onBusinessDay('2026-03-10', () =>
      tAdmin.post(`/api/pool/listings/${listing.desk}/requests`, { purpose: '新进人员' }),
    );
    expect(asked.statusCode, asked.body).toBe(201);
    const refused = await onBusinessDay('2026-03-10', () =>
      officer.post(`/api/pool/listings/${listing.desk}/repair`, { vendor: '林海维修部', fault: '风扇异响' }),
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toBe('该资产有待审批的调剂申请，先处理申请再送修');
    const approved = await onBusinessDay('2026-03-22', () =>
      officer.post(`/api/pool/requests/${asked.json().id}/decide`, { approve: true }),
    );
    expect(approved.statusCode, approved.body).toBe(200);
  });

  it('repaired: a 维修 document puts the vendor and cost on the card, and the item is back in the pool in good condition', async () => {
    const sent = await onBusinessDay('2026-03-05', () =>
      officer.post(`/api/pool/listings/${listing.printer}/repair`, {
        vendor: '林海维修部',
        fault: '卡纸、定影器损坏',
        estimateFen: 40_000,
      }),
    );
    expect(sent.statusCode, sent.body).toBe(201);
    const inRepair = (await tAdmin.get(`/api/pool/listings/${listing.printer}`)).json();
    expect(inRepair.status).toBe('in_repair');
    expect((await tAdmin.get(`/api/pool/listings?q=${encodeURIComponent('激光')}`)).json().items).toEqual([]);
    expect((await gAdmin.get('/api/pool/repairs?state=open')).json().items.map((r: { cardNo: string }) => r.cardNo)).toHaveLength(1);
    expect((await tAdmin.get('/api/pool/repairs')).json().total).toBe(0);
    const done = await onBusinessDay('2026-03-15', () =>
      officer.post(`/api/pool/repairs/${sent.json().id}/finish`, { outcome: 'repaired', costFen: 35_000 }),
    );
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().docNo).toMatch(/^WX2026/);
    const back = (await tAdmin.get(`/api/pool/listings/${listing.printer}`)).json();
    expect(back).toMatchObject({ status: 'listed', condition: 'good', expiresOn: '2026-09-15' });
    const [event] = await query<{ type: string; note: string; occurred_at: string }>(
      t.database.db,
      sql`SELECT type, note, occurred_at::text FROM card_events WHERE card_id = ${card.printer} ORDER BY seq DESC LIMIT 1`,
    );
    expect(event.type).toBe('repair_finished');
    expect(event.note).toContain('维修单位：林海维修部，费用 350.00 元');
    const again = await officer.post(`/api/pool/repairs/${sent.json().id}/finish`, { outcome: 'repaired', costFen: 1 });
    expect(again.statusCode).toBe(409);
  });

  it('beyond repair: the item is proposed for disposal, its assessment cost recorded', async () => {
    const sent = await onBusinessDay('2026-03-05', () =>
      officer.post(`/api/pool/listings/${listing.shelf}/repair`, { vendor: '林海维修部', fault: '导轨变形' }),
    );
    const done = await onBusinessDay('2026-03-12', () =>
      officer.post(`/api/pool/repairs/${sent.json().id}/finish`, { outcome: 'beyond_repair', costFen: 5_000, note: '无修复价值' }),
    );
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({});
    expect((await gAdmin.get(`/api/pool/listings/${listing.shelf}`)).json().status).toBe('disposal_proposed');
  });

  it('a lot is one owning unit’s, and the disposal gates refuse an early sale without its ground (nothing written)', async () => {
    const mixed = await officer.post('/api/pool/lots', {
      listingIds: [listing.shelf, listing.pump],
      buyer: '绿源再生资源公司',
      priceFen: 12_000,
      pricingBasis: 'public_trading',
    });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().fields.listingIds).toBe('一个处置批次只能包含同一产权单位的资产（处置单按单位审批）');
    const early = await onBusinessDay('2026-03-20', () =>
      officer.post('/api/pool/lots', {
        listingIds: [listing.shelf, listing.chair],
        buyer: '绿源再生资源公司',
        priceFen: 12_000,
        pricingBasis: 'public_trading',
      }),
    );
    expect(early.statusCode).toBe(400);
    expect(early.json().fields.earlyGround).toMatch(/^未满最低使用年限：.*；提前处置须说明理由$/);
    expect((await gAdmin.get(`/api/pool/listings/${listing.chair}`)).json().status).toBe('listed');
    expect((await gAdmin.get('/api/pool/lots')).json().total).toBe(0);
    expect(
      (await gAdmin.post('/api/pool/lots', { listingIds: [listing.chair], buyer: '某公司', priceFen: 1, pricingBasis: 'appraisal' }))
        .statusCode,
    ).toBe(403);
  });

  it('bundles the items into one disposal document (open sale) in the disposal chain; executed, its income is tracked to the treasury', async () => {
    const res = await onBusinessDay('2026-03-20', () =>
      officer.post('/api/pool/lots', {
        listingIds: [listing.shelf, listing.chair],
        buyer: '绿源再生资源公司',
        priceFen: 12_000,
        pricingBasis: 'public_trading',
        earlyGround: '公物仓超期无人申请，维修无价值',
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    lotId = res.json().id;
    expect(res.json().docNo).toMatch(/^CZ2026/);
    const lot = (await gAdmin.get(`/api/pool/lots/${lotId}`)).json();
    lotDoc = lot.documentId;
    expect(lot).toMatchObject({
      documentStatus: 'submitted',
      items: 2,
      priceFen: 12_000,
      netValueFen: 70_000,
      incomeReceivedFen: 0,
      released: false,
    });
    expect((await tAdmin.get(`/api/pool/lots/${lotId}`)).statusCode).toBe(404);
    expect((await gAdmin.get(`/api/pool/listings/${listing.chair}`)).json().status).toBe('in_disposal');
    const doc = (await gAdmin.get(`/api/documents/${lotDoc}`)).json();
    expect(doc.payload).toMatchObject({
      disposalMethod: 'sale',
      buyer: '绿源再生资源公司',
      priceFen: 12_000,
      pricingBasis: 'public_trading',
    });
    expect(doc.lines).toHaveLength(2);

    expect((await onBusinessDay('2026-03-25', () => gLeader.post(`/api/documents/${lotDoc}/approve`, {}))).statusCode).toBe(200);
    const ran = await onBusinessDay('2026-03-25', () => gAdmin.post(`/api/documents/${lotDoc}/execute`, {}));
    expect(ran.statusCode, ran.body).toBe(200);
    const today = businessClock(new Date()).day;
    const paid = await gFinance.post(`/api/income/${lotDoc}/turnovers`, { amountFen: 5_000, paidOn: today, voucherNo: 'JK-001' });
    expect(paid.statusCode, paid.body).toBeLessThan(300);
    expect((await officer.post('/api/pool/expire', {})).statusCode).toBe(200);
    const after = (await gAdmin.get(`/api/pool/lots/${lotId}`)).json();
    expect(after).toMatchObject({
      documentStatus: 'executed',
      incomeReceivedFen: 12_000,
      incomeTurnedOverFen: 5_000,
      incomeOutstandingFen: 7_000,
    });
    expect((await gAdmin.get(`/api/pool/listings/${listing.chair}`)).json().status).toBe('disposed');
    expect((await w.cardRow(card.chair)).status).toBe('disposed');
  });

  it('counts the period: in and out, value reused per unit and in total, days to reallocation, savings', async () => {
    const to = businessClock(new Date()).day;
    const res = await officer.get(`/api/pool/stats?from=2026-03-01&to=${to}`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json();
    expect(s).toMatchObject({
      inItems: 5,
      outTransferred: 1,
      outLent: 0,
      outWithdrawn: 0,
      outDisposed: 2,
      reusedNetFen: 400_000,
      avoidedPurchaseFen: 600_000,
      repairCostFen: 40_000,
      savingsFen: 560_000,
      disposalIncomeFen: 12_000,
      avgDaysToReallocation: 20,
    });
    const row = (id: string) => s.items.find((r: { unitId: string }) => r.unitId === id);
    expect(row(g)).toMatchObject({ offered: 4, offeredFen: 670_000, given: 1, taken: 0, reusedNetFen: 0, avgDaysToReallocation: null });
    expect(row(tUnit)).toMatchObject({
      offered: 1,
      offeredFen: 50_000,
      given: 0,
      taken: 1,
      reusedNetFen: 400_000,
      avoidedPurchaseFen: 600_000,
      avgDaysToReallocation: 20,
    });
    // March alone: the disposal income came in on the day the document was executed (today), not in March.
    const march = (await officer.get('/api/pool/stats?from=2026-03-01&to=2026-03-21')).json();
    expect(march).toMatchObject({ inItems: 5, outTransferred: 0, repairCostFen: 40_000, outDisposed: 0 });
    // A unit sees its own figures only.
    const mine = (await tAdmin.get(`/api/pool/stats?from=2026-03-01&to=${to}`)).json();
    expect(mine.items.map((r: { unitId: string }) => r.unitId)).toEqual([tUnit]);
    expect(mine).toMatchObject({ inItems: 1, outTransferred: 0, reusedNetFen: 400_000, repairCostFen: 0 });
    const xlsx = await officer.get(`/api/pool/stats/export.xlsx?from=2026-03-01&to=${to}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect((await officer.get('/api/pool/stats?from=2026-04-01&to=2026-03-01')).statusCode).toBe(400);
  });
});
