// Machine rooms, rows, racks, and what occupies a rack's U (docs/domain.md §11). The database's
// exclusion constraint (migrations/post/190_machinerooms.sql) alone decides overlaps, so two
// people placing into one U at once cannot both win; the refusal answers 409 naming what is in the way.
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { MachineRoomInput, RackInput, RowInput, SlotInput } from '../../../shared/machinerooms.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, queryOne, type Queryable, type Tx } from '../../platform/db/engine.ts';
import { pgCode } from '../../platform/db/db-errors.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { findCard } from '../assets/index.ts';
import { DEFAULT_CHECKLIST, writeChecklist } from './inspection.schedule.ts';
import { machineRooms, machineroomEvents, rackRows, racks, rackSlots } from './machinerooms.tables.ts';

export async function logEvent(tx: Tx, entity: string, entityId: string, kind: string, actor: Actor, details: object = {}) {
  await tx.insert(machineroomEvents).values({ entity, entityId, kind, actorId: actor.userId, details });
}

/** A unique code already taken: 409 on the field. */
async function uniqueOr409<T>(field: string, message: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (pgCode(err) === '23505') throw new AppError('conflict', message, { [field]: message });
    throw err;
  }
}

export async function createMachineRoom(q: Queryable, actor: Actor, input: z.output<typeof MachineRoomInput>): Promise<{ id: string }> {
  return uniqueOr409('code', `机房编号“${input.code}”已被使用`, () =>
    withTx(q, async (tx) => {
      const [row] = await tx
        .insert(machineRooms)
        .values({ ...input, placeId: input.placeId ?? null, note: input.note ?? null, areaM2: String(input.areaM2) })
        .returning({ id: machineRooms.id });
      await writeChecklist(tx, row.id, DEFAULT_CHECKLIST);
      await logEvent(tx, 'machine_room', row.id, 'create', actor, input);
      return row;
    }),
  );
}

async function roomExists(q: Queryable, id: string) {
  if (!(await queryOne(q, sql`select 1 from machine_rooms where id = ${id}::uuid`))) throw notFound('机房');
}

export async function createRow(q: Queryable, actor: Actor, roomId: string, input: z.output<typeof RowInput>): Promise<{ id: string }> {
  await roomExists(q, roomId);
  return uniqueOr409('code', `列编号“${input.code}”已被使用`, () =>
    withTx(q, async (tx) => {
      const [row] = await tx
        .insert(rackRows)
        .values({ machineRoomId: roomId, ...input })
        .returning({ id: rackRows.id });
      await logEvent(tx, 'rack_row', row.id, 'create', actor, input);
      return row;
    }),
  );
}

export async function createRack(q: Queryable, actor: Actor, roomId: string, input: z.output<typeof RackInput>): Promise<{ id: string }> {
  await roomExists(q, roomId);
  if (!(await queryOne(q, sql`select 1 from rack_rows where id = ${input.rowId}::uuid and machine_room_id = ${roomId}::uuid`)))
    throw invalid({ rowId: '该列不属于这个机房' });
  return uniqueOr409('code', `机柜编号“${input.code}”已被使用`, () =>
    withTx(q, async (tx) => {
      const [row] = await tx
        .insert(racks)
        .values({ machineRoomId: roomId, ...input })
        .returning({ id: racks.id });
      await logEvent(tx, 'rack', row.id, 'create', actor, input);
      return row;
    }),
  );
}

const sideText: Record<string, string> = { both: '', front: '前', rear: '后' };

/** The slots of a rack overlapping a U range on a face: what a refused placement names. */
async function inTheWay(q: Queryable, rackId: string, input: z.output<typeof SlotInput>): Promise<string> {
  const rows = await query<{ kind: string; u_low: number; u_high: number; side: string; card_no: string | null; reason: string | null }>(
    q,
    sql`select s.kind, s.u_low, s.u_high, s.side, c.card_no, s.reason from rack_slots s left join cards c on c.id = s.card_id
        where s.rack_id = ${rackId}::uuid and int4range(s.u_low, s.u_high, '[]') && int4range(${input.uLow}::int, ${input.uHigh}::int, '[]')
          and (s.side = 'both' or ${input.side} = 'both' or s.side = ${input.side})
        order by s.u_low`,
  );
  return rows
    .map(
      (r) =>
        `U${r.u_low}${r.u_high > r.u_low ? `–U${r.u_high}` : ''}${sideText[r.side]}${r.kind === 'device' ? `：设备 ${r.card_no}` : `：预留（${r.reason}）`}`,
    )
    .join('；');
}

/** 上架 / 预留: a device (an asset card) or a reservation on a U range and face of a rack. */
export async function placeSlot(q: Queryable, actor: Actor, rackId: string, input: z.output<typeof SlotInput>): Promise<{ id: string }> {
  const rack = await queryOne<{ height_u: number }>(q, sql`select height_u from racks where id = ${rackId}::uuid`);
  if (!rack) throw notFound('机柜');
  if (input.uHigh > rack.height_u) throw invalid({ uHigh: `该机柜只有 ${rack.height_u}U` });
  if (input.kind === 'device') {
    const card = input.cardId ? await findCard(q, input.cardId) : undefined;
    if (!card) throw invalid({ cardId: '资产卡片不存在' });
    if (card.status === 'disposed') throw invalid({ cardId: '已处置的资产不能上架' });
  }
  try {
    return await withTx(q, async (tx) => {
      const [row] = await tx
        .insert(rackSlots)
        .values({
          rackId,
          kind: input.kind,
          uLow: input.uLow,
          uHigh: input.uHigh,
          side: input.side,
          cardId: input.kind === 'device' ? input.cardId! : null,
          label: input.label ?? null,
          powerW: input.kind === 'device' ? input.powerW : 0,
          reason: input.kind === 'reservation' ? input.reason! : null,
          reservedUntil: input.kind === 'reservation' ? (input.reservedUntil ?? null) : null,
          createdBy: actor.userId,
        })
        .returning({ id: rackSlots.id });
      await logEvent(tx, 'rack', rackId, input.kind === 'device' ? 'device_place' : 'reserve', actor, { slotId: row.id, ...input });
      return row;
    });
  } catch (err) {
    if (pgCode(err) === '23P01') {
      const msg = `U${input.uLow}–U${input.uHigh} 已被占用：${(await inTheWay(q, rackId, input)) || '请刷新后重试'}`;
      throw new AppError('conflict', msg, { uLow: msg });
    }
    if (pgCode(err) === '23505') throw new AppError('conflict', '该资产已上架在其他位置，请先下架', { cardId: '该资产已上架在其他位置' });
    throw err;
  }
}

/** 下架 / 取消预留. */
export async function removeSlot(q: Queryable, actor: Actor, slotId: string): Promise<void> {
  await withTx(q, async (tx) => {
    const [row] = await tx.delete(rackSlots).where(sql`${rackSlots.id} = ${slotId}::uuid`).returning();
    if (!row) throw notFound('机柜位置');
    await logEvent(tx, 'rack', row.rackId, row.kind === 'device' ? 'device_remove' : 'release', actor, row);
  });
}
