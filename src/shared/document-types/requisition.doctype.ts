import { BasePayload, defineDocumentType, PlaceFields } from './base.ts';
import { CARD_COLUMNS, PLACE_FIELDS } from './sheet.ts';

/** 领用: an idle card goes into use with a department, custodian and room. */
export const requisition = defineDocumentType({
  code: 'requisition',
  label: ['领用', 'Requisition'],
  prefix: 'LY',
  lines: 'cards',
  payload: BasePayload.extend(PlaceFields),
  pickable: ['idle'],
  // The receiver and the place (docs/domain.md §4).
  sheet: {
    fields: PLACE_FIELDS,
    columns: [...CARD_COLUMNS, { key: 'originalValueFen', label: ['原值（元）', 'Original value'], format: 'fen' }],
  },
});
