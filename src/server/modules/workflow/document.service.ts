// Drafting documents: create, edit, cancel. Lines are validated against the card status machine and
// held by the open-line unique index, so a card sits in one open document at a time.
import { eq, sql } from 'drizzle-orm';
import type { CardStatus } from '../../../shared/assets.enums.ts';
import { CARD_STATUSES } from '../../../shared/assets.enums.ts';
import type { DocumentInput } from '../../../shared/workflow.contracts.ts';
import { can, type Actor } from '../../platform/auth/actor.ts';
import { query, type Queryable, type Tx } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { pgCode } from '../../platform/db/db-errors.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { FEN_MAX, FEN_MAX_MESSAGE } from '../../../shared/money.ts';
import { addEvent, loadDocument, nextDocNo, releaseLines, requireUnit, setStatus, type DocumentRow } from './document.store.ts';
import { documentLines, documents } from './document.tables.ts';
import { checkRefs } from './payload.refs.ts';
import { standardLineDetails } from './standard.lines.ts';
import { cardTransition } from '../assets/index.ts';
import { actionAllowed } from './workflow.rules.ts';
import { handlerOf, transitionOf } from './document-types/registry.ts';

export interface CardFacts {
  id: string;
  card_no: string;
  unit_id: string;
  status: CardStatus;
  version: number;
  original_value_fen: number;
  category_id: string;
  acquired_on: string;
  useful_life_months: number | null;
}

/** Read-only facts of the cards a document names (the assets module alone writes them). */
export async function cardFacts(q: Queryable, ids: string[]): Promise<Map<string, CardFacts>> {
  if (!ids.length) return new Map();
  const rows = await query<CardFacts>(
    q,
    sql`
    SELECT id, card_no, unit_id, status, version, original_value_fen, category_id, acquired_on, useful_life_months
    FROM cards WHERE id IN (${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}

/** Checks card lines: they exist, belong to the applicant unit, appear once, and the status allows the document. */
export function checkCardLines(
  doc: Pick<DocumentRow, 'type' | 'unitId' | 'counterpartUnitId' | 'payload'>,
  cardIds: (string | undefined)[],
  facts: Map<string, CardFacts>,
): void {
  const fields: Record<string, string> = {};
  const key = transitionOf(doc);
  const seen = new Set<string>();
  cardIds.forEach((id, i) => {
    const f = `lines.${i}.cardId`;
    if (!id) {
      fields[f] = '请选择资产卡片';
      return;
    }
    const card = facts.get(id);
    if (!card || card.unit_id !== doc.unitId) {
      fields[f] = '资产不存在或不属于申请单位';
      return;
    }
    if (seen.has(id)) {
      fields[f] = `资产 ${card.card_no} 重复`;
      return;
    }
    seen.add(id);
    if (key) {
      const t = cardTransition(key, card.status);
      if (!t.ok)
        fields[f] =
          `资产 ${card.card_no} 当前状态为「${CARD_STATUSES[card.status]?.[0] ?? card.status}」，不能办理此单据（允许：${t.allowed.map((s) => CARD_STATUSES[s][0]).join('、') || '无'}）`;
    }
  });
  if (Object.keys(fields).length) throw invalid(fields, Object.values(fields)[0]);
}

/**
 * The type's own rules on the input (its `checks` hook), after the engine's normalising: a receiving
 * unit that is the applicant's own is no receiving unit. (A type without one stores none: counterpartOf.)
 */
export function checkPayload(input: DocumentInput, unitId: string): void {
  const h = handlerOf(input.type);
  if (h.spec.counterpart && input.counterpartUnitId === unitId) delete input.counterpartUnitId;
  const f = h.checks?.(input as never) ?? {};
  if (Object.keys(f).length) throw invalid(f);
}

/** The receiving unit stored with the document: only a type that has one keeps it. */
export function counterpartOf(input: DocumentInput): string | null {
  return handlerOf(input.type).spec.counterpart ? (input.counterpartUnitId ?? null) : null;
}

/** Writes the lines of a draft (replacing any) and its totals. */
async function writeLines(tx: Tx, doc: DocumentRow, input: DocumentInput): Promise<void> {
  await tx.delete(documentLines).where(eq(documentLines.documentId, doc.id));
  const h = handlerOf(input.type);
  const isCardDoc = h.spec.lines === 'cards';
  let values: (typeof documentLines.$inferInsert)[];
  if (isCardDoc) {
    const ids = input.lines.map((l) => l.cardId);
    const facts = await cardFacts(
      tx,
      ids.filter((x): x is string => !!x),
    );
    checkCardLines(doc, ids, facts);
    values = input.lines.map((l, i) => {
      const c = facts.get(l.cardId!)!;
      return {
        documentId: doc.id,
        unitId: doc.unitId,
        lineNo: i + 1,
        cardId: c.id,
        cardVersion: c.version,
        categoryId: c.category_id,
        quantity: 1,
        unitPriceFen: c.original_value_fen,
        amountFen: c.original_value_fen,
        reason: l.reason ?? null,
      };
    });
  } else if (h.spec.lines === 'items') {
    const f: Record<string, string> = {};
    input.lines.forEach((l, i) => {
      if (!l.name?.trim()) f[`lines.${i}.name`] = '请填写名称或编号';
    });
    if (Object.keys(f).length) throw invalid(f);
    values = input.lines.map((l, i) => ({
      documentId: doc.id,
      unitId: doc.unitId,
      lineNo: i + 1,
      name: l.name!.trim(),
      spec: l.spec ?? null,
      quantity: 1,
      unitPriceFen: 0,
      amountFen: 0,
      reason: l.reason ?? null,
      details: l.forRoomId ? { forRoomId: l.forRoomId } : {},
    }));
  } else {
    const f: Record<string, string> = {};
    input.lines.forEach((l, i) => {
      if (!l.categoryId) f[`lines.${i}.categoryId`] = '请选择资产分类';
      if (!l.quantity) f[`lines.${i}.quantity`] = '请填写数量';
      if (l.unitPriceFen === undefined) f[`lines.${i}.unitPriceFen`] = '请填写单价';
    });
    if (Object.keys(f).length) throw invalid(f);
    const extra = (await h.lineDetails?.(tx, doc.unitId, input.lines)) ?? [];
    values = input.lines.map((l, i) => ({
      documentId: doc.id,
      unitId: doc.unitId,
      lineNo: i + 1,
      categoryId: l.categoryId!,
      name: l.name ?? null,
      spec: l.spec ?? null,
      quantity: l.quantity!,
      unitPriceFen: l.unitPriceFen!,
      amountFen: l.quantity! * l.unitPriceFen!,
      reason: l.reason ?? null,
      budgetLine: l.budgetLine ?? null,
      details: {
        ...(extra[i] ?? {}),
        ...(l.declinedIdle ? { declinedIdle: l.declinedIdle } : {}),
        ...(l.sourceLineId ? { sourceLineId: l.sourceLineId } : {}),
        ...(l.invoiceNo ? { invoiceNo: l.invoiceNo } : {}),
        ...(l.replacesCardId ? { replacesCardId: l.replacesCardId } : {}),
        ...standardLineDetails(l),
      },
    }));
  }
  if (values.length) await tx.insert(documentLines).values(values);
  const totalFen = values.reduce((s, v) => s + (v.amountFen ?? 0), 0);
  // One bound on money (FEN_MAX): a line's amount and the document's total, as for a card's value.
  const tooLarge = values.findIndex((v) => (v.amountFen ?? 0) > FEN_MAX);
  if (tooLarge >= 0) throw invalid({ [`lines.${tooLarge}.unitPriceFen`]: `数量 × 单价${FEN_MAX_MESSAGE}` });
  if (totalFen > FEN_MAX) throw invalid({ lines: `单据合计${FEN_MAX_MESSAGE}` });
  const maxItemFen = values.reduce((m, v) => Math.max(m, v.unitPriceFen ?? 0), 0);
  await tx.update(documents).set({ totalFen, maxItemFen }).where(eq(documents.id, doc.id));
}

/** A unique violation on the open-line index: name the cards already held elsewhere. */
export async function busyError(q: Queryable, cardIds: string[], ownDocId?: string): Promise<AppError> {
  const rows = cardIds.length
    ? await query<{ card_no: string; doc_no: string }>(
        q,
        sql`
    SELECT c.card_no, d.doc_no FROM document_lines l JOIN documents d ON d.id = l.document_id JOIN cards c ON c.id = l.card_id
    WHERE l.open AND l.card_id IN (${sql.join(
      cardIds.map((i) => sql`${i}`),
      sql`, `,
    )}) ${ownDocId ? sql`AND d.id <> ${ownDocId}` : sql``}`,
      )
    : [];
  const list = rows.map((r) => `${r.card_no}（${r.doc_no}）`).join('、');
  return new AppError('busy', list ? `资产已在其他未完成的单据中：${list}` : undefined, undefined, { cards: rows });
}

async function guardBusy<T>(q: Queryable, input: DocumentInput, run: () => Promise<T>, ownDocId?: string): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (pgCode(err) === '23505')
      throw await busyError(
        q,
        input.lines.map((l) => l.cardId).filter((x): x is string => !!x),
        ownDocId,
      );
    throw err;
  }
}

export async function createDocument(q: Queryable, actor: Actor, input: DocumentInput): Promise<{ id: string; docNo: string }> {
  const h = handlerOf(input.type);
  const fallback = !input.unitId && !actor.unitId ? await h.draft?.defaultUnit?.(q, actor) : undefined;
  const unitId = input.unitId ?? actor.unitId ?? fallback;
  if (!unitId) throw invalid({ unitId: '请选择申请单位' });
  requireUnit(actor, 'document.write', unitId);
  if (h.spec.draftPermission && !can(actor, h.spec.draftPermission)) throw new AppError('forbidden', h.draft?.refusal);
  checkPayload(input, unitId);
  await checkRefs(q, input, unitId);
  return guardBusy(q, input, () =>
    withTx(q, async (tx) => {
      const docNo = await nextDocNo(tx, input.type);
      const [doc] = await tx
        .insert(documents)
        .values({
          docNo,
          type: input.type,
          unitId,
          counterpartUnitId: counterpartOf(input),
          applicantId: actor.userId,
          title: input.title ?? null,
          payload: input.payload,
        })
        .returning();
      await writeLines(tx, doc, input);
      await addEvent(tx, doc, actor, 'created', null, 'draft');
      return { id: doc.id, docNo };
    }),
  );
}

export async function updateDocument(q: Queryable, actor: Actor, id: string, input: DocumentInput): Promise<void> {
  await guardBusy(
    q,
    input,
    () =>
      withTx(q, async (tx) => {
        const doc = await loadDocument(tx, actor, id, true);
        requireUnit(actor, 'document.write', doc.unitId);
        if (!actionAllowed('edit', doc.status)) throw new AppError('invalid_transition', '只有草稿或退回的单据可以修改');
        if (input.type !== doc.type) throw invalid({ type: '不能修改单据类型' });
        checkPayload(input, doc.unitId);
        await checkRefs(tx, input, doc.unitId);
        const next = {
          ...doc,
          payload: input.payload,
          counterpartUnitId: counterpartOf(input),
        };
        await tx
          .update(documents)
          .set({
            title: input.title ?? null,
            payload: input.payload,
            counterpartUnitId: next.counterpartUnitId,
            version: doc.version + 1,
            updatedAt: new Date(),
          })
          .where(eq(documents.id, id));
        await writeLines(tx, next, input);
        await addEvent(tx, doc, actor, 'edited', doc.status, doc.status);
      }),
    id,
  );
}

export async function cancelDocument(q: Queryable, actor: Actor, id: string, comment?: string): Promise<void> {
  await withTx(q, async (tx) => {
    const doc = await loadDocument(tx, actor, id, true);
    requireUnit(actor, 'document.write', doc.unitId);
    if (!actionAllowed('cancel', doc.status)) throw new AppError('invalid_transition', `「${doc.status}」状态的单据不能作废`);
    await setStatus(tx, doc, 'cancelled', { currentStep: null });
    await releaseLines(tx, doc.id);
    await addEvent(tx, doc, actor, 'cancelled', doc.status, 'cancelled', comment);
  });
}
