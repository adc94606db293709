// The rules a booking must meet before it reaches the database (which alone decides overlaps):
// opening hours on the resource's slot grid, notice, length, sealed days, who may book, capacity.
// Pure functions of the resource, the request and `now`, so tests set the minute instead of sleeping.
import { ROLE_LABELS, type Role, type RoleGrant } from '../../../shared/roles.ts';
import { minutesToClock } from '../../../shared/sharing.contracts.ts';
import { BUSINESS_ZONE_MS } from '../../platform/clock.ts';

/** What the rules read of a resource. */
export interface ResourceRules {
  name: string;
  kind: string;
  active: boolean;
  capacity: number | null;
  openFrom: number;
  openTo: number;
  openDays: number[];
  slotMinutes: number;
  bufferMinutes: number;
  minNoticeMinutes: number;
  maxAheadDays: number;
  maxMinutes: number;
  allowedUnitIds: string[] | null;
  allowedRoles: string[] | null;
  blackoutDates: string[];
}

export interface Refusal {
  field: string;
  message: string;
}

const ZONE_MS = BUSINESS_ZONE_MS;
const DAY_MS = 86_400_000;

/** The business-zone calendar date, minute of day and ISO weekday of an instant. */
export function local(at: Date): { date: string; minute: number; weekday: number } {
  const d = new Date(at.getTime() + ZONE_MS);
  return { date: d.toISOString().slice(0, 10), minute: d.getUTCHours() * 60 + d.getUTCMinutes(), weekday: d.getUTCDay() || 7 };
}

/** The instant of local midnight starting `date` ('YYYY-MM-DD') in the business zone. */
export const localMidnight = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - ZONE_MS);

const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** The roles a person holds for booking on behalf of `unitId`: those held in that unit or system-wide. */
export const rolesFor = (grants: readonly RoleGrant[], unitId: string): Role[] =>
  grants.filter((g) => g.unitId === null || g.unitId === unitId).map((g) => g.role);

/**
 * The first rule the request breaks, or null. `now` is injected (tests pin it). `roles`: the booker's
 * roles (rolesFor) when who books is being decided; absent when an existing booking is changed.
 */
export function bookingRefusal(
  r: ResourceRules,
  b: { startsAt: Date; endsAt: Date; unitId: string; attendees?: number | null; roles?: readonly string[] },
  now: Date,
): Refusal | null {
  if (!r.active) return { field: 'resourceId', message: `「${r.name}」已停用，不能预订` };
  if (r.allowedUnitIds && !r.allowedUnitIds.includes(b.unitId)) return { field: 'resourceId', message: `「${r.name}」不对本单位开放预订` };
  if (r.allowedRoles && b.roles && !b.roles.some((x) => r.allowedRoles!.includes(x)))
    return {
      field: 'resourceId',
      message: `「${r.name}」仅限${r.allowedRoles.map((x) => ROLE_LABELS[x as Role] ?? x).join('、')}预订`,
    };
  if (b.endsAt <= b.startsAt) return { field: 'endsAt', message: '结束时间应晚于开始时间' };
  const minutes = (b.endsAt.getTime() - b.startsAt.getTime()) / 60_000;
  if (b.startsAt < now) return { field: 'startsAt', message: '不能预订已经过去的时间' };
  if (b.startsAt.getTime() - now.getTime() < r.minNoticeMinutes * 60_000)
    return { field: 'startsAt', message: `「${r.name}」须至少提前 ${noticeText(r.minNoticeMinutes)}预订` };
  if (b.startsAt.getTime() - now.getTime() > r.maxAheadDays * DAY_MS)
    return { field: 'startsAt', message: `「${r.name}」最多提前 ${r.maxAheadDays} 天预订` };
  if (minutes > r.maxMinutes) return { field: 'endsAt', message: `「${r.name}」每次最长 ${durationText(r.maxMinutes)}` };
  const s = local(b.startsAt);
  const e = local(new Date(b.endsAt.getTime() - 1));
  const endMinute = s.date === e.date ? local(b.endsAt).minute || 1440 : local(b.endsAt).minute;
  if (s.date !== e.date && !(r.openFrom === 0 && r.openTo === 1440))
    return {
      field: 'endsAt',
      message: `「${r.name}」只能在同一天内预订（开放时间 ${minutesToClock(r.openFrom)}–${minutesToClock(r.openTo)}）`,
    };
  if (s.minute < r.openFrom || (s.date === e.date && endMinute > r.openTo))
    return { field: 'startsAt', message: `「${r.name}」的开放时间为 ${minutesToClock(r.openFrom)}–${minutesToClock(r.openTo)}` };
  if ((s.minute - r.openFrom) % r.slotMinutes !== 0 || minutes % r.slotMinutes !== 0)
    return {
      field: 'startsAt',
      message: `「${r.name}」按 ${r.slotMinutes} 分钟为单位预订，请从 ${minutesToClock(r.openFrom)} 起按时段选择`,
    };
  for (let t = localMidnight(s.date).getTime(); t < b.endsAt.getTime(); t += DAY_MS) {
    const day = local(new Date(t));
    if (!r.openDays.includes(day.weekday)) return { field: 'startsAt', message: `「${r.name}」${WEEKDAYS[day.weekday]}不开放` };
    if (r.blackoutDates.includes(day.date)) return { field: 'startsAt', message: `「${r.name}」${day.date} 停用（封存日），不能预订` };
  }
  if (b.attendees && r.capacity && b.attendees > r.capacity)
    return { field: 'attendees', message: `「${r.name}」最多容纳 ${r.capacity} 人，申请 ${b.attendees} 人` };
  return null;
}

const durationText = (m: number) => (m % 60 === 0 ? `${m / 60} 小时` : `${m} 分钟`);
const noticeText = (m: number) => (m % 1440 === 0 ? `${m / 1440} 天` : durationText(m));

/** Minutes the resource is open in a month (open weekdays that are not sealed). */
export function openMinutesInMonth(r: Pick<ResourceRules, 'openFrom' | 'openTo' | 'openDays' | 'blackoutDates'>, month: string): number {
  let total = 0;
  for (let t = Date.parse(`${month}-01T00:00:00Z`); new Date(t).toISOString().startsWith(month); t += DAY_MS) {
    const d = new Date(t);
    const date = d.toISOString().slice(0, 10);
    if (r.openDays.includes(d.getUTCDay() || 7) && !r.blackoutDates.includes(date)) total += r.openTo - r.openFrom;
  }
  return total;
}

/** A charge in fen: the hourly rate for the minutes booked, half a fen rounded up (as the SQL's round()). */
export const chargeFen = (feePerHourFen: number, minutes: number) => Math.round((feePerHourFen * minutes) / 60);
