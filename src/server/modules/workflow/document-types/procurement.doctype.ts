import { sql } from 'drizzle-orm';
import { procurement as spec } from '../../../../shared/document-types/procurement.doctype.ts';
import { query } from '../../../platform/db/engine.ts';
import { executeProcurement } from '../procurement.service.ts';
import { defineHandler, type FieldErrors } from './doctype.ts';

/** 统一采购: the committee's order; executing it closes the requests it fulfils. No approval chain by default. */
export const procurement = defineHandler<'procurement'>({
  spec,
  draft: {
    refusal: '统一采购由管委会办理',
    // Orders are the committee's own documents: they default to the committee's unit.
    defaultUnit: async (q, actor) =>
      actor.unitId
        ? undefined
        : (await query<{ id: string }>(q, sql`SELECT id FROM units WHERE kind = 'committee' ORDER BY sort, code LIMIT 1`))[0]?.id,
  },
  checks: ({ payload: p }): FieldErrors => (p.supplier ? {} : { 'payload.supplier': '请填写供应商' }),
  execute: ({ tx, actor, doc, lines }) => executeProcurement(tx, actor, doc, lines),
  chainDefaults: [],
});
