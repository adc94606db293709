// The split of a count among its counters (分工): each room goes to one counter, whose phone downloads
// the cards of those rooms only; the progress per counter, room and unit, read live from the scans.
import { sql, type SQL } from 'drizzle-orm';
import type { AssignmentInput, CountProgress } from '../../../shared/inventory.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { uuidArray } from '../../platform/db/sql-arrays.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { loadCount, plans } from './count.service.ts';

export type Share = { kind: 'rooms' | 'all' | 'rest'; where: SQL };

/**
 * Which expected cards (alias `i` on count_items) a person sees on the phone: a counter with rooms
 * assigned sees those rooms; the lead and those who plan see the whole count; any other counter
 * sees what is assigned to nobody (cards in no room included).
 */
export async function shareOf(q: Queryable, actor: Actor, c: { id: string; unit_ids: string[] }): Promise<Share> {
  const me = await queryOne<{ rooms: number; lead: boolean | null }>(
    q,
    sql`SELECT (SELECT count(*)::int FROM count_assignments WHERE count_id = ${c.id} AND user_id = ${actor.userId}) AS rooms,
      (SELECT lead FROM count_counters WHERE count_id = ${c.id} AND user_id = ${actor.userId}) AS lead`,
  );
  if (me!.rooms > 0)
    return {
      kind: 'rooms',
      where: sql`i.room_id IN (SELECT room_id FROM count_assignments WHERE count_id = ${c.id} AND user_id = ${actor.userId})`,
    };
  if (me!.lead || plans(actor, c)) return { kind: 'all', where: sql`true` };
  return {
    kind: 'rest',
    where: sql`(i.room_id IS NULL OR i.room_id NOT IN (SELECT room_id FROM count_assignments WHERE count_id = ${c.id}))`,
  };
}

/**
 * Replaces the count's split. Every person named must be one of its counters, and a room goes to one
 * counter only; a room with no expected card is refused (nothing to count there). Allowed until the
 * count closes: a share can be moved to another counter halfway.
 */
export async function setAssignments(q: Queryable, actor: Actor, id: string, input: AssignmentInput): Promise<{ rooms: number }> {
  return withTx(q, async (tx) => {
    const c = await loadCount(tx, actor, id, true);
    if (!plans(actor, c)) throw new AppError('forbidden', '只有计划盘点的资产管理部门可以分配盘点任务');
    if (c.status === 'closed') throw new AppError('invalid_transition', '盘点已结束');
    const counters = new Set(
      (await query<{ id: string }>(tx, sql`SELECT user_id::text AS id FROM count_counters WHERE count_id = ${id}`)).map((r) => r.id),
    );
    const fields: Record<string, string> = {};
    const seen = new Map<string, number>();
    input.assignments.forEach((a, i) => {
      if (!counters.has(a.userId)) fields[`assignments.${i}.userId`] = '只能分配给本次盘点的盘点人';
      a.roomIds.forEach((r, j) => {
        if (seen.has(r)) fields[`assignments.${i}.roomIds.${j}`] = `该房间已分配给第 ${seen.get(r)! + 1} 位盘点人`;
        else seen.set(r, i);
      });
    });
    const rooms = [...seen.keys()];
    if (rooms.length) {
      // Before the start the plan's scope decides the rooms; after it, the snapshot.
      const known = new Set(
        (
          await query<{ id: string }>(
            tx,
            c.status === 'planned'
              ? sql`SELECT id::text FROM rooms WHERE id = ANY(${uuidArray(rooms)})
                  AND (unit_id = ANY(${uuidArray(c.unit_ids)}) OR unit_id IS NULL)`
              : sql`SELECT r::text AS id FROM counts, unnest(snapshot_room_ids) AS r WHERE id = ${id} AND r = ANY(${uuidArray(rooms)})`,
          )
        ).map((r) => r.id),
      );
      for (const [i, a] of input.assignments.entries())
        for (const [j, r] of a.roomIds.entries()) if (!known.has(r)) fields[`assignments.${i}.roomIds.${j}`] = '该房间不在本次盘点范围内';
    }
    if (Object.keys(fields).length) throw invalid(fields);
    await tx.execute(sql`DELETE FROM count_assignments WHERE count_id = ${id}`);
    const pairs = input.assignments.flatMap((a) => a.roomIds.map((r) => ({ u: a.userId, r })));
    if (pairs.length)
      await tx.execute(sql`
        INSERT INTO count_assignments (count_id, room_id, user_id)
        SELECT ${id}, x.r, x.u FROM jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) AS x(u uuid, r uuid)`);
    return { rooms: pairs.length };
  });
}

/** Live progress: expected and counted per counter (their share), per room (with its counter) and per unit. */
export async function countProgress(q: Queryable, actor: Actor, id: string): Promise<CountProgress> {
  await loadCount(q, actor, id);
  const counted = sql`EXISTS (SELECT 1 FROM count_scans s WHERE s.count_id = i.count_id AND s.card_id = i.card_id)`;
  const byRoom = await query<CountProgress['byRoom'][number]>(
    q,
    sql`
    SELECT i.room_id::text AS "roomId",
      CASE WHEN r.id IS NULL THEN NULL ELSE b.name || ' ' || r.code || coalesce(' ' || r.name, '') END AS "roomName",
      a.user_id::text AS "counterId", u.display_name AS "counterName",
      count(*)::int AS expected, count(*) FILTER (WHERE ${counted})::int AS counted
    FROM count_items i
    LEFT JOIN rooms r ON r.id = i.room_id LEFT JOIN buildings b ON b.id = r.building_id
    LEFT JOIN count_assignments a ON a.count_id = i.count_id AND a.room_id = i.room_id
    LEFT JOIN users u ON u.id = a.user_id
    WHERE i.count_id = ${id}
    GROUP BY i.room_id, r.id, b.name, r.code, r.name, a.user_id, u.display_name
    ORDER BY b.name NULLS LAST, r.code`,
  );
  const byUnit = await query<CountProgress['byUnit'][number]>(
    q,
    sql`
    SELECT i.unit_id::text AS "unitId", u.name AS "unitName", count(*)::int AS expected, count(*) FILTER (WHERE ${counted})::int AS counted
    FROM count_items i JOIN units u ON u.id = i.unit_id WHERE i.count_id = ${id}
    GROUP BY i.unit_id, u.name, u.sort, u.code ORDER BY u.sort, u.code`,
  );
  // A counter's share as the phone sees it: assigned rooms; else all (lead) or the unassigned rest.
  const counters = await query<{ userId: string; name: string; lead: boolean; rooms: number; scans: number }>(
    q,
    sql`
    SELECT cc.user_id::text AS "userId", u.display_name AS name, cc.lead,
      (SELECT count(*)::int FROM count_assignments a WHERE a.count_id = cc.count_id AND a.user_id = cc.user_id) AS rooms,
      (SELECT count(*)::int FROM count_scans s WHERE s.count_id = cc.count_id AND s.counter_id = cc.user_id) AS scans
    FROM count_counters cc JOIN users u ON u.id = cc.user_id WHERE cc.count_id = ${id} ORDER BY cc.lead DESC, u.display_name`,
  );
  const sum = (rows: typeof byRoom) =>
    rows.reduce((s, r) => ({ expected: s.expected + r.expected, counted: s.counted + r.counted }), { expected: 0, counted: 0 });
  const byCounter = counters.map((k) => ({
    ...k,
    ...(k.rooms > 0 ? sum(byRoom.filter((r) => r.counterId === k.userId)) : k.lead ? sum(byRoom) : sum(byRoom.filter((r) => !r.counterId))),
  }));
  return { byCounter, byRoom, byUnit };
}
