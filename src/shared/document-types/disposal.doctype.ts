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
  }),
  pickable: ['in_use', 'idle', 'pending_disposal', 'missing', 'under_repair'],
});
