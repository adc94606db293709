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
  // One JSON text for all the slots: an engine returns it as one value, where a row per slot costs
  // a value per column to convert (ten times the query's own time at 200 racks on PGlite).
  const [row] = await query<{ j: string }>(
    q,
    sql`select coalesce(json_agg(json_build_object('rackId', s.rack_id, 'id', s.id, 'kind', s.kind, 'uLow', s.u_low, 'uHigh', s.u_high,
        'side', s.side, 'cardId', s.card_id, 'cardNo', c.card_no, 'cardName', c.name, 'ownerUnitName', ou.name,
        'managingUnitName', mu.name, 'label', s.label, 'powerW', s.power_w, 'reason', s.reason, 'reservedUntil', s.reserved_until::text)
        order by s.rack_id, s.u_high desc, s.side), '[]')::text as j
    from racks r join rack_slots s on s.rack_id = r.id
    left join cards c on c.id = s.card_id
    left join units ou on ou.id = c.unit_id
    left join units mu on mu.id = c.managing_unit_id
    where ${where}`,
  );
  const by = new Map<string, SlotView[]>();
  for (const { rackId, ...s } of JSON.parse(row.j) as (SlotView & { rackId: string })[]) {
    const list = by.get(rackId);
    if (list) list.push(s);
    else by.set(rackId, [s]);
  }
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

/** Racks `where` selects (alias r), without their figures: the elevation computes those from the slots it reads anyway. */
const plainRacks = (where: SQL) => sql`
  select r.id, r.machine_room_id, r.row_id, rr.code as row_code, r.code, r.name, r.height_u, r.position, r.power_budget_w
  from racks r join rack_rows rr on rr.id = r.row_id where ${where}`;

/** A rack's figures from its slots (the same rule as rackCapacity, in memory). */
function withCapacity(r: Omit<RackRow, 'used_u' | 'reserved_u' | 'power_used_w'>, slots: SlotView[]): RackRow {
  const state = new Uint8Array(r.height_u + 1); // 0 free, 1 reserved, 2 device
  let power = 0;
  for (const s of slots) {
    if (s.kind === 'device') power += s.powerW;
    for (let u = s.uLow; u <= Math.min(s.uHigh, r.height_u); u++) state[u] = Math.max(state[u], s.kind === 'device' ? 2 : 1);
  }
  let used = 0;
  let reserved = 0;
  for (let u = 1; u <= r.height_u; u++) {
    if (state[u] === 2) used++;
    else if (state[u] === 1) reserved++;
  }
  return { ...r, used_u: used, reserved_u: reserved, power_used_w: power };
}

/** A room with its rows and every rack's elevation (the slots top-down): what the room page draws. */
export async function getMachineRoom(q: Queryable, actor: Actor, id: string): Promise<MachineRoomDetail> {
  const scope = await roomScope(q, actor);
  const [room] = await query<{ id: string; code: string; name: string; areaM2: number; grade: string; note: string | null }>(
    q,
    sql`select id, code, name, area_m2::float8 as "areaM2", grade, note from machine_rooms m where m.id = ${id}::uuid and ${roomInScope('m.id', scope)}`,
  );
  if (!room) throw notFound('机房');
  const inRoom = sql`r.machine_room_id = ${id}::uuid`;
  const rows = await query<{ id: string; code: string; name: string }>(
    q,
    sql`select id, code, name from rack_rows where machine_room_id = ${id}::uuid order by code`,
  );
  const plain = await query<Omit<RackRow, 'used_u' | 'reserved_u' | 'power_used_w'>>(
    q,
    sql`${plainRacks(inRoom)} order by rr.code, r.position, r.code`,
  );
  const slots = await slotsOf(q, inRoom);
  const racksList = plain.map((r) => rackView(withCapacity(r, slots.get(r.id) ?? []), slots.get(r.id) ?? []));
  const sum = (f: (r: RackView) => number) => racksList.reduce((a, r) => a + f(r), 0);
  return {
    ...room,
    racks: racksList.length,
    totalU: sum((r) => r.totalU),
    usedU: sum((r) => r.usedU),
    reservedU: sum((r) => r.reservedU),
    freeU: sum((r) => r.freeU),
    powerBudgetW: sum((r) => r.powerBudgetW),
    powerUsedW: sum((r) => r.powerUsedW),
    rows,
    racksList,
  };
}

export async function getRack(q: Queryable, actor: Actor, id: string): Promise<RackView & { machineRoomId: string }> {
  const scope = await roomScope(q, actor);
  const where = sql`r.id = ${id}::uuid and ${roomInScope('r.machine_room_id', scope)}`;
  const [row] = await query<Omit<RackRow, 'used_u' | 'reserved_u' | 'power_used_w'>>(q, plainRacks(where));
  if (!row) throw notFound('机柜');
  const slots = (await slotsOf(q, where)).get(row.id) ?? [];
  return { ...rackView(withCapacity(row, slots), slots), machineRoomId: row.machine_room_id };
}
