import { z } from 'zod';
import { Fen } from '../money.ts';
import { BasePayload, defineDocumentType } from './base.ts';

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
});
