import { requisition as spec } from '../../../../shared/document-types/requisition.doctype.ts';
import { executeCards, placeOf } from './card.execution.ts';
import { defineHandler, unitStep } from './doctype.ts';

export const requisition = defineHandler<'requisition'>({
  spec,
  transition: () => 'requisition',
  execute: executeCards({
    set: (doc, card, to, today) => ({ status: to, useMode: 'self_use', inUseOn: card.inUseOn ?? today, ...placeOf(doc.payload) }),
  }),
  chainDefaults: [unitStep('unit_admin', '单位资产管理员审批')],
});
