import { sql } from 'drizzle-orm';
import { addDays } from '../../../shared/dates.ts';
import { businessToday } from '../../platform/clock.ts';
import { query, type Database } from '../../platform/db/engine.ts';
import { approvalDelegations } from './delegation.tables.ts';

/** Demo 委托: unit 01's leader is away next week, and the unit's finance officer approves for them. */
export async function seedDelegations(database: Database, log: (msg: string) => void): Promise<void> {
  const rows = await query<{ username: string; id: string; unit_id: string | null }>(
    database.db,
    sql`SELECT username, id, unit_id FROM users WHERE username IN ('u01-leader', 'u01-finance', 'u01-admin')`,
  );
  const by = Object.fromEntries(rows.map((r) => [r.username, r]));
  if (!by['u01-leader'] || !by['u01-finance'] || !by['u01-admin']) return;
  const start = addDays(businessToday(), 7);
  await database.db.insert(approvalDelegations).values({
    unitId: by['u01-leader'].unit_id,
    delegatorId: by['u01-leader'].id,
    delegateId: by['u01-finance'].id,
    startsOn: start,
    endsOn: addDays(start, 4),
    reason: '外出学习',
    createdBy: by['u01-admin'].id,
  });
  log('  workflow: 1 delegation');
}
