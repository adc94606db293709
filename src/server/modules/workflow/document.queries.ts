// Lists and the detail view of documents; the scope is in every query.
import { sql, type SQL } from 'drizzle-orm';
import type { Page } from '../../../shared/paging.ts';
import {
  LENDING_DUE_DAYS,
  type DocumentDetail,
  type DocumentListQuery,
  type DocumentSummary,
  type DocumentType,
  readPayload,
} from '../../../shared/workflow.contracts.ts';
import { can, inScope, unitScope, type Actor } from '../../platform/auth/actor.ts';
import { query, queryPrepared, type Queryable } from '../../platform/db/engine.ts';
import { likePattern } from '../../platform/db/paging.ts';
import { actingForName, inboxWhere } from './inbox.rule.ts';
import { actsForUnit, loadDocument, ownDraftsOnly } from './document.store.ts';
import { actionAllowed } from './workflow.rules.ts';
import { businessDate } from '../../platform/clock.ts';
import type { DocumentTypeHandler, TypedDocument } from './document-types/doctype.ts';
import { lending } from './document-types/lending.doctype.ts';
import { DOCUMENT_HANDLERS } from './document-types/registry.ts';

const iso = (v: unknown) => (v ? new Date(v as string).toISOString() : null);
/** Stored JSON read back as an object, whatever was written: the detail must open to be fixed. */
const asRecord = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** The same visibility rule as document.store's visibleWhere, for raw SQL over `d`. */
function visibleSql(actor: Actor): SQL {
  const scope = unitScope(actor, 'document.read');
  if (scope === 'all') return sql`true`;
  return sql`(${inScope('d.unit_id', scope)} OR (${inScope('d.counterpart_unit_id', scope)} AND d.status <> 'draft')) AND ${ownDraftsOnly(actor, 'd')}`;
}

/** Built per query: whether a loan is overdue depends on today. */
const summary = () => sql`d.id, d.doc_no AS "docNo", d.type, d.status, d.title, d.unit_id AS "unitId", un.name AS "unitName",
  d.counterpart_unit_id AS "counterpartUnitId", ap.display_name AS "applicantName", d.total_fen AS "totalFen",
  (SELECT count(*)::int FROM document_lines l WHERE l.document_id = d.id) AS "lineCount",
  (SELECT s.label FROM document_steps s WHERE s.document_id = d.id AND s.step_no = d.current_step) AS "currentStepLabel",
  d.created_at AS "createdAt", d.submitted_at AS "submittedAt",
  coalesce(${overdueSql()}, false) AS overdue`;

/** Whether `d` is overdue: each type that can be declares it (overdueSql); the rest never are. */
function overdueSql(): SQL {
  const parts = Object.values(DOCUMENT_HANDLERS)
    .filter((h) => h.overdueSql)
    .map((h) => sql`(d.type = ${h.spec.code} AND ${h.overdueSql!()})`);
  return parts.length ? sql`(${sql.join(parts, sql` OR `)})` : sql`false`;
}
const JOINS = sql`FROM documents d LEFT JOIN units un ON un.id = d.unit_id LEFT JOIN users ap ON ap.id = d.applicant_id`;
const SORTS: Record<string, SQL> = {
  createdAt: sql`d.created_at`,
  docNo: sql`d.doc_no`,
  totalFen: sql`d.total_fen`,
  status: sql`d.status`,
};

function mapSummary(r: DocumentSummary): DocumentSummary {
  return { ...r, createdAt: iso(r.createdAt)!, submittedAt: iso(r.submittedAt) };
}

/**
 * One page and the total in one statement: the page's ids are cut with the count beside them
 * (count(*) OVER () sees every match before LIMIT), and only those rows get their names and
 * counts. Two statements planned the same WHERE twice — for the inbox rule, with its subqueries,
 * that planning was most of the request's database time. A page past the end counts apart.
 */
/** `prepared`: the text is one of a few (no filters), so it may be a prepared statement (queryPrepared). */
async function page(q: Queryable, where: SQL, p: DocumentListQuery, prepared = false): Promise<Page<DocumentSummary>> {
  const order = SORTS[p.sort ?? 'createdAt'];
  const dir = p.sort ? (p.order === 'desc' ? sql`DESC` : sql`ASC`) : sql`DESC`;
  const offset = (p.page - 1) * p.pageSize;
  const rows = await (prepared ? queryPrepared : query)<DocumentSummary & { total__: number }>(
    q,
    sql`WITH cut AS (
      SELECT d.id, ${order} AS k, count(*) OVER ()::int AS total FROM documents d WHERE ${where}
      ORDER BY ${order} ${dir}, d.id ${dir} LIMIT ${p.pageSize} OFFSET ${offset}
    )
    SELECT ${summary()}, cut.total AS total__ ${JOINS} JOIN cut ON cut.id = d.id ORDER BY cut.k ${dir}, d.id ${dir}`,
  );
  let total = rows[0]?.total__ ?? 0;
  if (!rows.length && offset > 0)
    [{ n: total }] = await query<{ n: number }>(q, sql`SELECT count(*)::int AS n FROM documents d WHERE ${where}`);
  const items = rows.map(({ total__: _, ...r }) => mapSummary(r));
  return { items, total, page: p.page, pageSize: p.pageSize };
}

/**
 * The document list's filters and the actor's visibility as one WHERE fragment over `documents d`:
 * the list and every count that opens it (the workspace) use this one rule.
 */
export function documentListWhere(actor: Actor, p: Omit<DocumentListQuery, 'page' | 'pageSize'>): SQL {
  const parts: SQL[] = [visibleSql(actor), ...filterParts(p)];
  if (p.mine) parts.push(sql`(d.applicant_id = ${actor.userId} OR d.submitted_by = ${actor.userId})`);
  if (p.lending) {
    const to = sql`gw_date_or_null(d.payload->>'periodTo')`;
    parts.push(sql`d.type = 'lending' AND d.status = 'executed' AND d.payload->>'returnedOn' IS NULL`);
    parts.push(
      p.lending === 'overdue'
        ? sql`${to} < ${businessDate()}`
        : sql`${to} >= ${businessDate()} AND ${to} <= ${businessDate()} + ${LENDING_DUE_DAYS}::int`,
    );
  }
  return sql.join(parts, sql` AND `);
}

/** The filters the document list and the inbox share (the list panel's fields and the search box). */
function filterParts(p: Omit<DocumentListQuery, 'page' | 'pageSize'>): SQL[] {
  const parts: SQL[] = [];
  if (p.type) parts.push(sql`d.type = ${p.type}`);
  if (p.status) parts.push(sql`d.status = ${p.status}`);
  if (p.unitId) parts.push(sql`d.unit_id = ${p.unitId}`);
  if (p.departmentId) parts.push(sql`d.payload->>'departmentId' = ${p.departmentId}`);
  if (p.q) parts.push(sql`(d.doc_no ILIKE ${likePattern(p.q)} OR d.title ILIKE ${likePattern(p.q)})`);
  return parts;
}

export async function listDocuments(q: Queryable, actor: Actor, p: DocumentListQuery): Promise<Page<DocumentSummary>> {
  return page(q, documentListWhere(actor, p), p);
}

export async function listInbox(q: Queryable, actor: Actor, p: DocumentListQuery): Promise<Page<DocumentSummary>> {
  const filters = filterParts(p);
  const where = sql.join([inboxWhere(actor), ...filters], sql` AND `);
  // The inbox as it opens (no filter): its planning took 1.5–15 ms of an execution of 0.3 ms.
  const result = await page(q, where, { ...p, sort: p.sort ?? 'createdAt' }, filters.length === 0);
  if (!result.items.length) return result;
  // 委托: mark the items the actor takes for an absent approver ("代 张三").
  const acting = await query<{ id: string; name: string | null }>(
    q,
    sql`SELECT d.id, ${actingForName(actor)} AS name FROM documents d WHERE d.id IN (${sql.join(
      result.items.map((i) => sql`${i.id}::uuid`),
      sql`, `,
    )})`,
  );
  const names = new Map(acting.map((a) => [a.id, a.name]));
  return { ...result, items: result.items.map((i) => ({ ...i, actingFor: names.get(i.id) ?? null })) };
}

export async function getDocument(q: Queryable, actor: Actor, id: string): Promise<DocumentDetail> {
  const doc = await loadDocument(q, actor, id);
  const [head] = await query<DocumentSummary & { counterpartUnitName: string | null; executedByName: string | null }>(
    q,
    sql`
    SELECT ${summary()}, cu.name AS "counterpartUnitName", ex.display_name AS "executedByName"
    ${JOINS} LEFT JOIN units cu ON cu.id = d.counterpart_unit_id LEFT JOIN users ex ON ex.id = d.executed_by WHERE d.id = ${id}`,
  );
  const lines = await query<DocumentDetail['lines'][number]>(
    q,
    sql`
    SELECT l.id, l.line_no AS "lineNo", l.card_id AS "cardId", c.card_no AS "cardNo", c.name AS "cardName", c.status AS "cardStatus",
      l.card_version AS "cardVersion", l.category_id AS "categoryId", coalesce(l.name, k.name) AS name, l.spec, l.quantity,
      l.unit_price_fen AS "unitPriceFen", l.amount_fen AS "amountFen", l.reason, l.budget_line AS "budgetLine", l.details,
      coalesce(rd.doc_no, rd2.doc_no) AS "sourceDocNo", coalesce(rd.unit_id, rd2.unit_id) AS "sourceUnitId"
    FROM document_lines l LEFT JOIN cards c ON c.id = l.card_id LEFT JOIN categories k ON k.id = l.category_id
      -- procurement line → request line; acceptance line → order line → request line
      LEFT JOIN document_lines s1 ON s1.id::text = l.details->>'sourceLineId'
      LEFT JOIN documents rd ON rd.id = s1.document_id AND rd.type = 'config_request'
      LEFT JOIN document_lines s2 ON s2.id::text = s1.details->>'sourceLineId'
      LEFT JOIN documents rd2 ON rd2.id = s2.document_id AND rd2.type = 'config_request'
    WHERE l.document_id = ${id} ORDER BY l.line_no`,
  );
  const steps = await query<DocumentDetail['steps'][number] & { decidedBy: string | null }>(
    q,
    sql`
    SELECT s.step_no AS "stepNo", s.role, s.scope, s.scope_unit_id AS "scopeUnitId", s.label, s.special, s.state,
      s.decided_by AS "decidedBy", u.display_name AS "decidedByName", ob.display_name AS "onBehalfOfName",
      asg.display_name AS "assigneeName", s.comment, s.decided_at AS "decidedAt", s.allow_cosign AS "allowCosign",
      coalesce((SELECT json_agg(json_build_object('signerName', su.display_name, 'addedByName', ab.display_name,
          'addedForName', af.display_name, 'state', c.state, 'decidedByName', cd.display_name, 'onBehalfOfName', co.display_name,
          'comment', c.comment, 'addedAt', c.created_at, 'decidedAt', c.decided_at) ORDER BY c.created_at, c.id)
        FROM document_cosigns c JOIN users su ON su.id = c.signer_id JOIN users ab ON ab.id = c.added_by
          LEFT JOIN users af ON af.id = c.added_for LEFT JOIN users cd ON cd.id = c.decided_by LEFT JOIN users co ON co.id = c.on_behalf_of
        WHERE c.step_id = s.id), '[]'::json) AS cosigns
    FROM document_steps s LEFT JOIN users u ON u.id = s.decided_by LEFT JOIN users ob ON ob.id = s.on_behalf_of
      LEFT JOIN users asg ON asg.id = s.assignee_id
    WHERE s.document_id = ${id} ORDER BY s.step_no`,
  );
  const events = await query<DocumentDetail['events'][number]>(
    q,
    sql`
    SELECT e.id, e.type, u.display_name AS "actorName", e.from_status AS "fromStatus", e.to_status AS "toStatus", e.note, e.at
    FROM document_events e LEFT JOIN users u ON u.id = e.actor_id WHERE e.document_id = ${id} ORDER BY e.id`,
  );
  // The inbox's own rule decides who may decide (in their own right, after 转办, or for a delegator).
  const [mayDecide] = await query<{ ok: boolean; actingFor: string | null }>(
    q,
    sql`SELECT ${inboxWhere(actor)} AS ok, ${actingForName(actor)} AS "actingFor" FROM documents d WHERE d.id = ${id}`,
  );
  // 加签 pending on the current step: its signer decides; no 转办 and no second 加签 meanwhile.
  const current = steps.find((s) => s.stepNo === doc.currentStep);
  const cosignWaiting = !!current?.cosigns?.some((c) => c.state === 'pending');
  const writes = actsForUnit(actor, 'document.write', doc.unitId);
  const executes = actsForUnit(actor, 'document.execute', doc.unitId);
  const { payload, problems } = readPayload(doc.type, doc.payload);
  // A payload that does not fit offers no follow-up (they act on it); the detail still opens and shows it.
  const followUps = Object.keys(problems).length
    ? {}
    : (DOCUMENT_HANDLERS as Record<string, DocumentTypeHandler | undefined>)[doc.type]?.followUps?.(
        { ...doc, payload } as TypedDocument<DocumentType>,
        actor,
        { execute: executes },
      );
  return {
    ...mapSummary(head),
    actingFor: mayDecide?.ok ? mayDecide.actingFor : null,
    counterpartUnitName: head.counterpartUnitName,
    executedByName: head.executedByName,
    executedAt: iso(doc.executedAt),
    payload,
    payloadProblems: problems,
    applicantId: doc.applicantId,
    version: doc.version,
    currentStep: doc.currentStep,
    lines: lines.map((l) => ({ ...l, details: asRecord(l.details) })),
    steps: steps.map(({ decidedBy: _d, ...s }) => ({
      ...s,
      decidedAt: iso(s.decidedAt),
      cosigns: (s.cosigns ?? []).map((c) => ({ ...c, addedAt: iso(c.addedAt)!, decidedAt: iso(c.decidedAt) })),
    })),
    events: events.map((e) => ({ ...e, at: iso(e.at)! })),
    can: {
      edit: writes && actionAllowed('edit', doc.status),
      submit: writes && actionAllowed('submit', doc.status),
      decide: !!mayDecide?.ok,
      reassign: !!mayDecide?.ok && !cosignWaiting,
      addSigner: !!mayDecide?.ok && !cosignWaiting && !!current?.allowCosign,
      execute: executes && actionAllowed('execute', doc.status),
      cancel: writes && actionAllowed('cancel', doc.status),
      post: followUps?.post ?? false,
      returnLending: followUps?.returnLending ?? false,
      withdraw:
        actionAllowed('withdraw', doc.status) &&
        can(actor, 'document.write') &&
        (doc.applicantId === actor.userId || doc.submittedBy === actor.userId) &&
        steps.every((s) => s.state === 'pending' && !s.cosigns?.some((c) => c.state !== 'pending')),
    },
  };
}

/** Lending and rental out past their period and not yet returned (flagged in lists and the dashboard). */
export async function overdueLendings(q: Queryable, actor: Actor) {
  return query<{ id: string; docNo: string; counterparty: string; periodTo: string; unitName: string }>(
    q,
    sql`
    SELECT d.id, d.doc_no AS "docNo", coalesce(d.payload->>'counterparty', '') AS counterparty, d.payload->>'periodTo' AS "periodTo", coalesce(un.name, '') AS "unitName"
    ${JOINS} WHERE ${visibleSql(actor)} AND d.type = ${lending.spec.code} AND ${lending.overdueSql!()} ORDER BY d.payload->>'periodTo'`,
  );
}
