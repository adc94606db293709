import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { businessInstant } from '../clock.ts';
import { openTestDatabase } from '../../testing/test-db.ts';
import { maintainEmbedded } from './embedded-maintenance.ts';
import { type Database, query, sql } from './engine.ts';

const stats = async (d: Database) =>
  (
    await query<{ dead: number; changed: number; analyzed: boolean }>(
      d.db,
      sql`SELECT n_dead_tup::int AS dead, n_mod_since_analyze::int AS changed, last_analyze IS NOT NULL AS analyzed
        FROM pg_stat_user_tables WHERE relname = 'maintenance_probe'`,
    )
  )[0];
// The engine publishes its table counters when a transaction ends, at most once a second; force it.
const flush = async (d: Database) => {
  await d.execScript('SELECT pg_stat_force_next_flush()');
  await d.execScript('SELECT 1');
};

describe('the embedded engine’s own autovacuum', () => {
  let d: Database;
  beforeAll(async () => {
    d = await openTestDatabase();
    await d.execScript(`CREATE TABLE maintenance_probe (id int PRIMARY KEY, v text);
      INSERT INTO maintenance_probe SELECT g, 'a' FROM generate_series(1, 5000) g;`);
  });
  afterAll(async () => {
    await d.execScript('DROP TABLE maintenance_probe');
    await d.close();
  });

  it.skipIf(!!process.env.TEST_DATABASE_URL)(
    'analyzes a table changed past 50 rows + 10 % by day, and vacuums its dead rows only at night',
    async () => {
      await flush(d);
      expect(await stats(d)).toEqual({ dead: 0, changed: 5000, analyzed: false });
      const day = await maintainEmbedded(d, businessInstant('2026-12-04T10:00'));
      expect(day.analyzed).toContain('maintenance_probe');
      expect(day.vacuumed).toEqual([]);
      await flush(d);
      expect(await stats(d)).toEqual({ dead: 0, changed: 0, analyzed: true });

      // 2,000 of 5,000 rows rewritten: 2,000 dead rows (> 50 + 20 %), 2,000 changes (> 50 + 10 %).
      await d.execScript(`UPDATE maintenance_probe SET v = 'b' WHERE id <= 2000`);
      await flush(d);
      expect(await stats(d)).toMatchObject({ dead: 2000, changed: 2000 });
      const noon = await maintainEmbedded(d, businessInstant('2026-12-04T12:00'));
      expect([noon.analyzed.includes('maintenance_probe'), noon.vacuumed]).toEqual([true, []]);
      await flush(d);
      expect((await stats(d)).dead).toBe(2000);

      const night = await maintainEmbedded(d, businessInstant('2026-12-05T03:00'));
      expect(night.vacuumed).toContain('maintenance_probe');
      await flush(d);
      expect(await stats(d)).toMatchObject({ dead: 0, changed: 0 });

      // 40 changed rows are below the threshold: nothing to do.
      await d.execScript(`UPDATE maintenance_probe SET v = 'c' WHERE id <= 40`);
      await flush(d);
      const quiet = await maintainEmbedded(d, businessInstant('2026-12-05T10:00'));
      expect(quiet.analyzed).not.toContain('maintenance_probe');
    },
  );

  it.runIf(!!process.env.TEST_DATABASE_URL)('leaves PostgreSQL to its own autovacuum', async () => {
    expect(await maintainEmbedded(d, businessInstant('2026-12-05T03:00'))).toEqual({ analyzed: [], vacuumed: [] });
  });
});
