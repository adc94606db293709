// Inspections (巡检, docs/domain.md §11): the committee keeps each room's checklist; the vendor records
// a scheduled inspection once, on its day or later, with a reading or a check for every item and a
// photo. A reading outside its item's range (or a failed check) is flagged, and the inspection counts
// its anomalies. One transaction with its event.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ChecklistInput, InspectionCompleteInput } from '../../../shared/machinerooms.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { businessClock } from '../../platform/clock.ts';
import { queryOne, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { writeChecklist } from './inspection.schedule.ts';
import { getChecklist } from './inspection.queries.ts';
import { inspectionReadings } from './machinerooms.tables.ts';
import { workOrderClock } from './om.clock.ts';
import { logEvent } from './room.service.ts';
import { contractInScope, roomScope } from './scope.service.ts';

export async function setChecklist(
  q: Queryable,
  actor: Actor,
  machineRoomId: string,
  input: z.output<typeof ChecklistInput>,
): Promise<void> {
  if (!(await queryOne(q, sql`select 1 from machine_rooms where id = ${machineRoomId}::uuid`))) throw notFound('机房');
  await withTx(q, async (tx) => {
    await writeChecklist(tx, machineRoomId, input.items);
    await logEvent(tx, 'machine_room', machineRoomId, 'checklist', actor, { items: input.items.length });
  });
}

/** The file signature of each accepted photo type. */
const MAGIC: Record<string, (b: Buffer) => boolean> = {
  'image/jpeg': (b) => b[0] === 0xff && b[1] === 0xd8,
  'image/png': (b) => b.subarray(0, 4).toString('hex') === '89504e47',
  'image/webp': (b) => b.subarray(0, 4).toString() === 'RIFF' && b.subarray(8, 12).toString() === 'WEBP',
};

/** Whether a reading lies outside its item's range (a check: not normal). */
export function outOfRange(
  item: { kind: string; minValue: number | null; maxValue: number | null },
  value: number | null,
  ok: boolean | null,
): boolean {
  if (item.kind === 'check') return ok === false;
  if (value === null) return false;
  return (item.minValue !== null && value < item.minValue) || (item.maxValue !== null && value > item.maxValue);
}

export async function completeInspection(
  q: Queryable,
  actor: Actor,
  id: string,
  input: z.output<typeof InspectionCompleteInput>,
): Promise<void> {
  const now = workOrderClock.now();
  const scope = await roomScope(q, actor);
  const head = await queryOne<{ machine_room_id: string; due_on: string; done: boolean }>(
    q,
    sql`select i.machine_room_id::text, i.due_on::text, i.done_at is not null as done from inspections i
        where i.id = ${id}::uuid and ${contractInScope('i.contract_id', scope)}`,
  );
  if (!head) throw notFound('巡检记录');
  if (head.done) throw new AppError('invalid_transition', '该次巡检已经记录');
  if (head.due_on > businessClock(now).day) throw new AppError('rule_violation', `该次巡检安排在 ${head.due_on}，当天才能记录`);
  const photo = Buffer.from(input.photo.dataBase64, 'base64');
  if (!MAGIC[input.photo.contentType](photo)) throw invalid({ photo: '照片不是有效的 JPEG/PNG/WebP 图片' });
  const items = await getChecklist(q, actor, head.machine_room_id);
  const given = new Map(input.readings.map((r) => [r.itemId, r]));
  const fields: Record<string, string> = {};
  const lines = items.map((item, n) => {
    const r = given.get(item.id);
    const value = r?.value ?? null;
    const ok = r?.ok ?? null;
    if (item.kind === 'reading' && value === null) fields[`readings.${n}.value`] = `请填写“${item.label}”的读数`;
    if (item.kind === 'check' && ok === null) fields[`readings.${n}.ok`] = `请确认“${item.label}”是否正常`;
    return {
      inspectionId: id,
      position: item.position,
      itemId: item.id,
      category: item.category,
      label: item.label,
      kind: item.kind,
      unit: item.unit,
      minValue: item.minValue === null ? null : String(item.minValue),
      maxValue: item.maxValue === null ? null : String(item.maxValue),
      value: item.kind === 'reading' && value !== null ? String(value) : null,
      ok: item.kind === 'check' ? ok : null,
      outOfRange: outOfRange(item, value, ok),
      note: r?.note ?? null,
    };
  });
  if (input.readings.some((r) => !items.some((i) => i.id === r.itemId))) fields.readings = '有读数不属于该机房的巡检项，请刷新后重填';
  if (Object.keys(fields).length) throw invalid(fields);
  const anomalies = lines.filter((l) => l.outOfRange).length;
  await withTx(q, async (tx) => {
    const done = await queryOne<{ id: string }>(
      tx,
      sql`update inspections set done_at = ${now.toISOString()}::timestamptz, done_by = ${actor.userId}::uuid, inspector_name = ${actor.displayName},
          note = ${input.note ?? null}, anomalies = ${anomalies}, photo_type = ${input.photo.contentType}, photo_base64 = ${input.photo.dataBase64}
          where id = ${id}::uuid and done_at is null returning id::text`,
    );
    if (!done) throw new AppError('invalid_transition', '该次巡检已经记录');
    await tx.insert(inspectionReadings).values(lines);
    await logEvent(tx, 'inspection', id, 'complete', actor, { anomalies, at: now.toISOString() });
  });
}
