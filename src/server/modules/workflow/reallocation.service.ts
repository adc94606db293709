// Reallocation through the idle pool (公物仓调剂): the committee's decision on a pool request is the
// approval, and the card moves by an ordinary 调拨 document executed by executeDocument — the same
// path, checks and ledger events (transferred_out in the giving unit, transferred_in in the
// receiving one) as a transfer drafted by hand. Called inside the pool's transaction.
import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, type Queryable, type Tx } from '../../platform/db/engine.ts';
import type { DocumentInput } from '../../../shared/workflow.contracts.ts';
import { createDocument } from './document.service.ts';
import { addEvent, loadDocument, setStatus } from './document.store.ts';
import { documents, documentSteps } from './document.tables.ts';
import { AppError } from '../../platform/errors.ts';
import { executeDocument } from './execution.service.ts';
import { returnLendingIn } from './document-types/lending.doctype.ts';

export interface ReallocationInput {
  fromUnitId: string;
  toUnitId: string;
  cardId: string;
  title: string;
  /** Who asked, for what, and the committee's comment: the document's history and the card's timeline show it. */
  note: string;
}

/** Drafts, approves (one committee step, decided by `actor`) and executes a cross-unit 调拨 of one card. */
export async function executeReallocation(tx: Tx, actor: Actor, input: ReallocationInput): Promise<{ documentId: string; docNo: string }> {
  const { id, docNo } = await createDocument(tx, actor, {
    type: 'transfer',
    unitId: input.fromUnitId,
    counterpartUnitId: input.toUnitId,
    title: input.title,
    payload: { note: input.note.slice(0, 1000) },
    lines: [{ cardId: input.cardId, reason: '公物仓调剂' }],
  });
  await approveAndExecute(tx, actor, id, input.note);
  return { documentId: id, docNo };
}

/**
 * Drafts any document, records the committee's decision (one approved step by `actor`) and executes
 * it: the path of a document the committee decides itself, as the pool's reallocations and loans do.
 */
export async function executeDecidedDocument(
  tx: Tx,
  actor: Actor,
  input: DocumentInput,
  note: string,
): Promise<{ documentId: string; docNo: string }> {
  const { id, docNo } = await createDocument(tx, actor, input);
  await approveAndExecute(tx, actor, id, note);
  return { documentId: id, docNo };
}

export interface PoolLoanInput {
  fromUnitId: string;
  /** The borrowing unit's name: the lending document's counterparty. */
  borrowerName: string;
  cardId: string;
  title: string;
  note: string;
  periodFrom: string;
  periodTo: string;
}

/**
 * 公物仓借用: an ordinary 出借 document of the offering unit (ownership stays; the card becomes lent,
 * with the period), approved by the committee's decision and executed at once.
 */
export async function executePoolLoan(tx: Tx, actor: Actor, input: PoolLoanInput): Promise<{ documentId: string; docNo: string }> {
  const { id, docNo } = await createDocument(tx, actor, {
    type: 'lending',
    unitId: input.fromUnitId,
    title: input.title,
    payload: {
      mode: 'lent',
      counterparty: input.borrowerName.slice(0, 120),
      periodFrom: input.periodFrom,
      periodTo: input.periodTo,
      note: input.note.slice(0, 1000),
    },
    lines: [{ cardId: input.cardId, reason: '公物仓借用' }],
  });
  await approveAndExecute(tx, actor, id, input.note);
  return { documentId: id, docNo };
}

/** The return of a pool loan: the lending document's return, by whoever the pool allows (the borrower, the committee). */
export async function returnPoolLoan(tx: Tx, actor: Actor, documentId: string, returnedOn: string): Promise<void> {
  // The borrower cannot see the lender's document; the pool has checked who may return.
  const [doc] = await tx.select().from(documents).where(eq(documents.id, documentId)).for('update');
  if (!doc) throw new AppError('not_found', '出借单不存在');
  await returnLendingIn(tx, actor, doc, returnedOn);
}

async function approveAndExecute(tx: Tx, actor: Actor, id: string, note: string): Promise<void> {
  const now = new Date();
  await tx.insert(documentSteps).values({
    documentId: id,
    stepNo: 1,
    role: 'asset_office',
    scope: 'committee',
    label: '公物仓调剂审批',
    state: 'approved',
    decidedBy: actor.userId,
    comment: note.slice(0, 1000),
    decidedAt: now,
  });
  const doc = await loadDocument(tx, actor, id, true);
  await setStatus(tx, doc, 'approved', { submittedAt: now, submittedBy: actor.userId, decidedAt: now, currentStep: null });
  await addEvent(tx, doc, actor, 'approved', 'draft', 'approved', note);
  await executeDocument(tx, actor, id);
}

/** The open documents holding any of these cards: a pooled card must be free to move. */
export async function openDocumentsOf(q: Queryable, cardIds: string[]): Promise<{ cardId: string; docNo: string }[]> {
  if (!cardIds.length) return [];
  return query<{ cardId: string; docNo: string }>(
    q,
    sql`
    SELECT l.card_id AS "cardId", d.doc_no AS "docNo" FROM document_lines l JOIN documents d ON d.id = l.document_id
    WHERE l.open AND l.card_id IN (${sql.join(
      cardIds.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
}
