import { sql, type SQL } from 'drizzle-orm';
import type { CardEventType } from '../../../shared/assets.enums.ts';
import { queryOne, type Queryable } from '../../platform/db/engine.ts';
import { eventInstant } from '../../platform/clock.ts';

export interface CardEventsFrom {
  type: CardEventType;
  /** Who acted, for every event of the set (null: system work). */
  actorId: string | null;
  /**
   * A SELECT yielding one row per event, with the columns `card_id` (uuid), `unit_id` (uuid),
   * `document_id` (uuid or NULL), `document_type` (text or NULL), `after` (jsonb) and `note` (text
   * or NULL) and `ord` (int): a card's several rows are chained in the order of `ord`.
   */
  rows: SQL;
}

/**
 * Appends a set of ledger events that change no field of the card (what a count saw of it, what a
 * closed count made of it): one INSERT … SELECT whatever the set's size, each event chained by the
 * ledger trigger like any other. Answers how many events were written.
 */
export async function appendCardEventsFrom(tx: Queryable, e: CardEventsFrom): Promise<number> {
  const at = eventInstant();
  const row = await queryOne<{ n: number }>(
    tx,
    sql`
    WITH ins AS (
      INSERT INTO card_events (card_id, seq, unit_id, type, document_id, document_type, actor_id, occurred_at, before, after, note,
        prev_hash, hash)
      SELECT r.card_id, 0, r.unit_id, ${e.type}, r.document_id, r.document_type, ${e.actorId}::uuid,
        ${at ? sql`${at.toISOString()}::timestamptz` : sql`now()`}, NULL, r.after, r.note, '', ''
      FROM (${e.rows}) r
      ORDER BY r.card_id, r.ord
      RETURNING 1
    )
    SELECT count(*)::int AS n FROM ins`,
  );
  return row!.n;
}
