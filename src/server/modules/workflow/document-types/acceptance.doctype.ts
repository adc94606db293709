import { acceptance as spec } from '../../../../shared/document-types/acceptance.doctype.ts';
import { acceptanceStandardNotes } from '../acceptance.standard.ts';
import { executeAcceptance } from '../procurement.service.ts';
import { defineHandler } from './doctype.ts';

/** 验收入账: executing creates the cards (待入账); the unit's finance posts them (postAcceptance). */
export const acceptance = defineHandler<'acceptance'>({
  spec,
  // A line over a standard's cap needs an acknowledgement with a reason (asked again on execution).
  lineDetails: async (tx, unitId, lines) => {
    await acceptanceStandardNotes(tx, unitId, lines);
    return [];
  },
  execute: ({ tx, actor, doc, lines, note }) => executeAcceptance(tx, actor, doc, lines, note),
  followUps: (doc, actor) => ({
    post:
      doc.status === 'executed' &&
      !(doc.payload as { postedOn?: string }).postedOn &&
      actor.grants.some((g) => g.role === 'asset_office' || (g.role === 'unit_finance' && g.unitId === doc.unitId)),
  }),
  chainDefaults: [],
});
