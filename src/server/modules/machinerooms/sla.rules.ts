// SLA clocks of work orders (docs/domain.md §11). A 24×7 priority counts every minute; a
// business-hours priority counts only the minutes inside the contract's business window (local time,
// Asia/Shanghai, ISO weekdays 1–5, less the public holidays and plus the adjusted working days of
// the committee's calendar), so a fault reported on Friday at 17:30 with a 60-minute response
// is due on Monday at 09:30 (window 09:00–18:00). Pure functions: the caller passes "now".
import type { SlaClock } from '../../../shared/machinerooms.contracts.ts';
import { BUSINESS_ZONE_MS } from '../../platform/clock.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** The business zone is UTC+8 all year. */
const ZONE = BUSINESS_ZONE_MS;

export interface BusinessHours {
  /** Minutes after local midnight. */
  from: number;
  to: number;
  /** ISO weekdays (1 = Monday). */
  days: readonly number[];
  /**
   * The committee's calendar by local date (YYYY-MM-DD): a public holiday is a day off whatever
   * its weekday; an adjusted working day (调休) is worked whatever its weekday.
   */
  calendar?: ReadonlyMap<string, 'holiday' | 'workday'>;
}

export const DEFAULT_HOURS: BusinessHours = { from: 540, to: 1080, days: [1, 2, 3, 4, 5] };

/** The default hours with the committee's calendar. */
export const hoursWith = (calendar: BusinessHours['calendar']): BusinessHours => ({ ...DEFAULT_HOURS, calendar });

/** Local midnight (as a UTC instant in ms) of the local day containing `ms`. */
const localDayStart = (ms: number) => Math.floor((ms + ZONE) / DAY) * DAY - ZONE;
const isoDay = (dayStart: number) => {
  const d = new Date(dayStart + ZONE).getUTCDay();
  return d === 0 ? 7 : d;
};

const localDate = (dayStart: number) => new Date(dayStart + ZONE).toISOString().slice(0, 10);

/** The business window of the local day starting at `dayStart`, or null on a day off. */
function windowOf(dayStart: number, h: BusinessHours): [number, number] | null {
  if (h.to <= h.from) return null;
  const marked = h.calendar?.get(localDate(dayStart));
  if (marked === 'holiday' || (marked !== 'workday' && !h.days.includes(isoDay(dayStart)))) return null;
  return [dayStart + h.from * MINUTE, dayStart + h.to * MINUTE];
}

/** Whole minutes of [from, to) the clock counts. */
export function clockMinutes(from: Date, to: Date, clock: SlaClock, h: BusinessHours = DEFAULT_HOURS): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  if (clock === '24x7') return Math.floor((b - a) / MINUTE);
  let ms = 0;
  for (let day = localDayStart(a); day < b; day += DAY) {
    const w = windowOf(day, h);
    if (!w) continue;
    const lo = Math.max(a, w[0]);
    const hi = Math.min(b, w[1]);
    if (hi > lo) ms += hi - lo;
  }
  return Math.floor(ms / MINUTE);
}

/** The instant `minutes` counted minutes after `start`: the deadline of a step. */
export function addClockMinutes(start: Date, minutes: number, clock: SlaClock, h: BusinessHours = DEFAULT_HOURS): Date {
  const a = start.getTime();
  if (clock === '24x7') return new Date(a + minutes * MINUTE);
  let left = minutes * MINUTE;
  // A window every week at least (days is non-empty), so this ends; 400 weeks bounds a bad setting.
  for (let day = localDayStart(a), n = 0; n < 2800; day += DAY, n++) {
    const w = windowOf(day, h);
    if (!w) continue;
    const lo = Math.max(a, w[0]);
    if (lo >= w[1]) continue;
    if (left <= w[1] - lo) return new Date(lo + left);
    left -= w[1] - lo;
  }
  throw new Error('business hours without any working day');
}

export interface StepClock {
  due: Date;
  done: Date | null;
  /** Counted minutes from the report to the step (or to now while open). */
  minutes: number;
  /** Done after its deadline, or still open past it. */
  breached: boolean;
}

/** One SLA step: how long it took (or has taken so far) and whether its deadline is broken. */
export function stepClock(
  reportedAt: Date,
  due: Date,
  done: Date | null,
  now: Date,
  clock: SlaClock,
  h: BusinessHours = DEFAULT_HOURS,
): StepClock {
  const end = done ?? now;
  return { due, done, minutes: clockMinutes(reportedAt, end, clock, h), breached: end.getTime() > due.getTime() };
}
