import { z } from 'zod';
import { IsoDate } from '../dates.ts';
import { BasePayload, defineDocumentType } from './base.ts';
import { CATEGORY_COLUMNS } from './sheet.ts';

/** 验收入账: a unit accepts delivered lines (cards to post), then its finance posts them (postedOn, voucherNo). */
export const acceptance = defineDocumentType({
  code: 'acceptance',
  label: ['验收入账', 'Acceptance'],
  prefix: 'YS',
  lines: 'categories',
  payload: BasePayload.extend({
    orderId: z.uuid().optional(),
    acceptedOn: IsoDate.optional(),
    supplier: z.string().max(120).optional(),
    /** How the cards were acquired; 'surplus' registers what a count found off the books (盘盈). */
    acquisitionMethod: z.enum(['purchase', 'surplus']).optional(),
  }),
  sheet: {
    fields: [
      { key: 'acceptedOn', label: ['验收日期', 'Accepted on'], format: 'date' },
      { key: 'supplier', label: ['供应商', 'Supplier'] },
      {
        key: 'acquisitionMethod',
        label: ['取得方式', 'Acquisition'],
        format: { purchase: ['购置', 'Purchase'], surplus: ['盘盈', 'Surplus'] },
      },
    ],
    columns: CATEGORY_COLUMNS,
  },
});
