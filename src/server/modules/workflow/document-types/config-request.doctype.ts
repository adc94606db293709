import { eq } from 'drizzle-orm';
import { configRequest as spec } from '../../../../shared/document-types/config-request.doctype.ts';
import type { DocumentLineInput } from '../../../../shared/workflow.contracts.ts';
import type { Tx } from '../../../platform/db/engine.ts';
import { invalid } from '../../../platform/errors.ts';
import { documentLines } from '../document.tables.ts';
import { checkConfigLines } from '../standard.check.ts';
import { standardLineInput } from '../standard.lines.ts';
import { defineHandler, type FieldErrors, type LineRow } from './doctype.ts';

/** Re-checks the lines on submit: over-standard lines need a reason, idle offers a declined reason. */
async function recheck(tx: Tx, unitId: string, lines: LineRow[]): Promise<boolean> {
  const inputs: DocumentLineInput[] = lines.map((l) => ({
    categoryId: l.categoryId ?? undefined,
    name: l.name ?? undefined,
    quantity: l.quantity,
    unitPriceFen: l.unitPriceFen,
    replacesCardId: (l.details as { replacesCardId?: string }).replacesCardId,
    ...standardLineInput(l.details),
  }));
  const result = await checkConfigLines(tx, unitId, inputs);
  const fields: FieldErrors = {};
  let over = false;
  for (const c of result.lines) {
    const line = lines[c.index];
    const details = line.details as { declinedIdle?: { cardId: string; reason: string }[] };
    if (c.findings.length) {
      over = true;
      if (!line.reason || line.reason.trim().length < 2)
        fields[`lines.${c.index}.reason`] = `${c.findings.map((f) => f.message).join('；')}：超标准须填写理由`;
    }
    const declined = new Set((details.declinedIdle ?? []).filter((d) => d.reason.trim()).map((d) => d.cardId));
    // An offer is answered by a reason, or by a pending pool request for it (先调剂后购置).
    const pending = c.idleOffers.filter((o) => !declined.has(o.cardId) && !o.requested);
    if (pending.length)
      fields[`lines.${c.index}.declinedIdle`] =
        `有可调剂的闲置资产（${pending.map((o) => o.cardNo).join('、')}），请先调剂或说明不调剂的理由`;
    await tx
      .update(documentLines)
      .set({ details: { ...details, standardCode: c.standardCode, findings: c.findings } })
      .where(eq(documentLines.id, line.id));
  }
  if (Object.keys(fields).length) throw invalid(fields, Object.values(fields)[0]);
  return over;
}

/**
 * 配置申请: lines are checked against the standards as typed and on submit (先调剂后购置); an
 * over-standard request takes the special step. Executed when an order takes it (procurement).
 */
export const configRequest = defineHandler<'config_request'>({
  spec,
  lineDetails: async (tx, unitId, lines) =>
    (await checkConfigLines(tx, unitId, lines)).lines.map((c) => ({ standardCode: c.standardCode, findings: c.findings })),
  submitChecks: async (tx, doc, lines) => ({ overStandard: await recheck(tx, doc.unitId, lines) }),
  execute: async () => undefined,
  chainDefaults: [
    { role: 'unit_leader', scope: 'applicant_unit', label: '单位负责人审批', condition: {} },
    { role: 'asset_office', scope: 'committee', label: '管委会资产管理处审核', condition: {} },
    { role: 'finance_bureau', scope: 'finance_bureau', label: '超标准特别审批（财政局）', condition: { overStandard: true } },
  ],
});
