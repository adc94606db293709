// 收费明细: the month's charges per unit and resource, written as lines the unified settlement reads.
// The run replaces the month's lines in one INSERT … SELECT over its confirmed bookings (a booking
// counts in the month it starts in, business zone); a month with a settled line is not rewritten.
// A line's amount is the hourly fee (the rate at booking time, per booking to the fen) plus, for
// vehicles, the trip costs recorded at return.
import { sql } from 'drizzle-orm';
import type { ChargeLines } from '../../../shared/sharing.contracts.ts';
import { type Actor, inScope, unitScope } from '../../platform/auth/actor.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/errors.ts';
import { localMidnight } from './booking.rules.ts';
import { nextMonthStart } from './usage.queries.ts';

export async function generateCharges(q: Queryable, actor: Actor, month: string): Promise<ChargeLines> {
  const from = localMidnight(`${month}-01`).toISOString();
  const to = localMidnight(nextMonthStart(month)).toISOString();
  await withTx(q, async (tx) => {
    // One run of a month at a time: the second waits, then replaces the first's lines.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('sharing_charges'), hashtext(${month}))`);
    const settled = await queryOne<{ n: number }>(
      tx,
      sql`select count(*)::int as n from sharing_charge_lines where month = ${`${month}-01`}::date and settled_at is not null`,
    );
    if (settled!.n) throw new AppError('invalid_transition', `${month} 的收费明细已结算，不能重新生成`);
    await tx.execute(sql`delete from sharing_charge_lines where month = ${`${month}-01`}::date`);
    const made = await query<{ lines: number; total: number }>(
      tx,
      sql`
      with ins as (
        insert into sharing_charge_lines (month, unit_id, resource_id, bookings, minutes, km, fee_fen, trip_cost_fen, amount_fen, generated_by)
        select ${`${month}-01`}::date, b.unit_id, b.resource_id, count(*)::int,
          sum(extract(epoch from (b.ends_at - b.starts_at)) / 60)::int,
          coalesce(sum(b.odometer_in - b.odometer_out), 0)::int,
          sum(round(b.fee_per_hour_fen * extract(epoch from (b.ends_at - b.starts_at)) / 3600))::bigint,
          coalesce(sum(b.trip_cost_fen), 0)::bigint,
          (sum(round(b.fee_per_hour_fen * extract(epoch from (b.ends_at - b.starts_at)) / 3600)) + coalesce(sum(b.trip_cost_fen), 0))::bigint,
          ${actor.userId}::uuid
        from bookings b
        where b.status = 'confirmed' and b.starts_at >= ${from}::timestamptz and b.starts_at < ${to}::timestamptz
        group by b.unit_id, b.resource_id
        returning amount_fen
      )
      select count(*)::int as lines, coalesce(sum(amount_fen), 0)::bigint as total from ins`,
    );
    await tx.execute(sql`
      insert into sharing_events (kind, actor_id, details)
      values ('charges_generated', ${actor.userId}::uuid,
        jsonb_build_object('month', ${month}::text, 'lines', ${made[0].lines}::int, 'totalFen', ${Number(made[0].total)}::bigint))`);
  });
  return chargeLines(q, actor, month);
}

/** The month's lines the caller may see (their units', or every unit's for the committee). */
export async function chargeLines(q: Queryable, actor: Actor, month: string): Promise<ChargeLines> {
  const rows = await query<Record<string, unknown>>(
    q,
    sql`
    select l.id::text, to_char(l.month, 'YYYY-MM') as month, l.unit_id::text as "unitId", coalesce(u.short_name, u.name) as "unitName",
      l.resource_id::text as "resourceId", r.name as "resourceName", r.kind as "resourceKind", l.bookings, l.minutes, l.km,
      l.fee_fen as "feeFen", l.trip_cost_fen as "tripCostFen", l.amount_fen as "amountFen",
      to_char(l.settled_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "settledAt",
      to_char(l.generated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "generatedAt"
    from sharing_charge_lines l join units u on u.id = l.unit_id join sharing_resources r on r.id = l.resource_id
    where l.month = ${`${month}-01`}::date and ${inScope('l.unit_id', unitScope(actor, 'sharing.read'))}
    order by u.sort, u.code, r.kind, r.code`,
  );
  const items = rows.map((r) => ({
    ...r,
    feeFen: Number(r.feeFen),
    tripCostFen: Number(r.tripCostFen),
    amountFen: Number(r.amountFen),
  })) as ChargeLines['items'];
  const byUnit = new Map<string, { unitId: string; unitName: string; amountFen: number }>();
  for (const l of items) {
    const u = byUnit.get(l.unitId) ?? { unitId: l.unitId, unitName: l.unitName, amountFen: 0 };
    u.amountFen += l.amountFen;
    byUnit.set(l.unitId, u);
  }
  return { month, items, byUnit: [...byUnit.values()], totalFen: items.reduce((s, l) => s + l.amountFen, 0) };
}
