import { setBusinessToday } from '../../platform/clock.ts';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { SummaryRow, SummaryView } from '../../../shared/reports.contracts.ts';
import { query } from '../../platform/db/engine.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { monthFromIndex, monthIndex } from '../finance/index.ts';
import { runMonth } from '../finance/index.ts';
import { world, type World } from '../../testing/world.ts';

let t: TestApp;
let w: World;
let unitA: string;
let unitB: string;
let cats: string[];
let office: Client;
let financeA: Client;
let staffA: Client;

const months = (from: string, n: number) => Array.from({ length: n }, (_, i) => monthFromIndex(monthIndex(from) + i));

function expectBalanced(r: SummaryRow) {
  expect(r.opening.count + r.additions.count - r.reductions.count).toBe(r.closing.count);
  expect(r.opening.valueFen + r.additions.valueFen + r.valueIncreaseFen - r.valueDecreaseFen - r.reductions.valueFen).toBe(
    r.closing.valueFen,
  );
  expect(r.opening.accumulatedFen + r.additions.accumulatedFen + r.depreciationFen - r.reductions.accumulatedFen).toBe(
    r.closing.accumulatedFen,
  );
  expect(r.closing.netFen).toBe(r.closing.valueFen - r.closing.accumulatedFen);
}

const summary = async (c: Client, q: string): Promise<SummaryView> => {
  const res = await c.get(`/api/reports/summary?${q}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

beforeAll(async () => {
  // A year of lifecycles up to December 2026: the business clock stands at its end.
  setBusinessToday('2026-12-31');
  t = await createTestApp();
  w = world(t.database);
  const db = t.database.db;
  unitA = await w.unit('RA', '甲局');
  unitB = await w.unit('RB', '乙局');
  const top1 = await w.category({ code: '2', name: '设备' });
  const sub = await w.category({ code: '201', name: '计算机', parentPath: top1.path });
  const top2 = await w.category({ code: '3', name: '家具' });
  cats = [sub.id, top2.id];
  await w.user('r-office', 'asset_office', null);
  await w.user('r-fin-a', 'unit_finance', unitA);
  await w.user('r-staff-a', 'staff', unitA);
  office = await t.as('r-office');
  financeA = await t.as('r-fin-a');
  staffA = await t.as('r-staff-a');

  // A year of random lifecycles in both units, with depreciation run every month.
  const rnd = fc.sample(
    fc.record({
      unit: fc.constantFrom(unitA, unitB),
      cat: fc.constantFrom(...cats),
      value: fc.integer({ min: 100_000, max: 50_000_000 }),
      life: fc.integer({ min: 3, max: 96 }),
      posted: fc.integer({ min: -14, max: 11 }),
      disposeAfter: fc.option(fc.integer({ min: 0, max: 14 }), { nil: null }),
      reval: fc.option(fc.record({ after: fc.integer({ min: 0, max: 12 }), delta: fc.integer({ min: -50_000, max: 3_000_000 }) }), {
        nil: null,
      }),
      transferAfter: fc.option(fc.integer({ min: 0, max: 14 }), { nil: null }),
      acq: fc.constantFrom('purchase', 'transfer_in', 'donation'),
      disp: fc.constantFrom('scrap', 'sale', 'transfer_out'),
    }),
    { numRuns: 60, seed: 2026 },
  );
  const plans = await Promise.all(
    rnd.map(async (s) => {
      const postedM = monthFromIndex(monthIndex('2026-01') + s.posted);
      const id = await w.card({
        unitId: s.unit,
        categoryId: s.cat,
        originalValueFen: s.value,
        usefulLifeMonths: s.life,
        postedOn: `${postedM}-1${s.value % 9}`,
        acquisitionMethod: s.acq,
      });
      return { id, s, postedI: monthIndex(postedM) };
    }),
  );
  for (const m of months('2025-01', 24)) {
    const mi = monthIndex(m);
    for (const p of plans) {
      if (p.s.reval && mi === p.postedI + p.s.reval.after && (p.s.disposeAfter === null || p.s.reval.after < p.s.disposeAfter)) {
        await w.revalue(p.id, p.s.value + p.s.reval.delta, `${m}-05`);
      }
      if (
        p.s.transferAfter !== null &&
        mi === p.postedI + p.s.transferAfter &&
        (p.s.disposeAfter === null || p.s.transferAfter <= p.s.disposeAfter)
      ) {
        await w.transfer(p.id, p.s.unit === unitA ? unitB : unitA, `${m}-15`);
      }
      if (p.s.disposeAfter !== null && mi === p.postedI + p.s.disposeAfter) await w.dispose(p.id, `${m}-20`, p.s.disp);
    }
    await runMonth(db, unitA, m, null);
    await runMonth(db, unitB, m, null);
  }
}, 180_000);
afterAll(async () => {
  setBusinessToday(null);
  await t.close();
});

describe('the asset summary (资产情况表)', () => {
  it('balances opening + additions − reductions = closing for every category, unit and period', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 12 }),
        fc.integer({ min: 1, max: 2 }),
        async (start, len, level) => {
          const from = monthFromIndex(monthIndex('2025-01') + start);
          const to = monthFromIndex(Math.min(monthIndex('2025-01') + start + len, monthIndex('2026-12')));
          const view = await summary(office, `from=${from}&to=${to}&categoryLevel=${level}`);
          for (const r of view.rows) expectBalanced(r);
          expectBalanced(view.total);
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);

  it("carries each month's closing into the next month's opening", async () => {
    let prev: SummaryView | null = null;
    for (const m of months('2025-06', 10)) {
      const view = await summary(office, `from=${m}&to=${m}`);
      if (prev) expect(view.total.opening).toEqual(prev.total.closing);
      prev = view;
    }
  });

  it("counts as a period's depreciation exactly the ledger's entries of its months, per unit", async () => {
    // Entries are charged only while a card is on a unit's books (and in the unit it is in), so the
    // ledger itself is the oracle for the depreciation column, whatever the yearly roll-up does.
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 15 }), async (start, len) => {
        const from = monthFromIndex(monthIndex('2025-01') + start);
        const to = monthFromIndex(Math.min(monthIndex('2025-01') + start + len, monthIndex('2026-12')));
        const ledger = await query<{ unit_id: string; fen: number }>(
          t.database.db,
          sql`
        SELECT unit_id, sum(amount_fen)::bigint AS fen FROM depreciation_entries
        WHERE month BETWEEN ${`${from}-01`}::date AND ${`${to}-01`}::date GROUP BY unit_id`,
        );
        const view = await summary(office, `from=${from}&to=${to}`);
        for (const unit of [unitA, unitB]) {
          const got = view.rows.filter((r) => r.unitId === unit).reduce((s, r) => s + r.depreciationFen, 0);
          expect(got, `${unit} ${from}…${to}`).toBe(Number(ledger.find((l) => l.unit_id === unit)?.fen ?? 0));
        }
      }),
      { numRuns: 15 },
    );
  }, 120_000);

  it("adds up: one unit's report plus the other's equals the committee's", async () => {
    const q = 'from=2026-01&to=2026-12&categoryLevel=2';
    const [all, a, b] = await Promise.all([
      summary(office, q),
      summary(office, `${q}&unitId=${unitA}`),
      summary(office, `${q}&unitId=${unitB}`),
    ]);
    for (const key of ['opening', 'additions', 'reductions', 'closing'] as const) {
      expect(a.total[key].count + b.total[key].count).toBe(all.total[key].count);
      expect(a.total[key].valueFen + b.total[key].valueFen).toBe(all.total[key].valueFen);
      expect(a.total[key].accumulatedFen + b.total[key].accumulatedFen).toBe(all.total[key].accumulatedFen);
    }
    expect(a.total.depreciationFen + b.total.depreciationFen).toBe(all.total.depreciationFen);
    expect(all.rows.some((r) => r.categoryName === '计算机')).toBe(true);
    // The scenario exercises every column: disposals, revaluations both ways, depreciation.
    const span = await summary(office, 'from=2025-01&to=2026-12');
    expect(span.total.reductions.count).toBeGreaterThan(0);
    expect(span.total.valueIncreaseFen).toBeGreaterThan(0);
    expect(span.total.valueDecreaseFen).toBeGreaterThan(0);
    expect(span.total.depreciationFen).toBeGreaterThan(0);
    expect(Object.keys(span.total.reductions.byMethod).length).toBeGreaterThan(1);
    // Transfers between the two units: a reduction in one, an addition in the other, netting out in the committee's total.
    expect(span.total.reductions.byMethod.transfer_out.count).toBeGreaterThan(0);
    expect(span.total.additions.byMethod.transfer_in.count).toBeGreaterThanOrEqual(span.total.reductions.byMethod.transfer_out.count);
  });

  it('shows a unit user only their own unit and answers 404 for another unit', async () => {
    const own = await summary(financeA, 'from=2026-01&to=2026-12');
    expect(own.rows.every((r) => r.unitId === unitA)).toBe(true);
    expect((await financeA.get(`/api/reports/summary?from=2026-01&to=2026-12&unitId=${unitB}`)).statusCode).toBe(404);
    expect((await financeA.get(`/api/reports/lists/additions?from=2026-01&to=2026-12&unitId=${unitB}`)).statusCode).toBe(404);
    expect((await financeA.get(`/api/reports/pack?month=2026-03&unitId=${unitB}`)).statusCode).toBe(404);
    expect(
      (await financeA.put('/api/reports/explanations', { unitId: unitB, month: '2026-03', text: '乙局的说明不该由甲局写' })).statusCode,
    ).toBe(404);
    expect(
      (await financeA.post('/api/reports/export', { report: 'summary', filter: { from: '2026-01', to: '2026-12', unitId: unitB } }))
        .statusCode,
    ).toBe(404);
  });

  it('refuses a role without report rights with 403', async () => {
    expect((await staffA.get('/api/reports/summary?from=2026-01&to=2026-12')).statusCode).toBe(403);
    expect((await staffA.get('/api/dashboard')).statusCode).toBe(403);
    expect((await staffA.post('/api/reports/export', { report: 'summary', filter: { from: '2026-01', to: '2026-12' } })).statusCode).toBe(
      403,
    );
  });
});

describe('Excel export', () => {
  async function exportAndOpen(c: Client, body: unknown) {
    const res = await c.post('/api/reports/export', body);
    expect(res.statusCode, res.body).toBe(202);
    await t.app.jobs.drain();
    const job = (await c.get(`/api/jobs/${res.json().jobId}`)).json();
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    const file = await c.get(`/api/jobs/${res.json().jobId}/file`);
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    return wb.worksheets[0];
  }

  it('writes the summary with title, unit, period, merged headers, yuan amounts and a totals row', async () => {
    const view = await summary(office, `from=2026-01&to=2026-12&unitId=${unitA}`);
    const ws = await exportAndOpen(office, { report: 'summary', filter: { from: '2026-01', to: '2026-12', unitId: unitA } });
    expect(ws.getCell('A1').value).toBe('资产情况表');
    expect(String(ws.getCell('A2').value)).toContain('甲局');
    expect(String(ws.getCell('A3').value)).toContain('2026年01月至2026年12月');
    expect(ws.getCell('C4').isMerged).toBe(true);
    expect(ws.getCell('C4').value).toBe('期初');
    // The totals row, then a blank row and the cover's signatures (单位负责人, 财务负责人, 制表人, 打印日期).
    expect(String(ws.getRow(ws.rowCount).getCell(1).value)).toMatch(/^单位负责人：/);
    expect(String(ws.getRow(ws.rowCount).getCell(4).value)).toBe('制表人：r-office');
    const last = ws.getRow(ws.rowCount - 2);
    expect(last.getCell(1).value).toBe('合计');
    const closingValueCol = ws.getRow(5).cellCount - 2;
    expect(last.getCell(closingValueCol).value).toBe(view.total.closing.valueFen / 100);
    expect(last.getCell(closingValueCol).numFmt).toBe('#,##0.00');
  });

  it('streams a detail list with its totals', async () => {
    const list = (await office.get('/api/reports/lists/additions?from=2025-01&to=2026-12&pageSize=1000')).json();
    const ws = await exportAndOpen(office, { report: 'additions', filter: { from: '2025-01', to: '2026-12' } });
    expect(ws.rowCount).toBe(5 + list.total + 1);
    expect(String(ws.getRow(ws.rowCount).getCell(1).value)).toContain(`${list.total}`);
  });

  it('puts the written explanation of a >20 % month-on-month change into the monthly pack', async () => {
    const unit = await w.unit('RC', '丙局');
    await w.card({ unitId: unit, categoryId: cats[0], originalValueFen: 1_000_000, postedOn: '2026-02-10' });
    await w.card({ unitId: unit, categoryId: cats[0], originalValueFen: 500_000, postedOn: '2026-03-10' });
    const pack = (await office.get(`/api/reports/pack?month=2026-03&unitId=${unit}`)).json();
    expect(pack.units[0]).toMatchObject({
      previousClosingFen: 1_000_000,
      closingFen: 1_500_000,
      needsExplanation: true,
      explanation: null,
    });
    // Reading the report is not writing in it: a unit leader and the auditor read, but may not explain.
    await w.user('r-leader-c', 'unit_leader', unit);
    await w.user('r-auditor', 'auditor', null);
    for (const reader of ['r-leader-c', 'r-auditor']) {
      const c = await t.as(reader);
      expect((await c.get(`/api/reports/pack?month=2026-03&unitId=${unit}`)).statusCode).toBe(200);
      expect((await c.put('/api/reports/explanations', { unitId: unit, month: '2026-03', text: '不该由我写' })).statusCode).toBe(403);
    }
    expect((await office.put('/api/reports/explanations', { unitId: unit, month: '2026-03', text: '新购置服务器一批' })).statusCode).toBe(
      200,
    );
    const ws = await exportAndOpen(office, { report: 'pack', filter: { from: '2026-03', to: '2026-03', unitId: unit } });
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts).toContain('新购置服务器一批');
  });
});

describe('report lists and the dashboard', () => {
  it('lists idle, disposals and the depreciation schedule within scope', async () => {
    for (const kind of [
      'additions',
      'disposals',
      'depreciation',
      'idle',
      'past_min_life',
      'rented_lent',
      'vehicles',
      'buildings_land',
      'over_standard',
    ]) {
      const res = await financeA.get(`/api/reports/lists/${kind}?from=2026-01&to=2026-12`);
      expect(res.statusCode, `${kind} ${res.body}`).toBe(200);
      expect(res.json().items.every((r: { unitName: string }) => r.unitName === '甲局')).toBe(true);
    }
    const dep = (await office.get('/api/reports/lists/depreciation?from=2026-01&to=2026-12&pageSize=1000')).json();
    const view = await summary(office, 'from=2026-01&to=2026-12');
    expect(dep.totals.periodFen).toBeGreaterThanOrEqual(view.total.depreciationFen);
  });

  it('lists the additions and reductions the summary counts, transfers between units included, per unit and period', async () => {
    let transfers = 0;
    for (const [from, to] of [
      ['2026-01', '2026-12'],
      ['2025-04', '2025-09'],
      ['2025-01', '2026-12'],
    ]) {
      for (const unitId of [unitA, unitB]) {
        const view = await summary(office, `from=${from}&to=${to}&unitId=${unitId}`);
        const adds = (await office.get(`/api/reports/lists/additions?from=${from}&to=${to}&unitId=${unitId}&pageSize=1000`)).json();
        const outs = (await office.get(`/api/reports/lists/disposals?from=${from}&to=${to}&unitId=${unitId}&pageSize=1000`)).json();
        expect(adds.total, `additions ${unitId} ${from}…${to}`).toBe(view.total.additions.count);
        expect(outs.total, `disposals ${unitId} ${from}…${to}`).toBe(view.total.reductions.count);
        expect(adds.items.filter((r: { method: string }) => r.method === 'transfer_in').length).toBe(
          view.total.additions.byMethod.transfer_in?.count ?? 0,
        );
        transfers += outs.items.filter((r: { method: string }) => r.method === 'transfer_out').length;
      }
    }
    expect(transfers).toBeGreaterThan(0);
  });

  it("draws the dashboard from the caller's scope only", async () => {
    const all = (await office.get('/api/dashboard')).json();
    const mine = (await financeA.get('/api/dashboard')).json();
    expect(all.byUnit.length).toBeGreaterThanOrEqual(2);
    expect(mine.byUnit.map((u: { unitId: string }) => u.unitId)).toEqual([unitA]);
    expect(mine.totals.count).toBeLessThan(all.totals.count);
    expect(all.monthly).toHaveLength(12);
  });
});
