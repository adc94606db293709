import { sql } from 'drizzle-orm';
import { query, type Queryable } from '../../platform/db/engine.ts';
import type { GongwuModule } from '../../platform/module.ts';
import { benchCli } from './bench.cli.ts';
import { declareTakeover } from '../finance/index.ts';
import { demoTakeoverMonth, generateCards } from './card-generator.ts';

/** The demo's books are taken over from an older system: every unit with cards opens after the takeover month. */
async function takeOverDemoBooks(db: Queryable, month: string): Promise<void> {
  const units = await query<{ id: string }>(db, sql`SELECT DISTINCT unit_id AS id FROM cards`);
  await declareTakeover(
    db,
    units.map((u) => u.id),
    month,
  );
}

/** Demo cards (after org, catalog and assets have seeded) and the `gongwu bench` command. */
export const module: GongwuModule = {
  name: 'demo',
  order: 90,
  async seedDemo(database, log, opts) {
    if (opts.scale === 'small') {
      // Units 01–03, about 30 cards each: enough for every list and page to show something.
      const units = await query<{ code: string }>(database.db, sql`SELECT code FROM units WHERE kind = 'unit' ORDER BY sort, code LIMIT 3`);
      if (!units.length) return;
      const takeoverMonth = demoTakeoverMonth();
      const r = await generateCards(database.db, {
        cards: 30 * units.length,
        unitCodes: units.map((u) => u.code),
        eventsPerCard: 2.5,
        buildings: true,
        takeoverMonth,
      });
      await takeOverDemoBooks(database.db, takeoverMonth);
      log(`  demo: ${r.cards} cards, ${r.events} ledger events`);
      return;
    }
    const takeoverMonth = demoTakeoverMonth();
    const r = await generateCards(database.db, { cards: 20_000, eventsPerCard: 2.5, buildings: true, batchSize: 20_000, takeoverMonth });
    await takeOverDemoBooks(database.db, takeoverMonth);
    log(`  demo: ${r.cards} cards, ${r.events} ledger events; books taken over as of ${takeoverMonth}`);
  },
  cli: benchCli,
};
