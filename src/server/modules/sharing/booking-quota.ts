// Quotas (配额) per unit and per person on a resource: booked minutes (pending holds and confirmed
// bookings) in a week, Monday to Sunday, or a calendar month, in the business zone. A request is
// checked with every one of its weekly occurrences, each against its own period, and refused whole.
import { sql } from 'drizzle-orm';
import { queryOne, type Queryable } from '../../platform/db/engine.ts';
import { local, localMidnight } from './booking.rules.ts';

const DAY_MS = 86_400_000;

export interface QuotaRules {
  id: string;
  name: string;
  quotaPeriod: string | null;
  unitQuotaMinutes: number | null;
  personQuotaMinutes: number | null;
}

/** The period (week from Monday, or month) an instant falls in: its first local day and the next period's. */
export function quotaPeriodOf(period: 'week' | 'month', at: Date): { from: string; to: string; label: string } {
  const { date, weekday } = local(at);
  if (period === 'week') {
    const monday = new Date(Date.parse(`${date}T00:00:00Z`) - (weekday - 1) * DAY_MS).toISOString().slice(0, 10);
    const next = new Date(Date.parse(`${monday}T00:00:00Z`) + 7 * DAY_MS).toISOString().slice(0, 10);
    return { from: monday, to: next, label: `${monday} 起的一周` };
  }
  const [y, m] = date.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return { from: `${date.slice(0, 7)}-01`, to: next, label: `${date.slice(0, 7)} 月` };
}

const hours = (m: number) => `${Math.round((m / 60) * 10) / 10} 小时`;

/**
 * The first quota the spans would break, as a message, or null. `exceptId`: a booking being changed
 * (its own minutes do not count against it).
 */
export async function quotaRefusal(
  q: Queryable,
  r: QuotaRules,
  who: { unitId: string; userId: string },
  spans: { startsAt: Date; endsAt: Date }[],
  exceptId?: string,
): Promise<string | null> {
  if (!r.quotaPeriod || !(r.unitQuotaMinutes || r.personQuotaMinutes)) return null;
  const periods = new Map<string, { from: string; to: string; label: string; minutes: number }>();
  for (const s of spans) {
    const p = quotaPeriodOf(r.quotaPeriod as 'week' | 'month', s.startsAt);
    const cur = periods.get(p.from) ?? { ...p, minutes: 0 };
    cur.minutes += (s.endsAt.getTime() - s.startsAt.getTime()) / 60_000;
    periods.set(p.from, cur);
  }
  for (const p of [...periods.values()].sort((a, b) => (a.from < b.from ? -1 : 1))) {
    const used = await queryOne<{ unit: number; person: number }>(
      q,
      sql`
      select coalesce(sum(extract(epoch from (ends_at - starts_at)) / 60) filter (where unit_id = ${who.unitId}::uuid), 0)::int as unit,
        coalesce(sum(extract(epoch from (ends_at - starts_at)) / 60) filter (where booked_by = ${who.userId}::uuid), 0)::int as person
      from bookings
      where resource_id = ${r.id}::uuid and status in ('pending', 'confirmed')
        and starts_at >= ${localMidnight(p.from).toISOString()}::timestamptz and starts_at < ${localMidnight(p.to).toISOString()}::timestamptz
        ${exceptId ? sql`and id <> ${exceptId}::uuid` : sql``}`,
    );
    const per = r.quotaPeriod === 'week' ? '每周' : '每月';
    if (r.unitQuotaMinutes && used!.unit + p.minutes > r.unitQuotaMinutes)
      return `「${r.name}」每个单位${per}最多预订 ${hours(r.unitQuotaMinutes)}：本单位${p.label}已预订 ${hours(used!.unit)}，本次 ${hours(p.minutes)}，超出配额`;
    if (r.personQuotaMinutes && used!.person + p.minutes > r.personQuotaMinutes)
      return `「${r.name}」每人${per}最多预订 ${hours(r.personQuotaMinutes)}：您${p.label}已预订 ${hours(used!.person)}，本次 ${hours(p.minutes)}，超出配额`;
  }
  return null;
}
