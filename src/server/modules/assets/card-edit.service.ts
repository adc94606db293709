import { sql } from 'drizzle-orm';
import type { CardInput, CardPatch } from '../../../shared/assets.contracts.ts';
import { unitScope, type Actor } from '../../platform/auth/actor.ts';
import { queryOne, type Db } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { changeCard, getCardForUpdate, registerCard, type CardChangeSet, type CardRow } from './card.service.ts';
import { registrationKind } from './card-supplement.service.ts';
import { checkAttributes } from './card.rules.ts';
import { heldCardSql } from './card-status.rules.ts';
import { standardAckNote } from '../standards/index.ts';

/** POST /api/cards: a person hand-adds an existing asset (opening registration) in a unit they write for. */
export async function createCardByUser(db: Db, actor: Actor, input: CardInput): Promise<CardRow> {
  const scope = unitScope(actor, 'card.write');
  if (scope !== 'all' && !scope.includes(input.unitId)) throw invalid({ unitId: '无权在该单位登记资产' });
  return withTx(db, async (tx) => {
    const { standardAck: _ack, ...card } = input;
    const kind = await registrationKind(tx, input);
    // Beyond a quota is asked of a 补录 (an acquisition with no document behind it), as at acceptance; not
    // of the opening balance, which records what the unit held at the takeover (docs/decisions.md).
    const over = await standardAckNote(tx, input, kind === 'supplement' ? heldCardSql() : null);
    if (kind === 'opening')
      return registerCard(tx, { userId: actor.userId }, card, { eventType: 'opening_registration', ...(over ? { note: over } : {}) });
    // After the takeover, a card without an approved document behind it is a 补录: pending until finance posts it.
    const reason = input.supplementReason?.trim();
    if (!reason) throw invalid({ supplementReason: '账套接管后手工登记的卡片是补录：请写明补录理由，由单位财务审核入账' });
    return registerCard(
      tx,
      { userId: actor.userId },
      { ...card, status: 'pending_posting', postedOn: null },
      {
        eventType: 'opening_registration',
        note: `补录（待财务审核入账）：${reason}${input.postedOn ? `；申报入账日期 ${input.postedOn}` : ''}${over ? `；${over}` : ''}`,
      },
    );
  });
}

/**
 * PATCH /api/cards/:id: descriptive fields only (value, status, ownership and custody change
 * through documents). The version guards against lost updates; one 'edited' event lists the changes.
 */
export async function editCardByUser(db: Db, actor: Actor, cardId: string, patch: CardPatch): Promise<CardRow> {
  return withTx(db, async (tx) => {
    const row = await getCardForUpdate(tx, cardId, unitScope(actor, 'card.write'));
    if (row.version !== patch.expectVersion) throw new AppError('stale');
    if (row.status === 'disposed') throw new AppError('invalid_transition', '已处置的卡片不能修改');
    if (row.status === 'voided') throw new AppError('invalid_transition', '已作废的卡片不能修改');
    const { expectVersion, note, ...fields } = patch;
    const set: CardChangeSet = {};
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) (set as Record<string, unknown>)[k] = v;
    if (set.warrantyUntil && set.warrantyUntil < row.acquiredOn) throw invalid({ warrantyUntil: '保修截止日期不能早于取得日期' });
    if (set.inUseOn && set.inUseOn < row.acquiredOn) throw invalid({ inUseOn: '投入使用日期不能早于取得日期' });
    if (set.valueType && row.valueType === 'nominal')
      throw invalid({ valueType: '以名义金额计量的资产不能直接改为其他价值类型，请通过价值变动单据' });
    if (set.attributes) {
      const cat = await queryOne<{ attribute_set: string }>(tx, sql`SELECT attribute_set FROM categories WHERE id = ${row.categoryId}`);
      const fieldErrors: Record<string, string> = {};
      checkAttributes(cat?.attribute_set ?? 'none', set.attributes as Record<string, unknown>, fieldErrors);
      if (Object.keys(fieldErrors).length) throw invalid(fieldErrors);
    }
    return changeCard(tx, { userId: actor.userId }, cardId, { expectVersion, set, eventType: 'edited', note, eventWhenUnchanged: false });
  });
}
