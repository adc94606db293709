import { z } from 'zod';
import { BasePayload, defineDocumentType } from './base.ts';
import { CATEGORY_COLUMNS } from './sheet.ts';

/** 统一采购: the committee's order bundling approved request lines of several units. */
export const procurement = defineDocumentType({
  code: 'procurement',
  label: ['采购', 'Procurement'],
  prefix: 'CG',
  lines: 'categories',
  draftPermission: 'procurement.write',
  payload: BasePayload.extend({ supplier: z.string().max(120).optional(), contractNo: z.string().max(60).optional() }),
  sheet: {
    fields: [
      { key: 'supplier', label: ['供应商', 'Supplier'] },
      { key: 'contractNo', label: ['合同编号', 'Contract no.'] },
    ],
    columns: CATEGORY_COLUMNS,
  },
});
