import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { openTestDatabase } from '../../testing/test-db.ts';
import type { Database } from '../../platform/db/engine.ts';
import { createCardWorld, type CardWorld } from './card.factory.ts';
import { cardFilterWhere } from './card.queries.ts';
import { cards } from './card.tables.ts';

// Characters people type plus the LIKE wildcards and escape, which must match literally.
const ALPHABET = [...'打印机复印台式计算机电脑联想惠普办公桌椅服务器交换机', ...'HPhpLenovoABCxyz', ...'0123456789', '-', '_', '%', '\\', ' '];
const fragment = (min: number, max: number) => fc.array(fc.constantFrom(...ALPHABET), { minLength: min, maxLength: max }).map((a) => a.join(''));

interface Fields { cardNo: string; name: string; spec: string | null; brand: string | null; serialNo: string | null }

/** The definition of a match, independent of SQL: the query is a fragment of one of the fields. */
function bruteForce(rows: (Fields & { id: string })[], q: string): string[] {
  const needle = q.trim().toLowerCase();
  return rows
    .filter((r) => !needle || [r.cardNo, r.name, r.spec, r.brand, r.serialNo].some((f) => f != null && f.toLowerCase().includes(needle)))
    .map((r) => r.id)
    .sort();
}

describe('card search', () => {
  let database: Database;
  let w: CardWorld;
  let rows: (Fields & { id: string })[];

  beforeAll(async () => {
    database = await openTestDatabase();
    w = await createCardWorld(database);
    const gen = fc.record({
      name: fragment(1, 8),
      spec: fc.option(fragment(0, 10), { nil: null }),
      brand: fc.option(fragment(1, 6), { nil: null }),
      serialNo: fc.option(fragment(1, 10), { nil: null }),
    });
    const sample = fc.sample(gen, { numRuns: 400, seed: 20260101 });
    const values = sample.map((f, i) => ({
      ...f, cardNo: `1100${i % 3}-20${19 + (i % 6)}-${String(i).padStart(6, '0')}`, unitId: w.u01, categoryId: w.cat.desktop,
      originalValueFen: 100000, acquisitionMethod: 'purchase', acquiredOn: '2020-01-01', managingUnitId: w.u01,
    }));
    const inserted = await database.db.insert(cards).values(values).returning({ id: cards.id });
    rows = values.map((v, i) => ({ id: inserted[i].id, cardNo: v.cardNo, name: v.name, spec: v.spec, brand: v.brand, serialNo: v.serialNo }));
  });
  afterAll(async () => { await database.close(); });

  /** Runs the filter with sequential scans off, so the GIN indexes (trigram and bigram) answer. */
  async function search(q: string, viaIndex: boolean): Promise<string[]> {
    return withTx(database.db, async (tx) => {
      if (viaIndex) await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      const found = await query<{ id: string }>(tx, sql`SELECT cards.id FROM cards WHERE ${cardFilterWhere({ q }, 'all')}`);
      return found.map((r) => r.id).sort();
    });
  }

  it('finds exactly the cards containing the fragment, for 1 to 5 characters, with and without the indexes', async () => {
    const existing = fc.constantFrom(...rows).chain((r) => {
      const f = [r.cardNo, r.name, r.spec, r.brand, r.serialNo].filter((x): x is string => !!x).join('');
      return fc.nat({ max: Math.max(0, f.length - 1) }).chain((start) => fc.integer({ min: 1, max: 5 }).map((len) => f.slice(start, start + len)));
    });
    await fc.assert(fc.asyncProperty(fc.oneof(existing, fragment(1, 5)), fc.boolean(), async (q, viaIndex) => {
      expect(await search(q, viaIndex)).toEqual(bruteForce(rows, q));
    }), { numRuns: 250, seed: 7 });
  });

  it('matches Chinese two-character queries, Latin brands in any case, and card-number fragments', async () => {
    for (const q of ['打印', 'hp', 'HP', '2019-00', '-', '%', '_', '\\']) {
      expect(await search(q, true)).toEqual(bruteForce(rows, q));
    }
  });

  it('answers from the gram index for one, two and more characters', async () => {
    const plan = async (q: string) => withTx(database.db, async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      const r = await query<{ 'QUERY PLAN': string }>(tx, sql`EXPLAIN SELECT cards.id FROM cards WHERE ${cardFilterWhere({ q }, 'all')}`);
      return r.map((x) => x['QUERY PLAN']).join('\n');
    });
    for (const q of ['打', '打印', '打印机', 'laserjet']) expect(await plan(q)).toContain('cards_search_grams_idx');
  });
});
