// A business month's bounds as instants (local midnight, UTC+8) and its neighbours.
import { monthFromIndex, monthIndex } from '../../../shared/dates.ts';

export interface MonthBounds {
  month: string;
  first: string;
  start: Date;
  end: Date;
  next: string;
}

export function monthBounds(month: string): MonthBounds {
  const next = monthFromIndex(monthIndex(month) + 1);
  return { month, first: `${month}-01`, start: new Date(`${month}-01T00:00:00+08:00`), end: new Date(`${next}-01T00:00:00+08:00`), next };
}

/** Months from `from` to `to` inclusive (dates or months). */
export const monthsBetween = (from: string, to: string) => monthIndex(to.slice(0, 7)) - monthIndex(from.slice(0, 7)) + 1;
