import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { openTestDatabase } from '../../testing/test-db.ts';
import type { Database } from '../../platform/db/engine.ts';
import { createCardWorld, type CardWorld } from '../../testing/world.ts';
import { cardFilterWhere, listCards, searchTuning } from './card.queries.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { CardListQuery } from '../../../shared/assets.contracts.ts';
import { cards } from './card.tables.ts';

// Characters people type plus the LIKE wildcards and escape, which must match literally.
const ALPHABET = [
  ...'打印机复印台式计算机电脑联想惠普办公桌椅服务器交换机',
  ...'HPhpLenovoABCxyz',
  ...'0123456789',
  '-',
  '_',
  '%',
  '\\',
  ' ',
];
const fragment = (min: number, max: number) =>
  fc.array(fc.constantFrom(...ALPHABET), { minLength: min, maxLength: max }).map((a) => a.join(''));

interface Fields {
  cardNo: string;
  name: string;
  spec: string | null;
  brand: string | null;
  serialNo: string | null;
}

/** The definition of a match, independent of SQL: the query is a fragment of one of the fields. */
function bruteForce(rows: (Fields & { id: string })[], q: string): string[] {
  const needle = q.trim().toLowerCase();
  return rows
    .filter((r) => !needle || [r.cardNo, r.name, r.spec, r.brand, r.serialNo].some((f) => f?.toLowerCase().includes(needle)))
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
      ...f,
      cardNo: `1100${i % 3}-20${19 + (i % 6)}-${String(i).padStart(6, '0')}`,
      unitId: w.u01,
      categoryId: w.cat.desktop,
      originalValueFen: 100000,
      acquisitionMethod: 'purchase',
      acquiredOn: '2020-01-01',
      managingUnitId: w.u01,
    }));
    const inserted = await database.db.insert(cards).values(values).returning({ id: cards.id });
    rows = values.map((v, i) => ({
      id: inserted[i].id,
      cardNo: v.cardNo,
      name: v.name,
      spec: v.spec,
      brand: v.brand,
      serialNo: v.serialNo,
    }));
  });
  afterAll(async () => {
    await database.close();
  });

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
      return fc
        .nat({ max: Math.max(0, f.length - 1) })
        .chain((start) => fc.integer({ min: 1, max: 5 }).map((len) => f.slice(start, start + len)));
    });
    await fc.assert(
      fc.asyncProperty(fc.oneof(existing, fragment(1, 5)), fc.boolean(), async (q, viaIndex) => {
        expect(await search(q, viaIndex)).toEqual(bruteForce(rows, q));
      }),
      { numRuns: 250, seed: 7 },
    );
  });

  it('matches Chinese two-character queries, Latin brands in any case, and card-number fragments', async () => {
    for (const q of ['打印', 'hp', 'HP', '2019-00', '-', '%', '_', '\\']) {
      expect(await search(q, true)).toEqual(bruteForce(rows, q));
    }
  });

  it('answers from the gram index for one, two and more characters', async () => {
    const plan = async (q: string) =>
      withTx(database.db, async (tx) => {
        await tx.execute(sql`SET LOCAL enable_seqscan = off`);
        const r = await query<{ 'QUERY PLAN': string }>(tx, sql`EXPLAIN SELECT cards.id FROM cards WHERE ${cardFilterWhere({ q }, 'all')}`);
        return r.map((x) => x['QUERY PLAN']).join('\n');
      });
    for (const q of ['打', '打印', '打印机', 'laserjet']) expect(await plan(q)).toContain('card_search_keys_idx');
  });

  it('pages a search in order with exact totals, whether the card-number index is walked or the matches collected', async () => {
    const office: Actor = {
      userId: w.users.officer,
      username: 'officer',
      displayName: 'officer',
      unitId: null,
      grants: [{ role: 'asset_office', unitId: null }],
      via: 'session',
    };
    const unitAdmin: Actor = { ...office, userId: w.users['u01-admin'], grants: [{ role: 'unit_admin', unitId: w.u01 }] };
    const cardNo = new Map(rows.map((r) => [r.id, r.cardNo]));
    // Common words (a third of the cards and more) walk the index; rare ones collect their matches.
    for (const q of ['1', '-', '打', 'hp', '0000', '打印机', 'x'])
      for (const [order, actor, walkRows] of [
        ['asc', office, 20_000],
        ['desc', office, 20_000],
        ['asc', office, 15],
        ['asc', unitAdmin, 20_000],
        ['desc', unitAdmin, 20_000],
      ] as const) {
        searchTuning.walkRows = walkRows; // 15: walks fall short and the matches are collected
        const expected = bruteForce(rows, q).sort(
          (a, b) => cardNo.get(a)!.localeCompare(cardNo.get(b)!, 'en') * (order === 'desc' ? -1 : 1),
        );
        const seen: string[] = [];
        for (let page = 1; page <= 4; page++) {
          const r = await listCards(database.db, actor, { q, page, pageSize: 7, order, status: [] });
          expect(r.total).toBe(expected.length);
          seen.push(...r.items.map((i) => i.id));
        }
        expect(seen).toEqual(expected.slice(0, 28));
      }
    searchTuning.walkRows = 20_000;
  });

  it('keeps the same matches in other sort orders, with other filters, and within a unit of the scope only', async () => {
    const office: Actor = {
      userId: w.users.officer,
      username: 'officer',
      displayName: 'officer',
      unitId: null,
      grants: [{ role: 'asset_office', unitId: null }],
      via: 'session',
    };
    const unitAdmin: Actor = { ...office, userId: w.users['u01-admin'], grants: [{ role: 'unit_admin', unitId: w.u01 }] };
    const ids = async (actor: Actor, query: Partial<CardListQuery>) => {
      const r = await listCards(database.db, actor, { page: 1, pageSize: 500, order: 'asc', status: [], ...query });
      expect(r.items.length).toBe(r.total);
      return r.items.map((i) => i.id).sort();
    };
    const [other] = await database.db
      .insert(cards)
      .values({
        cardNo: 'Y-1',
        name: '打hp0000',
        unitId: w.u02,
        categoryId: w.cat.desktop,
        originalValueFen: 1,
        acquisitionMethod: 'purchase',
        acquiredOn: '2020-01-01',
        managingUnitId: w.u02,
      })
      .returning({ id: cards.id });
    try {
      for (const q of ['打', 'hp', '0000']) {
        const expected = bruteForce(rows, q);
        expect(await ids(office, { q, sort: 'name', order: 'desc' })).toEqual([...expected, other.id].sort());
        expect(await ids(office, { q, status: ['pending_posting'] })).toEqual([...expected, other.id].sort());
        expect(await ids(office, { q, unitId: w.u02 })).toEqual([other.id]);
        // A unit's user: their own unit's cards only, whether the unit is named or not.
        expect(await ids(unitAdmin, { q })).toEqual(expected);
        expect(await ids(unitAdmin, { q, sort: 'originalValueFen' })).toEqual(expected);
        expect(await ids(unitAdmin, { q, unitId: w.u02 })).toEqual([]);
      }
    } finally {
      await database.db.execute(sql`DELETE FROM cards WHERE id = ${other.id}`);
    }
  });

  it('follows a card whose name or owner changes, and forgets a deleted one', async () => {
    const id = rows[0].id;
    await database.db.execute(sql`UPDATE cards SET name = '独一无二的名字' WHERE id = ${id}`);
    expect(await search('独一无二', true)).toEqual([id]);
    await database.db.execute(sql`UPDATE cards SET unit_id = ${w.u02} WHERE id = ${id}`);
    const [copy] = await query<{ unit_id: string }>(database.db, sql`SELECT unit_id FROM card_search WHERE card_id = ${id}`);
    expect(copy.unit_id).toBe(w.u02);
    await database.db.execute(sql`UPDATE cards SET name = ${rows[0].name}, unit_id = ${w.u01} WHERE id = ${id}`);
    const extra = await database.db
      .insert(cards)
      .values({
        cardNo: 'X-1',
        name: '临时卡片',
        unitId: w.u01,
        categoryId: w.cat.desktop,
        originalValueFen: 1,
        acquisitionMethod: 'purchase',
        acquiredOn: '2020-01-01',
        managingUnitId: w.u01,
      })
      .returning({ id: cards.id });
    expect(await search('临时卡片', true)).toEqual([extra[0].id]);
    await database.db.execute(sql`DELETE FROM cards WHERE id = ${extra[0].id}`);
    expect(await search('临时卡片', true)).toEqual([]);
  });
});
