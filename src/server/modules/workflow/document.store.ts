// Shared plumbing of the document services: numbering, scoped loading, history events.
import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import { DOCUMENT_STATUSES, type DocumentStatus, type DocumentType, documentTypeSpec } from '../../../shared/workflow.contracts.ts';
import { describeOperation } from '../../platform/oplog/oplog.context.ts';
import { inScope, scopeIncludes, unitScope, type Actor } from '../../platform/auth/actor.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { documentEvents, documents } from './document.tables.ts';
import { businessYear } from '../../platform/clock.ts';
import { PERMISSIONS, type Role } from '../../../shared/roles.ts';

export type DocumentRow = typeof documents.$inferSelect;

/** Reserves the next document number (the type's prefix, the year, a sequence) for the type and year in one statement (row lock serialises). */
export async function nextDocNo(q: Queryable, type: DocumentType): Promise<string> {
  const prefix = documentTypeSpec(type).prefix;
  const year = businessYear();
  const [row] = await query<{ last_seq: number }>(
    q,
    sql`
    INSERT INTO document_number_sequences (prefix, year, last_seq) VALUES (${prefix}, ${year}, 1)
    ON CONFLICT (prefix, year) DO UPDATE SET last_seq = document_number_sequences.last_seq + 1
    RETURNING last_seq`,
  );
  return `${prefix}${year}${String(row.last_seq).padStart(6, '0')}`;
}

/**
 * The visibility rule: the applicant unit's people see their documents; the receiving unit of a
 * transfer sees it once submitted (it takes a step in the chain). Put in every query on documents.
 */
export function visibleWhere(actor: Actor): SQL {
  const scope = unitScope(actor, 'document.read');
  if (scope === 'all') return sql`true`;
  return and(
    or(inScope(documents.unitId, scope), and(inScope(documents.counterpartUnitId, scope), sql`${documents.status} <> 'draft'`)),
    ownDraftsOnly(actor, 'documents'),
  )!;
}

/**
 * The units where the actor reads documents only as 使用人: there a colleague's draft is private
 * to its applicant (a staff member sees their own drafts, the unit's other documents once submitted).
 */
export function staffOnlyUnits(actor: Actor): string[] {
  const readers = PERMISSIONS['document.read'] as readonly Role[];
  return actor.grants
    .filter((g) => g.role === 'staff' && g.unitId)
    .map((g) => g.unitId!)
    .filter((u) => !actor.grants.some((g) => g.role !== 'staff' && readers.includes(g.role) && (g.unitId === null || g.unitId === u)));
}

/** SQL over the documents row `alias`: not a colleague's draft in a unit where the actor is only staff. */
export function ownDraftsOnly(actor: Actor, alias: string): SQL {
  const units = staffOnlyUnits(actor);
  if (!units.length) return sql`true`;
  const a = (c: string) => sql.raw(`${alias}.${c}`);
  return sql`NOT (${a('status')} = 'draft' AND ${inScope(`${alias}.unit_id`, units)} AND ${a('applicant_id')} <> ${actor.userId})`;
}

/** Loads a visible document (optionally locking it); another unit's answers 404. */
export async function loadDocument(q: Queryable, actor: Actor, id: string, lock = false): Promise<DocumentRow> {
  const base = q
    .select()
    .from(documents)
    .where(and(eq(documents.id, id), visibleWhere(actor)));
  const [row] = lock ? await base.for('update') : await base;
  if (!row) throw notFound('单据');
  return row;
}

/** Whether the actor may act for the applicant unit with `permission`. */
export function actsForUnit(actor: Actor, permission: 'document.write' | 'document.execute', unitId: string): boolean {
  const scope = unitScope(actor, permission);
  return scopeIncludes(scope, unitId);
}

export function requireUnit(actor: Actor, permission: 'document.write' | 'document.execute', unitId: string): void {
  if (!actsForUnit(actor, permission, unitId)) throw new AppError('forbidden');
}

export async function addEvent(
  q: Queryable,
  doc: Pick<DocumentRow, 'id' | 'unitId'>,
  actor: Actor | null,
  type: string,
  fromStatus: string | null,
  toStatus: string | null,
  note?: string | null,
): Promise<void> {
  // A token's action says so in the document's history, beside the user it acts as.
  const via = actor?.token ? `经 API 令牌「${actor.token.name}」` : null;
  const text = [note, via].filter(Boolean).join('；') || null;
  await q
    .insert(documentEvents)
    .values({ documentId: doc.id, unitId: doc.unitId, type, actorId: actor?.userId ?? null, fromStatus, toStatus, note: text });
  // 操作日志: the document's number and its status change in words (platform/oplog).
  const label = (s: string | null) => (s ? (DOCUMENT_STATUSES[s as DocumentStatus]?.[0] ?? s) : '');
  describeOperation({
    objectType: 'documents',
    objectId: doc.id,
    objectLabel: (doc as { docNo?: string }).docNo ?? null,
    unitId: doc.unitId,
    action: type,
    changes:
      [fromStatus !== toStatus && toStatus ? `状态：${label(fromStatus) || '无'} → ${label(toStatus)}` : null, note]
        .filter(Boolean)
        .join('；') || null,
  });
}

/**
 * Events that change a document's content (payload, lines or attachments). Whoever wrote one of them is a
 * content editor of the document and may not approve any of its steps.
 */
export const CONTENT_EVENTS = ['created', 'edited', 'attachment_added', 'attachment_removed'] as const;

/** SQL: `userId` changed the content of document `documentId` (see CONTENT_EVENTS). */
export function editedBy(documentId: SQL | string, userId: SQL | string): SQL {
  return sql`EXISTS (SELECT 1 FROM document_events ce WHERE ce.document_id = ${documentId} AND ce.actor_id = ${userId}
    AND ce.type IN (${sql.join(
      CONTENT_EVENTS.map((t) => sql`${t}`),
      sql`, `,
    )}))`;
}

/** Whether `userId` changed the content of the document (created or edited it). */
export async function isContentEditor(q: Queryable, documentId: string, userId: string): Promise<boolean> {
  const [row] = await query<{ edited: boolean }>(q, sql`SELECT ${editedBy(documentId, userId)} AS edited`);
  return !!row?.edited;
}

/** Sets the status (and other fields) guarded by the status read under lock, bumping the version. */
export async function setStatus(
  q: Queryable,
  doc: DocumentRow,
  to: string,
  extra: Partial<typeof documents.$inferInsert> = {},
): Promise<void> {
  await q
    .update(documents)
    .set({ ...extra, status: to, version: doc.version + 1, updatedAt: new Date() })
    .where(eq(documents.id, doc.id));
}

/** Closes the document's hold on its cards (rejected, cancelled, executed). */
export async function releaseLines(q: Queryable, documentId: string): Promise<void> {
  await q.execute(sql`UPDATE document_lines SET open = false WHERE document_id = ${documentId} AND open`);
}
