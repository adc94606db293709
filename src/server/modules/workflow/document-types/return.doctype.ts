import { returnDoc as spec } from '../../../../shared/document-types/return.doctype.ts';
import { executeCards } from './card.execution.ts';
import { defineHandler, unitStep } from './doctype.ts';

export const returnDoc = defineHandler<'return'>({
  spec,
  transition: () => 'return',
  execute: executeCards({
    set: (doc, _card, to) => ({
      status: to,
      useMode: 'idle',
      custodianId: null,
      ...(doc.payload.roomId ? { roomId: doc.payload.roomId } : {}),
    }),
  }),
  chainDefaults: [unitStep('unit_admin', '单位资产管理员审批')],
});
