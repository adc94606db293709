// The execution every card document shares: lock the cards in a stable order, refuse if any moved
// on since submission or no longer fits the status machine, then change each card through assets'
// changeCard (its ledger event in the same transaction). A type supplies only what it sets.
import type { CardStatus } from '../../../../shared/assets.enums.ts';
import { CARD_STATUSES } from '../../../../shared/assets.enums.ts';
import type { DocumentType, PayloadOf } from '../../../../shared/workflow.contracts.ts';
import type { Tx } from '../../../platform/db/engine.ts';
import { AppError } from '../../../platform/errors.ts';
import { businessToday } from '../../../platform/clock.ts';
import { appendCardEvent, type CardChangeSet, type CardRow, cardTransition, changeCard, getCardForUpdate } from '../../assets/index.ts';
import type { ExecuteContext, LineRow, TypedDocument } from './doctype.ts';

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

export interface CardExecution<T extends DocumentType> {
  /** The fields the document sets on one card (`to`: the status the machine leads to). */
  set: (doc: TypedDocument<T>, card: CardRow, to: CardStatus, today: string) => CardChangeSet;
  /** Added to the timeline note (maintenance: vendor and cost). */
  noteSuffix?: (payload: PayloadOf<T>) => string;
}

/** The `execute` hook of a card document. */
export function executeCards<T extends DocumentType>(how: CardExecution<T>) {
  return async ({ tx, actor, doc, lines, note, transition }: ExecuteContext<T>): Promise<void> => {
    if (!lines.some((l) => l.cardId)) return;
    const key = transition!;
    const cards = await lockAndCheck(tx, lines, key);
    const today = businessToday();
    const text = note + (how.noteSuffix?.(doc.payload) ?? '');
    for (const line of lines) {
      const card = cards.get(line.cardId!)!;
      const t = cardTransition(key, card.status as CardStatus);
      if (!t.ok) throw new AppError('invalid_transition');
      const base = { documentId: doc.id, documentType: doc.type, note: text };
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
          set: how.set(doc, card, t.to, today),
          eventType: 'transferred_in',
        });
        continue;
      }
      await changeCard(tx, { userId: actor.userId }, card.id, {
        ...base,
        expectVersion: card.version,
        set: how.set(doc, card, t.to, today),
        eventType: t.event,
      });
    }
  };
}

/** The department, custodian and room a payload names, as card fields (only those named). */
export function placeOf(p: { departmentId?: string; custodianId?: string; roomId?: string }): CardChangeSet {
  return {
    ...(p.departmentId ? { usingDepartmentId: p.departmentId } : {}),
    ...(p.custodianId ? { custodianId: p.custodianId } : {}),
    ...(p.roomId ? { roomId: p.roomId } : {}),
  };
}
