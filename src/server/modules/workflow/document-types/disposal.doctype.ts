import { sql } from 'drizzle-orm';
import { disposal as spec } from '../../../../shared/document-types/disposal.doctype.ts';
import { fenToYuan } from '../../../../shared/money.ts';
import { businessDate } from '../../../platform/clock.ts';
import { query, type Tx } from '../../../platform/db/engine.ts';
import { invalid } from '../../../platform/errors.ts';
import { checkEarlyDisposal, disposalPayloadFields } from '../disposal.rules.ts';
import { payloadFen } from '../payload.fen.ts';
import { executeCards } from './card.execution.ts';
import { defineHandler, type FieldErrors } from './doctype.ts';

/** Scrap only after the minimum life, unless an appraisal is attached (art. 21). */
async function checkScrap(tx: Tx, appraisal: string | undefined, cardIds: string[]): Promise<void> {
  if (appraisal?.trim() || !cardIds.length) return;
  const early = await query<{ card_no: string; due: string }>(
    tx,
    sql`
    SELECT card_no, (acquired_on + make_interval(months => useful_life_months))::date::text AS due FROM cards
    WHERE id IN (${sql.join(
      cardIds.map((i) => sql`${i}`),
      sql`, `,
    )}) AND useful_life_months > 0
      AND (acquired_on + make_interval(months => useful_life_months))::date > ${businessDate()}`,
  );
  if (early.length) {
    throw invalid({
      'payload.appraisal': `未满最低使用年限：${early.map((e) => `${e.card_no}（${e.due} 满）`).join('、')}；报废须附技术鉴定意见`,
    });
  }
}

/** 处置: the cards leave the books (disposed); the chain rises with the amount (docs/domain.md §4). */
export const disposal = defineHandler<'disposal'>({
  spec,
  transition: () => 'disposal',
  checks: ({ payload: p }): FieldErrors => (p.disposalMethod ? disposalPayloadFields(p) : { 'payload.disposalMethod': '请选择处置方式' }),
  submitChecks: async (tx, doc, lines) => {
    if (doc.payload.disposalMethod === 'scrap')
      await checkScrap(
        tx,
        doc.payload.appraisal,
        lines.map((l) => l.cardId).filter((x): x is string => !!x),
      );
    // A sale's buyer and price, and the ground of an early sale, donation or swap (disposal.rules.ts).
    await checkEarlyDisposal(
      tx,
      doc.payload,
      lines.map((l) => l.cardId).filter((x): x is string => !!x),
    );
    return undefined;
  },
  // 处置收入 (art. 25): the income given, else a sale's price; the kind follows the method.
  income: {
    source: 'disposal',
    amountSql: () =>
      sql`coalesce(${payloadFen('incomeFen')}, CASE WHEN d.payload->>'disposalMethod' = 'sale' THEN ${payloadFen('priceFen')} END)`,
    kindSql: () => sql`CASE d.payload->>'disposalMethod' WHEN 'sale' THEN '出售收入' WHEN 'scrap' THEN '报废残值收入'
      WHEN 'swap' THEN '置换差价收入' ELSE '处置收入' END`,
    counterpartySql: () => sql`d.payload->>'buyer'`,
  },
  execute: executeCards({
    set: (doc, _card, to, today) => ({ status: to, disposedOn: today, disposalMethod: doc.payload.disposalMethod ?? null }),
    noteSuffix: (p) => (p.incomeFen ? `；处置收入 ${fenToYuan(p.incomeFen)} 元（上缴国库）` : ''),
  }),
  chainDefaults: [
    { role: 'unit_leader', scope: 'applicant_unit', label: '单位负责人审批', condition: {} },
    {
      role: 'asset_office',
      scope: 'committee',
      label: '管委会审批（单价≥10万元或批量≥20万元）',
      condition: { minItemFen: 10_000_000, minBatchFen: 20_000_000 },
    },
    {
      role: 'finance_bureau',
      scope: 'finance_bureau',
      label: '财政局审批（≥100万元）',
      condition: { minItemFen: 100_000_000, minBatchFen: 100_000_000 },
    },
  ],
});
