// What a count puts on each card's ledger (docs/domain.md §9a): every scan of a card as it is
// recorded (who, when, where found, condition, which count), and at the close every card's result
// (found in place, found elsewhere, missing, outside the count's scope; damaged; changed while
// counting) with the adjustment document it went into. Written through the assets module, set-based.
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Queryable } from '../../platform/db/engine.ts';
import { businessTimeText } from '../../platform/clock.ts';
import { appendCardEventsFrom } from '../assets/index.ts';

const WHEN = businessTimeText('s.scanned_at', 'YYYY-MM-DD HH24:MI:SS');

/** One `count_scanned` event per freshly recorded scan (their `ids`) that named a card; a duplicate writes none. */
export async function scanEvents(tx: Queryable, actor: Actor, countId: string, ids: number[]): Promise<number> {
  if (!ids.length) return 0;
  return appendCardEventsFrom(tx, {
    type: 'count_scanned',
    actorId: actor.userId,
    rows: sql`
      SELECT s.card_id, k.unit_id, NULL::uuid AS document_id, NULL::text AS document_type, s.note, s.id AS ord,
        jsonb_strip_nulls(jsonb_build_object('countId', c.id, 'count', c.title,
          'outcome', CASE WHEN NOT s.expected THEN 'outside'
                          WHEN s.room_id IS NOT NULL AND s.room_id IS DISTINCT FROM i.room_id THEN 'moved' ELSE 'found' END,
          'roomId', s.room_id, 'condition', s.condition, 'scannedAt', ${WHEN},
          'recount', CASE WHEN s.recount_id IS NOT NULL THEN true END)) AS after
      -- By the scans' own key: by (count, scan key) the plan read the count's scans per key while its
      -- statistics were behind (the first sync of a count took 12.7 s at a million cards).
      FROM json_array_elements_text(${JSON.stringify(ids)}::json) AS f(id)
      JOIN count_scans s ON s.id = f.id::bigint AND s.count_id = ${countId}
      JOIN counts c ON c.id = s.count_id
      JOIN cards k ON k.id = s.card_id
      LEFT JOIN count_items i ON i.count_id = s.count_id AND i.card_id = s.card_id`,
  });
}

/**
 * At the close, one `count_result` event per expected card and per card scanned outside the
 * expected list: its outcome by its latest scan (as the result report decides it), the room found,
 * the room the books expected, the condition, whether a document changed it while counting, and
 * the adjustment document (move or write-off) it went into, if any.
 */
export async function resultEvents(tx: Queryable, actor: Actor, countId: string): Promise<number> {
  return appendCardEventsFrom(tx, {
    type: 'count_result',
    actorId: actor.userId,
    rows: sql`
      WITH last AS (
        SELECT DISTINCT ON (card_id) card_id, room_id, condition, expected, scanned_at
        FROM count_scans WHERE count_id = ${countId} AND card_id IS NOT NULL
        ORDER BY card_id, scanned_at DESC, id DESC
      ), adj AS (
        SELECT l.card_id, d.id AS document_id, d.type AS document_type
        FROM count_documents x JOIN documents d ON d.id = x.document_id JOIN document_lines l ON l.document_id = d.id
        WHERE x.count_id = ${countId} AND x.kind <> 'surplus' AND l.card_id IS NOT NULL
      ), res AS (
        SELECT i.card_id, CASE WHEN s.card_id IS NULL THEN 'missing'
               WHEN s.room_id IS NOT NULL AND s.room_id IS DISTINCT FROM i.room_id THEN 'moved' ELSE 'found' END AS outcome,
          s.room_id, i.room_id AS expected_room_id, s.condition, s.scanned_at
        FROM count_items i LEFT JOIN last s ON s.card_id = i.card_id
        WHERE i.count_id = ${countId}
        UNION ALL
        SELECT s.card_id, 'outside', s.room_id, NULL, s.condition, s.scanned_at
        FROM last s WHERE NOT EXISTS (SELECT 1 FROM count_items i WHERE i.count_id = ${countId} AND i.card_id = s.card_id)
      )
      SELECT r.card_id, k.unit_id, a.document_id, a.document_type, NULL::text AS note, 0 AS ord,
        jsonb_strip_nulls(jsonb_build_object('countId', c.id, 'count', c.title, 'outcome', r.outcome,
          'roomId', r.room_id, 'expectedRoomId', CASE WHEN r.outcome <> 'found' THEN r.expected_room_id END,
          'condition', r.condition, 'scannedAt', ${businessTimeText('r.scanned_at', 'YYYY-MM-DD HH24:MI:SS')},
          'changedWhileCounting', CASE WHEN k.version <> i.card_version THEN true END)) AS after
      FROM res r JOIN cards k ON k.id = r.card_id JOIN counts c ON c.id = ${countId}
      LEFT JOIN count_items i ON i.count_id = ${countId} AND i.card_id = r.card_id
      LEFT JOIN adj a ON a.card_id = r.card_id`,
  });
}
