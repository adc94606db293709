// A month's run writes the accumulated depreciation of nearly every card and adds to its card's
// yearly roll-up. Each of those updates must stay on its page (a HOT update, no index touched): a
// column the run changes that some index holds — net_value_fen in a pool-match index did — turns each
// into a write of every index of the table (at a million cards the run went from 22 s to 51 s). The
// figures are the transaction's own statistics (pg_stat_xact_user_tables), exact on both engines.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryOne, type Queryable } from '../../platform/db/engine.ts';
import { setBusinessToday } from '../../platform/clock.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { world, type World } from '../../testing/world.ts';
import { runMonth } from './depreciation.service.ts';

let t: TestApp;
let w: World;

beforeAll(async () => {
  setBusinessToday('2026-12-31');
  t = await createTestApp();
  w = world(t.database);
}, 60_000);
afterAll(async () => {
  setBusinessToday(null);
  await t.close();
});

/** Rows updated and of them in place (HOT) in `table`, as this session counts them (not yet flushed included). */
const updates = async (q: Queryable, table: string) =>
  (await queryOne<{ upd: number; hot: number }>(
    q,
    sql`SELECT n_tup_upd::int AS upd, n_tup_hot_upd::int AS hot FROM pg_stat_xact_user_tables WHERE relname = ${table}`,
  ))!;
/** What `fn` adds to the counts of each table: the session's counts after it less those before. */
async function updatesOf(q: Queryable, tables: string[], fn: () => Promise<unknown>) {
  const before = await Promise.all(tables.map((t) => updates(q, t)));
  await fn();
  const after = await Promise.all(tables.map((t) => updates(q, t)));
  return Object.fromEntries(tables.map((t, i) => [t, { upd: after[i].upd - before[i].upd, hot: after[i].hot - before[i].hot }]));
}

describe("a month's depreciation run writes in place", () => {
  it('updates six cards in use and their roll-ups without touching an index; only the two idle cards (their offer order) are rewritten', async () => {
    const unit = await w.unit();
    const computers = (await w.category({ code: '2010104' })).id;
    const card = (status: 'in_use' | 'idle') =>
      w.card({ unitId: unit, categoryId: computers, originalValueFen: 599900, usefulLifeMonths: 72, postedOn: '2026-01-15', status });
    for (let i = 0; i < 6; i++) await card('in_use');
    for (let i = 0; i < 2; i++) await card('idle');
    // February's run writes each card's roll-up row for 2026; March's adds to it.
    await runMonth(t.database.db, unit, '2026-02', null);
    // Counted in March's transaction (a session's counts of earlier ones may not be flushed yet).
    let totalFen = 0;
    const seen = await t.database.db.transaction((tx) =>
      updatesOf(tx, ['cards', 'depreciation_card_years'], async () => (totalFen = (await runMonth(tx, unit, '2026-03', null)).totalFen)),
    );
    // ¥5,999 over 72 months: ¥83.32 a month for each of the eight cards.
    expect(totalFen).toBe(8 * 8332);
    expect(seen).toEqual({ cards: { upd: 8, hot: 6 }, depreciation_card_years: { upd: 8, hot: 8 } });
  }, 60_000);
});
