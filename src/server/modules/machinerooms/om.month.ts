// A business month's bounds as instants (local midnight, UTC+8) and its neighbours.
import { monthFromIndex, monthIndex } from '../../../shared/dates.ts';
import { businessInstant } from '../../platform/clock.ts';

export interface MonthBounds {
  month: string;
  first: string;
  start: Date;
  end: Date;
  next: string;
}

export function monthBounds(month: string): MonthBounds {
  const next = monthFromIndex(monthIndex(month) + 1);
  return { month, first: `${month}-01`, start: businessInstant(`${month}-01`), end: businessInstant(`${next}-01`), next };
}

/** Months from `from` to `to` inclusive (dates or months). */
export const monthsBetween = (from: string, to: string) => monthIndex(to.slice(0, 7)) - monthIndex(from.slice(0, 7)) + 1;
