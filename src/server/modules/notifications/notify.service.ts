// notify(): the one way a module tells people of something. Called inside the mutation's
// transaction: the bell's rows and the outbox rows (mail, robots, webhooks) commit with the change
// or not at all; the dispatcher sends them after commit, and the stream pushes the bell.
import { sql, type SQL } from 'drizzle-orm';
import type { NotifyEvent } from '../../../shared/notifications.contracts.ts';
import type { Role } from '../../../shared/roles.ts';
import { uuidArray } from '../../platform/db/sql-arrays.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';

export interface NotifyInput {
  event: NotifyEvent;
  /** The unit of the record: role recipients are found within it, robots filter on it. */
  unitId: string | null;
  /** A title without amounts or personal data: robots post it as it is. */
  title: string;
  /** The web app's path of the record. */
  link: string;
  /** These people … */
  users?: string[];
  /** … and/or whoever holds this role in the record's unit (or system-wide). */
  role?: Role;
  /** Never these (the person who acted). */
  exclude?: string[];
}

/** Tells the recipients; returns how many people were told. */
export async function notify(tx: Queryable, n: NotifyInput): Promise<number> {
  const who: SQL[] = [];
  if (n.users?.length) who.push(sql`u.id = ANY(${uuidArray(n.users)})`);
  if (n.role)
    who.push(sql`EXISTS (SELECT 1 FROM role_assignments ra WHERE ra.user_id = u.id AND ra.role = ${n.role}
      AND (ra.unit_id IS NULL OR ra.unit_id = ${n.unitId}::uuid))`);
  if (!who.length) return 0;
  const [{ told }] = await query<{ told: number }>(
    tx,
    sql`
    WITH told AS (
      INSERT INTO notifications (user_id, unit_id, event, title, link)
      SELECT u.id, ${n.unitId}::uuid, ${n.event}, ${n.title}, ${n.link} FROM users u
      WHERE u.active AND (${sql.join(who, sql` OR `)}) AND NOT (u.id = ANY(${uuidArray(n.exclude ?? [])}))
      RETURNING user_id
    ), mail AS (
      INSERT INTO notification_deliveries (channel_id, user_id, recipient, event, title, link)
      SELECT c.id, p.user_id, p.email, ${n.event}, ${n.title}, ${n.link}
      FROM told JOIN notification_prefs p ON p.user_id = told.user_id
      JOIN LATERAL (SELECT id FROM notification_channels WHERE kind = 'smtp' AND enabled ORDER BY created_at LIMIT 1) c ON true
      WHERE p.email IS NOT NULL AND p.digest_hour IS NULL AND ${n.event} = ANY(p.mail_events)
      RETURNING 1
    ), robots AS (
      INSERT INTO notification_deliveries (channel_id, event, title, link)
      SELECT c.id, ${n.event}, ${n.title}, ${n.link} FROM notification_channels c
      WHERE c.kind <> 'smtp' AND c.enabled AND (cardinality(c.events) = 0 OR ${n.event} = ANY(c.events))
        AND (c.unit_id IS NULL OR c.unit_id = ${n.unitId}::uuid) AND EXISTS (SELECT 1 FROM told)
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM told)::int AS told, (SELECT count(*) FROM mail) + (SELECT count(*) FROM robots) AS queued`,
  );
  return told;
}
