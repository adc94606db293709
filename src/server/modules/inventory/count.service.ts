// Counts (清查盘点): planning, the snapshot at the start, and the scope every query on a count uses.
// The reconciliation is in count-result.queries.ts, the scans in count-scan.service.ts, the close
// (adjustment documents) in count-close.service.ts.
import { sql, type SQL } from 'drizzle-orm';
import type { CountDetail, CountInput, CountSummary } from '../../../shared/inventory.contracts.ts';
import { type Actor, assertInScope, can, unitScope } from '../../platform/auth/actor.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { notify } from '../notifications/index.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { uuidArray } from '../../platform/db/sql-arrays.ts';
import { businessTimeText } from '../../platform/clock.ts';

export interface CountRow {
  id: string;
  title: string;
  status: string;
  unit_ids: string[];
  room_ids: string[];
  building_ids: string[];
  category_ids: string[];
  base_date: string;
  planned_by: string;
  repeats_yearly: boolean;
}

/**
 * Which counts the actor sees: every count for committee-wide roles; for a unit, the counts whose
 * units are all its own; and any count the actor is a counter of. In the SQL, never after it.
 */
export function countVisible(actor: Actor, alias = sql`c`): SQL {
  const scope = unitScope(actor, 'count.read');
  if (scope === 'all') return sql`true`;
  const counter = sql`EXISTS (SELECT 1 FROM count_counters cc WHERE cc.count_id = ${alias}.id AND cc.user_id = ${actor.userId})`;
  if (scope.length === 0) return counter;
  return sql`(${alias}.unit_ids <@ ${uuidArray(scope)} OR ${counter})`;
}

/** A visible count (locked when `lock`), or 404. */
export async function loadCount(q: Queryable, actor: Actor, id: string, lock = false): Promise<CountRow> {
  const row = await queryOne<CountRow>(
    q,
    sql`
    SELECT c.id, c.title, c.status, c.unit_ids::text[] AS unit_ids, c.room_ids::text[] AS room_ids,
      c.building_ids::text[] AS building_ids, c.category_ids::text[] AS category_ids, c.base_date::text AS base_date,
      c.planned_by::text AS planned_by, c.repeats_yearly
    FROM counts c WHERE c.id = ${id} AND ${countVisible(actor)} ${lock ? sql`FOR UPDATE` : sql``}`,
  );
  if (!row) throw notFound('盘点任务');
  return row;
}

/** Whether the actor may plan, start and close this count: `count.plan` over every unit it covers. */
export function plans(actor: Actor, count: Pick<CountRow, 'unit_ids'>): boolean {
  if (!can(actor, 'count.plan')) return false;
  const scope = unitScope(actor, 'count.plan');
  return scope === 'all' || count.unit_ids.every((u) => scope.includes(u));
}

export async function isCounter(q: Queryable, countId: string, userId: string): Promise<boolean> {
  return !!(await queryOne(q, sql`SELECT 1 FROM count_counters WHERE count_id = ${countId} AND user_id = ${userId}`));
}

/** Ids of `table` among `ids` that do not exist: each named as `field.i`. */
async function missingRefs(q: Queryable, table: string, ids: string[], field: string, fields: Record<string, string>, msg: string) {
  if (!ids.length) return;
  const found = await query<{ id: string }>(q, sql`SELECT id::text FROM ${sql.identifier(table)} WHERE id = ANY(${uuidArray(ids)})`);
  const have = new Set(found.map((r) => r.id));
  ids.forEach((id, i) => {
    if (!have.has(id)) fields[`${field}.${i}`] = msg;
  });
}

export async function planCount(q: Queryable, actor: Actor, raw: CountInput & { buildingIds: string[] }): Promise<{ id: string }> {
  const input = raw as Required<Pick<CountInput, 'buildingIds' | 'roomIds' | 'categoryIds' | 'counterIds'>> & CountInput;
  if (input.repeatsYearly && input.reason !== 'annual') throw invalid({ repeatsYearly: '只有年度全面清查可以每年重复' });
  const scope = unitScope(actor, 'count.plan');
  for (const u of input.unitIds) assertInScope(u, scope, '单位');
  const unitIds = [...new Set(input.unitIds)];
  const fields: Record<string, string> = {};
  await missingRefs(q, 'units', unitIds, 'unitIds', fields, '单位不存在');
  await missingRefs(q, 'buildings', input.buildingIds, 'buildingIds', fields, '楼栋不存在');
  await missingRefs(q, 'rooms', input.roomIds, 'roomIds', fields, '房间不存在');
  await missingRefs(q, 'categories', input.categoryIds, 'categoryIds', fields, '资产分类不存在');
  // A counter is an active account of a counted unit, or a committee-wide one.
  if (input.counterIds.length) {
    const ok = await query<{ id: string }>(
      q,
      sql`SELECT id::text FROM users WHERE id = ANY(${uuidArray(input.counterIds)}) AND active
        AND (unit_id IS NULL OR unit_id = ANY(${uuidArray(unitIds)}))`,
    );
    const have = new Set(ok.map((r) => r.id));
    input.counterIds.forEach((id, i) => {
      if (!have.has(id)) fields[`counterIds.${i}`] = '盘点人须为本次盘点单位或管委会的在用账号';
    });
  }
  if (Object.keys(fields).length) throw invalid(fields);
  return withTx(q, async (tx) => {
    const row = await queryOne<{ id: string }>(
      tx,
      sql`
      INSERT INTO counts (title, reason, unit_ids, building_ids, room_ids, category_ids, base_date, due_date, planned_by, repeats_yearly)
      VALUES (${input.title}, ${input.reason}, ${uuidArray(unitIds)}, ${uuidArray(input.buildingIds)}, ${uuidArray(input.roomIds)},
        ${uuidArray(input.categoryIds)}, ${input.baseDate}, ${input.dueDate ?? null}, ${actor.userId}, ${input.repeatsYearly ?? false})
      RETURNING id::text`,
    );
    const counters = [...new Set(input.counterIds)];
    if (counters.length)
      await tx.execute(sql`
        INSERT INTO count_counters (count_id, user_id, lead)
        SELECT ${row!.id}, u, ord = 1 FROM unnest(${uuidArray(counters)}) WITH ORDINALITY AS x(u, ord)`);
    if (counters.length)
      await notify(tx, {
        event: 'count_assigned',
        unitId: unitIds.length === 1 ? unitIds[0] : null,
        title: `盘点任务「${input.title}」已分配给您`,
        link: `/counts/${row!.id}`,
        users: counters,
        exclude: [actor.userId],
      });
    return { id: row!.id };
  });
}

/** A snapshot this large is analyzed in the start's transaction (0.2–0.7 s on PGlite at 20,000 rows). */
const ANALYZE_FROM = 10_000;

/**
 * Copies the count's share of the books into its expected list; answers how many cards. The same
 * statement keeps the snapshot's rooms on the count (the phone's room list reads them instead of every
 * expected card), and the instant from which ledger events may be changes the snapshot did not see.
 */
export async function takeSnapshot(tx: Queryable, c: CountRow): Promise<number> {
  const id = c.id;
  const none = (a: string[]) => a.length === 0;
  // A change committed after the snapshot was taken is invisible to it, but its ledger event carries
  // the start of its own transaction, which may be earlier than this one's: changes are looked for
  // from the start of the oldest transaction running now (pg_stat_activity; on the embedded engine
  // only this one runs). Before the snapshot's statement, so every transaction it cannot see is later.
  await tx.execute(sql`
    UPDATE counts SET changes_from = least(now(),
      (SELECT min(a.xact_start) FROM pg_stat_activity a WHERE a.datname = current_database()))
    WHERE id = ${id}`);
  const row = await queryOne<{ n: number }>(
    tx,
    sql`
    WITH ins AS (
      INSERT INTO count_items (count_id, card_id, card_no, name, unit_id, room_id, category_id, custodian_id, value_fen, card_version)
      SELECT ${id}, k.id, k.card_no, k.name, k.unit_id, k.room_id, k.category_id, k.custodian_id, k.original_value_fen, k.version
      FROM cards k
      WHERE k.unit_id = ANY(${uuidArray(c.unit_ids)}) AND k.status <> 'disposed'
        ${none(c.room_ids) ? sql`` : sql`AND k.room_id = ANY(${uuidArray(c.room_ids)})`}
        ${none(c.building_ids) ? sql`` : sql`AND k.room_id IN (SELECT r.id FROM rooms r WHERE r.building_id = ANY(${uuidArray(c.building_ids)}))`}
        ${
          none(c.category_ids)
            ? sql``
            : sql`AND k.category_id IN (SELECT s.id FROM categories s JOIN categories p ON s.path LIKE p.path || '%'
                WHERE p.id = ANY(${uuidArray(c.category_ids)}))`
        }
      -- In key order, so the primary key grows at one place instead of at a million random ones.
      ORDER BY k.id
      RETURNING room_id
    )
    UPDATE counts SET snapshot_room_ids = ARRAY(SELECT DISTINCT room_id FROM ins WHERE room_id IS NOT NULL) WHERE id = ${id}
    RETURNING (SELECT count(*)::int FROM ins) AS n`,
  );
  // Statistics at once for a large copy: the first sync plans its joins on count_items minutes before
  // autovacuum would analyze it, and without them a million-card count's first sync read the whole table
  // (docs/decisions.md). Two starts at once would update the same statistics rows: one at a time.
  if (row!.n > ANALYZE_FROM) {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('count_items.analyze'))`);
    await tx.execute(sql`ANALYZE count_items`);
  }
  return row!.n;
}

/**
 * Starts the count: the expected list is copied from the books in one INSERT … SELECT (set-based,
 * so 100,000 cards take seconds), and never rewritten by later edits of the cards.
 */
export async function startCount(q: Queryable, actor: Actor, id: string): Promise<{ expectedCount: number }> {
  return withTx(q, async (tx) => {
    const c = await loadCount(tx, actor, id, true);
    if (!plans(actor, c)) throw new AppError('forbidden', '只有计划盘点的资产管理部门可以开始盘点');
    if (c.status !== 'planned') throw new AppError('invalid_transition', '盘点已开始或已结束');
    const expectedCount = await takeSnapshot(tx, c);
    await tx.execute(sql`
      UPDATE counts SET status = 'counting', started_at = now(), started_by = ${actor.userId}, expected_count = ${expectedCount}
      WHERE id = ${id}`);
    return { expectedCount };
  });
}

const SUMMARY_COLUMNS = sql`
  c.id::text AS id, c.title, c.reason, c.status, c.base_date::text AS "baseDate", c.due_date::text AS "dueDate",
  ARRAY(SELECT u.name FROM units u WHERE u.id = ANY(c.unit_ids) ORDER BY u.sort, u.code) AS "unitNames",
  c.expected_count AS "expectedCount",
  (SELECT count(DISTINCT s.card_id)::int FROM count_scans s WHERE s.count_id = c.id AND s.expected) AS "countedCount",
  (SELECT display_name FROM users WHERE id = c.planned_by) AS "plannedByName",
  ${businessTimeText('c.created_at')} AS "createdAt",
  c.repeats_yearly AS "repeatsYearly", c.repeat_of::text AS "repeatOf"`;

/** SQL over `counts c`: an open count (planned or counting) the actor is one of the counters of (盘点任务派给我). */
export function countsAssignedWhere(actor: Actor): SQL {
  return sql`c.status <> 'closed' AND EXISTS (SELECT 1 FROM count_counters cc WHERE cc.count_id = c.id AND cc.user_id = ${actor.userId})`;
}

export async function listCounts(q: Queryable, actor: Actor, search?: string, mine = false): Promise<CountSummary[]> {
  const like = search ? `%${search.replace(/[\\%_]/g, (m) => `\\${m}`)}%` : null;
  return query<CountSummary>(
    q,
    sql`
    SELECT ${SUMMARY_COLUMNS} FROM counts c
    WHERE ${countVisible(actor)} ${like ? sql`AND c.title ILIKE ${like}` : sql``} ${mine ? sql`AND ${countsAssignedWhere(actor)}` : sql``}
    ORDER BY c.created_at DESC LIMIT 500`,
  );
}

export async function getCount(q: Queryable, actor: Actor, id: string): Promise<CountDetail> {
  const c = await loadCount(q, actor, id);
  const row = await queryOne<Omit<CountDetail, 'counters' | 'documents' | 'can'>>(
    q,
    sql`
    SELECT ${SUMMARY_COLUMNS}, c.unit_ids::text[] AS "unitIds", c.building_ids::text[] AS "buildingIds",
      c.room_ids::text[] AS "roomIds", c.category_ids::text[] AS "categoryIds",
      ${businessTimeText('c.started_at')} AS "startedAt",
      ${businessTimeText('c.closed_at')} AS "closedAt",
      (SELECT n.id::text FROM counts n WHERE n.repeat_of = c.id LIMIT 1) AS "nextCountId"
    FROM counts c WHERE c.id = ${id}`,
  );
  const counters = await query<CountDetail['counters'][number]>(
    q,
    sql`
    SELECT cc.user_id::text AS "userId", u.display_name AS name, cc.lead,
      (SELECT count(*)::int FROM count_scans s WHERE s.count_id = cc.count_id AND s.counter_id = cc.user_id) AS scans
    FROM count_counters cc JOIN users u ON u.id = cc.user_id WHERE cc.count_id = ${id} ORDER BY cc.lead DESC, u.display_name`,
  );
  const documents = await query<CountDetail['documents'][number]>(
    q,
    sql`
    SELECT d.id::text, d.doc_no AS "docNo", d.type, d.status,
      (SELECT count(*)::int FROM document_lines l WHERE l.document_id = d.id) AS "lineCount"
    FROM count_documents x JOIN documents d ON d.id = x.document_id WHERE x.count_id = ${id} ORDER BY d.doc_no`,
  );
  const planner = plans(actor, c);
  const scanner = c.status === 'counting' && can(actor, 'count.scan') && (planner || (await isCounter(q, id, actor.userId)));
  return {
    ...row!,
    counters,
    documents,
    can: {
      start: planner && c.status === 'planned',
      scan: scanner,
      close: planner && c.status === 'counting',
      plan: planner && c.status !== 'closed',
    },
  };
}

/** The title of next year's count: the base year in the title moved on a year, else the year appended. */
export function nextYearTitle(title: string, baseYear: number): string {
  const next = String(baseYear + 1);
  return title.includes(String(baseYear)) ? title.replaceAll(String(baseYear), next) : `${title}（${next}）`;
}

/**
 * The close of an annual plan that repeats plans next year's count: the same scope and counters, the
 * base and due dates a year on (29 February falls to the 28th), planned in the closer's name. One
 * INSERT … SELECT each; answers the new count's id.
 */
export async function planNextYear(tx: Queryable, actor: Actor, c: CountRow): Promise<string> {
  const title = nextYearTitle(c.title, Number(c.base_date.slice(0, 4)));
  const row = await queryOne<{ id: string }>(
    tx,
    sql`
    INSERT INTO counts (title, reason, unit_ids, building_ids, room_ids, category_ids, base_date, due_date, planned_by, repeats_yearly, repeat_of)
    SELECT ${title}, reason, unit_ids, building_ids, room_ids, category_ids, (base_date + interval '1 year')::date,
      (due_date + interval '1 year')::date, ${actor.userId}, true, id
    FROM counts WHERE id = ${c.id}
    RETURNING id::text`,
  );
  await tx.execute(sql`
    INSERT INTO count_counters (count_id, user_id, lead)
    SELECT ${row!.id}, cc.user_id, cc.lead FROM count_counters cc JOIN users u ON u.id = cc.user_id AND u.active
    WHERE cc.count_id = ${c.id}`);
  return row!.id;
}
