// Execution: the only way a document changes cards. All of it runs in one transaction with the
// card ledger events (written by the assets module's changeCard/registerCard), or none of it does.
// What a document does is its type's `execute` hook (document-types/<type>.doctype.ts).
import { asc, eq, sql } from 'drizzle-orm';
import { DOCUMENT_TYPES, type DocumentType } from '../../../shared/workflow.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, type Queryable, type Tx } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/errors.ts';
import { handlerOf, transitionOf, typedDocument } from './document-types/registry.ts';
import { addEvent, loadDocument, releaseLines, requireUnit, setStatus, type DocumentRow } from './document.store.ts';
import { documentLines } from './document.tables.ts';
import { actionAllowed } from './workflow.rules.ts';

/** "审批：甲（单位负责人）、乙（资产管理处）；执行：丙" — what each card's timeline shows beside the document. */
async function approvalNote(tx: Tx, doc: DocumentRow, actor: Actor): Promise<string> {
  const rows = await query<{ label: string; name: string | null }>(
    tx,
    sql`
    SELECT s.label, u.display_name AS name FROM document_steps s LEFT JOIN users u ON u.id = s.decided_by
    WHERE s.document_id = ${doc.id} AND s.state = 'approved' ORDER BY s.step_no`,
  );
  const approvers = rows.map((r) => `${r.name ?? '?'}（${r.label}）`).join('、') || '无需审批';
  return `${DOCUMENT_TYPES[doc.type as DocumentType][0]} ${doc.docNo}；审批：${approvers}；执行：${actor.displayName}`;
}

export async function executeDocument(q: Queryable, actor: Actor, id: string): Promise<{ status: string }> {
  return withTx(q, async (tx) => {
    const doc = await loadDocument(tx, actor, id, true);
    requireUnit(actor, 'document.execute', doc.unitId);
    if (!actionAllowed('execute', doc.status)) throw new AppError('invalid_transition', '只有已批准的单据可以执行');
    const lines = await tx.select().from(documentLines).where(eq(documentLines.documentId, id)).orderBy(asc(documentLines.lineNo));
    const note = await approvalNote(tx, doc, actor);
    await handlerOf(doc.type).execute({ tx, actor, doc: typedDocument(doc), lines, note, transition: transitionOf(doc) });
    await setStatus(tx, doc, 'executed', { executedAt: new Date(), executedBy: actor.userId, currentStep: null });
    await releaseLines(tx, id);
    await addEvent(tx, doc, actor, 'executed', doc.status, 'executed');
    return { status: 'executed' };
  });
}
