// Work orders (运维工单, docs/domain.md §11): a unit or the committee reports a fault on a card placed
// in a managed rack, or on a rack; the contract covering the room gives the SLA; the vendor accepts,
// arrives and resolves; the reporter confirms or reopens. Every step is time-stamped from
// `workOrderClock` (tests pin it) and logged in the same transaction.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Priority, WorkOrderInput } from '../../../shared/machinerooms.contracts.ts';
import { type Actor, unitScope, scopeIncludes } from '../../platform/auth/actor.ts';
import { queryOne, type Queryable, type Tx } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { loadCalendar } from './calendar.service.ts';
import { contractListingCard } from './contract.cards.ts';
import { contractById, contractFor } from './contract.service.ts';
import { workOrderClock } from './om.clock.ts';
import { logEvent } from './room.service.ts';
import { workOrderScope } from './scope.service.ts';
import { addClockMinutes, type BusinessHours } from './sla.rules.ts';

export { workOrderClock } from './om.clock.ts';

const HOUR = 3600_000;
const localDay = (d: Date) => new Date(d.getTime() + 8 * HOUR).toISOString().slice(0, 10);
export const hoursOf = (from: number, to: number, calendar?: BusinessHours['calendar']): BusinessHours => ({
  from,
  to,
  days: [1, 2, 3, 4, 5],
  calendar,
});

type Place = { rackId: string | null; roomId: string; cardId: string | null; pointId: string | null; listedBy?: string };

/**
 * Where a fault is: for a card, the room a contract in force lists it in (its scope's cards), else
 * the rack and room it is placed in (a managed rack); the point's panel; or the rack named.
 */
async function locate(q: Queryable, actor: Actor, input: z.output<typeof WorkOrderInput>, day: string): Promise<Place> {
  const scope = unitScope(actor, 'workorder.report');
  if (input.cardId) {
    const card = await queryOne<{
      unit_id: string;
      using_unit_id: string | null;
      managing_unit_id: string;
      rack_id: string | null;
      room_id: string | null;
    }>(
      q,
      sql`select c.unit_id::text, c.using_unit_id::text, c.managing_unit_id::text, s.rack_id::text, r.machine_room_id::text as room_id
          from cards c left join rack_slots s on s.card_id = c.id and s.kind = 'device' left join racks r on r.id = s.rack_id
          where c.id = ${input.cardId}::uuid`,
    );
    if (!card || ![card.unit_id, card.using_unit_id, card.managing_unit_id].some((u) => scopeIncludes(scope, u)))
      throw invalid({ cardId: '资产卡片不存在' });
    const listed = await contractListingCard(q, input.cardId, day);
    if (listed) return { rackId: card.rack_id, roomId: listed.machine_room_id, cardId: input.cardId, pointId: null, listedBy: listed.id };
    if (!card.rack_id || !card.room_id)
      throw invalid({ cardId: '该资产既未上架在托管机房的机柜中，也不在运维合同列明的范围内，不能报修到运维服务商' });
    return { rackId: card.rack_id, roomId: card.room_id, cardId: input.cardId, pointId: null };
  }
  if (input.pointId) {
    // A point is reported by the unit it serves (or the committee); its rack is its panel's.
    const point = await queryOne<{ unit_id: string | null; room_id: string; rack_id: string | null }>(
      q,
      sql`select p.unit_id::text, p.machine_room_id::text as room_id, np.rack_id::text
          from info_points p join net_ports np on np.id = p.panel_port_id where p.id = ${input.pointId}::uuid`,
    );
    if (!point || !(scope === 'all' || scopeIncludes(scope, point.unit_id))) throw invalid({ pointId: '信息点不存在' });
    return { rackId: point.rack_id, roomId: point.room_id, cardId: null, pointId: input.pointId };
  }
  // A rack is the committee's: only a caller reaching every unit reports on one.
  const rack = await queryOne<{ room_id: string }>(
    q,
    sql`select machine_room_id::text as room_id from racks where id = ${input.rackId}::uuid`,
  );
  if (!rack || scope !== 'all') throw invalid({ rackId: '机柜不存在' });
  return { rackId: input.rackId!, roomId: rack.room_id, cardId: null, pointId: null };
}

/** The unit a report is made for: the caller's own, or the committee for committee-wide accounts. */
async function reporterUnit(q: Queryable, actor: Actor): Promise<string> {
  if (actor.unitId) return actor.unitId;
  const c = await queryOne<{ id: string }>(q, sql`select id::text from units where kind = 'committee' order by code limit 1`);
  if (!c) throw new AppError('rule_violation', '没有管委会单位');
  return c.id;
}

export async function reportWorkOrder(
  q: Queryable,
  actor: Actor,
  input: z.output<typeof WorkOrderInput>,
): Promise<{ id: string; orderNo: string }> {
  const now = workOrderClock.now();
  const place = await locate(q, actor, input, localDay(now));
  const contract = place.listedBy ? await contractById(q, place.listedBy) : await contractFor(q, place.roomId, localDay(now));
  if (!contract) throw new AppError('rule_violation', '该机房当前没有有效的运维合同，请联系管委会资产管理处');
  const terms = contract.sla[input.priority as Priority];
  const hours = hoursOf(contract.business_from, contract.business_to, await loadCalendar(q));
  const due = (m: number) => addClockMinutes(now, m, terms.clock, hours).toISOString();
  const unitId = await reporterUnit(q, actor);
  return withTx(q, async (tx) => {
    const n = await queryOne<{ n: number }>(tx, sql`select nextval('work_order_no_seq')::int as n`);
    const orderNo = `GD${localDay(now).slice(0, 4)}${String(n!.n).padStart(6, '0')}`;
    const row = await queryOne<{ id: string }>(
      tx,
      sql`insert into work_orders (order_no, contract_id, unit_id, machine_room_id, rack_id, card_id, point_id, priority, clock, title, description,
          status, reported_by, reporter_name, reported_at, response_due, onsite_due, resolve_due)
        values (${orderNo}, ${contract.id}::uuid, ${unitId}::uuid, ${place.roomId}::uuid, ${place.rackId}::uuid, ${place.cardId}::uuid, ${place.pointId}::uuid,
          ${input.priority}, ${terms.clock}, ${input.title}, ${input.description ?? null}, 'reported', ${actor.userId}::uuid,
          ${actor.displayName}, ${now.toISOString()}, ${due(terms.responseMinutes)}, ${due(terms.onsiteMinutes)}, ${due(terms.resolveMinutes)})
        returning id::text`,
    );
    await logEvent(tx, 'work_order', row!.id, 'report', actor, { orderNo, priority: input.priority });
    return { id: row!.id, orderNo };
  });
}

type Step = 'accept' | 'arrive' | 'resolve' | 'confirm' | 'reopen';

/** Per step: the status it leaves from, the status it reaches, the permission, and what it stamps. */
export const STEPS: Record<Step, { from: string[]; to: string; by: 'vendor' | 'reporter'; set: string }> = {
  accept: { from: ['reported'], to: 'accepted', by: 'vendor', set: 'accepted_at' },
  arrive: { from: ['accepted'], to: 'on_site', by: 'vendor', set: 'arrived_at' },
  resolve: { from: ['on_site'], to: 'resolved', by: 'vendor', set: 'resolved_at' },
  confirm: { from: ['resolved'], to: 'confirmed', by: 'reporter', set: 'confirmed_at' },
  // Reopened: back on site, the resolution clock keeps running from the report.
  reopen: { from: ['resolved'], to: 'on_site', by: 'reporter', set: 'resolved_at' },
};

async function lock(tx: Tx, actor: Actor, id: string, step: Step) {
  const by = STEPS[step].by;
  const visible = by === 'vendor' ? (await workOrderScope(tx, actor))('w') : sql`true`;
  const row = await queryOne<{ id: string; status: string; unit_id: string }>(
    tx,
    sql`select w.id::text, w.status, w.unit_id::text from work_orders w where w.id = ${id}::uuid and ${visible} for update`,
  );
  if (!row) throw notFound('工单');
  if (by === 'reporter' && !scopeIncludes(unitScope(actor, 'workorder.report'), row.unit_id)) throw notFound('工单');
  return row;
}

/** One step of a work order; a step out of turn answers invalid_transition. */
export async function stepWorkOrder(q: Queryable, actor: Actor, id: string, step: Step, text?: string): Promise<void> {
  const now = workOrderClock.now().toISOString();
  await withTx(q, async (tx) => {
    const row = await lock(tx, actor, id, step);
    const s = STEPS[step];
    if (!s.from.includes(row.status)) throw new AppError('invalid_transition', '工单当前状态不能执行该操作');
    const stamp =
      step === 'reopen'
        ? sql`resolved_at = null, resolution = null, reopen_count = reopen_count + 1`
        : sql`${sql.raw(s.set)} = ${now}::timestamptz`;
    await tx.execute(sql`update work_orders set status = ${s.to}, ${stamp}
      ${step === 'resolve' ? sql`, resolution = ${text ?? null}` : sql``} where id = ${id}::uuid`);
    await logEvent(tx, 'work_order', id, step, actor, { at: now, ...(text ? { text } : {}) });
  });
}
