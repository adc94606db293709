import { maintenance as spec } from '../../../../shared/document-types/maintenance.doctype.ts';
import { fenToYuan } from '../../../../shared/money.ts';
import { executeCards } from './card.execution.ts';
import { defineHandler, type FieldErrors, unitStep } from './doctype.ts';

/** 维修: a card under repair comes back into use; the vendor and cost go on its timeline. */
export const maintenance = defineHandler<'maintenance'>({
  spec,
  transition: () => 'maintenance',
  checks: ({ payload: p }): FieldErrors => (p.vendor ? {} : { 'payload.vendor': '请填写维修单位' }),
  execute: executeCards({
    set: (_doc, card) => (card.status === 'under_repair' ? { status: 'in_use' } : {}),
    noteSuffix: (p) => `；维修单位：${p.vendor ?? ''}${p.costFen !== undefined ? `，费用 ${fenToYuan(p.costFen)} 元` : ''}`,
  }),
  chainDefaults: [unitStep('unit_admin', '单位资产管理员确认')],
});
