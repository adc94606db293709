import { BasePayload, defineDocumentType, PlaceFields } from './base.ts';
import { CARD_COLUMNS, PLACE_FIELDS, VALUE_COLUMNS } from './sheet.ts';

/** 调拨: within the unit (a new place) or to another unit (the receiving side's place). */
export const transfer = defineDocumentType({
  code: 'transfer',
  label: ['调拨', 'Transfer'],
  prefix: 'DB',
  lines: 'cards',
  payload: BasePayload.extend(PlaceFields),
  pickable: ['in_use', 'idle'],
  counterpart: true,
  // From where to where: each card's place before, and the receiving unit and place.
  sheet: {
    fields: [{ key: 'counterpartUnitName', label: ['调入单位', 'Receiving unit'] }, ...PLACE_FIELDS],
    columns: [
      ...CARD_COLUMNS,
      { key: 'fromPlace', label: ['调出（原使用部门/保管人/地点）', 'From'] },
      { key: 'toPlace', label: ['调入（使用部门/保管人/地点）', 'To'] },
      ...VALUE_COLUMNS,
    ],
  },
});
