import { transfer as spec } from '../../../../shared/document-types/transfer.doctype.ts';
import { executeCards, placeOf } from './card.execution.ts';
import { defineHandler } from './doctype.ts';

/** 调拨: within the unit a new place; to another unit, ownership and the receiving side's place. */
export const transfer = defineHandler<'transfer'>({
  spec,
  transition: (_p, crossUnit) => (crossUnit ? 'transfer:cross_unit' : 'transfer:internal'),
  execute: executeCards({
    set: (doc, _card, to) => {
      const p = doc.payload;
      if (doc.counterpartUnitId && doc.counterpartUnitId !== doc.unitId) {
        // Value and accumulated depreciation travel with the card: only ownership and place change.
        const u = doc.counterpartUnitId;
        // The receiving side's department, custodian and room (checked to be the receiving unit's).
        return {
          status: to,
          unitId: u,
          managingUnitId: u,
          usingUnitId: u,
          usingDepartmentId: p.departmentId ?? null,
          custodianId: p.custodianId ?? null,
          roomId: p.roomId ?? null,
          useMode: 'idle',
        };
      }
      return { status: to, ...placeOf(p) };
    },
  }),
  chainDefaults: [
    { role: 'unit_leader', scope: 'applicant_unit', label: '调出单位负责人审批', condition: {} },
    { role: 'unit_leader', scope: 'counterpart_unit', label: '调入单位负责人审批', condition: { crossUnit: true } },
    { role: 'asset_office', scope: 'committee', label: '管委会资产管理处审批', condition: { crossUnit: true } },
  ],
});
