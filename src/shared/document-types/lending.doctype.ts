import { z } from 'zod';
import { IsoDate } from '../dates.ts';
import { Fen } from '../money.ts';
import { BasePayload, defineDocumentType } from './base.ts';
import { CARD_COLUMNS, VALUE_COLUMNS } from './sheet.ts';

/** 出借/出租: cards lent or rented out for a period; brought back by 收回 (returnedOn). */
export const lending = defineDocumentType({
  code: 'lending',
  label: ['出借/出租', 'Lending / rental'],
  prefix: 'JC',
  lines: 'cards',
  payload: BasePayload.extend({
    mode: z.enum(['lent', 'rented']).optional(),
    counterparty: z.string().max(120).optional(),
    periodFrom: IsoDate.optional(),
    periodTo: IsoDate.optional(),
    incomeFen: Fen.optional(),
    returnedOn: IsoDate.optional(),
  }),
  pickable: ['in_use', 'idle'],
  sheet: {
    fields: [
      { key: 'mode', label: ['方式', 'Mode'], format: { lent: ['出借', 'Lent'], rented: ['出租', 'Rented'] } },
      { key: 'counterparty', label: ['对方单位', 'Counterparty'] },
      { key: 'periodFrom', label: ['期限自', 'From'], format: 'date' },
      { key: 'periodTo', label: ['期限至', 'To'], format: 'date' },
      { key: 'incomeFen', label: ['租金/出借收入（元，上缴国库）', 'Income (to the treasury)'], format: 'fen' },
    ],
    columns: [...CARD_COLUMNS, ...VALUE_COLUMNS],
  },
});
