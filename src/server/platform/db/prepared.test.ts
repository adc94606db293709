import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase, query, queryPrepared, sql } from './engine.ts';

// queryPrepared is `query` as a named prepared statement (on PostgreSQL): the same rows, the
// statement parsed once per connection, one statement per distinct text.
describe('raw SQL as a prepared statement', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, dataDir: 'memory://' });
  });
  afterAll(() => database.close());

  const numbers = (upTo: number) =>
    sql`SELECT g AS n, ${'第'}::text || g || ${'号'}::text AS label, (g % 3 = 0) AS third FROM generate_series(1, ${upTo}::int) g ORDER BY g`;

  it('answers the rows a plain statement answers, for every value, past the switch to a generic plan', async () => {
    // Five custom plans, then PostgreSQL may keep a generic one: ten runs cross it.
    for (const upTo of [1, 7, 3, 12, 5, 9, 2, 15, 4, 6]) {
      const rows = await queryPrepared<{ n: number; label: string; third: boolean }>(database.db, numbers(upTo));
      expect(rows).toEqual(await query(database.db, numbers(upTo)));
      expect(rows).toHaveLength(upTo);
      expect(rows.at(-1)).toEqual({ n: upTo, label: `第${upTo}号`, third: upTo % 3 === 0 });
    }
  });

  it.runIf(!!process.env.TEST_DATABASE_URL)('parses a text once per connection and names each distinct text apart', async () => {
    await database.db.transaction(async (tx) => {
      const prepared = async () =>
        (await query<{ name: string }>(tx, sql`SELECT name FROM pg_prepared_statements WHERE name LIKE 'gw\\_%' ORDER BY name`)).map(
          (r) => r.name,
        );
      const before = await prepared();
      await queryPrepared(tx, numbers(3));
      await queryPrepared(tx, numbers(4));
      const once = await prepared();
      expect(once.length - before.length).toBeLessThanOrEqual(1);
      await queryPrepared(tx, sql`SELECT ${1}::int + 1 AS two`);
      expect((await prepared()).length).toBe(once.length + 1);
      expect(await queryPrepared(tx, sql`SELECT ${1}::int + 1 AS two`)).toEqual([{ two: 2 }]);
      expect((await prepared()).length).toBe(once.length + 1);
    });
  });
});
