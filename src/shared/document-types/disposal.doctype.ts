import { z } from 'zod';
import { Fen } from '../money.ts';
import { DISPOSAL_METHODS } from '../assets.enums.ts';
import { BasePayload, defineDocumentType } from './base.ts';
import { CARD_COLUMNS, VALUE_COLUMNS } from './sheet.ts';

/** How a sale's price was set. */
export const PRICING_BASES = { appraisal: ['资产评估', 'Appraisal'], public_trading: ['公开交易', 'Public trading'] } as const;

/** 处置: scrap, sale, transfer out, donation, swap or loss write-off. */
export const disposal = defineDocumentType({
  code: 'disposal',
  label: ['处置', 'Disposal'],
  prefix: 'CZ',
  lines: 'cards',
  payload: BasePayload.extend({
    disposalMethod: z.enum(['scrap', 'sale', 'transfer_out', 'donation', 'swap', 'write_off']).optional(),
    appraisal: z.string().max(300).optional(),
    incomeFen: Fen.optional(),
    /** Sale (出售/转让): the buyer (受让方), the price and how it was set (docs/domain.md §4, art. 25). */
    buyer: z.string().trim().max(120).optional(),
    priceFen: Fen.optional(),
    pricingBasis: z.enum(['appraisal', 'public_trading']).optional(),
    /** Sale, donation or swap before the minimum life: the stated ground (art. 21). */
    earlyGround: z.string().trim().max(500).optional(),
  }),
  pickable: ['in_use', 'idle', 'pending_disposal', 'missing', 'under_repair'],
  // The approver decides on the method, the appraisal, each card's value and age (docs/domain.md §4).
  sheet: {
    fields: [
      { key: 'disposalMethod', label: ['处置方式', 'Method'], format: DISPOSAL_METHODS },
      { key: 'appraisal', label: ['鉴定意见', 'Appraisal opinion'] },
      { key: 'buyer', label: ['受让方', 'Buyer'] },
      { key: 'priceFen', label: ['成交价格（元）', 'Price'], format: 'fen' },
      { key: 'pricingBasis', label: ['定价方式', 'Pricing basis'], format: PRICING_BASES },
      { key: 'incomeFen', label: ['处置收入（元，上缴国库）', 'Income (to the treasury)'], format: 'fen' },
      { key: 'earlyGround', label: ['提前处置理由', 'Early disposal ground'] },
    ],
    columns: [
      ...CARD_COLUMNS,
      { key: 'postedOn', label: ['入账日期', 'Posted'], format: 'date' },
      { key: 'ageMonths', label: ['已使用', 'Age'], format: 'age' },
      ...VALUE_COLUMNS,
    ],
  },
});
