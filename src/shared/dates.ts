import { z } from 'zod';

// Calendar dates and months: one rule for every date the system accepts (request bodies, query
// strings, document payloads, Excel cells, CLI flags). A date is a real day of the Gregorian
// calendar between DATE_MIN_YEAR and DATE_MAX_YEAR: 2026-02-30 and 0000-01-01 are refused here,
// before they can reach a `::date` cast in SQL.

export const DATE_MIN_YEAR = 1900;
export const DATE_MAX_YEAR = 2200;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_RE = /^(\d{4})-(\d{2})$/;

export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

const yearOk = (y: number) => y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR;

/** 'YYYY-MM-DD' naming a real day in the accepted range. */
export function isCalendarDate(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return yearOk(y) && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

/** 'YYYY-MM' naming a month in the accepted range. */
export function isCalendarMonth(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = MONTH_RE.exec(s);
  if (!m) return false;
  const mo = Number(m[2]);
  return yearOk(Number(m[1])) && mo >= 1 && mo <= 12;
}

export const DATE_MESSAGE = `日期应为有效的 YYYY-MM-DD（${DATE_MIN_YEAR}–${DATE_MAX_YEAR} 年）`;
export const MONTH_MESSAGE = `月份应为有效的 YYYY-MM（${DATE_MIN_YEAR}–${DATE_MAX_YEAR} 年）`;

/**
 * A calendar date, 'YYYY-MM-DD'. The pattern is kept for the OpenAPI document (clients and the
 * route walker read it); the refinement checks the day exists.
 */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, DATE_MESSAGE)
  .refine(isCalendarDate, DATE_MESSAGE);

/** A calendar month, 'YYYY-MM'. */
export const IsoMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, MONTH_MESSAGE)
  .refine(isCalendarMonth, MONTH_MESSAGE);

/** The value when it is a calendar date, else null (for stored payloads read back). */
export function calendarDateOrNull(s: unknown): string | null {
  return isCalendarDate(s) ? s : null;
}

/** A month 'YYYY-MM' as a count of months (year × 12 + month − 1), and back: month arithmetic without dates. */
export const monthIndex = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;
export const monthFromIndex = (i: number): string => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

/** The calendar day `n` days after `day` ('YYYY-MM-DD'; n may be negative). */
export function addDays(day: string, n: number): string {
  const t = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
