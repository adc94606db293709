import { sql } from 'drizzle-orm';
import { queryOne, type Database } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { takeSnapshot, type CountRow } from './count.service.ts';

/**
 * A count under way for unit 01, planned by the asset office with u01-staff as its counter: the
 * phone page has a share to download, and the route walker and fuzzer a unit-01 count to refuse.
 */
export async function seedCounts(database: Database, log: (m: string) => void): Promise<void> {
  const who = await queryOne<{ unit_id: string; staff_id: string; officer_id: string }>(
    database.db,
    sql`SELECT s.unit_id::text, s.id::text AS staff_id, o.id::text AS officer_id
      FROM users s, users o WHERE s.username = 'u01-staff' AND o.username = 'officer'`,
  );
  if (!who) return;
  await withTx(database.db, async (tx) => {
    const c = await queryOne<CountRow>(
      tx,
      sql`
      INSERT INTO counts (title, reason, status, unit_ids, base_date, due_date, planned_by, started_by, started_at)
      VALUES ('年度资产清查（演示）', 'annual', 'counting', ARRAY[${who.unit_id}]::uuid[], '2026-12-31', '2027-01-31',
        ${who.officer_id}, ${who.officer_id}, now())
      RETURNING id::text, title, status, unit_ids::text[], '{}'::text[] AS room_ids, '{}'::text[] AS building_ids,
        '{}'::text[] AS category_ids, base_date::text, planned_by::text`,
    );
    await tx.execute(sql`INSERT INTO count_counters (count_id, user_id, lead) VALUES (${c!.id}, ${who.staff_id}, true)`);
    const n = await takeSnapshot(tx, c!);
    await tx.execute(sql`UPDATE counts SET expected_count = ${n} WHERE id = ${c!.id}`);
    log(`  inventory: a count of unit 01 under way (${n} cards)`);
  });
}
