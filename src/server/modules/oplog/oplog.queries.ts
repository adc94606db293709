// The operation log's search: scope in the query, a user's month through (user_id, at).
import { sql, type SQL } from 'drizzle-orm';
import {
  OPERATION_LOG_COUNT_CAP,
  type OperationLogEntry,
  type OperationLogPage,
  type OperationLogQuery,
} from '../../../shared/oplog.contracts.ts';
import { inScope, unitScope, type Actor } from '../../platform/auth/actor.ts';
import { BUSINESS_ZONE_MS } from '../../platform/clock.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';

/** The filters as SQL, within the actor's scope (an auditor: all; a unit's administrator: the unit). */
function where(actor: Actor, f: Omit<OperationLogQuery, 'page' | 'pageSize'>): SQL {
  const parts: SQL[] = [inScope('o.unit_id', unitScope(actor, 'oplog.read'))];
  if (f.userId) parts.push(sql`o.user_id = ${f.userId}`);
  if (f.unitId) parts.push(sql`o.unit_id = ${f.unitId}`);
  if (f.objectType) parts.push(sql`o.object_type = ${f.objectType}`);
  if (f.objectId) parts.push(sql`o.object_id = ${f.objectId}`);
  // Business days: midnight to midnight in the business zone, as instants (a plain range on (user_id, at)).
  if (f.from) parts.push(sql`o.at >= ${dayStart(f.from, 0)}::timestamptz`);
  if (f.to) parts.push(sql`o.at < ${dayStart(f.to, 1)}::timestamptz`);
  return sql.join(parts, sql` AND `);
}

/** The instant the business day `day` (+ `plus` days) begins, ISO. */
function dayStart(day: string, plus: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + plus * 86_400_000 - BUSINESS_ZONE_MS).toISOString();
}

const COLUMNS = sql`o.id, to_char(o.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, o.user_id::text AS "userId",
  o.user_name AS "userName", o.via, o.acting_for AS "actingFor", o.unit_id::text AS "unitId", u.name AS "unitName",
  o.object_type AS "objectType", o.object_id AS "objectId", o.object_label AS "objectLabel", o.action, o.changes, o.source`;

const pageSql = (w: SQL, f: OperationLogQuery) => sql`SELECT ${COLUMNS} FROM operation_log o LEFT JOIN units u ON u.id = o.unit_id
  WHERE ${w} ORDER BY o.at DESC, o.id DESC LIMIT ${f.pageSize} OFFSET ${(f.page - 1) * f.pageSize}`;

/** The plan of a search's page query as the engine ran it (EXPLAIN ANALYZE), for the benchmark. */
export async function explainSearch(q: Queryable, actor: Actor, f: OperationLogQuery): Promise<string[]> {
  const rows = await query<{ 'QUERY PLAN': string }>(q, sql`EXPLAIN (ANALYZE, BUFFERS) ${pageSql(where(actor, f), f)}`);
  return rows.map((r) => r['QUERY PLAN']);
}

export async function searchOperationLog(q: Queryable, actor: Actor, f: OperationLogQuery): Promise<OperationLogPage> {
  const w = where(actor, f);
  const items = await query<OperationLogEntry>(q, pageSql(w, f));
  // Counting stops at the cap: ten million entries are not counted to show a page of twenty.
  const [{ n }] = await query<{ n: number }>(
    q,
    sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM operation_log o WHERE ${w} LIMIT ${OPERATION_LOG_COUNT_CAP + 1}) x`,
  );
  return {
    items,
    total: Math.min(n, OPERATION_LOG_COUNT_CAP),
    capped: n > OPERATION_LOG_COUNT_CAP,
    page: f.page,
    pageSize: f.pageSize,
  };
}

/** Every entry the filters match (up to `max`), newest first, for the Excel export. */
export async function operationLogRows(q: Queryable, actor: Actor, f: Omit<OperationLogQuery, 'page' | 'pageSize'>, max: number) {
  return query<OperationLogEntry>(
    q,
    sql`SELECT ${COLUMNS} FROM operation_log o LEFT JOIN units u ON u.id = o.unit_id
      WHERE ${where(actor, f)} ORDER BY o.at DESC, o.id DESC LIMIT ${max}`,
  );
}
