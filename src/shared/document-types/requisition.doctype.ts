import { BasePayload, defineDocumentType, PlaceFields } from './base.ts';

/** 领用: an idle card goes into use with a department, custodian and room. */
export const requisition = defineDocumentType({
  code: 'requisition',
  label: ['领用', 'Requisition'],
  prefix: 'LY',
  lines: 'cards',
  payload: BasePayload.extend(PlaceFields),
  pickable: ['idle'],
});
