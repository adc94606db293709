// The one place depreciation writes cards' accumulated depreciation: finance computes the month's
// charges and entries (finance/depreciation.charges.ts) and hands each card's change here.
//
// Ledger decision: a monthly charge is not a card_events row (a million cards would add a million
// events a month). depreciation_entries is the ledger of accumulated depreciation, linked to its
// run; cards.accumulated_depreciation_fen is its running balance, and the card timeline reads the
// entries beside the events.
import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../../platform/db/engine.ts';

/**
 * Adds each card's delta to its accumulated depreciation, in one statement. `deltas` is a query
 * yielding (card_id, delta). Relative, so a revaluation committed meanwhile is not overwritten; a
 * full month touches most cards, and cards' fillfactor (migrations/post/052) keeps these updates
 * on their own pages. The dashboard's change counters learn the units charged from the statement
 * itself: gongwu.depreciation_run tells the cards' row trigger to leave them to it
 * (migrations/post/320). Call inside the run's transaction.
 */
export async function addAccumulatedDepreciation(q: Queryable, deltas: SQL): Promise<void> {
  await q.execute(sql`SELECT set_config('gongwu.depreciation_run', 'on', true)`);
  await q.execute(sql`
    WITH charged AS (
      UPDATE cards c SET accumulated_depreciation_fen = c.accumulated_depreciation_fen + d.delta
      FROM (${deltas}) d
      WHERE c.id = d.card_id
      RETURNING c.unit_id
    )
    SELECT gongwu_touch_units(array_agg(DISTINCT unit_id)) FROM charged`);
  await q.execute(sql`SELECT set_config('gongwu.depreciation_run', '', true)`);
}
