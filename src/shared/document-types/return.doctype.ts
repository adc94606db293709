import { z } from 'zod';
import { BasePayload, defineDocumentType } from './base.ts';
import { CARD_COLUMNS } from './sheet.ts';

/** 退库: a card in use comes back idle, optionally to a store room. */
export const returnDoc = defineDocumentType({
  code: 'return',
  label: ['退库', 'Return'],
  prefix: 'TK',
  lines: 'cards',
  payload: BasePayload.extend({ roomId: z.uuid().optional() }),
  pickable: ['in_use'],
  sheet: {
    fields: [{ key: 'roomName', label: ['退回地点', 'Back to'] }],
    columns: [...CARD_COLUMNS, { key: 'fromPlace', label: ['原使用部门/保管人/地点', 'From'] }],
  },
});
