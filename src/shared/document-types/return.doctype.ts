import { z } from 'zod';
import { BasePayload, defineDocumentType } from './base.ts';

/** 退库: a card in use comes back idle, optionally to a store room. */
export const returnDoc = defineDocumentType({
  code: 'return',
  label: ['退库', 'Return'],
  prefix: 'TK',
  lines: 'cards',
  payload: BasePayload.extend({ roomId: z.uuid().optional() }),
  pickable: ['in_use'],
});
