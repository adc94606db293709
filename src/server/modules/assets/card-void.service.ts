import type { Actor } from '../../platform/auth/actor.ts';
import { unitScope } from '../../platform/auth/actor.ts';
import type { Db } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError } from '../../platform/errors.ts';
import { changeCard, getCardForUpdate, type CardRow } from './card.service.ts';

/**
 * 作废: a card registered by mistake and not yet posted leaves the books it never entered. The row,
 * its number and its ledger stay (numbers are never reused and the chain is append-only); its
 * status says voided, and a 'voided' event records who and why. A posted card leaves the books
 * only through a disposal document.
 */
export async function voidCard(db: Db, actor: Actor, cardId: string, reason: string): Promise<CardRow> {
  return withTx(db, async (tx) => {
    const card = await getCardForUpdate(tx, cardId, unitScope(actor, 'card.write'));
    if (card.status !== 'pending_posting' || card.postedOn)
      throw new AppError('invalid_transition', '只有尚未入账的卡片可以作废；已入账的资产请走处置单据');
    if (card.sourceDocumentId) throw new AppError('invalid_transition', '该卡片来自验收单，请在验收单上处理');
    return changeCard(tx, { userId: actor.userId }, cardId, {
      expectVersion: card.version,
      eventType: 'voided',
      note: `作废：${reason}`,
      set: { status: 'voided' },
    });
  });
}
