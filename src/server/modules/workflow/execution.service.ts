// Execution: the only way a document changes cards. All of it runs in one transaction with the
// card ledger events (written by the assets module's changeCard/registerCard), or none of it does.
import { asc, eq, sql } from 'drizzle-orm';
import type { CardStatus } from '../../../shared/assets.enums.ts';
import { CARD_STATUSES } from '../../../shared/assets.enums.ts';
import type { DocumentPayload, DocumentType } from '../../../shared/workflow.contracts.ts';
import { DOCUMENT_TYPES } from '../../../shared/workflow.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, type Queryable, type Tx } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/errors.ts';
import { appendCardEvent, changeCard, getCardForUpdate, type CardChangeSet, type CardRow } from '../assets/index.ts';
import { transitionOf } from './document.service.ts';
import { addEvent, loadDocument, releaseLines, requireUnit, setStatus, type DocumentRow } from './document.store.ts';
import { documentLines } from './document.tables.ts';
import { executeAcceptance, executeProcurement } from './procurement.service.ts';
import { cardTransition } from '../assets/index.ts';
import { actionAllowed } from './workflow.rules.ts';
import { fenToYuan } from '../../../shared/money.ts';
import { businessToday } from '../../platform/clock.ts';

type LineRow = typeof documentLines.$inferSelect;

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

/** The fields a card document sets, by type and payload. */
function cardSet(doc: DocumentRow, card: CardRow, to: CardStatus, today: string): CardChangeSet {
  const p = doc.payload as DocumentPayload;
  const place = {
    ...(p.departmentId ? { usingDepartmentId: p.departmentId } : {}),
    ...(p.custodianId ? { custodianId: p.custodianId } : {}),
    ...(p.roomId ? { roomId: p.roomId } : {}),
  };
  switch (doc.type) {
    case 'requisition':
      return { status: to, useMode: 'self_use', inUseOn: card.inUseOn ?? today, ...place };
    case 'return':
      return { status: to, useMode: 'idle', custodianId: null, ...(p.roomId ? { roomId: p.roomId } : {}) };
    case 'change':
      if (p.changeKind === 'revaluation') return { originalValueFen: p.newValueFen };
      if (p.changeKind === 'useful_life') return { usefulLifeMonths: p.newUsefulLifeMonths };
      return place;
    case 'transfer':
      if (doc.counterpartUnitId && doc.counterpartUnitId !== doc.unitId) {
        // Value and accumulated depreciation travel with the card: only ownership and place change.
        const u = doc.counterpartUnitId;
        // The receiving side's department, custodian and room (checked to be the receiving unit's).
        return {
          status: to,
          unitId: u,
          managingUnitId: u,
          usingUnitId: u,
          usingDepartmentId: p.departmentId ?? null,
          custodianId: p.custodianId ?? null,
          roomId: p.roomId ?? null,
          useMode: 'idle',
        };
      }
      return { status: to, ...place };
    case 'lending':
      return { status: to, useMode: p.mode === 'rented' ? 'rented' : 'lent', counterparty: p.counterparty ?? null };
    case 'disposal':
      return { status: to, disposedOn: today, disposalMethod: p.disposalMethod ?? null };
    case 'maintenance':
      return card.status === 'under_repair' ? { status: 'in_use' } : {};
    default:
      return {};
  }
}

/**
 * Locks every card, compares its version with the one captured at submission and its status with
 * the machine; refuses naming every card that moved on, before anything is written.
 */
async function lockAndCheck(tx: Tx, lines: LineRow[], key: string): Promise<Map<string, CardRow>> {
  const cards = new Map<string, CardRow>();
  const stale: string[] = [];
  const wrong: string[] = [];
  // A stable order (by card id) so two executions over overlapping cards cannot deadlock.
  for (const line of [...lines].sort((a, b) => (a.cardId! < b.cardId! ? -1 : 1))) {
    const card = await getCardForUpdate(tx, line.cardId!);
    cards.set(card.id, card);
    if (line.cardVersion !== null && card.version !== line.cardVersion) stale.push(card.cardNo);
    else if (!cardTransition(key, card.status as CardStatus).ok)
      wrong.push(`${card.cardNo}（${CARD_STATUSES[card.status as CardStatus]?.[0] ?? card.status}）`);
  }
  if (stale.length)
    throw new AppError('stale', `单据提交后以下资产已被变更，未执行任何变更，请退回重新提交：${stale.join('、')}`, undefined, {
      cards: stale,
    });
  if (wrong.length)
    throw new AppError('invalid_transition', `以下资产当前状态不允许执行：${wrong.join('、')}`, undefined, { cards: wrong });
  return cards;
}

async function executeCards(tx: Tx, actor: Actor, doc: DocumentRow, lines: LineRow[], note: string): Promise<void> {
  const key = transitionOf(doc)!;
  const cards = await lockAndCheck(tx, lines, key);
  const today = businessToday();
  const p = doc.payload as DocumentPayload;
  const extra =
    doc.type === 'maintenance'
      ? `；维修单位：${p.vendor ?? ''}${p.costFen !== undefined ? `，费用 ${fenToYuan(p.costFen)} 元` : ''}`
      : doc.type === 'disposal' && p.incomeFen
        ? `；处置收入 ${fenToYuan(p.incomeFen)} 元（上缴国库）`
        : '';
  for (const line of lines) {
    const card = cards.get(line.cardId!)!;
    const t = cardTransition(key, card.status as CardStatus);
    if (!t.ok) throw new AppError('invalid_transition');
    const base = { documentId: doc.id, documentType: doc.type, note: note + extra };
    if (t.event === 'transferred_out') {
      // Two ledger events: the reduction in the giving unit, then the addition (with the change) in the receiving one.
      await appendCardEvent(tx, {
        ...base,
        cardId: card.id,
        unitId: card.unitId,
        type: 'transferred_out',
        actorId: actor.userId,
        before: { unitId: card.unitId },
        after: { unitId: doc.counterpartUnitId },
      });
      await changeCard(tx, { userId: actor.userId }, card.id, {
        ...base,
        expectVersion: card.version,
        set: cardSet(doc, card, t.to, today),
        eventType: 'transferred_in',
      });
      continue;
    }
    await changeCard(tx, { userId: actor.userId }, card.id, {
      ...base,
      expectVersion: card.version,
      set: cardSet(doc, card, t.to, today),
      eventType: t.event,
    });
  }
}

export async function executeDocument(q: Queryable, actor: Actor, id: string): Promise<{ status: string }> {
  return withTx(q, async (tx) => {
    const doc = await loadDocument(tx, actor, id, true);
    requireUnit(actor, 'document.execute', doc.unitId);
    if (!actionAllowed('execute', doc.status)) throw new AppError('invalid_transition', '只有已批准的单据可以执行');
    const lines = await tx.select().from(documentLines).where(eq(documentLines.documentId, id)).orderBy(asc(documentLines.lineNo));
    const note = await approvalNote(tx, doc, actor);
    if (doc.type === 'procurement') await executeProcurement(tx, actor, doc, lines);
    else if (doc.type === 'acceptance') await executeAcceptance(tx, actor, doc, lines, note);
    else if (lines.some((l) => l.cardId)) await executeCards(tx, actor, doc, lines, note);
    await setStatus(tx, doc, 'executed', { executedAt: new Date(), executedBy: actor.userId, currentStep: null });
    await releaseLines(tx, id);
    await addEvent(tx, doc, actor, 'executed', doc.status, 'executed');
    return { status: 'executed' };
  });
}

/** 出借/出租收回: the executed lending document brings its cards back into use. */
export async function returnLending(q: Queryable, actor: Actor, id: string, returnedOn: string): Promise<void> {
  await withTx(q, async (tx) => {
    const doc = await loadDocument(tx, actor, id, true);
    requireUnit(actor, 'document.execute', doc.unitId);
    await returnLendingIn(tx, actor, doc, returnedOn);
  });
}

/** The return itself, inside the caller's transaction (the pool's loan return calls it with its own checks). */
export async function returnLendingIn(tx: Tx, actor: Actor, doc: DocumentRow, returnedOn: string): Promise<void> {
  const p = doc.payload as DocumentPayload;
  if (doc.type !== 'lending' || doc.status !== 'executed' || p.returnedOn)
    throw new AppError('invalid_transition', '只有已执行且未收回的出借/出租单可以收回');
  const lines = await tx.select().from(documentLines).where(eq(documentLines.documentId, doc.id));
  const note = `${DOCUMENT_TYPES.lending[0]} ${doc.docNo} 收回；经办：${actor.displayName}`;
  for (const line of lines) {
    const card = await getCardForUpdate(tx, line.cardId!);
    const t = cardTransition('lending:return', card.status as CardStatus);
    if (!t.ok) throw new AppError('invalid_transition', `资产 ${card.cardNo} 当前不在出借/出租中`);
    await changeCard(tx, { userId: actor.userId }, card.id, {
      set: { status: t.to, useMode: 'self_use', counterparty: null },
      eventType: t.event,
      documentId: doc.id,
      documentType: doc.type,
      note,
    });
  }
  await setStatus(tx, doc, 'executed', { payload: { ...p, returnedOn } });
  await addEvent(tx, doc, actor, 'lending_returned', 'executed', 'executed', `收回日期 ${returnedOn}`);
}
