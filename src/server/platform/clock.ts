import { type SQL, sql } from 'drizzle-orm';

// The business calendar: today in the business time zone (Asia/Shanghai, UTC+8 all year).
// Rules that depend on "now" (no month after the current one may be run; a month still running
// cannot be closed) read it here, so a test that simulates years of monthly runs can move it.

let fixed: string | null = null;

/** The business zone's offset from UTC (Asia/Shanghai: +8 h, no daylight saving). */
export const BUSINESS_ZONE_MS = 8 * 3600_000;

/**
 * The business time zone's name, for the database session and for formatting. This file is the
 * only place it is written (`npm run lint` fails on the name or a hand-written +8 h elsewhere);
 * SQL uses the fragments below.
 */
export const BUSINESS_ZONE = 'Asia/Shanghai';

/** An instant as the business zone's wall clock: day 'YYYY-MM-DD', hour, and 'YYYY-MM-DD HH:MM:SS'. */
export function businessClock(at: Date): { day: string; hour: number; dateTime: string } {
  const local = new Date(at.getTime() + BUSINESS_ZONE_MS);
  const iso = local.toISOString();
  return { day: iso.slice(0, 10), hour: local.getUTCHours(), dateTime: iso.slice(0, 19).replace('T', ' ') };
}

/** Today in the business zone, 'YYYY-MM-DD'. */
export function businessToday(): string {
  return fixed ?? businessClock(new Date()).day;
}

/** The current year in the business zone (card and document numbers carry it). */
export const businessYear = (): number => Number(businessToday().slice(0, 4));

/** Today as a SQL date, for queries that compare with it (the database's clock is not the business clock tests pin). */
export const businessDate = (): SQL => sql`${businessToday()}::date`;

/** SQL: the business day of an instant (a timestamptz column or expression), as a date. */
export const businessDayOf = (instant: SQL | string): SQL => sql`(${asSql(instant)} AT TIME ZONE ${sql.raw(`'${BUSINESS_ZONE}'`)})::date`;

/** SQL: the instant a business day begins (00:00 business time), `days` later when given: [start(d), start(d, 1)) is the whole day. */
export const businessDayStart = (day: string | SQL, days = 0): SQL =>
  businessInstantSql(sql`(${day}::date + ${sql.raw(String(Math.trunc(days)))})::timestamp`);

/** SQL: a wall-clock timestamp of the business zone (timestamp without zone) as an instant. */
export const businessInstantSql = (localTimestamp: SQL | string): SQL =>
  sql`(${asSql(localTimestamp)}) AT TIME ZONE ${sql.raw(`'${BUSINESS_ZONE}'`)}`;

/** SQL: an instant as business-zone wall-clock text, to_char format ('YYYY-MM-DD HH24:MI'). */
export const businessTimeText = (instant: SQL | string, format = 'YYYY-MM-DD HH24:MI'): SQL =>
  sql`to_char(${asSql(instant)} AT TIME ZONE ${sql.raw(`'${BUSINESS_ZONE}'`)}, ${sql.raw(`'${format.replace(/'/g, "''")}'`)})`;

const asSql = (x: SQL | string): SQL => (typeof x === 'string' ? sql.raw(x) : x);

/** A business-zone wall-clock time ('YYYY-MM-DD' or 'YYYY-MM-DDTHH:MM[:SS[.mmm]]') as an instant. */
export function businessInstant(local: string): Date {
  const [day, time = '00:00:00'] = local.split('T');
  return new Date(Date.parse(`${day}T${time}Z`) - BUSINESS_ZONE_MS);
}

/** The current month, 'YYYY-MM'. */
export const businessMonth = (): string => businessToday().slice(0, 7);

/** Tests only: pin today to `day` ('YYYY-MM-DD'), or back to the real clock with null. */
export function setBusinessToday(day: string | null): void {
  fixed = day;
}

let eventDay: string | null = null;

/**
 * The instant a ledger event is stamped with: undefined (the database's now()), unless a test is
 * living a dated day through `onBusinessDay` — then that day at 10:00 business time.
 */
export const eventInstant = (): Date | undefined => (eventDay ? new Date(`${eventDay}T10:00:00+08:00`) : undefined);

/**
 * Tests only: runs `fn` as if on `day` — today is that day and the ledger events it writes are
 * stamped with it — then puts the clock back (the test world dates a revaluation or a disposal so).
 */
export async function onBusinessDay<T>(day: string, fn: () => Promise<T>): Promise<T> {
  const saved = [fixed, eventDay] as const;
  fixed = day;
  eventDay = day;
  try {
    return await fn();
  } finally {
    [fixed, eventDay] = saved;
  }
}
