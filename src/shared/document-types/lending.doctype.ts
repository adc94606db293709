import { z } from 'zod';
import { IsoDate } from '../dates.ts';
import { Fen } from '../money.ts';
import { BasePayload, defineDocumentType } from './base.ts';

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
});
