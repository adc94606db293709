// Work-order lists with their SLA clocks: each step's deadline, the counted minutes so far and whether
// it is broken, computed against the injected "now" (docs/domain.md §11).
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { SlaClock, WorkOrderQuery, WorkOrderView } from '../../../shared/machinerooms.contracts.ts';
import type { CalendarKind } from '../../../shared/machinerooms.points.contracts.ts';
import type { Page } from '../../../shared/paging.ts';
import { type Actor, can, scopeIncludes, unitScope } from '../../platform/auth/actor.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { likePattern, offsetOf } from '../../platform/db/paging.ts';
import { notFound } from '../../platform/errors.ts';
import { loadCalendar } from './calendar.service.ts';
import { workOrderScope } from './scope.service.ts';
import { stepClock } from './sla.rules.ts';
import { hoursOf, STEPS, workOrderClock } from './workorder.service.ts';

interface Row {
  id: string;
  orderNo: string;
  contractNo: string;
  vendorName: string;
  unitId: string;
  unitName: string;
  roomName: string;
  rackCode: string | null;
  cardNo: string | null;
  cardName: string | null;
  pointCode: string | null;
  priority: WorkOrderView['priority'];
  clock: SlaClock;
  title: string;
  description: string | null;
  status: WorkOrderView['status'];
  reporterName: string;
  reportedAt: string | Date;
  acceptedAt: string | Date | null;
  arrivedAt: string | Date | null;
  resolvedAt: string | Date | null;
  responseDue: string | Date;
  onsiteDue: string | Date;
  resolveDue: string | Date;
  resolution: string | null;
  reopenCount: number;
  businessFrom: number;
  businessTo: number;
}

const d = (v: string | Date) => new Date(v);
const dn = (v: string | Date | null) => (v === null ? null : new Date(v));
const iso = (s: ReturnType<typeof stepClock>) => ({
  due: s.due.toISOString(),
  done: s.done?.toISOString() ?? null,
  minutes: s.minutes,
  breached: s.breached,
});

/** Broken now: a step done late, or still open past its deadline. */
const breachedSql = (now: string) => sql`(coalesce(w.accepted_at, ${now}::timestamptz) > w.response_due
  or coalesce(w.arrived_at, ${now}::timestamptz) > w.onsite_due or coalesce(w.resolved_at, ${now}::timestamptz) > w.resolve_due)`;

const SORTS: Record<string, string> = { reportedAt: 'w.reported_at', priority: 'w.priority', status: 'w.status' };

function toView(r: Row, actor: Actor, now: Date, calendar: Map<string, CalendarKind>): WorkOrderView {
  const h = hoursOf(r.businessFrom, r.businessTo, calendar);
  const at = d(r.reportedAt);
  const response = stepClock(at, d(r.responseDue), dn(r.acceptedAt), now, r.clock, h);
  const onsite = stepClock(at, d(r.onsiteDue), dn(r.arrivedAt), now, r.clock, h);
  const resolve = stepClock(at, d(r.resolveDue), dn(r.resolvedAt), now, r.clock, h);
  const reporter = scopeIncludes(unitScope(actor, 'workorder.report'), r.unitId);
  const actions = (Object.keys(STEPS) as (keyof typeof STEPS)[]).filter((k) => {
    const s = STEPS[k];
    if (!s.from.includes(r.status)) return false;
    return s.by === 'vendor' ? can(actor, 'workorder.handle') : reporter;
  });
  const {
    unitId: _u,
    acceptedAt: _a,
    arrivedAt: _b,
    resolvedAt: _c,
    responseDue: _d,
    onsiteDue: _e,
    resolveDue: _f,
    businessFrom: _g,
    businessTo: _h,
    ...rest
  } = r;
  return {
    ...rest,
    reportedAt: at.toISOString(),
    response: iso(response),
    onsite: iso(onsite),
    resolve: iso(resolve),
    breached: response.breached || onsite.breached || resolve.breached,
    actions,
  };
}

async function rows(q: Queryable, actor: Actor, where: SQL, tail: SQL): Promise<WorkOrderView[]> {
  const visible = (await workOrderScope(q, actor))('w');
  const now = workOrderClock.now();
  const list = await query<Row>(
    q,
    sql`select w.id, w.order_no as "orderNo", c.contract_no as "contractNo", v.name as "vendorName", w.unit_id as "unitId",
      coalesce(u.short_name, u.name) as "unitName", m.name as "roomName", r.code as "rackCode", k.card_no as "cardNo", k.name as "cardName", ip.code as "pointCode",
      w.priority, w.clock, w.title, w.description, w.status, w.reporter_name as "reporterName", w.reported_at as "reportedAt",
      w.accepted_at as "acceptedAt", w.arrived_at as "arrivedAt", w.resolved_at as "resolvedAt", w.response_due as "responseDue",
      w.onsite_due as "onsiteDue", w.resolve_due as "resolveDue", w.resolution, w.reopen_count as "reopenCount",
      c.business_from as "businessFrom", c.business_to as "businessTo"
    from work_orders w
    join om_contracts c on c.id = w.contract_id
    join om_vendors v on v.id = c.vendor_id
    join units u on u.id = w.unit_id
    join machine_rooms m on m.id = w.machine_room_id
    left join racks r on r.id = w.rack_id
    left join cards k on k.id = w.card_id
    left join info_points ip on ip.id = w.point_id
    where ${visible} and ${where} ${tail}`,
  );
  const calendar = await loadCalendar(q);
  return list.map((r) => toView(r, actor, now, calendar));
}

export async function listWorkOrders(q: Queryable, actor: Actor, p: z.output<typeof WorkOrderQuery>): Promise<Page<WorkOrderView>> {
  const now = workOrderClock.now().toISOString();
  const conds: SQL[] = [sql`true`];
  if (p.status) conds.push(sql`w.status = ${p.status}`);
  if (p.breached === 'true') conds.push(breachedSql(now));
  if (p.breached === 'false') conds.push(sql`not ${breachedSql(now)}`);
  if (p.q) conds.push(sql`(w.order_no ilike ${likePattern(p.q)} or w.title ilike ${likePattern(p.q)})`);
  const where = sql.join(conds, sql` and `);
  const visible = (await workOrderScope(q, actor))('w');
  const [{ n }] = await query<{ n: number }>(q, sql`select count(*)::int as n from work_orders w where ${visible} and ${where}`);
  const order = sql.raw(`${SORTS[p.sort ?? 'reportedAt']} ${p.sort ? p.order : 'desc'}, w.order_no desc`);
  const items = await rows(q, actor, where, sql`order by ${order} limit ${p.pageSize} offset ${offsetOf(p)}`);
  return { items, total: n, page: p.page, pageSize: p.pageSize };
}

export async function getWorkOrder(q: Queryable, actor: Actor, id: string): Promise<WorkOrderView> {
  const [w] = await rows(q, actor, sql`w.id = ${id}::uuid`, sql``);
  if (!w) throw notFound('工单');
  return w;
}
