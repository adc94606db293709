// The gates of a disposal (docs/domain.md §4; regulation arts. 21, 25): a sale names its buyer
// (受让方), its price and how the price was set (资产评估 or 公开交易); a sale, donation or swap of an
// asset before its minimum life needs a stated ground (scrapping needs a technical appraisal: see
// checkScrap). Refusals name the field in Chinese; nothing is written.
import { sql } from 'drizzle-orm';
import type { PayloadOf } from '../../../shared/workflow.contracts.ts';
import { businessDate } from '../../platform/clock.ts';
import { query, type Tx } from '../../platform/db/engine.ts';
import { invalid } from '../../platform/errors.ts';

/** Methods for which an early disposal needs a ground (scrap has its own rule: the appraisal). */
const EARLY_GROUND_METHODS = new Set(['sale', 'donation', 'swap']);

/** The sale's own fields, checked when the document is written. */
export function disposalPayloadFields(p: PayloadOf<'disposal'>): Record<string, string> {
  const f: Record<string, string> = {};
  if (p.disposalMethod !== 'sale') return f;
  if (!p.buyer?.trim()) f['payload.buyer'] = '出售须填写受让方';
  if (p.priceFen === undefined) f['payload.priceFen'] = '出售须填写成交价格';
  if (!p.pricingBasis) f['payload.pricingBasis'] = '出售须写明定价方式（资产评估或公开交易）';
  // The income turned over is the price less the taxes and fees allowed (财行〔2009〕400号), never more.
  if (p.incomeFen !== undefined && p.priceFen !== undefined && p.incomeFen > p.priceFen)
    f['payload.incomeFen'] = '处置收入不能超过成交价格';
  return f;
}

/** On submit: a sale, donation or swap of a card before its minimum life needs the ground stated. */
export async function checkEarlyDisposal(tx: Tx, p: PayloadOf<'disposal'>, cardIds: string[]): Promise<void> {
  const fields = disposalPayloadFields(p);
  if (Object.keys(fields).length) throw invalid(fields, Object.values(fields)[0]);
  if (!p.disposalMethod || !EARLY_GROUND_METHODS.has(p.disposalMethod) || p.earlyGround?.trim() || !cardIds.length) return;
  const early = await query<{ card_no: string; due: string }>(
    tx,
    sql`
    SELECT card_no, (acquired_on + make_interval(months => useful_life_months))::date::text AS due FROM cards
    WHERE id IN (${sql.join(
      cardIds.map((i) => sql`${i}`),
      sql`, `,
    )}) AND useful_life_months > 0
      AND (acquired_on + make_interval(months => useful_life_months))::date > ${businessDate()}
    ORDER BY card_no`,
  );
  if (early.length) {
    const message = `未满最低使用年限：${early.map((e) => `${e.card_no}（${e.due} 满）`).join('、')}；提前处置须说明理由`;
    throw invalid({ 'payload.earlyGround': message }, message);
  }
}
