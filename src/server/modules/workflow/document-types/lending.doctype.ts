import { eq, sql } from 'drizzle-orm';
import type { CardStatus } from '../../../../shared/assets.enums.ts';
import { lending as spec } from '../../../../shared/document-types/lending.doctype.ts';
import type { PayloadOf } from '../../../../shared/workflow.contracts.ts';
import type { Actor } from '../../../platform/auth/actor.ts';
import { businessDate } from '../../../platform/clock.ts';
import type { Queryable, Tx } from '../../../platform/db/engine.ts';
import { withTx } from '../../../platform/db/tx.ts';
import { AppError } from '../../../platform/errors.ts';
import { cardTransition, changeCard, getCardForUpdate } from '../../assets/index.ts';
import { addEvent, type DocumentRow, loadDocument, requireUnit, setStatus } from '../document.store.ts';
import { documentLines } from '../document.tables.ts';
import { payloadFen } from '../payload.fen.ts';
import { executeCards } from './card.execution.ts';
import { defineHandler, type FieldErrors } from './doctype.ts';

/** 出借/出租: out for a period, then brought back by 收回 (returnLending below). */
export const lending = defineHandler<'lending'>({
  spec,
  transition: (p) => `lending:${p.mode ?? 'lent'}`,
  checks: ({ payload: p }) => {
    const f: FieldErrors = {};
    if (!p.mode) f['payload.mode'] = '请选择出借或出租';
    if (!p.counterparty) f['payload.counterparty'] = '请填写对方单位';
    if (!p.periodFrom || !p.periodTo) f['payload.periodTo'] = '请填写期限';
    else if (p.periodTo < p.periodFrom) f['payload.periodTo'] = '结束日期早于开始日期';
    return f;
  },
  execute: executeCards({
    set: (doc, _card, to) => ({
      status: to,
      useMode: doc.payload.mode === 'rented' ? 'rented' : 'lent',
      counterparty: doc.payload.counterparty ?? null,
    }),
  }),
  // 出租/出借收入 (art. 25): the fee recorded on the document.
  income: {
    source: 'lending',
    amountSql: () => payloadFen('incomeFen'),
    kindSql: () => sql`CASE WHEN d.payload->>'mode' = 'rented' THEN '出租收入' ELSE '出借收入' END`,
    counterpartySql: () => sql`d.payload->>'counterparty'`,
  },
  followUps: (doc, _actor, may) => ({ returnLending: doc.status === 'executed' && !doc.payload.returnedOn && may.execute }),
  // gw_date_or_null: a stored impossible date reads as no date, so a bad row never breaks a list.
  overdueSql: () => sql`d.status = 'executed' AND d.payload->>'returnedOn' IS NULL
    AND gw_date_or_null(d.payload->>'periodTo') < ${businessDate()}`,
  chainDefaults: [
    { role: 'unit_leader', scope: 'applicant_unit', label: '单位负责人审批', condition: {} },
    {
      role: 'asset_office',
      scope: 'committee',
      label: '管委会资产管理处审批',
      condition: { minItemFen: 10_000_000, minBatchFen: 20_000_000 },
    },
  ],
});

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
  const p = doc.payload as PayloadOf<'lending'>;
  if (doc.type !== 'lending' || doc.status !== 'executed' || p.returnedOn)
    throw new AppError('invalid_transition', '只有已执行且未收回的出借/出租单可以收回');
  const lines = await tx.select().from(documentLines).where(eq(documentLines.documentId, doc.id));
  const note = `${spec.label[0]} ${doc.docNo} 收回；经办：${actor.displayName}`;
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
