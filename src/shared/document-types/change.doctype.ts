import { z } from 'zod';
import { Fen } from '../money.ts';
import { BasePayload, defineDocumentType, PlaceFields } from './base.ts';
import { CARD_COLUMNS, PLACE_FIELDS, VALUE_COLUMNS } from './sheet.ts';

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
  sheet: {
    fields: [
      { key: 'changeKind', label: ['变动类型', 'Kind'], format: CHANGE_KINDS },
      ...PLACE_FIELDS,
      { key: 'newValueFen', label: ['变动后价值（元）', 'New value'], format: 'fen' },
      { key: 'newUsefulLifeMonths', label: ['变动后使用年限（月）', 'New life (months)'] },
    ],
    columns: [...CARD_COLUMNS, { key: 'fromPlace', label: ['原使用部门/保管人/地点', 'From'] }, ...VALUE_COLUMNS],
  },
});
