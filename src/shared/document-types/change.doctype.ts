import { z } from 'zod';
import { Fen } from '../money.ts';
import { BasePayload, defineDocumentType, PlaceFields } from './base.ts';

export const CHANGE_KINDS = {
  handover: ['保管人/存放地点变更', 'Custodian / room'],
  revaluation: ['价值变动', 'Revaluation'],
  useful_life: ['使用年限变动', 'Useful life'],
} as const;
export type ChangeKind = keyof typeof CHANGE_KINDS;

/** 变动: a handover (custodian, room), a revaluation or a new useful life. */
export const change = defineDocumentType({
  code: 'change',
  label: ['变动', 'Change'],
  prefix: 'BD',
  lines: 'cards',
  payload: BasePayload.extend({
    ...PlaceFields,
    changeKind: z.enum(['handover', 'revaluation', 'useful_life']).optional(),
    newValueFen: Fen.optional(),
    newUsefulLifeMonths: z.number().int().min(1).max(1200).optional(),
  }),
  pickable: ['in_use', 'idle', 'under_repair'],
});
