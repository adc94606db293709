import { z } from 'zod';
import { Fen } from '../money.ts';
import { BasePayload, defineDocumentType } from './base.ts';
import { CARD_COLUMNS } from './sheet.ts';

/** 维修: a repair by a vendor; a card under repair comes back into use. */
export const maintenance = defineDocumentType({
  code: 'maintenance',
  label: ['维修', 'Maintenance'],
  prefix: 'WX',
  lines: 'cards',
  payload: BasePayload.extend({ vendor: z.string().max(120).optional(), costFen: Fen.optional() }),
  pickable: ['in_use', 'idle', 'under_repair'],
  sheet: {
    fields: [
      { key: 'vendor', label: ['维修单位', 'Vendor'] },
      { key: 'costFen', label: ['维修费用（元）', 'Cost'], format: 'fen' },
    ],
    columns: [...CARD_COLUMNS, { key: 'custodianName', label: ['保管人', 'Custodian'] }, { key: 'reason', label: ['故障说明', 'Fault'] }],
  },
});
