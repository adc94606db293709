// `gongwu oplog bench` at a small size: the generated entries and the timed user's month, on a real engine.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query, type Database } from '../../platform/db/engine.ts';
import { openTestDatabase } from '../../testing/test-db.ts';
import { seedOrg } from '../org/index.ts';
import { generateOperationLog, timeUserMonths } from './oplog.bench.ts';

let database: Database;
let unitIds: string[];
const userIds = Array.from({ length: 30 }, () => crypto.randomUUID());

beforeAll(async () => {
  database = await openTestDatabase();
  await seedOrg(database, () => undefined, { scale: 'small' });
  unitIds = (await query<{ id: string }>(database.db, sql`SELECT id::text FROM units WHERE kind = 'unit' ORDER BY code`)).map((u) => u.id);
  await generateOperationLog(database.db, { entries: 9_000, userIds, unitIds, months: 6 }, () => undefined);
}, 120_000);
afterAll(async () => database?.close());

describe('operation-log bench', () => {
  it('writes the asked entries, each person in one unit, with the indexes rebuilt', async () => {
    const [r] = await query<{ n: number; people: number; mixed: number; indexes: number }>(
      database.db,
      sql`SELECT (SELECT count(*)::int FROM operation_log) AS n,
        (SELECT count(DISTINCT user_id)::int FROM operation_log) AS people,
        (SELECT count(*)::int FROM (SELECT user_id FROM operation_log GROUP BY user_id HAVING count(DISTINCT unit_id) > 1) x) AS mixed,
        (SELECT count(*)::int FROM pg_indexes WHERE tablename = 'operation_log' AND indexname LIKE 'operation_log_%_idx') AS indexes`,
    );
    expect(r).toEqual({ n: 9_000, people: 30, mixed: 0, indexes: 4 });
  });

  it("times a person's month as the auditor and as the unit administrator, the month holding that person's entries", async () => {
    const t = await timeUserMonths(database.db, { userIds, unitIds, months: 6, runs: 5 });
    // 9,000 entries by 30 people over about 180 days: 300 each, about 50 in a month.
    expect(t.entriesPerUserMonth).toBeGreaterThan(30);
    expect(t.entriesPerUserMonth).toBeLessThan(70);
    expect(t.asAuditor.runs).toBe(5);
    expect(t.asUnitAdmin.runs).toBe(5);
    expect(t.plan.some((l) => l.includes('operation_log_user_at_idx'))).toBe(true);
  });
});
