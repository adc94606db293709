// The monthly O&M report (运维月报, docs/domain.md §11) of a contract: the month's incidents by
// priority, mean handling times on each order's SLA clock, the SLA rate, availability (P1 outages,
// overlapping intervals merged, against the minutes of the month) and the inspection rounds.
import { sql } from 'drizzle-orm';
import { type MonthlyOmReport, PRIORITIES, type Priority, type SlaClock } from '../../../shared/machinerooms.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { notFound } from '../../platform/errors.ts';
import { inspectionStatusSql } from './inspection.queries.ts';
import { workOrderClock } from './om.clock.ts';
import { monthBounds } from './om.month.ts';
import { contractInScope, roomScope } from './scope.service.ts';
import { loadCalendar } from './calendar.service.ts';
import { clockMinutes } from './sla.rules.ts';
import { hoursOf } from './workorder.service.ts';

type D = string | Date;
interface Order {
  priority: Priority;
  clock: SlaClock;
  reported_at: D;
  accepted_at: D | null;
  arrived_at: D | null;
  resolved_at: D | null;
  response_due: D;
  onsite_due: D;
  resolve_due: D;
  reopen_count: number;
}

const ms = (v: D) => new Date(v).getTime();
const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null);

/** Minutes covered by the union of intervals. */
export function unionMinutes(intervals: [number, number][]): number {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let cur: [number, number] | null = null;
  for (const [a, b] of sorted) {
    if (cur && a <= cur[1]) cur[1] = Math.max(cur[1], b);
    else {
      if (cur) total += cur[1] - cur[0];
      cur = [a, b];
    }
  }
  if (cur) total += cur[1] - cur[0];
  return Math.floor(total / 60_000);
}

export async function monthlyOmReport(q: Queryable, actor: Actor, contractId: string, month: string): Promise<MonthlyOmReport> {
  const scope = await roomScope(q, actor);
  const c = await queryOne<{
    contract_no: string;
    name: string;
    vendor_name: string;
    business_from: number;
    business_to: number;
    target: number;
  }>(
    q,
    sql`select c.contract_no, c.name, v.name as vendor_name, c.business_from, c.business_to, c.availability_target_bp as target
        from om_contracts c join om_vendors v on v.id = c.vendor_id where c.id = ${contractId}::uuid and ${contractInScope('c.id', scope)}`,
  );
  if (!c) throw notFound('运维合同');
  const now = workOrderClock.now();
  const b = monthBounds(month);
  const asOf = Math.min(now.getTime(), b.end.getTime());
  const orders = await query<Order>(
    q,
    sql`select priority, clock, reported_at, accepted_at, arrived_at, resolved_at, response_due, onsite_due, resolve_due, reopen_count
        from work_orders where contract_id = ${contractId}::uuid
          and reported_at >= ${b.start.toISOString()}::timestamptz and reported_at < ${b.end.toISOString()}::timestamptz`,
  );
  const h = hoursOf(c.business_from, c.business_to, await loadCalendar(q));
  const late = (done: D | null, due: D) => (done ? ms(done) : now.getTime()) > ms(due);
  const breached = (o: Order) =>
    late(o.accepted_at, o.response_due) || late(o.arrived_at, o.onsite_due) || late(o.resolved_at, o.resolve_due);
  const took = (o: Order, step: D | null) => (step ? [clockMinutes(new Date(o.reported_at), new Date(step), o.clock, h)] : []);
  const outage = unionMinutes(
    orders
      .filter((o) => o.priority === 'p1')
      .map((o) => [Math.max(ms(o.reported_at), b.start.getTime()), Math.min(o.resolved_at ? ms(o.resolved_at) : asOf, b.end.getTime())]),
  );
  const monthMinutes = Math.round((b.end.getTime() - b.start.getTime()) / 60_000);
  const [ins] = await query<MonthlyOmReport['inspections']>(
    q,
    sql`select count(*)::int as scheduled, count(*) filter (where s = 'done')::int as done, count(*) filter (where s = 'done_late')::int as "doneLate",
        count(*) filter (where s = 'missed')::int as missed, coalesce(sum(anomalies), 0)::int as anomalies
      from (select ${inspectionStatusSql(now.toISOString(), '9999-12-31')} as s, i.anomalies from inspections i
        where i.contract_id = ${contractId}::uuid and i.due_at >= ${b.start.toISOString()}::timestamptz and i.due_at < ${b.end.toISOString()}::timestamptz) x`,
  );
  const sub = await queryOne<{ submitted_at: D; submitter_name: string; summary: string | null }>(
    q,
    sql`select submitted_at, submitter_name, summary from om_monthly_reports where contract_id = ${contractId}::uuid and month = ${b.first}::date`,
  );
  const ok = orders.filter((o) => !breached(o)).length;
  return {
    contractId,
    contractNo: c.contract_no,
    contractName: c.name,
    vendorName: c.vendor_name,
    month,
    asOf: now.toISOString(),
    incidents: {
      total: orders.length,
      byPriority: (Object.keys(PRIORITIES) as Priority[]).map((p) => ({
        priority: p,
        count: orders.filter((o) => o.priority === p).length,
        breached: orders.filter((o) => o.priority === p && breached(o)).length,
      })),
      openAtMonthEnd: orders.filter((o) => !o.resolved_at || ms(o.resolved_at) >= b.end.getTime()).length,
      reopened: orders.reduce((s, o) => s + o.reopen_count, 0),
    },
    handling: {
      responseMinutes: mean(orders.flatMap((o) => took(o, o.accepted_at))),
      onsiteMinutes: mean(orders.flatMap((o) => took(o, o.arrived_at))),
      resolveMinutes: mean(orders.flatMap((o) => took(o, o.resolved_at))),
    },
    slaRateBp: orders.length ? Math.floor((ok * 10_000) / orders.length) : 10_000,
    availabilityBp: Math.floor(((monthMinutes - outage) * 10_000) / monthMinutes),
    availabilityTargetBp: c.target,
    outageMinutes: outage,
    inspections: ins,
    submission: sub
      ? { submittedAt: new Date(sub.submitted_at).toISOString(), submitterName: sub.submitter_name, summary: sub.summary }
      : null,
  };
}
