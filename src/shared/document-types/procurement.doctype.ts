import { z } from 'zod';
import { BasePayload, defineDocumentType } from './base.ts';

/** 统一采购: the committee's order bundling approved request lines of several units. */
export const procurement = defineDocumentType({
  code: 'procurement',
  label: ['采购', 'Procurement'],
  prefix: 'CG',
  lines: 'categories',
  draftPermission: 'procurement.write',
  payload: BasePayload.extend({ supplier: z.string().max(120).optional(), contractNo: z.string().max(60).optional() }),
});
