// 补录 (docs/decisions.md "A card reaches the books with a source"): once a unit's books are taken
// over, a card registered by hand that is not part of the opening balance has no approved document
// behind it. It is registered pending posting, with the reason, and reaches the books only when the
// unit's finance posts it with the date of recognition and the voucher number.
import { sql } from 'drizzle-orm';
import type { CardInput } from '../../../shared/assets.contracts.ts';
import type { PostingInput } from '../../../shared/workflow.contracts.ts';
import { unitScope, type Actor } from '../../platform/auth/actor.ts';
import { businessToday } from '../../platform/clock.ts';
import { queryOne, type Db, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { changeCard, getCardForUpdate, type CardRow } from './card.service.ts';

/** The last day of the unit's opening balance (its takeover month's end), or null: no takeover yet. */
export async function openingBalanceEnd(q: Queryable, unitId: string): Promise<string | null> {
  const b = await queryOne<{ end: string | null }>(
    q,
    sql`
    SELECT (takeover_month + interval '1 month' - interval '1 day')::date::text AS end FROM unit_books WHERE unit_id = ${unitId}`,
  );
  return b?.end ?? null;
}

/**
 * The rule itself, for callers that check many cards against one unit's books (an import): 'opening'
 * while the unit has no takeover, or for a card posted by the end of it; otherwise 'supplement'.
 */
export const kindFor = (openingEnd: string | null, postedOn: string | null | undefined): 'opening' | 'supplement' =>
  !openingEnd || (postedOn && postedOn <= openingEnd) ? 'opening' : 'supplement';

/**
 * 'opening' when the card belongs to the unit's opening balance (the unit has no takeover month yet,
 * or the card was posted by the end of it); otherwise 'supplement'.
 */
export async function registrationKind(q: Queryable, input: Pick<CardInput, 'unitId' | 'postedOn'>): Promise<'opening' | 'supplement'> {
  return kindFor(await openingBalanceEnd(q, input.unitId), input.postedOn);
}

/** 补录入账: the unit's finance posts a card registered by hand after the takeover. */
export async function postSupplement(db: Db, actor: Actor, cardId: string, input: PostingInput): Promise<CardRow> {
  return withTx(db, async (tx) => {
    const card = await getCardForUpdate(tx, cardId, unitScope(actor, 'card.post'));
    if (card.status !== 'pending_posting') throw new AppError('invalid_transition', '只有待入账的卡片可以入账');
    if (card.sourceDocumentId) throw new AppError('invalid_transition', '该卡片来自验收单，请在验收单上入账');
    if (input.postedOn > businessToday()) throw invalid({ postedOn: '入账日期不能晚于今天' });
    if (input.postedOn < card.acquiredOn) throw invalid({ postedOn: `入账日期不能早于取得日期 ${card.acquiredOn}` });
    return changeCard(tx, { userId: actor.userId }, cardId, {
      expectVersion: card.version,
      eventType: 'posted',
      note: `补录入账；凭证 ${input.voucherNo}；经办：${actor.displayName}`,
      set: { status: 'in_use', postedOn: input.postedOn, voucherNo: input.voucherNo, inUseOn: card.inUseOn ?? input.postedOn },
    });
  });
}
