import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chargeForMonth, monthFromIndex, monthIndex, type CardState, type PreviousEntry } from './depreciation.rules.ts';

/** Runs the rules month by month, as the monthly runs do, and returns the charges. */
function simulate(
  card: CardState,
  from: string,
  months: number,
  events: Record<string, (c: CardState) => void> = {},
  workloads: Record<string, number> = {},
) {
  const charges: { month: string; amount: number }[] = [];
  let prev: PreviousEntry | null = null;
  let workloadBefore = 0;
  for (let i = 0; i < months; i++) {
    const month = monthFromIndex(monthIndex(from) + i);
    events[month]?.(card);
    const w = workloads[month] ?? 0;
    const ch = chargeForMonth(card, month, prev, w, workloadBefore);
    if (!ch) continue;
    card.accumulatedFen += ch.amountFen;
    prev = { month, monthlyFen: ch.monthlyFen, originalValueFen: card.originalValueFen, usefulLifeMonths: card.usefulLifeMonths };
    if (card.method === 'units_of_production') workloadBefore += w;
    charges.push({ month, amount: ch.amountFen });
  }
  return charges;
}

const computer = (): CardState => ({
  method: 'straight_line',
  originalValueFen: 599900,
  accumulatedFen: 0,
  usefulLifeMonths: 72,
  depreciable: true,
  postedOn: '2026-01-15',
  disposedOn: null,
  totalWorkload: null,
});

describe('depreciation rules (政府会计准则第3号)', () => {
  it('depreciates a ¥5,999 computer over 72 months at ¥83.32 with ¥83.28 in the last month', () => {
    const ch = simulate(computer(), '2026-01', 80);
    expect(ch).toHaveLength(72);
    expect(ch.slice(0, 71).every((c) => c.amount === 8332)).toBe(true);
    expect(ch[71]).toEqual({ month: '2031-12', amount: 8328 });
    expect(ch.reduce((s, c) => s + c.amount, 0)).toBe(599900);
  });

  it('depreciates a building from the month it is posted mid-year, the remainder in its last month', () => {
    const b: CardState = { ...computer(), originalValueFen: 876543210, usefulLifeMonths: 360, postedOn: '2026-07-10' };
    const ch = simulate(b, '2026-01', 400);
    expect(ch[0]).toEqual({ month: '2026-07', amount: 2434842 });
    expect(ch.filter((c) => c.month.startsWith('2026')).reduce((s, c) => s + c.amount, 0)).toBe(14609052);
    expect(ch).toHaveLength(360);
    expect(ch[359]).toEqual({ month: '2056-06', amount: 2434932 });
  });

  it('recomputes (value − accumulated) / remaining months after a revaluation in month 30', () => {
    const ch = simulate(computer(), '2026-01', 80, {
      '2028-06': (c) => {
        c.originalValueFen = 700000;
      },
    });
    expect(ch[28]).toEqual({ month: '2028-05', amount: 8332 });
    expect(ch[29]).toEqual({ month: '2028-06', amount: 10660 }); // round((700000 − 29 × 8332) / 43)
    expect(ch[70].amount).toBe(10660);
    expect(ch[71]).toEqual({ month: '2031-12', amount: 10652 });
    expect(ch.reduce((s, c) => s + c.amount, 0)).toBe(700000);
  });

  it('does not depreciate in the month an asset is disposed of', () => {
    const ch = simulate({ ...computer(), disposedOn: '2026-05-20' }, '2026-01', 12);
    expect(ch.map((c) => c.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
  });

  it('skips exempt categories, nominal-value assets and cards not posted', () => {
    expect(chargeForMonth({ ...computer(), depreciable: false }, '2026-03', null)).toBeNull();
    expect(chargeForMonth({ ...computer(), originalValueFen: 100 }, '2026-03', null)).toBeNull();
    expect(chargeForMonth({ ...computer(), postedOn: null }, '2026-03', null)).toBeNull();
    expect(chargeForMonth({ ...computer(), method: 'none' }, '2026-03', null)).toBeNull();
  });

  it('catches up the months since a past posting date in one entry', () => {
    const ch = chargeForMonth({ ...computer(), postedOn: '2025-10-08' }, '2026-03', null);
    expect(ch).toEqual({ amountFen: 6 * 8332, monthlyFen: 8332, months: 6 });
    const late = chargeForMonth({ ...computer(), postedOn: '2018-01-01' }, '2026-03', null);
    expect(late?.amountFen).toBe(599900);
  });

  it("charges units of production by the month's share of the workload still to do", () => {
    const truck: CardState = {
      ...computer(),
      method: 'units_of_production',
      originalValueFen: 30000000,
      totalWorkload: 300000,
      usefulLifeMonths: null,
    };
    const ch = simulate(truck, '2026-01', 5, {}, { '2026-01': 10000, '2026-02': 0, '2026-03': 250000, '2026-04': 50000 });
    expect(ch).toEqual([
      { month: '2026-01', amount: 1000000 },
      { month: '2026-03', amount: 25000000 },
      { month: '2026-04', amount: 4000000 },
    ]);
  });

  it('never charges more than the value and charges all of it by the end of life (any value, life, revaluation)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 101, max: 2_000_000_000 }),
        fc.integer({ min: 1, max: 600 }),
        fc.integer({ min: 0, max: 11 }),
        fc.option(
          fc.record({
            at: fc.integer({ min: 0, max: 700 }),
            factor: fc.double({ min: 1, max: 3, noNaN: true }),
            life: fc.integer({ min: 1, max: 600 }),
          }),
        ),
        (value, life, postedMonth, reval) => {
          const card: CardState = {
            ...computer(),
            originalValueFen: value,
            usefulLifeMonths: life,
            postedOn: `2026-${String(postedMonth + 1).padStart(2, '0')}-10`,
          };
          const events: Record<string, (c: CardState) => void> = {};
          if (reval)
            events[monthFromIndex(monthIndex('2026-01') + reval.at)] = (c) => {
              c.originalValueFen = Math.round(c.originalValueFen * reval.factor);
              c.usefulLifeMonths = Math.max(reval.life, 1);
            };
          const ch = simulate(card, '2026-01', 12 + 1300);
          const total = ch.reduce((s, c) => s + c.amount, 0);
          expect(ch.every((c) => c.amount > 0)).toBe(true);
          expect(total).toBe(card.originalValueFen);
        },
      ),
      { numRuns: 300 },
    );
  });
});
