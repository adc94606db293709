// 我的工作台: each number is the total of the list it opens, counted with that list's own WHERE
// fragment (the card library's, the document list's, the inbox's, the counts'), never re-written here.
import { sql, type SQL } from 'drizzle-orm';
import { CardFilter } from '../../../shared/assets.contracts.ts';
import { addDays } from '../../../shared/dates.ts';
import {
  WARRANTY_DUE_DAYS,
  type TileKey,
  type Workspace,
  type WorkspaceDocument,
  type WorkspaceList,
} from '../../../shared/desk.contracts.ts';
import { DocumentListQuery } from '../../../shared/workflow.contracts.ts';
import { can, unitScope, type Actor } from '../../platform/auth/actor.ts';
import { businessDate, businessToday, businessDayOf } from '../../platform/clock.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { cardFilterWhere } from '../assets/index.ts';
import { countsAssignedWhere, countVisible } from '../inventory/index.ts';
import { cardReportsWhere } from '../selfservice/index.ts';
import { documentListWhere, inboxWhere } from '../workflow/index.ts';

/** The WHERE fragment (and its FROM) of the list a tile opens, for the tile's filter. */
export function tileWhere(actor: Actor, list: WorkspaceList, filter: Record<string, string>): { from: SQL; where: SQL } {
  switch (list) {
    case 'cards':
      return { from: sql`cards`, where: cardFilterWhere(CardFilter.parse(filter), unitScope(actor, 'card.read')) };
    case 'documents':
      return { from: sql`documents d`, where: documentListWhere(actor, DocumentListQuery.parse(filter)) };
    case 'inbox':
      return { from: sql`documents d`, where: inboxWhere(actor) };
    case 'counts':
      return { from: sql`counts c`, where: sql`${countVisible(actor)} AND ${countsAssignedWhere(actor)}` };
    case 'cardReports':
      return { from: sql`card_reports r`, where: cardReportsWhere(actor, filter) };
  }
}

type TileSpec = { key: TileKey; list: WorkspaceList; filter: Record<string, string> };

/** The tiles' counts as scalar subqueries of one statement (n0, n1, …), each over its list's own WHERE. */
function countColumns(actor: Actor, specs: TileSpec[]): SQL[] {
  return specs.map((s, i) => {
    const { from, where } = tileWhere(actor, s.list, s.filter);
    return sql`(SELECT count(*)::int FROM ${from} WHERE ${where}) AS ${sql.raw(`n${i}`)}`;
  });
}

/** A document row as the workspace shows it: state, the step and who holds it, its age. */
function workspaceDocumentSql(): SQL {
  return sql`d.id, d.doc_no AS "docNo", d.type, d.status, d.title, s.label AS "currentStepLabel",
    CASE WHEN s.id IS NULL THEN ARRAY[]::text[]
      WHEN s.assignee_id IS NOT NULL THEN ARRAY(SELECT display_name FROM users WHERE id = s.assignee_id)
      ELSE ARRAY(SELECT DISTINCT u.display_name FROM role_assignments ra JOIN users u ON u.id = ra.user_id AND u.active
        WHERE ra.role = s.role AND (ra.unit_id IS NULL OR ra.unit_id = s.scope_unit_id)
          AND u.id <> d.applicant_id AND u.id IS DISTINCT FROM d.submitted_by ORDER BY u.display_name LIMIT 3) END AS holders,
    d.submitted_at AS "submittedAt",
    CASE WHEN d.submitted_at IS NULL THEN NULL
      ELSE (${businessDate()} - ${businessDayOf('d.submitted_at')})::int END AS "ageDays"`;
}

/** Up to five documents as a JSON array, a scalar subquery of the workspace's one statement. */
function documentsJson(where: SQL, order: SQL): SQL {
  return sql`(SELECT coalesce(json_agg(w ORDER BY w.rn), '[]'::json) FROM (
      SELECT ${workspaceDocumentSql()}, row_number() OVER (ORDER BY ${order}) AS rn FROM documents d
        LEFT JOIN document_steps s ON s.document_id = d.id AND s.step_no = d.current_step AND d.status = 'submitted'
      WHERE ${where} ORDER BY ${order} LIMIT 5) w)`;
}

const asDocuments = (rows: (WorkspaceDocument & { rn?: number })[]): WorkspaceDocument[] =>
  rows.map(({ rn: _, ...r }) => ({ ...r, submittedAt: r.submittedAt ? new Date(r.submittedAt).toISOString() : null }));

/** The workspace of the actor: only what their roles can act on. */
export async function getWorkspace(q: Queryable, actor: Actor): Promise<Workspace> {
  const today = businessToday();
  const warranty = { warrantyFrom: today, warrantyTo: addDays(today, WARRANTY_DUE_DAYS) };
  const me = await queryOne<{ staff_id: string | null }>(q, sql`SELECT staff_id FROM users WHERE id = ${actor.userId}`);
  const staffId = me?.staff_id ?? null;
  const admin = can(actor, 'card.write');

  const mine: TileSpec[] = [];
  if (staffId && can(actor, 'card.read')) mine.push({ key: 'myAssets', list: 'cards', filter: { custodianId: staffId } });
  if (can(actor, 'document.write')) mine.push({ key: 'myRequests', list: 'documents', filter: { mine: 'true', status: 'submitted' } });
  if (can(actor, 'document.approve')) mine.push({ key: 'inbox', list: 'inbox', filter: {} });

  const reminders: TileSpec[] = [];
  if (admin) reminders.push({ key: 'warrantyEnding', list: 'cards', filter: warranty });
  else if (staffId && can(actor, 'card.read'))
    reminders.push({ key: 'warrantyEnding', list: 'cards', filter: { custodianId: staffId, ...warranty } });
  if (can(actor, 'document.execute')) reminders.push({ key: 'lendingDue', list: 'documents', filter: { lending: 'due' } });
  if (can(actor, 'count.scan')) reminders.push({ key: 'countsAssigned', list: 'counts', filter: { mine: 'true' } });
  if (can(actor, 'document.write'))
    reminders.push({ key: 'returnedToMe', list: 'documents', filter: { mine: 'true', status: 'returned' } });

  const unitTodos: TileSpec[] = admin
    ? [
        { key: 'approvedNotExecuted', list: 'documents', filter: { status: 'approved' } },
        { key: 'overdueLendings', list: 'documents', filter: { lending: 'overdue' } },
        { key: 'custodiansLeft', list: 'cards', filter: { custodianLeft: 'true' } },
        { key: 'faultsReported', list: 'documents', filter: { type: 'maintenance', status: 'submitted' } },
        { key: 'selfReportedFaults', list: 'cardReports', filter: { kind: 'fault', status: 'open' } },
        { key: 'notInHand', list: 'cardReports', filter: { kind: 'not_here', status: 'open' } },
      ]
    : [];

  // Every tile and both lists in one statement: six statements (three of counts, two lists and the
  // user's staff record) were six round trips and six plannings for one page.
  const tiles = [...mine, ...reminders, ...unitTodos];
  const lists: SQL[] = [];
  if (can(actor, 'document.write'))
    lists.push(sql`${documentsJson(documentListWhere(actor, { mine: 'true', order: 'asc' }), sql`d.updated_at DESC, d.id`)} AS recent`);
  if (can(actor, 'document.approve')) lists.push(sql`${documentsJson(inboxWhere(actor), sql`d.submitted_at, d.id`)} AS waiting`);
  const columns = [...countColumns(actor, tiles), ...lists];
  const row = columns.length ? ((await queryOne<Record<string, unknown>>(q, sql`SELECT ${sql.join(columns, sql`, `)}`)) ?? {}) : {};
  const [mineT, remindersT, unitT] = [mine, reminders, unitTodos].map((specs) =>
    specs.map((spec) => ({ ...spec, count: Number(row[`n${tiles.indexOf(spec)}`] ?? 0) })),
  );
  const recentRequests = asDocuments((row.recent as WorkspaceDocument[] | undefined) ?? []);
  const waiting = asDocuments((row.waiting as WorkspaceDocument[] | undefined) ?? []);
  return { mine: mineT, reminders: remindersT, unitTodos: unitT, recentRequests, waiting };
}
