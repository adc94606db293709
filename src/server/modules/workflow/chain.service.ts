// Approval chains (configuration): the committee edits them. (The standards: modules/standards.)
import { asc, eq, sql } from 'drizzle-orm';
import type { Chain, ChainStepInput, DocumentType } from '../../../shared/workflow.contracts.ts';
import { DOCUMENT_TYPES, documentTypeSpec } from '../../../shared/workflow.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { invalid } from '../../platform/errors.ts';
import { approvalChainSteps, approvalChains } from './chain.tables.ts';

export async function listChains(q: Queryable): Promise<Chain[]> {
  const heads = await query<{ document_type: string; updated_at: Date | null; name: string | null }>(
    q,
    sql`
    SELECT c.document_type, c.updated_at, u.display_name AS name FROM approval_chains c LEFT JOIN users u ON u.id = c.updated_by`,
  );
  const steps = await q.select().from(approvalChainSteps).orderBy(asc(approvalChainSteps.documentType), asc(approvalChainSteps.stepNo));
  return (Object.keys(DOCUMENT_TYPES) as DocumentType[]).map((type) => {
    const h = heads.find((x) => x.document_type === type);
    return {
      documentType: type,
      updatedAt: h?.updated_at ? new Date(h.updated_at).toISOString() : null,
      updatedByName: h?.name ?? null,
      steps: steps
        .filter((s) => s.documentType === type)
        .map((s) => ({
          stepNo: s.stepNo,
          role: s.role as ChainStepInput['role'],
          scope: s.scope as ChainStepInput['scope'],
          label: s.label,
          condition: s.condition as ChainStepInput['condition'],
          allowCosign: s.allowCosign,
        })),
    };
  });
}

/** Replaces a type's chain. Documents already submitted keep the chain they were given. */
export async function saveChain(q: Queryable, actor: Actor, type: DocumentType, steps: ChainStepInput[]): Promise<void> {
  const fields: Record<string, string> = {};
  steps.forEach((s, i) => {
    if (s.scope === 'counterpart_unit' && !documentTypeSpec(type).counterpart) fields[`steps.${i}.scope`] = '只有调拨单有调入单位';
    if ((s.scope === 'committee' && s.role !== 'asset_office') || (s.scope === 'finance_bureau' && s.role !== 'finance_bureau'))
      fields[`steps.${i}.role`] = '角色与审批层级不符';
    if ((s.scope === 'applicant_unit' || s.scope === 'counterpart_unit') && !s.role.startsWith('unit_'))
      fields[`steps.${i}.role`] = '单位层级须选择单位角色';
  });
  if (Object.keys(fields).length) throw invalid(fields);
  await withTx(q, async (tx) => {
    await tx
      .insert(approvalChains)
      .values({ documentType: type, updatedAt: new Date(), updatedBy: actor.userId })
      .onConflictDoUpdate({ target: approvalChains.documentType, set: { updatedAt: new Date(), updatedBy: actor.userId } });
    await tx.delete(approvalChainSteps).where(eq(approvalChainSteps.documentType, type));
    if (steps.length)
      await tx.insert(approvalChainSteps).values(
        steps.map((s, i) => ({
          documentType: type,
          stepNo: i + 1,
          role: s.role,
          scope: s.scope,
          label: s.label,
          condition: s.condition ?? {},
          allowCosign: s.allowCosign ?? false,
        })),
      );
  });
}
