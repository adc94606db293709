import { BasePayload, defineDocumentType, PlaceFields } from './base.ts';

/** 调拨: within the unit (a new place) or to another unit (the receiving side's place). */
export const transfer = defineDocumentType({
  code: 'transfer',
  label: ['调拨', 'Transfer'],
  prefix: 'DB',
  lines: 'cards',
  payload: BasePayload.extend(PlaceFields),
  pickable: ['in_use', 'idle'],
  counterpart: true,
});
