// Usage and charges per unit per month (使用统计与收费): set-based over the month's confirmed bookings.
// A booking counts in the month (business zone) it starts in; a charge is the rate at booking time
// for the booked minutes, rounded to the fen per booking (what the unit's settlement line adds up).
import { sql } from 'drizzle-orm';
import type { UsageRow, UsageView } from '../../../shared/sharing.contracts.ts';
import { type Actor, inScope, unitScope } from '../../platform/auth/actor.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { localMidnight, openMinutesInMonth } from './booking.rules.ts';
import { listResources } from './resource.service.ts';

export const nextMonthStart = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};

export async function usage(q: Queryable, actor: Actor, month: string): Promise<UsageView> {
  const from = localMidnight(`${month}-01`).toISOString();
  const to = localMidnight(nextMonthStart(month)).toISOString();
  const scope = unitScope(actor, 'sharing.read');
  const rows = await query<Record<string, string | number>>(
    q,
    sql`
    select b.unit_id::text as "unitId", coalesce(u.short_name, u.name) as "unitName", r.id::text as "resourceId", r.name as "resourceName",
      r.kind as "resourceKind", count(*) filter (where b.status = 'confirmed')::int as bookings,
      count(*) filter (where b.status = 'no_show')::int as "noShows",
      coalesce(sum(extract(epoch from (b.ends_at - b.starts_at)) / 60) filter (where b.status = 'confirmed'), 0)::int as minutes,
      coalesce(sum(b.odometer_in - b.odometer_out), 0)::int as km,
      coalesce(sum(round(b.fee_per_hour_fen * extract(epoch from (b.ends_at - b.starts_at)) / 3600)) filter (where b.status = 'confirmed'), 0)::bigint
        as "chargeFen",
      coalesce(sum(b.trip_cost_fen), 0)::bigint as "tripCostFen"
    from bookings b join sharing_resources r on r.id = b.resource_id join units u on u.id = b.unit_id
    where b.status in ('confirmed', 'no_show') and b.starts_at >= ${from}::timestamptz and b.starts_at < ${to}::timestamptz
      and ${inScope('b.unit_id', scope)}
    group by b.unit_id, u.short_name, u.name, u.sort, u.code, r.id, r.name, r.kind, r.code
    order by u.sort, u.code, r.kind, r.code`,
  );
  const items: UsageRow[] = rows.map((r) => ({
    unitId: String(r.unitId),
    unitName: String(r.unitName),
    resourceId: String(r.resourceId),
    resourceName: String(r.resourceName),
    resourceKind: r.resourceKind as UsageRow['resourceKind'],
    bookings: Number(r.bookings),
    minutes: Number(r.minutes),
    noShows: Number(r.noShows),
    km: Number(r.km),
    chargeFen: Number(r.chargeFen),
    tripCostFen: Number(r.tripCostFen),
  }));
  const sum = (k: 'bookings' | 'minutes' | 'noShows' | 'km' | 'chargeFen' | 'tripCostFen') => items.reduce((a, r) => a + r[k], 0);
  // Utilisation: booked ÷ open hours per resource, over every unit's bookings (a facility figure,
  // not a unit's record, so it is shown whatever the caller's scope).
  const booked = await query<{ resource_id: string; minutes: number }>(
    q,
    sql`
    select resource_id::text, sum(extract(epoch from (ends_at - starts_at)) / 60)::int as minutes from bookings
    where status = 'confirmed' and starts_at >= ${from}::timestamptz and starts_at < ${to}::timestamptz group by resource_id`,
  );
  const bookedOf = new Map(booked.map((b) => [b.resource_id, Number(b.minutes)]));
  const utilisation = (await listResources(q, {})).map((r) => {
    const openMinutes = openMinutesInMonth(
      { openFrom: toMin(r.openFrom), openTo: toMin(r.openTo), openDays: r.openDays, blackoutDates: r.blackoutDates },
      month,
    );
    const bookedMinutes = bookedOf.get(r.id) ?? 0;
    return {
      resourceId: r.id,
      resourceName: r.name,
      bookedMinutes,
      openMinutes,
      ratio: openMinutes ? Math.round((bookedMinutes / openMinutes) * 1000) / 1000 : 0,
    };
  });
  return {
    month,
    rows: items,
    totals: {
      bookings: sum('bookings'),
      minutes: sum('minutes'),
      noShows: sum('noShows'),
      km: sum('km'),
      chargeFen: sum('chargeFen'),
      tripCostFen: sum('tripCostFen'),
    },
    utilisation,
  };
}

const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
