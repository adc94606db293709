// Inspection lists and details (巡检, docs/domain.md §11): each one's status against the injected
// "now" — upcoming, due today, done, done late, missed — and its readings with the out-of-range flags.
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  ChecklistItemView,
  InspectionDetail,
  InspectionQuery,
  InspectionView,
  ReadingView,
} from '../../../shared/machinerooms.contracts.ts';
import type { Page } from '../../../shared/paging.ts';
import { type Actor, can } from '../../platform/auth/actor.ts';
import { businessClock } from '../../platform/clock.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { offsetOf } from '../../platform/db/paging.ts';
import { notFound } from '../../platform/errors.ts';
import { workOrderClock } from './om.clock.ts';
import { contractInScope, roomInScope, roomScope } from './scope.service.ts';

/** The status of inspection `i` at `now` (an ISO instant) on the local day `today`. */
export const inspectionStatusSql = (now: string, today: string) => sql`case
  when i.done_at is not null and i.done_at <= i.due_at then 'done'
  when i.done_at is not null then 'done_late'
  when i.due_at < ${now}::timestamptz then 'missed'
  when i.due_on = ${today}::date then 'due'
  else 'upcoming' end`;

interface Row extends Omit<InspectionView, 'dueAt' | 'doneAt' | 'canPerform'> {
  dueAt: string | Date;
  doneAt: string | Date | null;
  note: string | null;
}

const iso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());

async function rows(q: Queryable, actor: Actor, where: SQL, tail: SQL): Promise<{ items: InspectionView[]; total: number; rows: Row[] }> {
  const scope = await roomScope(q, actor);
  const now = workOrderClock.now();
  const today = businessClock(now).day;
  const visible = sql`${contractInScope('i.contract_id', scope)} and ${where}`;
  const [{ n }] = await query<{ n: number }>(q, sql`select count(*)::int as n from inspections i where ${visible}`);
  const list = await query<Row>(
    q,
    sql`select i.id, i.contract_id as "contractId", c.contract_no as "contractNo", v.name as "vendorName", i.machine_room_id as "machineRoomId",
        m.name as "roomName", i.due_on::text as "dueOn", i.due_at as "dueAt", i.done_at as "doneAt", i.inspector_name as "inspectorName",
        ${inspectionStatusSql(now.toISOString(), today)} as status, i.anomalies, i.photo_base64 is not null as "hasPhoto", i.note
      from inspections i join om_contracts c on c.id = i.contract_id join om_vendors v on v.id = c.vendor_id
        join machine_rooms m on m.id = i.machine_room_id
      where ${visible} ${tail}`,
  );
  const performer = can(actor, 'inspection.perform');
  const items = list.map(({ note: _n, ...r }) => ({
    ...r,
    dueAt: iso(r.dueAt)!,
    doneAt: iso(r.doneAt),
    canPerform: performer && r.doneAt === null && r.dueOn <= today,
  }));
  return { items, total: n, rows: list };
}

export async function listInspections(q: Queryable, actor: Actor, p: z.output<typeof InspectionQuery>): Promise<Page<InspectionView>> {
  const now = workOrderClock.now();
  const conds: SQL[] = [sql`true`];
  if (p.month) conds.push(sql`to_char(i.due_on, 'YYYY-MM') = ${p.month}`);
  if (p.machineRoomId) conds.push(sql`i.machine_room_id = ${p.machineRoomId}::uuid`);
  if (p.status) conds.push(sql`${inspectionStatusSql(now.toISOString(), businessClock(now).day)} = ${p.status}`);
  // Without a filter, the list starts at today's (the due and missed first when sorted by default).
  const order = sql.raw(p.sort ? `i.due_at ${p.order}, m.code` : 'i.due_at desc, m.code');
  const { items, total } = await rows(
    q,
    actor,
    sql.join(conds, sql` and `),
    sql`order by ${order} limit ${p.pageSize} offset ${offsetOf(p)}`,
  );
  return { items, total, page: p.page, pageSize: p.pageSize };
}

const num = (v: string | number | null) => (v === null ? null : Number(v));

/** The room's checklist (machine-room scope applies). */
export async function getChecklist(q: Queryable, actor: Actor, machineRoomId: string): Promise<ChecklistItemView[]> {
  const scope = await roomScope(q, actor);
  if (!(await queryOne(q, sql`select 1 from machine_rooms m where m.id = ${machineRoomId}::uuid and ${roomInScope('m.id', scope)}`)))
    throw notFound('机房');
  const items = await query<ChecklistItemView & { minValue: string | null; maxValue: string | null }>(
    q,
    sql`select id, position, category, label, kind, unit, min_value as "minValue", max_value as "maxValue"
        from inspection_items where machine_room_id = ${machineRoomId}::uuid order by position`,
  );
  return items.map((i) => ({ ...i, minValue: num(i.minValue), maxValue: num(i.maxValue) }));
}

export async function getInspection(q: Queryable, actor: Actor, id: string): Promise<InspectionDetail> {
  const { items, rows: raw } = await rows(q, actor, sql`i.id = ${id}::uuid`, sql``);
  if (!items[0]) throw notFound('巡检记录');
  const readings = await query<ReadingView & { minValue: string | null; maxValue: string | null; value: string | null }>(
    q,
    sql`select item_id as "itemId", category, label, kind, unit, min_value as "minValue", max_value as "maxValue", value, ok,
          out_of_range as "outOfRange", note from inspection_readings where inspection_id = ${id}::uuid order by position`,
  );
  const checklist = items[0].doneAt ? [] : await getChecklist(q, actor, items[0].machineRoomId);
  return {
    ...items[0],
    note: raw[0].note,
    readings: readings.map((r) => ({ ...r, minValue: num(r.minValue), maxValue: num(r.maxValue), value: num(r.value) })),
    checklist,
  };
}

/** The inspection's photo (scope applies). */
export async function inspectionPhoto(q: Queryable, actor: Actor, id: string): Promise<{ contentType: string; content: Buffer }> {
  const scope = await roomScope(q, actor);
  const row = await queryOne<{ photo_type: string | null; photo_base64: string | null }>(
    q,
    sql`select i.photo_type, i.photo_base64 from inspections i where i.id = ${id}::uuid and ${contractInScope('i.contract_id', scope)}`,
  );
  if (!row?.photo_base64 || !row.photo_type) throw notFound('巡检照片');
  return { contentType: row.photo_type, content: Buffer.from(row.photo_base64, 'base64') };
}
