// The depreciation rules of 政府会计准则第3号 and its guide (docs/domain.md §6), as pure functions. The run
// itself is SQL (depreciation.charges.ts) computing the same thing for
// every card at once; the tests use these functions as the oracle for that SQL.
import { monthIndex } from '../../../shared/dates.ts';
import type { Fen } from '../../../shared/money.ts';

/** Assets at nominal value (名义金额, ¥1) are not depreciated. */
export const NOMINAL_VALUE_FEN = 100;

// Month arithmetic ('YYYY-MM' ⇄ months since year 0) is shared with the reports and the web.
export { monthFromIndex, monthIndex } from '../../../shared/dates.ts';
export const monthEnd = (month: string): string => {
  const i = monthIndex(month) + 1;
  const d = new Date(Date.UTC(Math.floor(i / 12), i % 12, 0));
  return d.toISOString().slice(0, 10);
};

/** Half-up division of non-negative integers, in integers (no float drift on large fen amounts). */
export function divRound(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

export interface CardState {
  method: 'straight_line' | 'units_of_production' | 'none';
  originalValueFen: Fen;
  accumulatedFen: Fen;
  usefulLifeMonths: number | null;
  /** The category is depreciable (land, relics, books and archives, animals and plants are not). */
  depreciable: boolean;
  /** 'YYYY-MM-DD' or null while pending posting: the date the card is booked on (记账日期). */
  postedOn: string | null;
  /**
   * The real date of recognition (交付使用) when it lies in a closed month and the card was booked
   * in the next open one (a late entry): depreciation starts from the real month, caught up in the
   * first run after booking. Null: the same as postedOn.
   */
  recognizedOn?: string | null;
  /**
   * Opening balance (期初, docs/domain.md §3, opening balances): accumulatedFen as brought in holds the
   * months up to the end of `openingMonth` ('YYYY-MM'), `openingMonths` of them (已提折旧月数). The
   * first month charged is the one after, at (value − accumulated) / (life − openingMonths).
   */
  openingMonth?: string | null;
  openingMonths?: number | null;
  /** 盘亏: found missing in a count, pending write-off; not depreciated until written off or found. */
  missing?: boolean;
  disposedOn: string | null;
  totalWorkload: number | null;
}

export interface PreviousEntry {
  /** The month the previous entry was for ('YYYY-MM'). */
  month: string;
  monthlyFen: Fen;
  originalValueFen: Fen;
  usefulLifeMonths: number | null;
}

export interface MonthCharge {
  amountFen: Fen;
  monthlyFen: Fen;
  /** Months charged: more than 1 when catching up months a card was on the books but not run. */
  months: number;
}

/**
 * The month index of the first month a card may be charged (`first`), and of the month its life
 * counts from (`lifeStart`): the months used before `start` are start − lifeStart. A card posted on
 * our books starts in its month of recognition; an opening balance holds its months up to the
 * takeover month, so the first charge is the month after and the life began openingMonths before it.
 */
export function depreciationStart(c: Pick<CardState, 'postedOn' | 'recognizedOn' | 'openingMonth' | 'openingMonths'>): {
  first: number;
  lifeStart: number;
} {
  const recognized = monthIndex((c.recognizedOn ?? c.postedOn)!.slice(0, 7));
  if (!c.openingMonth) return { first: recognized, lifeStart: recognized };
  const first = Math.max(monthIndex(c.openingMonth) + 1, recognized);
  return { first, lifeStart: first - (c.openingMonths ?? 0) };
}

/**
 * What card `c` is charged for `month`. Straight-line: the monthly amount is fixed when the asset
 * starts depreciating — round((value − accumulated) / remaining months) — and kept month after month
 * while value and life stay the same; a revaluation or life change recomputes it from what is left;
 * the last month takes the remainder, so the total equals the value exactly. Units of production:
 * (value − accumulated) × this month's workload / workload still to do.
 * `workloadBefore` is the workload recorded for earlier months (units of production only).
 */
export function chargeForMonth(
  c: CardState,
  month: string,
  prev: PreviousEntry | null,
  workload = 0,
  workloadBefore = 0,
): MonthCharge | null {
  const left = c.originalValueFen - c.accumulatedFen;
  if (c.method === 'none' || !c.depreciable || c.missing || c.originalValueFen <= NOMINAL_VALUE_FEN || left <= 0) return null;
  if (!c.postedOn || c.postedOn > monthEnd(month)) return null; // added this month: depreciated this month
  if (c.disposedOn && c.disposedOn <= monthEnd(month)) return null; // leaves this month: not depreciated
  const m = monthIndex(month);
  if (c.method === 'units_of_production') {
    const remaining = (c.totalWorkload ?? 0) - workloadBefore;
    if (workload <= 0) return null;
    // BigInt: value × workload overflows 2^53 for large assets.
    const amount =
      workload >= remaining
        ? left
        : Math.min(
            left,
            Number(
              (2n * BigInt(left) * BigInt(Math.round(workload * 100)) + BigInt(Math.round(remaining * 100))) /
                (2n * BigInt(Math.round(remaining * 100))),
            ),
          );
    return amount > 0 ? { amountFen: amount, monthlyFen: amount, months: 1 } : null;
  }
  if (!c.usefulLifeMonths || c.usefulLifeMonths <= 0) return null;
  const { first, lifeStart } = depreciationStart(c);
  // Catch-up: from the month after the last entry (or the first chargeable month) up to this one.
  const start = Math.max(first, prev ? monthIndex(prev.month) + 1 : first);
  if (start > m) return null;
  const months = m - start + 1;
  const remainingAtStart = c.usefulLifeMonths - (start - lifeStart);
  const reachesEnd = remainingAtStart - months <= 0;
  const keep =
    prev &&
    monthIndex(prev.month) === start - 1 &&
    prev.originalValueFen === c.originalValueFen &&
    prev.usefulLifeMonths === c.usefulLifeMonths;
  const monthly = keep ? prev.monthlyFen : remainingAtStart <= 0 ? left : divRound(left, remainingAtStart);
  const amount = reachesEnd ? left : Math.min(left, monthly * months);
  // A monthly amount that rounds to nothing (a tiny value over a long life) waits for the last month.
  return amount > 0 ? { amountFen: amount, monthlyFen: monthly, months } : null;
}
