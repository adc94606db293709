// The monthly publication of official-vehicle trips (公务用车使用情况公示, docs/domain.md §9): every
// dispatched trip that starts in the month (business zone) with its time, reason, destination,
// mileage and cost, in the caller's unit scope; the committee's office sees and publishes all units.
import { sql } from 'drizzle-orm';
import type { TripPublication } from '../../../shared/sharing.contracts.ts';
import { type Actor, inScope, unitScope } from '../../platform/auth/actor.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { localMidnight } from './booking.rules.ts';
import { nextMonthStart } from './usage.queries.ts';

export async function tripPublication(q: Queryable, actor: Actor, month: string): Promise<TripPublication> {
  const from = localMidnight(`${month}-01`).toISOString();
  const to = localMidnight(nextMonthStart(month)).toISOString();
  const rows = await query<{
    bookingNo: string;
    vehicleName: string;
    unitName: string;
    personName: string;
    reason: string;
    destination: string | null;
    passengers: number | null;
    driver: string | null;
    startsAt: Date | string;
    endsAt: Date | string;
    km: number | null;
    costFen: number | string | null;
  }>(
    q,
    sql`
    select b.booking_no as "bookingNo", r.name as "vehicleName", coalesce(u.short_name, u.name) as "unitName",
      b.person_name as "personName", b.title as reason, b.destination, b.passengers, b.driver,
      b.starts_at as "startsAt", b.ends_at as "endsAt", (b.odometer_in - b.odometer_out)::int as km, b.trip_cost_fen as "costFen"
    from bookings b join sharing_resources r on r.id = b.resource_id and r.kind = 'vehicle' join units u on u.id = b.unit_id
    where b.dispatched_at is not null and b.starts_at >= ${from}::timestamptz and b.starts_at < ${to}::timestamptz
      and ${inScope('b.unit_id', unitScope(actor, 'sharing.read'))}
    order by b.starts_at, b.booking_no`,
  );
  const items = rows.map((r) => ({
    ...r,
    startsAt: new Date(r.startsAt).toISOString(),
    endsAt: new Date(r.endsAt).toISOString(),
    km: r.km === null ? null : Number(r.km),
    costFen: r.costFen === null ? null : Number(r.costFen),
  }));
  return {
    month,
    items,
    totals: {
      trips: items.length,
      km: items.reduce((a, r) => a + (r.km ?? 0), 0),
      costFen: items.reduce((a, r) => a + (r.costFen ?? 0), 0),
    },
  };
}
