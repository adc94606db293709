// Submission (the chain is instantiated from its configuration) and decisions on the current step.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Decision, DocumentType, StepCondition, StepScope } from '../../../shared/workflow.contracts.ts';
import { keepAttachments } from './document-attachment.service.ts';
import { can, type Actor } from '../../platform/auth/actor.ts';
import { query, type Queryable, type Tx } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, invalid } from '../../platform/errors.ts';
import { approvalChainSteps } from './chain.tables.ts';
import { cardFacts, checkCardLines } from './document.service.ts';
import { addEvent, editedBy, loadDocument, releaseLines, requireUnit, setStatus, type DocumentRow } from './document.store.ts';
import { documentLines, documentSteps, documents } from './document.tables.ts';
import { handlerOf, typedDocument } from './document-types/registry.ts';
import { actionAllowed, stepApplies, unstaffedStep, type ChainFacts } from './workflow.rules.ts';
import { delegatorFor } from './delegation.service.ts';
import { holdsStep, inboxWhere } from './inbox.rule.ts';
import { tellApplicant, tellApprovers } from './approval.notices.ts';
import { cosignerFor, decideCosign, pendingCosign } from './cosign.service.ts';
import { DECIDE_REFUSALS, partIn } from './separation.rule.ts';

/** The unit a step's role must be held in; null for committee-wide roles. */
export function stepUnit(scope: StepScope, doc: Pick<DocumentRow, 'unitId' | 'counterpartUnitId'>): string | null {
  if (scope === 'applicant_unit') return doc.unitId;
  if (scope === 'counterpart_unit') return doc.counterpartUnitId ?? doc.unitId;
  return null;
}

export async function submitDocument(q: Queryable, actor: Actor, id: string): Promise<{ status: string }> {
  return withTx(q, async (tx) => {
    const doc = await loadDocument(tx, actor, id, true);
    requireUnit(actor, 'document.write', doc.unitId);
    if (!actionAllowed('submit', doc.status)) throw new AppError('invalid_transition', '只有草稿或退回的单据可以提交');
    const lines = await tx.select().from(documentLines).where(eq(documentLines.documentId, id)).orderBy(asc(documentLines.lineNo));
    // Capture the cards' versions now: execution refuses if any moved on after submission.
    const cardIds = lines.map((l) => l.cardId).filter((x): x is string => !!x);
    if (cardIds.length) {
      const facts = await cardFacts(tx, cardIds);
      checkCardLines(
        doc,
        lines.map((l) => l.cardId ?? undefined),
        facts,
      );
      await tx.execute(
        sql`UPDATE document_lines l SET card_version = c.version FROM cards c WHERE l.document_id = ${id} AND c.id = l.card_id`,
      );
    }
    // The type's own rules on submission (document-types/<type>.doctype.ts), and the facts it adds to the chain.
    const h = handlerOf(doc.type);
    const own = (await h.submitChecks?.(tx, typedDocument(doc), lines)) ?? {};
    const cats = await query<{ code: string }>(
      tx,
      sql`SELECT DISTINCT k.code FROM document_lines l JOIN categories k ON k.id = l.category_id WHERE l.document_id = ${id}`,
    );
    const facts: ChainFacts = {
      maxItemFen: doc.maxItemFen,
      totalFen: doc.totalFen,
      categoryCodes: cats.map((c) => c.code),
      crossUnit: !!doc.counterpartUnitId && doc.counterpartUnitId !== doc.unitId,
      overStandard: own.overStandard ?? false,
      financial: own.financial ?? false,
    };
    const chain = await tx
      .select()
      .from(approvalChainSteps)
      .where(eq(approvalChainSteps.documentType, doc.type))
      .orderBy(asc(approvalChainSteps.stepNo));
    const applicable = chain.filter((s) => stepApplies(s.condition as StepCondition, facts));
    await checkStaffed(
      tx,
      doc,
      actor,
      applicable.map((s) => ({ role: s.role, label: s.label, scopeUnitId: stepUnit(s.scope as StepScope, doc) })),
    );
    await tx.delete(documentSteps).where(eq(documentSteps.documentId, id));
    if (applicable.length) {
      await tx.insert(documentSteps).values(
        applicable.map((s, i) => ({
          documentId: id,
          stepNo: i + 1,
          role: s.role,
          scope: s.scope,
          scopeUnitId: stepUnit(s.scope as StepScope, doc),
          label: s.label,
          special: !!(s.condition as StepCondition).overStandard,
          allowCosign: s.allowCosign,
        })),
      );
    }
    const to = applicable.length ? 'submitted' : 'approved';
    await keepAttachments(tx, id);
    await setStatus(tx, doc, to, {
      currentStep: applicable.length ? 1 : null,
      submittedAt: new Date(),
      submittedBy: actor.userId,
      decidedAt: applicable.length ? null : new Date(),
    });
    await addEvent(
      tx,
      doc,
      actor,
      'submitted',
      doc.status,
      to,
      applicable.length ? `审批流程：${applicable.map((s) => s.label).join(' → ')}` : '无需审批',
    );
    if (applicable.length) {
      const first = applicable[0];
      await tellApprovers(tx, doc, { role: first.role, scopeUnitId: stepUnit(first.scope as StepScope, doc) }, actor);
    } else await tellApplicant(tx, doc, 'approved', actor);
    return { status: to };
  });
}

/**
 * Refuses a submission that no one could finish: every step needs an active approver of its role
 * and unit who is not the applicant, the submitter or a content editor, one person per step. The
 * refusal names the step, so the applicant can ask for someone to be given the role, or for a
 * colleague to apply instead, rather than leave the document waiting for nobody.
 */
async function checkStaffed(
  tx: Tx,
  doc: DocumentRow,
  actor: Actor,
  steps: { role: string; label: string; scopeUnitId: string | null }[],
): Promise<void> {
  if (!steps.length) return;
  const roles = [...new Set(steps.map((s) => s.role))];
  const units = [...new Set(steps.map((s) => s.scopeUnitId).filter((u): u is string => !!u))];
  const holders = await query<{ user_id: string; role: string; unit_id: string | null }>(
    tx,
    sql`
    SELECT ra.user_id, ra.role, ra.unit_id FROM role_assignments ra JOIN users u ON u.id = ra.user_id AND u.active
    WHERE ra.role IN (${sql.join(
      roles.map((r) => sql`${r}`),
      sql`, `,
    )})
      AND (ra.unit_id IS NULL ${
        units.length
          ? sql`OR ra.unit_id IN (${sql.join(
              units.map((x) => sql`${x}::uuid`),
              sql`, `,
            )})`
          : sql``
      })
      AND ra.user_id <> ${doc.applicantId} AND ra.user_id <> ${actor.userId}
      AND NOT ${editedBy(doc.id, sql`ra.user_id`)}`,
  );
  const candidates = steps.map((s) => [
    ...new Set(holders.filter((h) => h.role === s.role && (h.unit_id === null || h.unit_id === s.scopeUnitId)).map((h) => h.user_id)),
  ]);
  const stuck = unstaffedStep(candidates);
  if (stuck < 0) return;
  const step = steps[stuck];
  throw new AppError(
    'rule_violation',
    candidates[stuck].length
      ? `审批环节「${step.label}」没有可审批的人：可审批的人已在前面的环节审批（同一人只能审批一个环节）。请联系管理员为该环节增加人员`
      : `审批环节「${step.label}」没有可审批的人：申请人、提交人和修改过单据的人不能审批本单据，也没有其他人担任该角色。请联系管理员为该环节指定人员，或请同事提交`,
    undefined,
    { step: stuck + 1, label: step.label },
  );
}

/**
 * 撤回: the applicant or the submitter takes back a submitted document before anyone has decided on
 * it; it becomes a draft again (its steps are made afresh on the next submission).
 */
export async function withdrawDocument(q: Queryable, actor: Actor, id: string, comment?: string): Promise<{ status: string }> {
  return withTx(q, async (tx) => {
    const doc = await loadDocument(tx, actor, id, true);
    if (doc.applicantId !== actor.userId && doc.submittedBy !== actor.userId)
      throw new AppError('forbidden', '只有申请人或提交人可以撤回单据');
    if (!actionAllowed('withdraw', doc.status)) throw new AppError('invalid_transition', '只有审批中的单据可以撤回');
    const [{ decided }] = await query<{ decided: boolean }>(
      tx,
      sql`SELECT EXISTS (SELECT 1 FROM document_steps WHERE document_id = ${id} AND state <> 'pending')
        OR EXISTS (SELECT 1 FROM document_cosigns WHERE document_id = ${id} AND state <> 'pending') AS decided`,
    );
    if (decided) throw new AppError('invalid_transition', '已有环节作出审批，不能撤回；请联系当前环节的审批人退回');
    await tx.delete(documentSteps).where(eq(documentSteps.documentId, id));
    await setStatus(tx, doc, 'draft', { currentStep: null, submittedAt: null, submittedBy: null });
    await addEvent(tx, doc, actor, 'withdrawn', doc.status, 'draft', comment?.trim() || null);
    return { status: 'draft' };
  });
}

export async function decide(
  q: Queryable,
  actor: Actor,
  id: string,
  decision: Decision,
  comment?: string,
  stepNo?: number,
): Promise<{ status: string }> {
  return withTx(q, async (tx) => {
    const doc = await loadStepDocument(tx, actor, id);
    if (!actionAllowed(decision === 'approve' ? 'approve' : decision, doc.status))
      throw new AppError('invalid_transition', '该单据当前不在审批中');
    const steps = await tx.select().from(documentSteps).where(eq(documentSteps.documentId, id)).orderBy(asc(documentSteps.stepNo));
    const step = steps.find((s) => s.stepNo === doc.currentStep);
    if (step?.state !== 'pending') throw new AppError('invalid_transition', '没有待审批的环节');
    if (stepNo !== undefined && stepNo !== step.stepNo) throw new AppError('stale', '该环节已由他人审批，请刷新后查看');
    // 加签 pending: the step waits for the added signer, whose decision this is.
    const cosign = await pendingCosign(tx, step.id);
    if (cosign) return decideCosign(tx, actor, doc, step, cosign, decision, comment);
    // In one's own right (unless handed to a colleague: 转办), or for an absent approver (委托).
    const own = holdsStep(actor.grants, step) && (!step.assigneeId || step.assigneeId === actor.userId);
    const principal = own || !can(actor, 'document.approve') ? null : await delegatorFor(tx, actor, id);
    if (!can(actor, 'document.approve') || (!own && !principal)) throw new AppError('forbidden', `本环节由「${step.label}」审批`);
    const part = await partIn(tx, doc, actor.userId);
    if (part) throw new AppError('rule_violation', DECIDE_REFUSALS[part]);
    if (decision !== 'approve' && !comment?.trim()) throw invalid({ comment: '驳回或退回须填写意见' });
    const state = decision === 'approve' ? 'approved' : decision === 'reject' ? 'rejected' : 'returned';
    await tx
      .update(documentSteps)
      .set({ state, decidedBy: actor.userId, onBehalfOf: principal?.id ?? null, comment: comment ?? null, decidedAt: new Date() })
      .where(eq(documentSteps.id, step.id));
    const last = step.stepNo === steps[steps.length - 1].stepNo;
    const to = decision === 'approve' ? (last ? 'approved' : 'submitted') : state;
    await setStatus(tx, doc, to, {
      currentStep: decision === 'approve' && !last ? step.stepNo + 1 : null,
      decidedAt: to === 'submitted' ? null : new Date(),
    });
    if (to === 'rejected') await releaseLines(tx, id);
    await addEvent(
      tx,
      doc,
      actor,
      decision === 'approve' ? 'approved' : state,
      doc.status,
      to,
      `${step.label}${principal ? `（代 ${principal.name}）` : ''}${comment ? `：${comment}` : ''}`,
    );
    if (to === 'submitted') await tellApprovers(tx, doc, steps.find((s) => s.stepNo === step.stepNo + 1)!, actor);
    else await tellApplicant(tx, doc, to as 'approved' | 'rejected' | 'returned', actor);
    return { status: to };
  });
}

/**
 * A document the actor may decide on: visible to them, or — for committee and counterpart steps —
 * awaiting a step whose role they hold. Anything else is 404.
 */
async function loadStepDocument(tx: Tx, actor: Actor, id: string): Promise<DocumentRow> {
  try {
    return await loadDocument(tx, actor, id, true);
  } catch (err) {
    const [row] = await tx
      .select()
      .from(documents)
      .where(and(eq(documents.id, id), eq(documents.status, 'submitted')))
      .for('update');
    if (row) {
      const [step] = await tx
        .select()
        .from(documentSteps)
        .where(and(eq(documentSteps.documentId, id), eq(documentSteps.stepNo, row.currentStep ?? -1)));
      if (step && (holdsStep(actor.grants, step) || (await delegatorFor(tx, actor, id)) || (await cosignerFor(tx, actor, id)))) return row;
    }
    throw err;
  }
}

export { inboxWhere } from './inbox.rule.ts';

export async function inboxCount(q: Queryable, actor: Actor): Promise<number> {
  const [row] = await query<{ n: number }>(q, sql`SELECT count(*)::int AS n FROM documents d WHERE ${inboxWhere(actor)}`);
  return row.n;
}

export type { DocumentType };
