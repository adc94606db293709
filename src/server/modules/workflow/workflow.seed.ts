import { sql } from 'drizzle-orm';
import { actorOfUser } from '../../platform/auth/actor.lookup.ts';
import { query, type Database } from '../../platform/db/engine.ts';
import type { SeedOptions } from '../../platform/module.ts';
import { submitDocument } from './approval.service.ts';
import { createDocument } from './document.service.ts';

const actorOf = (database: Database, username: string) => actorOfUser(database.db, { username });

/**
 * Demo documents: per unit, a configuration request in approval and one in draft, so the inbox,
 * lists and detail pages have something to show. Card documents come from people using the demo
 * (the demo cards are generated after this module seeds).
 */
export async function seedWorkflow(database: Database, log: (msg: string) => void, opts: SeedOptions): Promise<void> {
  const units = await query<{ id: string; code: string }>(
    database.db,
    sql`SELECT id, code FROM units WHERE kind = 'unit' ORDER BY sort, code LIMIT ${opts.scale === 'small' ? 3 : 6}`,
  );
  const cats = await query<{ id: string; name: string }>(
    database.db,
    sql`
    SELECT id, name FROM categories WHERE active AND (name LIKE '%台式%' OR name LIKE '%打印机%' OR name LIKE '%办公桌%') ORDER BY level DESC, code LIMIT 3`,
  );
  if (!cats.length) return;
  let n = 0;
  for (const [i, unit] of units.entries()) {
    const admin = await actorOf(database, `u${String(i + 1).padStart(2, '0')}-admin`);
    if (!admin || admin.unitId !== unit.id) continue;
    const lines = cats.map((c, k) => ({
      categoryId: c.id,
      name: c.name,
      spec: '按标准配置',
      quantity: 1 + k,
      unitPriceFen: 300_000,
      reason: '新进人员办公需要',
      budgetLine: '办公设备购置费',
    }));
    try {
      const submitted = await createDocument(database.db, admin, {
        type: 'config_request',
        title: `${new Date().getFullYear()} 年办公设备配置申请`,
        payload: {},
        lines,
      });
      await submitDocument(database.db, admin, submitted.id).catch((err: Error) =>
        log(`  workflow: ${submitted.docNo} not submitted: ${err.message}`),
      );
      await createDocument(database.db, admin, {
        type: 'config_request',
        title: '会议室设备补充（草稿）',
        payload: {},
        lines: lines.slice(0, 1),
      });
      n += 2;
    } catch (err) {
      // Demo documents are a convenience: a unit whose data does not fit is skipped, the demo goes on.
      log(`  workflow: no demo documents for unit ${unit.code}: ${(err as Error).message}`);
    }
  }
  log(`  workflow: ${n} documents`);
}
