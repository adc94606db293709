// Machine rooms, racks and their elevation (机柜立面): set-based reads with the free U and power per
// rack and per room. A U is used when a device occupies it on either face, reserved when only a
// reservation does, free otherwise; power used is the sum of the devices' rated draw.
import { sql, type SQL } from 'drizzle-orm';
import type { MachineRoomDetail, MachineRoomView, RackView, SlotView } from '../../../shared/machinerooms.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { notFound } from '../../platform/errors.ts';
import { roomInScope, roomScope } from './scope.service.ts';

/** Per rack: U used by devices, U only reserved, power drawn. `where` filters racks (alias r). */
const rackCapacity = (where: SQL) => sql`
  select r.id, r.machine_room_id, r.row_id, rr.code as row_code, r.code, r.name, r.height_u, r.position, r.power_budget_w,
    coalesce(u.used, 0)::int as used_u, coalesce(u.reserved, 0)::int as reserved_u, coalesce(p.power, 0)::int as power_used_w
  from racks r
  join rack_rows rr on rr.id = r.row_id
  left join lateral (
    select count(*) filter (where dev) as used, count(*) filter (where not dev) as reserved
    from (select x.u, bool_or(s.kind = 'device') as dev from rack_slots s, generate_series(s.u_low, s.u_high) x(u)
          where s.rack_id = r.id group by x.u) occ
  ) u on true
  left join lateral (select sum(s.power_w) as power from rack_slots s where s.rack_id = r.id and s.kind = 'device') p on true
  where ${where}`;

interface RackRow {
  id: string;
  machine_room_id: string;
  row_id: string;
  row_code: string;
  code: string;
  name: string;
  height_u: number;
  position: number;
  power_budget_w: number;
  used_u: number;
  reserved_u: number;
  power_used_w: number;
}

const rackView = (r: RackRow, slots: SlotView[]): RackView => ({
  id: r.id,
  rowId: r.row_id,
  rowCode: r.row_code,
  code: r.code,
  name: r.name,
  heightU: r.height_u,
  position: r.position,
  totalU: r.height_u,
  usedU: r.used_u,
  reservedU: r.reserved_u,
  freeU: r.height_u - r.used_u - r.reserved_u,
  powerBudgetW: r.power_budget_w,
  powerUsedW: r.power_used_w,
  slots,
});

/** Every slot of the racks `where` selects (alias r), with the card's number, name, owner and manager. */
async function slotsOf(q: Queryable, where: SQL): Promise<Map<string, SlotView[]>> {
  const rows = await query<SlotView & { rackId: string }>(
    q,
    sql`select s.rack_id as "rackId", s.id, s.kind, s.u_low as "uLow", s.u_high as "uHigh", s.side, s.card_id as "cardId",
      c.card_no as "cardNo", c.name as "cardName", ou.name as "ownerUnitName", mu.name as "managingUnitName", s.label,
      s.power_w as "powerW", s.reason, s.reserved_until::text as "reservedUntil"
    from racks r join rack_slots s on s.rack_id = r.id
    left join cards c on c.id = s.card_id
    left join units ou on ou.id = c.unit_id
    left join units mu on mu.id = c.managing_unit_id
    where ${where}
    order by s.rack_id, s.u_high desc, s.side`,
  );
  const by = new Map<string, SlotView[]>();
  for (const { rackId, ...s } of rows) by.set(rackId, [...(by.get(rackId) ?? []), s]);
  return by;
}

export async function listMachineRooms(q: Queryable, actor: Actor): Promise<MachineRoomView[]> {
  const scope = await roomScope(q, actor);
  return query<MachineRoomView>(
    q,
    sql`with cap as (${rackCapacity(roomInScope('r.machine_room_id', scope))})
    select m.id, m.code, m.name, m.area_m2::float8 as "areaM2", m.grade, m.note,
      count(cap.id)::int as racks, coalesce(sum(cap.height_u), 0)::int as "totalU", coalesce(sum(cap.used_u), 0)::int as "usedU",
      coalesce(sum(cap.reserved_u), 0)::int as "reservedU",
      coalesce(sum(cap.height_u - cap.used_u - cap.reserved_u), 0)::int as "freeU",
      coalesce(sum(cap.power_budget_w), 0)::int as "powerBudgetW", coalesce(sum(cap.power_used_w), 0)::int as "powerUsedW"
    from machine_rooms m left join cap on cap.machine_room_id = m.id
    where ${roomInScope('m.id', scope)}
    group by m.id order by m.code`,
  );
}

/** A room with its rows and every rack's elevation (the slots top-down): what the room page draws. */
export async function getMachineRoom(q: Queryable, actor: Actor, id: string): Promise<MachineRoomDetail> {
  const scope = await roomScope(q, actor);
  const rooms = (await listMachineRooms(q, actor)).filter((r) => r.id === id);
  if (!rooms.length) throw notFound('机房');
  const inRoom = sql`r.machine_room_id = ${id}::uuid and ${roomInScope('r.machine_room_id', scope)}`;
  const rows = await query<{ id: string; code: string; name: string }>(
    q,
    sql`select id, code, name from rack_rows where machine_room_id = ${id}::uuid order by code`,
  );
  const racks = await query<RackRow>(q, sql`${rackCapacity(inRoom)} order by rr.code, r.position, r.code`);
  const slots = await slotsOf(q, inRoom);
  return { ...rooms[0], rows, racksList: racks.map((r) => rackView(r, slots.get(r.id) ?? [])) };
}

export async function getRack(q: Queryable, actor: Actor, id: string): Promise<RackView & { machineRoomId: string }> {
  const scope = await roomScope(q, actor);
  const where = sql`r.id = ${id}::uuid and ${roomInScope('r.machine_room_id', scope)}`;
  const [row] = await query<RackRow>(q, rackCapacity(where));
  if (!row) throw notFound('机柜');
  const slots = await slotsOf(q, where);
  return { ...rackView(row, slots.get(row.id) ?? []), machineRoomId: row.machine_room_id };
}
