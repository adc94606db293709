import { sql } from 'drizzle-orm';
import type { LedgerVerification } from '../../../shared/assets.contracts.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { verifyDepreciationLedger } from './depreciation-ledger.queries.ts';
import { verifyReportFilings } from '../reports/index.ts';

const ZEROS = '0'.repeat(64);

/**
 * Verifies every card's hash chain in a few set-based statements (docs/domain.md §8). Per event:
 * - its hash is recomputed from its fields and its prev_hash (card_event_hash, the trigger's own
 *   function) — a mismatch means its content was altered;
 * - its prev_hash must be the hash of the event before it by seq (the first: 64 zeros);
 * - seqs run 1, 2, 3 … without gaps — a gap means events were removed;
 * - seq order agrees with insertion order (id), and an event whose content is intact but whose
 *   prev_hash points at a non-adjacent event of the same card was moved: reordered.
 * A card without any event lost its registration: removed.
 * `unitIds` narrows the check to cards now owned by those units.
 */
export async function verifyLedger(q: Queryable, opts: { unitIds?: string[]; maxFailures?: number } = {}): Promise<LedgerVerification> {
  const started = Date.now();
  const unitFilter = opts.unitIds
    ? opts.unitIds.length
      ? sql`AND c.unit_id IN (${sql.join(
          opts.unitIds.map((u) => sql`${u}::uuid`),
          sql`, `,
        )})`
      : sql`AND false`
    : sql``;
  const recompute = (seq: ReturnType<typeof sql>) => sql`card_event_hash(ev.prev_hash, ev.card_id, ${seq}, ev.unit_id, ev.type,
    ev.document_id, ev.document_type, ev.actor_id, ev.occurred_at, ev.before, ev.after, ev.note)`;
  const flagged = sql`
    WITH ev AS (
      SELECT e.*,
        row_number() OVER w AS rn,
        lag(e.hash) OVER w AS pred_hash,
        lag(e.id) OVER w AS pred_id,
        -- Events are inserted in seq order, so the rank by id is the seq an event was written with.
        row_number() OVER (PARTITION BY e.card_id ORDER BY e.id) AS written_seq
      FROM card_events e ${opts.unitIds ? sql`JOIN cards c ON c.id = e.card_id ${unitFilter}` : sql``}
      WINDOW w AS (PARTITION BY e.card_id ORDER BY e.seq)
    ), checked AS MATERIALIZED (
      -- Materialized so each hash is computed once: an inlined CTE would repeat the expression at every use.
      SELECT ev.card_id, ev.seq, ev.id, ev.rn, ev.pred_id, ev.prev_hash,
        ${recompute(sql`ev.seq`)} = ev.hash AS content_ok,
        -- Intact content stored at another position: recomputing with the seq it was written with matches.
        CASE WHEN ev.written_seq = ev.seq THEN false ELSE ${recompute(sql`ev.written_seq::int`)} = ev.hash END AS fits_written_seq,
        CASE WHEN ev.rn = 1 THEN ev.prev_hash = ${ZEROS} ELSE ev.prev_hash = ev.pred_hash END AS link_ok,
        ev.written_seq
      FROM ev
    ), judged AS (
      SELECT ev.card_id, ev.seq, ev.rn, ev.content_ok, ev.link_ok,
        (ev.seq <> ev.rn) AS gap, ev.prev_hash = ${ZEROS} AS prev_zero,
        -- Only for a broken link (rare): the seq of the event its prev_hash names, if still there.
        CASE WHEN ev.link_ok THEN NULL
             ELSE (SELECT l.seq FROM card_events l WHERE l.card_id = ev.card_id AND l.hash = ev.prev_hash LIMIT 1) END AS linked_seq,
        (NOT ev.content_ok AND ev.fits_written_seq) AS moved,
        coalesce(ev.pred_id > ev.id, false) AS out_of_order
      FROM checked ev
    )
    -- A broken link to a hash that no longer exists: with a seq gap, events were removed; without
    -- one, the previous event was rewritten (its hash recomputed to hide the change): altered.
    SELECT card_id, seq,
      (NOT content_ok AND NOT moved) OR (NOT link_ok AND NOT gap AND rn > 1 AND linked_seq IS NULL AND NOT prev_zero) AS altered,
      gap OR (NOT link_ok AND rn = 1 AND linked_seq IS NULL) AS removed,
      moved OR out_of_order OR (NOT link_ok AND (linked_seq IS NOT NULL OR (prev_zero AND rn > 1))) AS reordered
    FROM judged`;

  const rows = await query<{
    card_id: string;
    card_no: string | null;
    unit_id: string | null;
    altered: boolean;
    removed: boolean;
    reordered: boolean;
    first_bad: number | null;
  }>(
    q,
    sql`
    WITH f AS (${flagged}),
    per_card AS (
      SELECT card_id, bool_or(altered) AS altered, bool_or(removed) AS removed, bool_or(reordered) AS reordered,
        min(seq) FILTER (WHERE altered OR removed OR reordered) AS first_bad
      FROM f GROUP BY card_id HAVING bool_or(altered OR removed OR reordered)
      UNION ALL
      -- A card with no event at all lost its registration.
      SELECT c.id, false, true, false, 1 FROM cards c
      WHERE NOT EXISTS (SELECT 1 FROM card_events e WHERE e.card_id = c.id) ${unitFilter}
    )
    SELECT p.card_id, c.card_no, c.unit_id::text AS unit_id, p.altered, p.removed, p.reordered, p.first_bad
    FROM per_card p LEFT JOIN cards c ON c.id = p.card_id
    ORDER BY c.card_no NULLS LAST, p.card_id`,
  );

  const totals = await queryOne<{ cards: number; events: number }>(
    q,
    sql`
    SELECT (SELECT count(*)::int FROM cards c WHERE true ${unitFilter}) AS cards,
           (SELECT count(*)::int FROM card_events e ${opts.unitIds ? sql`JOIN cards c ON c.id = e.card_id ${unitFilter}` : sql``}) AS events`,
  );

  const counts = { altered: 0, removed: 0, reordered: 0 };
  const failures = rows.map((r) => {
    const problems = (['altered', 'removed', 'reordered'] as const).filter((p) => r[p]);
    for (const p of problems) counts[p]++;
    return { cardId: r.card_id, cardNo: r.card_no, unitId: r.unit_id, problems, firstBadSeq: r.first_bad };
  });
  const depreciation = await verifyDepreciationLedger(q, { unitIds: opts.unitIds, maxFailures: opts.maxFailures });
  const reports = await verifyReportFilings(q, { unitIds: opts.unitIds });
  return {
    ok: failures.length === 0 && depreciation.failures.length === 0 && reports.failures.length === 0,
    depreciation,
    reports,
    checkedCards: totals?.cards ?? 0,
    checkedEvents: totals?.events ?? 0,
    failedCards: failures.length,
    counts,
    failures: failures.slice(0, opts.maxFailures ?? 1000),
    durationMs: Date.now() - started,
    checkedAt: new Date().toISOString(),
  };
}
