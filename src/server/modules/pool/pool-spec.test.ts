import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onBusinessDay } from '../../platform/clock.ts';
import { query } from '../../platform/db/engine.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { world, type World } from '../../testing/world.ts';

/**
 * 市气象局 (A) offers three desktops (category 2010104) and three chairs; 市档案局 (B) asks.
 *   d8   net 2,000.00 — x86, 8 GB, 256 GB (spec recorded on the listing)
 *   d16  net 3,000.00 — x86, 16 GB, 512 GB (spec recorded on the listing)
 *   dx   net 2,500.00 — domestic (信创), 16 GB, 512 GB (registered with it)
 * Chairs listed 2026-05-04 (net 1,000.00, 2,000.00, 3,000.00), transferred to B on 05-08, 05-14
 * and 06-04: 4, 10 and 31 days in the pool — mean 15, median 10.
 */
describe('matching by spec attributes, the period month by month, and repair back in a stated condition', () => {
  let t: TestApp;
  let w: World;
  let a: string;
  let b: string;
  let desks: string;
  let officer: Client, aAdmin: Client, bAdmin: Client;
  const listing: Record<string, string> = {};
  const card: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    w = world(t.database);
    a = await w.unit('51001', '市气象局');
    b = await w.unit('51002', '市档案局');
    await w.user('s-officer', 'asset_office', null);
    await w.user('a-admin', 'unit_admin', a);
    await w.user('b-admin', 'unit_admin', b);
    [officer, aAdmin, bAdmin] = await Promise.all(['s-officer', 'a-admin', 'b-admin'].map((u) => t.as(u)));
    desks = (await w.category({ code: '2010104', name: '台式计算机' })).id;
    const chairs = (await w.category({ code: 'S01', name: '办公椅' })).id;
    const desk = (accumulated: number, attributes?: Record<string, unknown>) =>
      w.card({ unitId: a, categoryId: desks, name: '台式计算机', originalValueFen: 500_000, accumulatedFen: accumulated, attributes });
    card.d8 = await desk(300_000);
    card.d16 = await desk(200_000);
    card.dx = await desk(250_000, { cpuType: 'domestic', memoryGb: 16, storageGb: 512 });
    for (const [i, n] of ['c1', 'c2', 'c3'].entries())
      card[n] = await w.card({ unitId: a, categoryId: chairs, name: '办公椅', originalValueFen: (i + 1) * 100_000, accumulatedFen: 0 });
    const offer = async (names: string[]) => {
      const res = await aAdmin.post('/api/pool/listings', {
        cardIds: names.map((n) => card[n]),
        mode: 'virtual',
        reason: 'idle',
        condition: 'good',
      });
      expect(res.statusCode, res.body).toBe(201);
      for (const [i, id] of (res.json().ids as string[]).entries()) listing[names[i]] = id;
    };
    await offer(['d8', 'd16', 'dx']);
    await onBusinessDay('2026-05-04', () => offer(['c1', 'c2', 'c3']));
  });
  afterAll(async () => {
    await t?.close();
  });

  it('records an item’s spec on its card (one 信息修改 in the ledger) and refuses a spec its category does not have', async () => {
    const set = await aAdmin.put(`/api/pool/listings/${listing.d16}/spec`, { cpuType: 'x86', memoryGb: 16, storageGb: 512 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().summary).toBe('处理器 通用（x86） · 内存 16 GB · 硬盘 512 GB');
    expect((await aAdmin.put(`/api/pool/listings/${listing.d8}/spec`, { cpuType: 'x86', memoryGb: 8, storageGb: 256 })).statusCode).toBe(
      200,
    );
    expect((await bAdmin.get(`/api/pool/listings/${listing.d16}`)).json().specAttributes).toEqual({
      cpuType: 'x86',
      memoryGb: 16,
      storageGb: 512,
    });
    const [event] = await query<{ type: string; note: string }>(
      t.database.db,
      sql`SELECT type, note FROM card_events WHERE card_id = ${card.d16} ORDER BY seq DESC LIMIT 1`,
    );
    expect(event.type).toBe('edited');
    expect(event.note).toContain('公物仓登记规格参数：处理器 通用（x86） · 内存 16 GB · 硬盘 512 GB');
    const seats = await aAdmin.put(`/api/pool/listings/${listing.d16}/spec`, { seats: 5 });
    expect(seats.statusCode).toBe(400);
    expect(seats.json().fields).toEqual({ seats: '该分类的资产没有这一规格参数' });
    // Another unit may not describe A's item.
    expect((await bAdmin.put(`/api/pool/listings/${listing.d16}/spec`, { memoryGb: 32 })).statusCode).toBe(404);
  });

  const offers = async (specAttributes: Record<string, unknown>) => {
    const res = await bAdmin.post('/api/config-requests/check', {
      lines: [{ categoryId: desks, name: '台式计算机', quantity: 1, unitPriceFen: 450_000, reason: '新进人员', specAttributes }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const byCard = new Map(Object.entries(card).map(([k, v]) => [v, k]));
    return (res.json().lines[0].idleOffers as { cardId: string; netValueFen: number; reasons: string[] }[]).map((o) => [
      byCard.get(o.cardId),
      o.netValueFen,
      o.reasons,
    ]);
  };

  it('offers a configuration line only the pool items of its category whose spec holds: at least the memory, the same processor', async () => {
    expect(await offers({ memoryGb: 16 })).toEqual([
      ['d16', 300_000, ['同分类 2010104 台式计算机', '内存 16 GB（≥ 16 GB）']],
      ['dx', 250_000, ['同分类 2010104 台式计算机', '内存 16 GB（≥ 16 GB）']],
    ]);
    expect(await offers({ memoryGb: 8, cpuType: 'domestic' })).toEqual([
      ['dx', 250_000, ['同分类 2010104 台式计算机', '处理器 国产（信创）', '内存 16 GB（≥ 8 GB）']],
    ]);
    expect(await offers({ storageGb: 256 })).toEqual([
      ['d16', 300_000, ['同分类 2010104 台式计算机', '硬盘 512 GB（≥ 256 GB）']],
      ['dx', 250_000, ['同分类 2010104 台式计算机', '硬盘 512 GB（≥ 256 GB）']],
      ['d8', 200_000, ['同分类 2010104 台式计算机', '硬盘 256 GB（≥ 256 GB）']],
    ]);
    expect(await offers({ memoryGb: 32 })).toEqual([]);
    expect(
      (await bAdmin.post('/api/config-requests/check', { lines: [{ categoryId: desks, specAttributes: { memoryGb: -1 } }] })).statusCode,
    ).toBe(400);
  });

  it('counts the period month by month, with the mean and the median days to reallocation', async () => {
    for (const [n, day] of [
      ['c1', '2026-05-08'],
      ['c2', '2026-05-14'],
      ['c3', '2026-06-04'],
    ] as const) {
      const asked = await onBusinessDay(day, () => bAdmin.post(`/api/pool/listings/${listing[n]}/requests`, { purpose: '档案阅览室' }));
      expect(asked.statusCode, asked.body).toBe(201);
      const ok = await onBusinessDay(day, () => officer.post(`/api/pool/requests/${asked.json().id}/decide`, { approve: true }));
      expect(ok.statusCode, ok.body).toBe(200);
    }
    const s = (await officer.get('/api/pool/stats?from=2026-05-01&to=2026-06-30')).json();
    expect(s).toMatchObject({
      inItems: 3,
      outTransferred: 3,
      reusedNetFen: 600_000,
      avoidedPurchaseFen: 600_000,
      avgDaysToReallocation: 15,
      medianDaysToReallocation: 10,
    });
    expect(s.months).toEqual([
      { month: '2026-05', inItems: 3, outTransferred: 2, outLent: 0, reusedNetFen: 300_000 },
      { month: '2026-06', inItems: 0, outTransferred: 1, outLent: 0, reusedNetFen: 300_000 },
    ]);
    expect(s.items.find((r: { unitId: string }) => r.unitId === b)).toMatchObject({
      taken: 3,
      avgDaysToReallocation: 15,
      medianDaysToReallocation: 10,
    });
    // The giver sees its items go out month by month; what it took is nothing.
    const mine = (await aAdmin.get('/api/pool/stats?from=2026-05-01&to=2026-06-30')).json();
    expect(mine.months.map((m: { outTransferred: number; reusedNetFen: number }) => [m.outTransferred, m.reusedNetFen])).toEqual([
      [2, 0],
      [1, 0],
    ]);
  });

  it('a repaired item is back in the pool in the condition the committee states', async () => {
    const sent = await officer.post(`/api/pool/listings/${listing.d8}/repair`, { vendor: '云顶电脑维修', fault: '电源损坏' });
    expect(sent.statusCode, sent.body).toBe(201);
    const done = await officer.post(`/api/pool/repairs/${sent.json().id}/finish`, {
      outcome: 'repaired',
      costFen: 15_000,
      condition: 'fair',
    });
    expect(done.statusCode, done.body).toBe(200);
    expect((await bAdmin.get(`/api/pool/listings/${listing.d8}`)).json()).toMatchObject({ status: 'listed', condition: 'fair' });
  });
});
