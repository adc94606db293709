import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { setBusinessToday } from '../../platform/clock.ts';
import { createTestApp, type Client, type TestApp } from '../../testing/test-app.ts';
import { chargeForMonth, monthFromIndex, monthIndex, type CardState, type PreviousEntry } from './depreciation.rules.ts';
import { runMonth } from './depreciation.service.ts';
import { world, type World } from '../../testing/world.ts';

let t: TestApp;
let w: World;
let unitA: string;
let unitB: string;
let computers: string;
let land: string;
let financeA: Client;
let office: Client;
let leaderA: Client;

const months = (from: string, n: number) => Array.from({ length: n }, (_, i) => monthFromIndex(monthIndex(from) + i));

beforeAll(async () => {
  // These tests run years of months ahead of today: the business clock stands at their far end.
  setBusinessToday('2099-12-31');
  t = await createTestApp();
  w = world(t.database);
  unitA = await w.unit('DA', '甲单位');
  unitB = await w.unit('DB', '乙单位');
  computers = (await w.category({ code: '2010100' })).id;
  land = (await w.category({ code: '1010000', depreciable: false })).id;
  await w.user('fin-a', 'unit_finance', unitA);
  await w.user('leader-a', 'unit_leader', unitA);
  await w.user('office', 'asset_office', null);
  financeA = await t.as('fin-a');
  leaderA = await t.as('leader-a');
  office = await t.as('office');
}, 60_000);
afterAll(async () => {
  await t.close();
});

describe('the monthly depreciation run (SQL)', () => {
  it('charges the ¥5,999 computer ¥83.32 a month and ¥83.28 in its 72nd, exactly ¥5,999 in all', async () => {
    const db = t.database.db;
    const unit = await w.unit();
    const card = await w.card({
      unitId: unit,
      categoryId: computers,
      originalValueFen: 599900,
      usefulLifeMonths: 72,
      postedOn: '2026-01-15',
    });
    const amounts: number[] = [];
    for (const m of months('2026-01', 75)) amounts.push((await runMonth(db, unit, m, null)).totalFen);
    expect(amounts.slice(0, 71).every((a) => a === 8332)).toBe(true);
    expect(amounts[71]).toBe(8328);
    expect(amounts.slice(72)).toEqual([0, 0, 0]);
    expect(await w.accumulated(card)).toBe(599900);
  }, 120_000);

  it('starts a building posted in July in July and charges the 2026 half-year to the fen', async () => {
    const db = t.database.db;
    const unit = await w.unit();
    await w.card({ unitId: unit, categoryId: computers, originalValueFen: 876543210, usefulLifeMonths: 360, postedOn: '2026-07-10' });
    const totals: number[] = [];
    for (const m of months('2026-01', 12)) totals.push((await runMonth(db, unit, m, null)).totalFen);
    expect(totals.slice(0, 6)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(totals.slice(6).every((a) => a === 2434842)).toBe(true);
    expect(totals.reduce((s, a) => s + a, 0)).toBe(14609052);
  }, 60_000);

  it('recomputes from the remaining value and months after a revaluation in month 30', async () => {
    const db = t.database.db;
    const unit = await w.unit();
    const card = await w.card({
      unitId: unit,
      categoryId: computers,
      originalValueFen: 599900,
      usefulLifeMonths: 72,
      postedOn: '2026-01-15',
    });
    const all = months('2026-01', 72);
    for (const m of all.slice(0, 29)) await runMonth(db, unit, m, null);
    expect(await w.accumulated(card)).toBe(29 * 8332);
    await w.revalue(card, 700000, '2028-06-03');
    const r30 = await runMonth(db, unit, all[29], null);
    expect(r30.totalFen).toBe(10660);
    let last = 0;
    for (const m of all.slice(30)) last = (await runMonth(db, unit, m, null)).totalFen;
    expect(last).toBe(10652);
    expect(await w.accumulated(card)).toBe(700000);
  }, 120_000);

  it('does not charge a card disposed of in the month being run; re-running the open month replaces it', async () => {
    const db = t.database.db;
    const unit = await w.unit();
    const card = await w.card({
      unitId: unit,
      categoryId: computers,
      originalValueFen: 599900,
      usefulLifeMonths: 72,
      postedOn: '2026-01-15',
    });
    for (const m of months('2026-01', 5)) await runMonth(db, unit, m, null);
    expect(await w.accumulated(card)).toBe(5 * 8332);
    await w.dispose(card, '2026-05-20');
    const rerun = await runMonth(db, unit, '2026-05', null);
    expect(rerun.cardCount).toBe(0);
    expect(await w.accumulated(card)).toBe(4 * 8332);
    const [{ n }] = await query<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM depreciation_runs WHERE unit_id = ${unit} AND month = '2026-05-01'`,
    );
    expect(n).toBe(1);
  });

  it('re-runs an open month by its differences: unchanged charges stay, a revalued card is charged anew', async () => {
    const db = t.database.db;
    const unit = await w.unit();
    const kept = await w.card({
      unitId: unit,
      categoryId: computers,
      originalValueFen: 599900,
      usefulLifeMonths: 72,
      postedOn: '2026-01-15',
    });
    const revalued = await w.card({
      unitId: unit,
      categoryId: computers,
      originalValueFen: 599900,
      usefulLifeMonths: 72,
      postedOn: '2026-01-15',
    });
    for (const m of months('2026-01', 3)) await runMonth(db, unit, m, null);
    const entryIds = async () =>
      query<{ card_id: string; id: number }>(
        db,
        sql`SELECT card_id, id FROM depreciation_entries WHERE month = '2026-03-01' AND unit_id = ${unit} ORDER BY card_id`,
      );
    const before = await entryIds();
    expect((await runMonth(db, unit, '2026-03', null)).totalFen).toBe(2 * 8332);
    expect(await entryIds()).toEqual(before);
    expect(await w.accumulated(kept)).toBe(3 * 8332);
    await w.revalue(revalued, 700000, '2026-03-10');
    const rerun = await runMonth(db, unit, '2026-03', null);
    // 700,000 − 2 × 8,332 over 70 remaining months, half up.
    expect(rerun.totalFen).toBe(8332 + Math.floor((2 * (700000 - 2 * 8332) + 70) / 140));
    expect(await w.accumulated(kept)).toBe(3 * 8332);
    expect(await w.accumulated(revalued)).toBe(2 * 8332 + Math.floor((2 * (700000 - 2 * 8332) + 70) / 140));
    const after = await entryIds();
    expect(after.find((e) => e.card_id === kept)).toEqual(before.find((e) => e.card_id === kept));
    expect(after.find((e) => e.card_id === revalued)!.id).not.toBe(before.find((e) => e.card_id === revalued)!.id);
    const preview = await office.get(`/api/depreciation/preview?unitId=${unit}&month=2026-03`);
    expect(preview.statusCode).toBe(200);
    expect(preview.json().totalFen).toBe(rerun.totalFen);
  });

  it('skips exempt categories, nominal-value and fully depreciated assets, and catches up past postings', async () => {
    const db = t.database.db;
    const unit = await w.unit();
    await w.card({ unitId: unit, categoryId: land, originalValueFen: 99999999 });
    await w.card({ unitId: unit, categoryId: computers, originalValueFen: 100, valueType: 'nominal' });
    await w.card({ unitId: unit, categoryId: computers, originalValueFen: 500000, accumulatedFen: 500000 });
    // Not depreciated: a low-value item (below the ¥1,000 threshold), which registerCard books as 'none'.
    await w.card({ unitId: unit, categoryId: computers, originalValueFen: 50000 });
    await w.card({ unitId: unit, categoryId: computers, originalValueFen: 500000, postedOn: null });
    const late = await w.card({ unitId: unit, categoryId: computers, originalValueFen: 599900, postedOn: '2025-10-08' });
    const res = await runMonth(db, unit, '2026-03', null);
    expect(res.cardCount).toBe(1);
    expect(await w.accumulated(late)).toBe(6 * 8332);
  });

  it('charges a card moved to another unit within a month once, and goes on in the new unit', async () => {
    const db = t.database.db;
    const from = await w.unit();
    const to = await w.unit();
    const card = await w.card({
      unitId: from,
      categoryId: computers,
      originalValueFen: 599900,
      usefulLifeMonths: 72,
      postedOn: '2026-01-15',
    });
    for (const m of months('2026-01', 3)) await runMonth(db, from, m, null);
    await w.transfer(card, to, '2026-03-20');
    expect((await runMonth(db, to, '2026-03', null)).cardCount).toBe(0);
    expect((await runMonth(db, to, '2026-04', null)).totalFen).toBe(8332);
    expect(await w.accumulated(card)).toBe(4 * 8332);
  });

  it('locks a closed month: neither a re-run nor a workload change is accepted', async () => {
    const db = t.database.db;
    await w.card({ unitId: unitA, categoryId: computers, originalValueFen: 599900, postedOn: '2026-01-15' });
    const { runId } = await runMonth(db, unitA, '2026-01', null);
    const closed = await financeA.post(`/api/depreciation/runs/${runId}/close`);
    expect(closed.statusCode).toBe(200);
    expect(closed.json().status).toBe('closed');
    await expect(runMonth(db, unitA, '2026-01', null)).rejects.toMatchObject({ id: 'locked_period' });
    const res = await financeA.post('/api/depreciation/runs', { month: '2026-01', unitId: unitA });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('locked_period');
    const again = await financeA.post(`/api/depreciation/runs/${runId}/close`);
    expect(again.statusCode).toBe(409);
  });

  it('runs through the API as a job with progress and shows the run in the history', async () => {
    const res = await financeA.post('/api/depreciation/runs', { month: '2026-02', unitId: unitA });
    expect(res.statusCode).toBe(202);
    await t.app.jobs.drain();
    const job = (await financeA.get(`/api/jobs/${res.json().jobId}`)).json();
    expect(job).toMatchObject({ status: 'succeeded', percent: 100 });
    const runs = (await financeA.get(`/api/depreciation/runs?unitId=${unitA}`)).json().items;
    expect(runs.map((r: { month: string }) => r.month)).toContain('2026-02');
    const preview = (await financeA.get(`/api/depreciation/preview?unitId=${unitA}&month=2026-02`)).json();
    expect(preview.totalFen).toBe(runs.find((r: { month: string }) => r.month === '2026-02').totalFen);
  });
});

describe('who may see and run depreciation', () => {
  it("answers 404 for another unit's run, preview and workloads, and changes nothing", async () => {
    const db = t.database.db;
    const cardB = await w.card({ unitId: unitB, categoryId: computers, originalValueFen: 300000, postedOn: '2026-01-15' });
    const { runId } = await runMonth(db, unitB, '2026-01', null);
    expect((await financeA.get(`/api/depreciation/cards/${cardB}`)).statusCode).toBe(404);
    expect((await office.get(`/api/depreciation/cards/${cardB}`)).json().items).toEqual([
      { month: '2026-01', amountFen: 4167, accumulatedAfterFen: 4167, months: 1, status: 'open' },
    ]);
    expect((await financeA.get(`/api/depreciation/runs/${runId}`)).statusCode).toBe(404);
    expect((await financeA.get(`/api/depreciation/runs/${runId}/entries`)).statusCode).toBe(404);
    expect((await financeA.post(`/api/depreciation/runs/${runId}/close`)).statusCode).toBe(404);
    expect((await financeA.get(`/api/depreciation/preview?unitId=${unitB}&month=2026-01`)).statusCode).toBe(404);
    expect((await financeA.post('/api/depreciation/runs', { month: '2026-02', unitId: unitB })).statusCode).toBe(404);
    expect((await financeA.get(`/api/depreciation/workloads?unitId=${unitB}&month=2026-01`)).statusCode).toBe(404);
    expect((await financeA.put(`/api/depreciation/workloads/${unitB}`, { month: '2026-01', items: [] })).statusCode).toBe(404);
    const list = (await financeA.get('/api/depreciation/runs')).json().items;
    expect(list.every((r: { unitId: string }) => r.unitId === unitA)).toBe(true);
    expect((await office.get(`/api/depreciation/runs/${runId}`)).json().status).toBe('open');
  });

  it('answers 403 to a role without the right to run or close', async () => {
    expect((await leaderA.post('/api/depreciation/runs', { month: '2026-03', unitId: unitA })).statusCode).toBe(403);
    const runs = (await leaderA.get('/api/depreciation/runs')).json().items;
    expect((await leaderA.post(`/api/depreciation/runs/${runs[0].id}/close`)).statusCode).toBe(403);
    expect((await leaderA.put(`/api/depreciation/workloads/${unitA}`, { month: '2026-03', items: [] })).statusCode).toBe(403);
  });
});

describe('units of production', () => {
  it('charges the workload entered for the month through the API', async () => {
    const db = t.database.db;
    const truck = await w.card({
      unitId: unitA,
      categoryId: computers,
      originalValueFen: 30000000,
      method: 'units_of_production',
      totalWorkload: 300000,
      usefulLifeMonths: null,
      postedOn: '2026-01-05',
    });
    const save = await financeA.put(`/api/depreciation/workloads/${unitA}`, {
      month: '2026-03',
      items: [{ cardId: truck, workload: 10000 }],
    });
    expect(save.statusCode).toBe(200);
    const list = (await financeA.get(`/api/depreciation/workloads?unitId=${unitA}&month=2026-03`)).json().items;
    expect(list.find((r: { cardId: string }) => r.cardId === truck).workload).toBe(10000);
    await runMonth(db, unitA, '2026-03', null);
    expect(await w.accumulated(truck)).toBe(1000000);
  });
});

describe('the SQL run agrees with the rules for random lifecycles', () => {
  it('matches the oracle card by card, never exceeds the value, and reaches it at end of life', async () => {
    const db = t.database.db;
    const cardArb = fc.record({
      // From the ¥1,000 capitalization threshold: below it registerCard books a low-value item, never depreciated.
      value: fc.integer({ min: 100_000, max: 500_000_000 }),
      life: fc.integer({ min: 1, max: 30 }),
      posted: fc.integer({ min: -6, max: 10 }),
      disposeAt: fc.option(fc.integer({ min: 0, max: 30 }), { nil: null }),
      reval: fc.option(
        fc.record({
          at: fc.integer({ min: 0, max: 30 }),
          factor: fc.double({ min: 1, max: 2, noNaN: true }),
          life: fc.integer({ min: 1, max: 30 }),
        }),
        { nil: null },
      ),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(cardArb, { minLength: 1, maxLength: 25 }), async (specs) => {
        const unit = await w.unit();
        const start = '2026-01';
        const all = months(start, 34);
        const cards = await Promise.all(
          specs.map(async (s) => {
            const postedOn = `${monthFromIndex(monthIndex(start) + s.posted)}-1${(s.value % 9) + 1}`;
            const disposedOn =
              s.disposeAt === null ? null : `${monthFromIndex(monthIndex(start) + Math.max(s.posted, 0) + s.disposeAt)}-12`;
            const id = await w.card({
              unitId: unit,
              categoryId: computers,
              originalValueFen: s.value,
              usefulLifeMonths: s.life,
              postedOn,
            });
            const state: CardState = {
              method: 'straight_line',
              originalValueFen: s.value,
              accumulatedFen: 0,
              usefulLifeMonths: s.life,
              depreciable: true,
              postedOn,
              disposedOn,
              totalWorkload: null,
            };
            return { id, s, state, disposedOn, prev: null as PreviousEntry | null };
          }),
        );
        for (const [i, m] of all.entries()) {
          for (const c of cards) {
            if (c.disposedOn && c.disposedOn.slice(0, 7) === m) await w.dispose(c.id, c.disposedOn);
            if (
              c.s.reval &&
              c.s.reval.at === i &&
              c.state.accumulatedFen < c.state.originalValueFen &&
              !(c.disposedOn && c.disposedOn.slice(0, 7) <= m)
            ) {
              c.state.originalValueFen = Math.round(c.state.originalValueFen * c.s.reval.factor);
              c.state.usefulLifeMonths = c.s.reval.life;
              await w.revalue(c.id, c.state.originalValueFen, `${m}-01`, c.s.reval.life);
            }
            const ch = chargeForMonth(c.state, m, c.prev);
            if (ch) {
              c.state.accumulatedFen += ch.amountFen;
              c.prev = {
                month: m,
                monthlyFen: ch.monthlyFen,
                originalValueFen: c.state.originalValueFen,
                usefulLifeMonths: c.state.usefulLifeMonths,
              };
            }
          }
          await runMonth(db, unit, m, null);
        }
        for (const c of cards) {
          const acc = await w.accumulated(c.id);
          expect(acc).toBe(c.state.accumulatedFen);
          expect(acc).toBeLessThanOrEqual(c.state.originalValueFen);
          if (!c.disposedOn && c.state.originalValueFen > 100 && c.s.posted + c.s.life + 30 <= 33)
            expect(acc).toBe(c.state.originalValueFen);
        }
      }),
      { numRuns: 8 },
    );
  }, 300_000);
});

describe('the yearly roll-up of the ledger (depreciation_card_years)', () => {
  /** cum[k] per card and year, summed here from the entries themselves. */
  const fromLedger = async (q: Queryable) => {
    const rows = await query<{ card_id: string; month: string; amount_fen: number }>(
      q,
      sql`SELECT card_id, to_char(month, 'YYYY-MM') AS month, amount_fen FROM depreciation_entries`,
    );
    const out = new Map<string, number[]>();
    for (const r of rows) {
      const key = `${r.card_id}|${r.month.slice(0, 4)}`;
      const cum = out.get(key) ?? Array<number>(12).fill(0);
      for (let k = Number(r.month.slice(5, 7)); k <= 12; k++) cum[k - 1] += Number(r.amount_fen);
      out.set(key, cum);
    }
    return out;
  };
  const rolledUp = async (q: Queryable) => {
    const rows = await query<{ card_id: string; year: number; cum: (number | string)[] }>(
      q,
      sql`SELECT card_id, year, cum FROM depreciation_card_years`,
    );
    // A card whose entries were all taken back keeps a row of zeros.
    return new Map(rows.filter((r) => r.cum.some((x) => Number(x) !== 0)).map((r) => [`${r.card_id}|${r.year}`, r.cum.map(Number)]));
  };

  const staleCopies = async (q: Queryable) =>
    (
      await query<{ n: number }>(
        q,
        sql`
    SELECT count(*)::int AS n FROM depreciation_card_years r JOIN cards c ON c.id = r.card_id
    WHERE (r.unit_id, r.category_id, r.posted_on, r.disposed_on, r.posted_month_index, r.disposed_month_index)
      IS DISTINCT FROM (c.unit_id, c.category_id, c.posted_on, c.disposed_on, depreciation_month_after(c.posted_on), depreciation_month_after(c.disposed_on))`,
      )
    )[0].n;

  it('equals the ledger after every run, re-run and catch-up above, and follows direct updates and deletes', async () => {
    const db = t.database.db;
    const ledger = await fromLedger(db);
    expect(ledger.size).toBeGreaterThan(20);
    expect(await rolledUp(db)).toEqual(ledger);
    // The triggers follow any writer: correct one entry, delete another, inside a transaction then rolled back.
    await expect(
      withTx(db, async (tx) => {
        await tx.execute(
          sql`UPDATE depreciation_entries SET amount_fen = amount_fen + 7, month = month - interval '1 month' WHERE id = (SELECT min(id) FROM depreciation_entries)`,
        );
        await tx.execute(sql`DELETE FROM depreciation_entries WHERE id = (SELECT max(id) FROM depreciation_entries)`);
        expect(await rolledUp(tx)).toEqual(await fromLedger(tx));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await rolledUp(db)).toEqual(ledger);
  });

  it("carries each card's current unit, category and dates, through the transfers and disposals above and a reclassification", async () => {
    const db = t.database.db;
    expect(await staleCopies(db)).toBe(0);
    const [{ n: moved }] = await query<{ n: number }>(
      db,
      sql`SELECT count(*)::int AS n FROM (SELECT card_id FROM depreciation_entries GROUP BY card_id HAVING count(DISTINCT unit_id) > 1) x`,
    );
    expect(moved).toBeGreaterThan(0);
    await expect(
      withTx(db, async (tx) => {
        await tx.execute(
          sql`UPDATE cards SET category_id = ${land}, disposed_on = NULL WHERE id IN (SELECT card_id FROM depreciation_card_years LIMIT 3)`,
        );
        expect(await staleCopies(tx)).toBe(0);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
  });
});
