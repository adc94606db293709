// Recount (复盘) of the discrepancies: the cards missing or found elsewhere so far are handed to a
// second person, who did not count them the first time; blind, their sheet does not say where the
// books expect each card. Their scans are ordinary scans (the latest scan of a card decides its
// outcome), marked with the recount.
import { sql } from 'drizzle-orm';
import type { RecountView } from '../../../shared/inventory.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { uuidArray } from '../../platform/db/sql-arrays.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { loadCount, plans } from './count.service.ts';
import { businessTimeText } from '../../platform/clock.ts';

/** The discrepancies now: expected cards never scanned, or whose latest scan is in another room. */
const DISCREPANCIES = (countId: string) => sql`
  WITH last AS (
    SELECT DISTINCT ON (card_id) card_id, room_id FROM count_scans WHERE count_id = ${countId} AND expected
    ORDER BY card_id, scanned_at DESC, id DESC
  )
  SELECT i.card_id FROM count_items i LEFT JOIN last l ON l.card_id = i.card_id
  WHERE i.count_id = ${countId} AND (l.card_id IS NULL OR (l.room_id IS NOT NULL AND l.room_id IS DISTINCT FROM i.room_id))`;

/**
 * Starts a recount of the current discrepancies by `counterId`. Refused when there is nothing to
 * recount, or when the person counted any of these cards the first time: they scanned one, or one
 * lies in a room assigned to them (or, not split, they are the lead who had the whole count).
 */
export async function createRecount(
  q: Queryable,
  actor: Actor,
  countId: string,
  input: { counterId: string; blind: boolean },
): Promise<{ id: string; cards: number }> {
  return withTx(q, async (tx) => {
    const c = await loadCount(tx, actor, countId, true);
    if (!plans(actor, c)) throw new AppError('forbidden', '只有计划盘点的资产管理部门可以安排复盘');
    if (c.status !== 'counting') throw new AppError('invalid_transition', c.status === 'planned' ? '盘点尚未开始' : '盘点已结束');
    const person = await queryOne<{ id: string }>(
      tx,
      sql`SELECT id::text FROM users WHERE id = ${input.counterId} AND active
        AND (unit_id IS NULL OR unit_id = ANY(${uuidArray(c.unit_ids)}))`,
    );
    if (!person) throw invalid({ counterId: '复盘人须为本次盘点单位或管委会的在用账号' });
    const cards = (await query<{ card_id: string }>(tx, DISCREPANCIES(countId))).map((r) => r.card_id);
    if (!cards.length) throw new AppError('rule_violation', '没有盘亏或异位的资产需要复盘', { counterId: '没有需要复盘的资产' });
    const first = await queryOne<{ scanned: number; assigned: number; lead: boolean }>(
      tx,
      sql`
      SELECT
        (SELECT count(*)::int FROM count_scans s WHERE s.count_id = ${countId} AND s.counter_id = ${input.counterId}
          AND s.card_id = ANY(${uuidArray(cards)})) AS scanned,
        (SELECT count(*)::int FROM count_items i JOIN count_assignments a ON a.count_id = i.count_id AND a.room_id = i.room_id
          WHERE i.count_id = ${countId} AND a.user_id = ${input.counterId} AND i.card_id = ANY(${uuidArray(cards)})) AS assigned,
        coalesce((SELECT lead FROM count_counters WHERE count_id = ${countId} AND user_id = ${input.counterId}), false)
          AND NOT EXISTS (SELECT 1 FROM count_assignments WHERE count_id = ${countId}) AS lead`,
    );
    if (first!.scanned || first!.assigned || first!.lead)
      throw new AppError('rule_violation', '复盘须由初盘以外的人员进行：该人员已盘点过其中的资产', {
        counterId: '复盘须由初盘以外的人员进行',
      });
    const row = await queryOne<{ id: string }>(
      tx,
      sql`INSERT INTO count_recounts (count_id, counter_id, blind, card_ids, created_by)
        VALUES (${countId}, ${input.counterId}, ${input.blind}, ${uuidArray(cards)}, ${actor.userId}) RETURNING id::text`,
    );
    // The recounter becomes a counter of the count (not the lead), so they may download and scan.
    await tx.execute(sql`
      INSERT INTO count_counters (count_id, user_id, lead) VALUES (${countId}, ${input.counterId}, false) ON CONFLICT DO NOTHING`);
    return { id: row!.id, cards: cards.length };
  });
}

/** The latest recount handed to this person in this count, if any. */
export async function recountOf(q: Queryable, countId: string, userId: string): Promise<{ id: string; blind: boolean } | null> {
  return (
    (await queryOne<{ id: string; blind: boolean }>(
      q,
      sql`SELECT id::text, blind FROM count_recounts WHERE count_id = ${countId} AND counter_id = ${userId}
        ORDER BY created_at DESC LIMIT 1`,
    )) ?? null
  );
}

export async function listRecounts(q: Queryable, actor: Actor, countId: string): Promise<RecountView[]> {
  await loadCount(q, actor, countId);
  return query<RecountView>(
    q,
    sql`
    SELECT r.id::text, r.counter_id::text AS "counterId", u.display_name AS "counterName", r.blind,
      cardinality(r.card_ids) AS cards,
      (SELECT count(DISTINCT s.card_id)::int FROM count_scans s WHERE s.count_id = r.count_id AND s.recount_id = r.id
        AND s.card_id = ANY(r.card_ids)) AS counted,
      ${businessTimeText('r.created_at')} AS "createdAt"
    FROM count_recounts r JOIN users u ON u.id = r.counter_id WHERE r.count_id = ${countId} ORDER BY r.created_at`,
  );
}
