// The books a finance bureau takes over and signs (docs/domain.md §3 opening balances, §6 periods):
// figures worked out from the rules, not from the code.
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CardInput } from '../../../shared/assets.contracts.ts';
import { setBusinessToday } from '../../platform/clock.ts';
import { query, queryOne } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { changeCard, registerCard } from '../assets/index.ts';
import { verifyLedger } from '../audit/index.ts';
import { monthFromIndex, monthIndex } from './depreciation.rules.ts';
import { runMonth } from './depreciation.service.ts';
import { world, type World } from '../../testing/world.ts';

let t: TestApp;
let w: World;
let computers: string;
let furniture: string;
let office: Client;
let bureau: Client;
let n = 0;

const months = (from: string, to: string) =>
  Array.from({ length: monthIndex(to) - monthIndex(from) + 1 }, (_, i) => monthFromIndex(monthIndex(from) + i));

/** A unit with its finance officer signed in. */
async function unitWithFinance(): Promise<{ unit: string; fin: Client }> {
  const unit = await w.unit();
  const name = `fin-${++n}`;
  await w.user(name, 'unit_finance', unit);
  return { unit, fin: await t.as(name) };
}

/** Registers a card through the card service, as a hand registration or an import does. */
async function register(unitId: string, over: Partial<CardInput> & Pick<CardInput, 'originalValueFen'>): Promise<string> {
  return withTx(
    t.database.db,
    async (tx) =>
      (
        await registerCard(tx, null, {
          unitId,
          name: '资产',
          categoryId: computers,
          quantity: 1,
          accumulatedDepreciationFen: 0,
          acquisitionMethod: 'purchase',
          acquiredOn: over.postedOn ?? '2026-01-01',
          postedOn: '2026-01-01',
          usefulLifeMonths: 72,
          ...over,
        } as CardInput)
      ).id,
  );
}

const summary = async (unitId: string, from: string, to = from) => {
  const res = await office.get(`/api/reports/summary?from=${from}&to=${to}&unitId=${unitId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

const runApi = async (c: Client, unitId: string, month: string) => c.post('/api/depreciation/runs', { unitId, month });

beforeAll(async () => {
  t = await createTestApp();
  w = world(t.database);
  computers = (await w.category({ code: 'A02', name: '设备', lifeMonths: 72 })).id;
  furniture = (await w.category({ code: 'A06', name: '家具和用具', lifeMonths: 180 })).id;
  await w.user('office', 'asset_office', null);
  await w.user('bureau', 'finance_bureau', null);
  office = await t.as('office');
  bureau = await t.as('bureau');
}, 180_000);
afterEach(() => setBusinessToday(null));
afterAll(async () => {
  await t.close();
});

describe('opening balances (期初建账)', () => {
  it('charges a ¥6,000 card brought in with ¥2,000 over 24 of 72 months ¥83.33 a month, ¥83.49 in its last, ¥6,000 in all', async () => {
    setBusinessToday('2026-12-15');
    const { unit, fin } = await unitWithFinance();
    expect((await fin.post('/api/books/takeover', { unitId: unit, month: '2026-11' })).statusCode).toBe(200);
    const card = await register(unit, {
      originalValueFen: 600000,
      accumulatedDepreciationFen: 200000,
      openingDepreciatedMonths: 24,
      postedOn: '2024-12-10',
    });
    expect(
      await queryOne(t.database.db, sql`SELECT opening_month::text AS m, opening_depreciated_months AS n FROM cards WHERE id = ${card}`),
    ).toEqual({ m: '2026-11-01', n: 24 });
    // The takeover month and the months before it are in the opening balance; next month has not come.
    expect((await runApi(fin, unit, '2026-11')).json().error).toBe('locked_period');
    const future = await runApi(fin, unit, '2027-01');
    expect([400, 409]).toContain(future.statusCode);
    expect(future.json().message).toContain('尚未到来');
    expect(await query(t.database.db, sql`SELECT 1 FROM depreciation_runs WHERE unit_id = ${unit}`)).toHaveLength(0);

    expect((await runMonth(t.database.db, unit, '2026-12', null)).totalFen).toBe(8333);
    expect((await fin.get(`/api/depreciation/cards/${card}`)).json()).toEqual({
      items: [{ month: '2026-12', amountFen: 8333, accumulatedAfterFen: 208333, months: 1, status: 'open' }],
      opening: { month: '2026-11', months: 24, accumulatedFen: 200000 },
      recognizedOn: null,
      monthsDone: 25,
    });
    setBusinessToday('2031-12-31');
    const charges = [8333];
    for (const m of months('2027-01', '2030-12')) charges.push((await runMonth(t.database.db, unit, m, null)).totalFen);
    // 48 months left: 47 × ¥83.33 = ¥3,916.51, the last takes ¥4,000 − ¥3,916.51 = ¥83.49; nothing after.
    expect(charges.slice(0, 47).every((c) => c === 8333)).toBe(true);
    expect(charges[47]).toBe(8349);
    expect(charges.slice(48)).toEqual([0]);
    expect(await w.accumulated(card)).toBe(600000);
  }, 120_000);

  it('takes over mid-year: the report shows the balances brought in by class; July on charges from what is left', async () => {
    setBusinessToday('2026-12-15');
    const { unit, fin } = await unitWithFinance();
    await fin.post('/api/books/takeover', { unitId: unit, month: '2026-06' });
    // ¥9,000 desk set on a 180-month life, ¥3,000 over 60 months: ¥6,000 over 120 months = ¥50.00 a month.
    const desk = await register(unit, {
      categoryId: furniture,
      originalValueFen: 900000,
      accumulatedDepreciationFen: 300000,
      openingDepreciatedMonths: 60,
      postedOn: '2021-06-20',
      usefulLifeMonths: 180,
    });
    // A computer with no months given: held from posting (2023-07) through the takeover month, 36 of 72.
    const pc = await register(unit, { originalValueFen: 720000, accumulatedDepreciationFen: 360000, postedOn: '2023-07-05' });
    expect(await queryOne(t.database.db, sql`SELECT opening_depreciated_months AS n FROM cards WHERE id = ${pc}`)).toEqual({ n: 36 });
    for (const m of months('2026-07', '2026-11')) await runMonth(t.database.db, unit, m, null);
    // ¥3,600 over the 36 months left: ¥100.00 a month.
    expect(await w.accumulated(desk)).toBe(300000 + 5 * 5000);
    expect(await w.accumulated(pc)).toBe(360000 + 5 * 10000);

    const report = (await fin.get(`/api/books/takeover/${unit}`)).json();
    expect(report).toMatchObject({ takeoverMonth: '2026-06', booksOpenFrom: '2026-07' });
    expect(report.lines).toEqual([
      {
        categoryCode: 'A02',
        categoryName: '设备',
        count: 1,
        quantity: 1,
        originalValueFen: 720000,
        accumulatedFen: 360000,
        netFen: 360000,
      },
      {
        categoryCode: 'A06',
        categoryName: '家具和用具',
        count: 1,
        quantity: 1,
        originalValueFen: 900000,
        accumulatedFen: 300000,
        netFen: 600000,
      },
    ]);
    expect(report.total).toMatchObject({ count: 2, originalValueFen: 1620000, accumulatedFen: 660000, netFen: 960000 });

    const s = (await summary(unit, '2026-07', '2026-11')).total;
    expect(s.opening).toEqual({ count: 2, valueFen: 1620000, accumulatedFen: 660000, netFen: 960000 });
    expect(s.depreciationFen).toBe(75000);
    expect(s.closing).toEqual({ count: 2, valueFen: 1620000, accumulatedFen: 735000, netFen: 885000 });
    // Once a month has been run here, the takeover cannot move.
    expect((await fin.post('/api/books/takeover', { unitId: unit, month: '2026-08' })).statusCode).toBe(409);
  }, 120_000);
});

describe('closed months (结账)', () => {
  it('closes months in order, only after they are run and over; refuses every write into them', async () => {
    setBusinessToday('2026-12-15');
    const { unit, fin } = await unitWithFinance();
    await register(unit, { originalValueFen: 599900, postedOn: '2026-08-03' });
    expect((await fin.post('/api/books/close', { unitId: unit, month: '2026-09' })).json().message).toContain('尚未计提');
    for (const m of ['2026-08', '2026-09', '2026-10']) await runMonth(t.database.db, unit, m, null);
    expect((await fin.post('/api/books/close', { unitId: unit, month: '2026-12' })).json().message).toContain('尚未结束');
    expect((await fin.post('/api/books/close', { unitId: unit, month: '2026-09' })).json()).toMatchObject({
      units: [{ unitId: unit, closed: true }],
    });
    expect((await fin.post('/api/books/close', { unitId: unit, month: '2026-08' })).json().message).toContain('已结账');
    expect((await fin.get('/api/books')).json().items[0]).toMatchObject({
      unitId: unit,
      closedThrough: '2026-09',
      firstOpenMonth: '2026-10',
    });

    const before = await query(t.database.db, sql`SELECT * FROM depreciation_entries WHERE unit_id = ${unit} ORDER BY month`);
    // Re-run, workload, a ledger event, a depreciation entry written by hand: each refused, nothing written.
    expect((await runApi(fin, unit, '2026-09')).json().error).toBe('locked_period');
    expect((await fin.put(`/api/depreciation/workloads/${unit}`, { month: '2026-08', items: [] })).json().error).toBe('locked_period');
    await expect(
      t.database.db.execute(sql`
      INSERT INTO card_events (card_id, unit_id, type, occurred_at, seq, prev_hash, hash)
      SELECT id, unit_id, 'revalued', '2026-09-30T10:00:00+08:00', 0, '', '' FROM cards WHERE unit_id = ${unit}`),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/已结账/) } });
    await expect(
      t.database.db.execute(
        sql`UPDATE depreciation_entries SET amount_fen = amount_fen + 1 WHERE unit_id = ${unit} AND month = '2026-09-01'`,
      ),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/已结账/) } });
    await expect(
      t.database.db.execute(sql`DELETE FROM depreciation_entries WHERE unit_id = ${unit} AND month = '2026-08-01'`),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/已结账/) } });
    expect(await query(t.database.db, sql`SELECT * FROM depreciation_entries WHERE unit_id = ${unit} ORDER BY month`)).toEqual(before);
    // The open month after them is still run and re-run as before.
    expect((await runApi(fin, unit, '2026-10')).statusCode).toBe(202);
  }, 120_000);

  it('books a posting dated in a closed month in the first open month, keeps its real date, and catches up its depreciation', async () => {
    setBusinessToday('2026-12-15');
    const { unit, fin } = await unitWithFinance();
    await register(unit, { originalValueFen: 100000, postedOn: '2026-07-01', usefulLifeMonths: 100 });
    for (const m of months('2026-07', '2026-10')) {
      await runMonth(t.database.db, unit, m, null);
      await fin.post('/api/books/close', { unitId: unit, month: m });
    }
    const closed = await Promise.all(months('2026-07', '2026-10').map((m) => summary(unit, m)));
    // ¥7,200 computer delivered on 2026-09-20 and posted only now.
    const late = await register(unit, { originalValueFen: 720000, postedOn: '2026-09-20' });
    expect(await queryOne(t.database.db, sql`SELECT posted_on::text AS p, recognized_on::text AS r FROM cards WHERE id = ${late}`)).toEqual(
      { p: '2026-11-01', r: '2026-09-20' },
    );
    expect(await Promise.all(months('2026-07', '2026-10').map((m) => summary(unit, m)))).toEqual(closed);
    // November charges September to November, 3 × ¥100.00, beside the other card's ¥10.00.
    expect((await runMonth(t.database.db, unit, '2026-11', null)).totalFen).toBe(30000 + 1000);
    const nov = (await summary(unit, '2026-11')).total;
    expect(nov.additions).toMatchObject({ count: 1, valueFen: 720000, byMethod: { purchase: { count: 1, valueFen: 720000 } } });
    expect(nov.opening.count + nov.additions.count - nov.reductions.count).toBe(nov.closing.count);
    expect(nov.opening.accumulatedFen + nov.additions.accumulatedFen + nov.depreciationFen - nov.reductions.accumulatedFen).toBe(
      nov.closing.accumulatedFen,
    );
  }, 120_000);

  it("reads a closed month's summary from its closing snapshot: a later change of category or department moves open months only", async () => {
    setBusinessToday('2026-12-15');
    const db = t.database.db;
    const { unit, fin } = await unitWithFinance();
    const vehicles = (await w.category({ code: `A03-${unit.slice(0, 6)}`, name: '车辆', lifeMonths: 72 })).id;
    const dept = (await queryOne<{ id: string }>(db, sql`INSERT INTO departments (unit_id, name) VALUES (${unit}, '办公室') RETURNING id`))!
      .id;
    const moved = await register(unit, { originalValueFen: 720000, postedOn: '2026-07-01' });
    await register(unit, { originalValueFen: 360000, postedOn: '2026-07-01' });
    for (const m of months('2026-07', '2026-10')) {
      await runMonth(db, unit, m, null);
      expect((await fin.post('/api/books/close', { unitId: unit, month: m })).statusCode).toBe(200);
    }
    const closed = await Promise.all(months('2026-07', '2026-10').map((m) => summary(unit, m)));
    const closedSpan = await summary(unit, '2026-07', '2026-10');
    // Two computers, ¥100.00 and ¥50.00 a month: October closes at ¥10,800.00, ¥600.00 written off.
    expect(closed[3].rows.map((r: { categoryCode: string; closing: unknown }) => [r.categoryCode, r.closing])).toEqual([
      ['A02', { count: 2, valueFen: 1080000, accumulatedFen: 60000, netFen: 1020000 }],
    ]);
    expect(closedSpan.total).toMatchObject({ depreciationFen: 60000, additions: { count: 2, valueFen: 1080000 } });

    await withTx(db, (tx) =>
      changeCard(tx, null, moved, { set: { categoryId: vehicles, usingDepartmentId: dept }, eventType: 'edited', note: '改为车辆' }),
    );
    expect(await Promise.all(months('2026-07', '2026-10').map((m) => summary(unit, m)))).toEqual(closed);
    expect(await summary(unit, '2026-07', '2026-10')).toEqual(closedSpan);
    // November, open, shows the card in its new category from its opening on.
    await runMonth(db, unit, '2026-11', null);
    const nov = await summary(unit, '2026-11');
    const code = `A03-${unit.slice(0, 6)}`;
    expect(
      nov.rows.map((r: { categoryCode: string; opening: unknown; depreciationFen: number }) => [
        r.categoryCode,
        r.opening,
        r.depreciationFen,
      ]),
    ).toEqual([
      ['A02', { count: 1, valueFen: 360000, accumulatedFen: 20000, netFen: 340000 }, 5000],
      [code, { count: 1, valueFen: 720000, accumulatedFen: 40000, netFen: 680000 }, 10000],
    ]);
    // A span reaching into the open month is read live, whole.
    expect((await summary(unit, '2026-10', '2026-11')).rows.map((r: { categoryCode: string }) => r.categoryCode)).toEqual(['A02', code]);
  }, 120_000);

  it("reads a closed month's low-value line and its additions, disposals and charges lists as they were at closing, to the fen", async () => {
    setBusinessToday('2026-08-10');
    const db = t.database.db;
    const { unit, fin } = await unitWithFinance();
    const other = await w.unit();
    // July: two computers posted (¥7,200 and ¥3,600 over 72 months: ¥100.00 and ¥50.00 a month),
    // one disposed of; two low-value items (¥500.00 and ¥300.00, never depreciated).
    const a = await register(unit, { originalValueFen: 720000, postedOn: '2026-07-03' });
    const b = await register(unit, { originalValueFen: 360000, postedOn: '2026-07-03' });
    const gone = await register(unit, { originalValueFen: 240000, postedOn: '2026-07-03' });
    const cup = await register(unit, { originalValueFen: 50000, postedOn: '2026-07-04' });
    await register(unit, { originalValueFen: 30000, postedOn: '2026-07-04' });
    await withTx(db, (tx) =>
      changeCard(tx, null, gone, { set: { status: 'disposed', disposedOn: '2026-07-20', disposalMethod: 'scrap' }, eventType: 'disposed' }),
    );
    await runMonth(db, unit, '2026-07', null);
    expect((await fin.post('/api/books/close', { unitId: unit, month: '2026-07' })).statusCode).toBe(200);
    const july = async () => {
      const lists: Record<string, unknown> = {};
      for (const kind of ['additions', 'disposals', 'depreciation']) {
        const res = await office.get(`/api/reports/lists/${kind}?from=2026-07&to=2026-07&unitId=${unit}&pageSize=100`);
        expect(res.statusCode, res.body).toBe(200);
        const { items, totals, periodClosed } = res.json();
        expect(periodClosed).toBe('all');
        lists[kind] = {
          totals,
          items: items.map((i: { cardId: string; originalValueFen: number; accumulatedFen: number; periodFen: number | null }) => [
            i.cardId,
            i.originalValueFen,
            i.accumulatedFen,
            i.periodFen,
          ]),
        };
      }
      // The cover's date printed is the day it is read; the figures are what must not move.
      const { cover: _printed, ...figures } = await summary(unit, '2026-07');
      return { summary: figures, lists };
    };
    const before = await july();
    expect(before.summary.lowValue).toEqual({ opening: { count: 0, valueFen: 0 }, closing: { count: 2, valueFen: 80000 } });
    expect(before.summary.periodClosed).toBe('all');
    expect(before.lists.depreciation).toEqual({
      totals: { originalValueFen: 1080000, accumulatedFen: 15000, netFen: 1065000, periodFen: 15000 },
      items: expect.arrayContaining([
        [a, 720000, 10000, 10000],
        [b, 360000, 5000, 5000],
      ]),
    });
    expect((before.lists.additions as { totals: unknown }).totals).toMatchObject({ originalValueFen: 1320000 });
    expect((before.lists.disposals as { totals: unknown }).totals).toMatchObject({ originalValueFen: 240000 });

    // Later: August is run (the cards' balances move), a computer and a low-value item go to another
    // unit, a computer is revalued, and a low-value item bought in July is registered unposted.
    setBusinessToday('2026-09-10');
    await runMonth(db, unit, '2026-08', null);
    await withTx(db, async (tx) => {
      await changeCard(tx, null, a, { set: { unitId: other }, eventType: 'transferred_out' });
      await changeCard(tx, null, cup, { set: { unitId: other }, eventType: 'transferred_out' });
      await changeCard(tx, null, b, { set: { originalValueFen: 400000 }, eventType: 'revalued' });
    });
    await withTx(db, (tx) =>
      registerCard(tx, null, {
        unitId: unit,
        name: '水壶',
        categoryId: computers,
        quantity: 3,
        originalValueFen: 45000,
        accumulatedDepreciationFen: 0,
        acquisitionMethod: 'purchase',
        acquiredOn: '2026-07-15',
        usefulLifeMonths: 72,
      } as CardInput),
    );
    expect(await july()).toEqual(before);
  }, 120_000);

  it('shows a late posting across a year end apart, as an adjustment of prior years', async () => {
    setBusinessToday('2026-12-15');
    const { unit, fin } = await unitWithFinance();
    await register(unit, { originalValueFen: 100000, postedOn: '2025-11-01', usefulLifeMonths: 100 });
    for (const m of months('2025-11', '2026-10')) {
      await runMonth(t.database.db, unit, m, null);
      await fin.post('/api/books/close', { unitId: unit, month: m });
    }
    // Delivered on 2025-12-28, in a year now closed, and posted only in November 2026.
    const late = await register(unit, { originalValueFen: 360000, postedOn: '2025-12-28' });
    expect(await queryOne(t.database.db, sql`SELECT posted_on::text AS p, recognized_on::text AS r FROM cards WHERE id = ${late}`)).toEqual(
      { p: '2026-11-01', r: '2025-12-28' },
    );
    const nov = (await summary(unit, '2026-11')).total;
    expect(nov.additions.byMethod).toEqual({ prior_year_adjustment: { count: 1, valueFen: 360000 } });
    // December 2025 to November 2026: 12 × ¥50.00, beside the other card's ¥10.00.
    expect((await runMonth(t.database.db, unit, '2026-11', null)).totalFen).toBe(60000 + 1000);
  }, 120_000);

  it('re-opens a closed month only when the committee approves a request from the unit', async () => {
    setBusinessToday('2026-12-15');
    const { unit, fin } = await unitWithFinance();
    await register(unit, { originalValueFen: 100000, postedOn: '2026-09-01', usefulLifeMonths: 100 });
    for (const m of ['2026-09', '2026-10']) {
      await runMonth(t.database.db, unit, m, null);
      await fin.post('/api/books/close', { unitId: unit, month: m });
    }
    expect((await fin.post('/api/books/reopen', { unitId: unit, month: '2026-09', reason: '凭证录错' })).json().message).toContain(
      '2026-10',
    );
    const req = await fin.post('/api/books/reopen', { unitId: unit, month: '2026-10', reason: '十月折旧漏计一张卡片' });
    expect(req.statusCode).toBe(201);
    expect((await fin.post(`/api/books/reopen/${req.json().id}/decide`, { approve: true })).statusCode).toBe(403);
    expect((await bureau.post(`/api/books/reopen/${req.json().id}/decide`, { approve: true })).statusCode).toBe(403);
    expect((await office.post(`/api/books/reopen/${req.json().id}/decide`, { approve: true })).json()).toMatchObject({
      status: 'approved',
    });
    expect((await fin.get('/api/books')).json().items[0]).toMatchObject({ closedThrough: '2026-09', pendingReopen: null });
    expect((await runApi(fin, unit, '2026-10')).statusCode).toBe(202);
    const log = await query<{ details: { step: string } }>(
      t.database.db,
      sql`SELECT details FROM security_events WHERE kind = 'period_reopen' AND details->>'unitId' = ${unit} ORDER BY id`,
    );
    expect(log.map((l) => l.details.step)).toEqual(['requested', 'approved']);
  }, 120_000);
});

describe('whose books', () => {
  it("answers 404 to another unit's finance on every books route naming the unit, lists only its own, and writes nothing", async () => {
    setBusinessToday('2026-12-15');
    const db = t.database.db;
    const a = await unitWithFinance();
    const b = await unitWithFinance();
    await register(a.unit, { originalValueFen: 100000, postedOn: '2026-09-01', usefulLifeMonths: 100 });
    await runMonth(db, a.unit, '2026-09', null);
    const before = await query(db, sql`SELECT * FROM unit_books WHERE unit_id = ${a.unit}`);
    for (const [url, body] of [
      ['/api/books/close', { unitId: a.unit, month: '2026-09' }],
      ['/api/books/takeover', { unitId: a.unit, month: '2026-08' }],
      ['/api/books/reopen', { unitId: a.unit, month: '2026-09', reason: '越权的申请' }],
    ] as const) {
      expect((await b.fin.post(url, body)).statusCode, url).toBe(404);
    }
    expect((await b.fin.get(`/api/books/takeover/${a.unit}`)).statusCode).toBe(404);
    expect((await b.fin.get('/api/books')).json().items.map((x: { unitId: string }) => x.unitId)).toEqual([b.unit]);
    expect(await query(db, sql`SELECT * FROM unit_books WHERE unit_id = ${a.unit}`)).toEqual(before);
    expect(await query(db, sql`SELECT 1 FROM period_reopenings WHERE unit_id = ${a.unit}`)).toHaveLength(0);
    // Closing is logged, like re-opening.
    expect((await a.fin.post('/api/books/close', { unitId: a.unit, month: '2026-09' })).statusCode).toBe(200);
    const log = await query<{ details: { month: string } }>(
      db,
      sql`SELECT details FROM security_events WHERE kind = 'period_close' AND details->'unitIds' ? ${a.unit}`,
    );
    expect(log.map((l) => l.details.month)).toEqual(['2026-09']);
  }, 60_000);
});

describe('closed months never change, whatever comes later', () => {
  it("keeps every closed month's summary and depreciation byte-identical through takeovers, late entries, revaluations and disposals", async () => {
    const db = t.database.db;
    setBusinessToday('2026-11-20');
    const card = fc.record({
      value: fc.integer({ min: 100_000, max: 50_000_000 }),
      life: fc.integer({ min: 72, max: 180 }),
      held: fc.integer({ min: 0, max: 60 }),
      postedAgo: fc.integer({ min: 0, max: 80 }),
    });
    const late = fc.record({
      value: fc.integer({ min: 100_000, max: 9_000_000 }),
      month: fc.integer({ min: 0, max: 5 }),
      day: fc.integer({ min: 1, max: 28 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(card, { minLength: 1, maxLength: 6 }),
        fc.array(late, { maxLength: 4 }),
        fc.boolean(),
        async (opening, lates, revalueOne) => {
          const { unit, fin } = await unitWithFinance();
          await fin.post('/api/books/takeover', { unitId: unit, month: '2026-03' });
          const ids: string[] = [];
          for (const c of opening) {
            const held = Math.min(c.held, c.life, c.postedAgo + 1);
            const posted = monthFromIndex(monthIndex('2026-03') - c.postedAgo);
            ids.push(
              await register(unit, {
                originalValueFen: c.value,
                usefulLifeMonths: c.life,
                postedOn: `${posted}-15`,
                openingDepreciatedMonths: held,
                accumulatedDepreciationFen: Math.floor((c.value * held) / c.life),
              }),
            );
          }
          const closedMonths = months('2026-04', '2026-09');
          for (const m of closedMonths) {
            await runMonth(db, unit, m, null);
            expect((await fin.post('/api/books/close', { unitId: unit, month: m })).statusCode).toBe(200);
          }
          const snapshot = async () => ({
            summaries: await Promise.all(closedMonths.map((m) => summary(unit, m))),
            entries: await query(
              db,
              sql`SELECT card_id, month::text, amount_fen, accumulated_after_fen FROM depreciation_entries WHERE unit_id = ${unit} AND month <= '2026-09-01' ORDER BY card_id, month`,
            ),
          });
          const before = await snapshot();
          // Later: late postings dated in closed months, a revaluation, a disposal dated in a closed month, two more months run.
          for (const l of lates)
            ids.push(
              await register(unit, {
                originalValueFen: l.value,
                postedOn: `${monthFromIndex(monthIndex('2026-04') + l.month)}-${String(l.day).padStart(2, '0')}`,
              }),
            );
          await withTx(db, async (tx) => {
            if (revalueOne) await changeCard(tx, null, ids[0], { set: { originalValueFen: opening[0].value * 2 }, eventType: 'revalued' });
            await changeCard(tx, null, ids[ids.length - 1], {
              set: { status: 'disposed', disposedOn: '2026-05-10', disposalMethod: 'scrap' },
              eventType: 'disposed',
            });
          });
          for (const m of ['2026-10', '2026-11']) await runMonth(db, unit, m, null);
          expect(await snapshot()).toEqual(before);
          // No card is ever depreciated beyond its value; the summary's identity holds over the whole span.
          const over = await query(
            db,
            sql`SELECT id FROM cards WHERE unit_id = ${unit} AND accumulated_depreciation_fen > original_value_fen`,
          );
          expect(over).toEqual([]);
          const s = (await summary(unit, '2026-04', '2026-11')).total;
          expect(s.opening.valueFen + s.additions.valueFen + s.valueIncreaseFen - s.valueDecreaseFen - s.reductions.valueFen).toBe(
            s.closing.valueFen,
          );
          expect(s.opening.accumulatedFen + s.additions.accumulatedFen + s.depreciationFen - s.reductions.accumulatedFen).toBe(
            s.closing.accumulatedFen,
          );
        },
      ),
      { numRuns: 6, seed: 20261202 },
    );
  }, 600_000);
});

describe('depreciation on the tamper-evident ledger', () => {
  it('names the card and month of a charge altered, removed or deleted in SQL', async () => {
    setBusinessToday('2026-12-15');
    const db = t.database.db;
    const { unit } = await unitWithFinance();
    const a = await register(unit, { originalValueFen: 720000, postedOn: '2026-06-10' });
    const b = await register(unit, { originalValueFen: 360000, postedOn: '2026-06-10' });
    for (const m of months('2026-06', '2026-10')) await runMonth(db, unit, m, null);
    const mine = async () => (await verifyLedger(db, { unitIds: [unit] })).depreciation;
    expect(await mine()).toEqual({ checkedEntries: 10, failures: [] });
    const cardNo = async (id: string) =>
      (await queryOne<{ card_no: string }>(db, sql`SELECT card_no FROM cards WHERE id = ${id}`))!.card_no;

    await db.execute(sql`UPDATE depreciation_entries SET amount_fen = amount_fen - 1 WHERE card_id = ${a} AND month = '2026-07-01'`);
    await db.execute(sql`DELETE FROM depreciation_entries WHERE card_id = ${b} AND month = '2026-08-01'`);
    await db.execute(sql`DELETE FROM depreciation_entries WHERE card_id = ${a} AND month = '2026-10-01'`);
    // A change that leaves the figures adding up is found by the run's digest: the month is named.
    await db.execute(sql`UPDATE depreciation_entries SET monthly_fen = monthly_fen + 1 WHERE card_id = ${b} AND month = '2026-06-01'`);
    const found = (await mine()).failures.map((f) => `${f.month} ${f.cardNo ?? 'unit'} ${f.problem}`).sort();
    // Each run whose digest fails is named, and with it the card of the entry changed, removed or
    // inserted there, from the run's manifest: even the change that leaves the figures adding up.
    expect(found).toEqual(
      [
        `2026-06 ${await cardNo(b)} altered`,
        '2026-06 unit run_mismatch',
        `2026-07 ${await cardNo(a)} altered`,
        '2026-07 unit run_mismatch',
        `2026-08 ${await cardNo(b)} removed`,
        '2026-08 unit run_mismatch',
        `2026-09 ${await cardNo(a)} balance_mismatch`,
        `2026-09 ${await cardNo(b)} removed`,
        `2026-10 ${await cardNo(a)} removed`,
        '2026-10 unit run_mismatch',
      ].sort(),
    );
    expect((await verifyLedger(db, { unitIds: [unit] })).ok).toBe(false);
  }, 60_000);
});

describe('depreciation on the tamper-evident ledger, figures that still add up', () => {
  it("names both cards when a month's charge is shifted from one card to another, totals and balances kept", async () => {
    setBusinessToday('2026-12-15');
    const db = t.database.db;
    const { unit } = await unitWithFinance();
    const a = await register(unit, { originalValueFen: 720000, postedOn: '2026-06-10' });
    const b = await register(unit, { originalValueFen: 720000, postedOn: '2026-06-10' });
    for (const m of months('2026-06', '2026-07')) await runMonth(db, unit, m, null);
    // ¥1.00 of July moved from b to a: each entry's before + charge = after, the run's count and
    // total, every card's balance and every month's opening still agree.
    await db.execute(sql`UPDATE depreciation_entries SET amount_fen = amount_fen + 100, accumulated_after_fen = accumulated_after_fen + 100
      WHERE card_id = ${a} AND month = '2026-07-01'`);
    await db.execute(sql`UPDATE depreciation_entries SET amount_fen = amount_fen - 100, accumulated_after_fen = accumulated_after_fen - 100
      WHERE card_id = ${b} AND month = '2026-07-01'`);
    await db.execute(sql`UPDATE cards SET accumulated_depreciation_fen = accumulated_depreciation_fen + 100 WHERE id = ${a}`);
    await db.execute(sql`UPDATE cards SET accumulated_depreciation_fen = accumulated_depreciation_fen - 100 WHERE id = ${b}`);
    const res = await verifyLedger(db, { unitIds: [unit] });
    const no = async (id: string) => (await queryOne<{ card_no: string }>(db, sql`SELECT card_no FROM cards WHERE id = ${id}`))!.card_no;
    expect(res.depreciation.failures.map((f) => `${f.month} ${f.cardNo ?? 'unit'} ${f.problem}`).sort()).toEqual(
      [`2026-07 ${await no(a)} altered`, `2026-07 ${await no(b)} altered`, '2026-07 unit run_mismatch'].sort(),
    );
    // The same answer through the API the audit page reads.
    await w.user('books-auditor', 'auditor', null);
    const api = await (await t.as('books-auditor')).get('/api/audit/verify');
    expect(api.statusCode).toBe(200);
    const named = (api.json().depreciation.failures as { cardId: string | null; problem: string }[]).filter(
      (f) => f.cardId === a || f.cardId === b,
    );
    expect(named.map((f) => f.problem)).toEqual(['altered', 'altered']);
  }, 60_000);
});

describe('a card reaches the books with a source', () => {
  it('takes a hand registration after the takeover as a 补录: a reason, pending, then posted by finance with a voucher', async () => {
    setBusinessToday('2026-12-15');
    const db = t.database.db;
    const { unit, fin } = await unitWithFinance();
    await w.user(`adm-${unit}`, 'unit_admin', unit);
    const admin = await t.as(`adm-${unit}`);
    await fin.post('/api/books/takeover', { unitId: unit, month: '2026-10' });
    const input = {
      unitId: unit,
      name: '打印机',
      categoryId: computers,
      originalValueFen: 320000,
      acquisitionMethod: 'purchase',
      acquiredOn: '2026-11-05',
      postedOn: '2026-11-08',
      usefulLifeMonths: 72,
    };
    const noReason = await admin.post('/api/cards', input);
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().fields.supplementReason).toContain('补录');
    expect(await query(db, sql`SELECT 1 FROM cards WHERE unit_id = ${unit}`)).toHaveLength(0);
    const saved = await admin.post('/api/cards', { ...input, supplementReason: '办公室自购，未走采购流程' });
    expect(saved.statusCode, saved.body).toBe(201);
    const id = saved.json().id;
    expect(await queryOne(db, sql`SELECT status, posted_on FROM cards WHERE id = ${id}`)).toEqual({
      status: 'pending_posting',
      posted_on: null,
    });
    // Not on the books: November runs without it.
    expect((await runMonth(db, unit, '2026-11', null)).totalFen).toBe(0);
    expect((await admin.post(`/api/cards/${id}/post`, { postedOn: '2026-11-08', voucherNo: '记-11-0042' })).statusCode).toBe(403);
    expect((await fin.post(`/api/cards/${id}/post`, { postedOn: '2026-11-08' })).statusCode).toBe(400);
    expect((await fin.post(`/api/cards/${id}/post`, { postedOn: '2026-11-08', voucherNo: '记-11-0042' })).statusCode).toBe(200);
    expect(await queryOne(db, sql`SELECT status, posted_on::text AS p, voucher_no FROM cards WHERE id = ${id}`)).toEqual({
      status: 'in_use',
      p: '2026-11-08',
      voucher_no: '记-11-0042',
    });
    // ¥3,200 over 72 months: ¥44.44 for November, re-run.
    expect((await runMonth(db, unit, '2026-11', null)).totalFen).toBe(4444);
    // An opening card (posted by the end of the takeover month) is registered on the books directly.
    const opening = await admin.post('/api/cards', {
      ...input,
      acquiredOn: '2024-10-05',
      postedOn: '2024-10-08',
      accumulatedDepreciationFen: 106667,
    });
    expect(opening.statusCode, opening.body).toBe(201);
    expect(await queryOne(db, sql`SELECT status, opening_depreciated_months AS n FROM cards WHERE id = ${opening.json().id}`)).toEqual({
      status: 'in_use',
      n: 25,
    });
  }, 60_000);
});
