// Approval chains (configuration) and allocation standards (with history): the committee edits both.
import { asc, eq, sql } from 'drizzle-orm';
import type { Chain, ChainStepInput, DocumentType, Standard, StandardInput } from '../../../shared/workflow.contracts.ts';
import { DOCUMENT_TYPES, documentTypeSpec } from '../../../shared/workflow.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { invalid, notFound } from '../../platform/errors.ts';
import { approvalChainSteps, approvalChains, standardHistory, standards } from './chain.tables.ts';

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
        })),
      );
  });
}

const STANDARD_COLUMNS = sql`s.id, s.code, s.jurisdiction, s.name, s.category_keywords AS "categoryKeywords", s.cap_fen AS "capFen",
  s.min_life_months AS "minLifeMonths", s.quota, s.effective_from AS "effectiveFrom", s.note, s.updated_at AS "updatedAt", u.display_name AS "updatedByName"`;

/** One row per code: the jurisdiction's own when it has one, else the shipped central default. */
export async function listStandards(q: Queryable): Promise<Standard[]> {
  const rows = await query<Standard & { updatedAt: Date | null }>(
    q,
    sql`
    SELECT DISTINCT ON (s.code) ${STANDARD_COLUMNS} FROM standards s LEFT JOIN users u ON u.id = s.updated_by
    ORDER BY s.code, (s.jurisdiction = 'central'), s.effective_from DESC`,
  );
  return rows.map((r) => ({ ...r, updatedAt: r.updatedAt ? new Date(r.updatedAt).toISOString() : null }));
}

const EDITABLE = ['name', 'capFen', 'minLifeMonths', 'quota', 'categoryKeywords'] as const;

/**
 * Edits a standard for the local jurisdiction: the first edit copies the central default into a
 * local row; every changed field is written to the history with old → new and the effective date.
 */
export async function updateStandard(q: Queryable, actor: Actor, code: string, input: StandardInput): Promise<void> {
  await withTx(q, async (tx) => {
    const rows = await tx.select().from(standards).where(eq(standards.code, code)).for('update');
    const central = rows.find((r) => r.jurisdiction === 'central');
    let local = rows.find((r) => r.jurisdiction === 'local');
    if (!central && !local) throw notFound('配置标准');
    if (!local) {
      const { id: _id, ...base } = central!;
      [local] = await tx
        .insert(standards)
        .values({ ...base, jurisdiction: 'local' })
        .returning();
    }
    const changes: Record<string, unknown> = {};
    for (const k of EDITABLE) {
      const v = input[k];
      if (v === undefined) continue;
      const old = local[k];
      if (JSON.stringify(old) === JSON.stringify(v)) continue;
      changes[k] = v;
      await tx.insert(standardHistory).values({
        standardCode: code,
        jurisdiction: 'local',
        field: k,
        oldValue: old ?? null,
        newValue: v ?? null,
        effectiveFrom: input.effectiveFrom,
        changedBy: actor.userId,
      });
    }
    if (!Object.keys(changes).length && input.note === undefined) throw invalid({ _: '没有修改任何内容' }, '没有修改任何内容');
    await tx
      .update(standards)
      .set({
        ...changes,
        effectiveFrom: input.effectiveFrom,
        note: input.note ?? local.note,
        updatedAt: new Date(),
        updatedBy: actor.userId,
      })
      .where(eq(standards.id, local.id));
  });
}

export async function standardHistoryOf(q: Queryable, code: string) {
  const rows = await query<{
    id: number;
    field: string;
    oldValue: unknown;
    newValue: unknown;
    effectiveFrom: string;
    changedByName: string | null;
    changedAt: Date;
  }>(
    q,
    sql`
    SELECT h.id, h.field, h.old_value AS "oldValue", h.new_value AS "newValue", h.effective_from AS "effectiveFrom", u.display_name AS "changedByName", h.changed_at AS "changedAt"
    FROM standard_history h LEFT JOIN users u ON u.id = h.changed_by WHERE h.standard_code = ${code} ORDER BY h.id DESC`,
  );
  return rows.map((r) => ({ ...r, changedAt: new Date(r.changedAt).toISOString() }));
}
