import { change as spec } from '../../../../shared/document-types/change.doctype.ts';
import { executeCards, placeOf } from './card.execution.ts';
import { defineHandler, type FieldErrors, unitStep } from './doctype.ts';

/** 变动: a handover, a revaluation or a new useful life; the two financial kinds take the finance step. */
export const change = defineHandler<'change'>({
  spec,
  transition: (p) => `change:${p.changeKind ?? 'handover'}`,
  checks: ({ payload: p }) => {
    const f: FieldErrors = {};
    const k = p.changeKind ?? 'handover';
    if (k === 'revaluation' && p.newValueFen === undefined) f['payload.newValueFen'] = '请填写变动后原值';
    if (k === 'useful_life' && !p.newUsefulLifeMonths) f['payload.newUsefulLifeMonths'] = '请填写变动后使用年限';
    return f;
  },
  submitChecks: async (_tx, doc) => ({
    financial: doc.payload.changeKind === 'revaluation' || doc.payload.changeKind === 'useful_life',
  }),
  execute: executeCards({
    set: ({ payload: p }) => {
      if (p.changeKind === 'revaluation') return { originalValueFen: p.newValueFen };
      if (p.changeKind === 'useful_life') return { usefulLifeMonths: p.newUsefulLifeMonths };
      return placeOf(p);
    },
  }),
  chainDefaults: [unitStep('unit_admin', '单位资产管理员审批'), unitStep('unit_finance', '单位财务复核', { financial: true })],
});
