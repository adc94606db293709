// The asset cards in an O&M contract's scope (docs/domain.md §11: "which rooms and cards"). The
// devices placed in the racks of its rooms are in scope by their place; a contract also lists cards
// by name (a room's UPS or air conditioner, a switch not in a managed rack), each maintained from one
// of its rooms. A vendor sees these cards and takes work orders on them; nothing else of the library.
import { sql, type SQL } from 'drizzle-orm';
import type { ContractCardView } from '../../../shared/machinerooms.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, queryOne, type Queryable, type Tx } from '../../platform/db/engine.ts';
import { uuidArray } from '../../platform/db/sql-arrays.ts';
import { invalid } from '../../platform/errors.ts';
import { contractInScope, roomScope } from './scope.service.ts';

export interface ScopeCardInput {
  cardId: string;
  machineRoomId?: string | null;
}

/**
 * Each listed card with the room it is maintained from: the one given, else the room of the rack it
 * is placed in, else the contract's only room. The room must be one of the contract's; the card must exist.
 */
export async function resolveScopeCards(q: Queryable, rooms: string[], cards: ScopeCardInput[]) {
  const ids = [...new Set(cards.map((c) => c.cardId))];
  if (!ids.length) return [];
  const placed = await query<{ id: string; room_id: string | null }>(
    q,
    sql`select c.id::text, (select r.machine_room_id::text from rack_slots s join racks r on r.id = s.rack_id
          where s.card_id = c.id and s.kind = 'device' limit 1) as room_id
        from cards c where c.id = any(${uuidArray(ids)})`,
  );
  const roomOf = new Map(placed.map((p) => [p.id, p.room_id]));
  const f: Record<string, string> = {};
  const out = new Map<string, string>();
  cards.forEach((c, i) => {
    if (!roomOf.has(c.cardId)) f[`cards.${i}.cardId`] = '资产卡片不存在';
    else {
      const room = c.machineRoomId ?? roomOf.get(c.cardId) ?? (rooms.length === 1 ? rooms[0] : null);
      if (!room) f[`cards.${i}.machineRoomId`] = '该资产未上架在机柜中，请选择维护它的机房';
      else if (!rooms.includes(room)) f[`cards.${i}.machineRoomId`] = '维护机房须是合同范围内的机房';
      else out.set(c.cardId, room);
    }
  });
  if (Object.keys(f).length) throw invalid(f, Object.values(f)[0]);
  return [...out].map(([cardId, machineRoomId]) => ({ cardId, machineRoomId }));
}

/** Replaces the listed cards of a contract with `cards` (resolved). */
export async function writeScopeCards(tx: Tx, contractId: string, cards: { cardId: string; machineRoomId: string }[]) {
  await tx.execute(
    sql`delete from om_contract_cards where contract_id = ${contractId}::uuid and card_id <> all(${uuidArray(cards.map((c) => c.cardId))})`,
  );
  if (!cards.length) return;
  await tx.execute(sql`insert into om_contract_cards (contract_id, card_id, machine_room_id)
    select ${contractId}::uuid, x.card_id, x.room_id
    from unnest(${uuidArray(cards.map((c) => c.cardId))}, ${uuidArray(cards.map((c) => c.machineRoomId))}) as x(card_id, room_id)
    on conflict (contract_id, card_id) do update set machine_room_id = excluded.machine_room_id`);
}

const cardColumns = sql`k.id::text as id, k.card_no as "cardNo", k.name, m.id::text as "machineRoomId", m.code as "roomCode",
  r.code as "rackCode", coalesce(ou.short_name, ou.name) as "ownerUnitName", coalesce(mu.short_name, mu.name) as "managingUnitName"`;

/** A contract's listed cards as json (for the contract's view; alias c is the contract). */
export const listedCardsJson = sql`coalesce((select json_agg(x order by x."cardNo") from (
    select ${cardColumns}
    from om_contract_cards cc join cards k on k.id = cc.card_id join machine_rooms m on m.id = cc.machine_room_id
    left join rack_slots s on s.card_id = k.id and s.kind = 'device' left join racks r on r.id = s.rack_id
    join units ou on ou.id = k.unit_id join units mu on mu.id = k.managing_unit_id
    where cc.contract_id = c.id) x), '[]')`;

/**
 * Every card in the scope of the contracts the caller reads (a vendor its own): the devices in the
 * racks of the contract's rooms and the cards it lists, once each, with owner and manager apart.
 */
export async function listScopeCards(
  q: Queryable,
  actor: Actor,
  contractId?: string,
): Promise<(ContractCardView & { contractNo: string })[]> {
  const scope = await roomScope(q, actor);
  const only: SQL = sql`${contractInScope('c.id', scope)} ${contractId ? sql`and c.id = ${contractId}::uuid` : sql``}`;
  return query(
    q,
    sql`select distinct on (k.card_no, k.id) ${cardColumns}, c.contract_no as "contractNo"
      from om_contracts c
      join lateral (
        select cc.card_id, cc.machine_room_id from om_contract_cards cc where cc.contract_id = c.id
        union all
        select s.card_id, r2.machine_room_id from om_contract_rooms cr join racks r2 on r2.machine_room_id = cr.machine_room_id
          join rack_slots s on s.rack_id = r2.id and s.kind = 'device' and s.card_id is not null where cr.contract_id = c.id
      ) sc on true
      join cards k on k.id = sc.card_id join machine_rooms m on m.id = sc.machine_room_id
      left join rack_slots s on s.card_id = k.id and s.kind = 'device' left join racks r on r.id = s.rack_id
      join units ou on ou.id = k.unit_id join units mu on mu.id = k.managing_unit_id
      where ${only}
      order by k.card_no, k.id, c.starts_on desc
      limit 5000`,
  );
}

/** The contract in force on `day` that lists the card, with the room it is maintained from. */
export async function contractListingCard(q: Queryable, cardId: string, day: string) {
  return queryOne<{ id: string; machine_room_id: string; sla: unknown; business_from: number; business_to: number }>(
    q,
    sql`select c.id::text, cc.machine_room_id::text, c.sla, c.business_from, c.business_to
        from om_contract_cards cc join om_contracts c on c.id = cc.contract_id
        where cc.card_id = ${cardId}::uuid and ${day}::date between c.starts_on and c.ends_on
        order by c.starts_on desc limit 1`,
  );
}
