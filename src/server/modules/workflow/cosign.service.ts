// 加签: at a step the chain marks 允许加签, the approver asks one colleague to sign first. While the
// colleague's signature is pending the step waits for them; their approval hands the step back to
// the approver (who then decides it as usual), their rejection rejects the document. Separation of
// duties holds for the signer and for whoever signs for them (委托), as for any step.
import { eq, sql } from 'drizzle-orm';
import type { CosignInput } from '../../../shared/approval.contracts.ts';
import type { Decision } from '../../../shared/workflow.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, queryOne, type Queryable, type Tx } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import { tellApplicant, tellPeople } from './approval.notices.ts';
import { delegatorFor } from './delegation.service.ts';
import { addEvent, releaseLines, setStatus, type DocumentRow } from './document.store.ts';
import { documentCosigns, documentSteps } from './document.tables.ts';
import { colleaguesSql, cosignDelegationsFor, cosignPending, holdsStep, inboxWhere, uninvolved } from './inbox.rule.ts';
import { unstaffedStep } from './workflow.rules.ts';
import { uuidArray } from '../../platform/db/sql-arrays.ts';
import { DECIDE_REFUSALS, partIn, type Part } from './separation.rule.ts';

type StepRow = typeof documentSteps.$inferSelect;
type CosignRow = typeof documentCosigns.$inferSelect;

/** Why a colleague may not be asked to sign. */
const ADD_REFUSALS: Record<Part, string> = {
  applicant: '不能请申请人或提交人加签',
  editor: '不能请修改过单据内容的人加签',
  step: '不能请已审批本单据某一环节的人加签（同一人只能审批同一单据的一个环节）',
};

/** The pending 加签 of a step, if any. */
export async function pendingCosign(q: Queryable, stepId: string): Promise<CosignRow | undefined> {
  const rows = await q
    .select()
    .from(documentCosigns)
    .where(sql`${documentCosigns.stepId} = ${stepId} AND ${documentCosigns.state} = 'pending'`);
  return rows[0];
}

/**
 * Whether the actor may sign the pending 加签 of the document's current step: as the signer
 * (principal null) or for the signer through a delegation in force (principal: the signer). Null: neither.
 */
export async function cosignerFor(
  q: Queryable,
  actor: Actor,
  documentId: string,
): Promise<{ principal: { id: string; name: string } | null } | null> {
  const row = await queryOne<{ signer_id: string; id: string | null; name: string | null }>(
    q,
    sql`SELECT c.signer_id, p.id, p.name FROM documents d JOIN document_steps s ON s.document_id = d.id AND s.step_no = d.current_step
      JOIN document_cosigns c ON c.step_id = s.id AND c.state = 'pending'
      LEFT JOIN LATERAL (SELECT g.delegator_id AS id, pu.display_name AS name FROM ${cosignDelegationsFor(actor.userId)}
        ORDER BY g.created_at LIMIT 1) p ON true
    WHERE d.id = ${documentId} AND d.status = 'submitted'`,
  );
  if (!row) return null;
  if (row.signer_id === actor.userId) return { principal: null };
  return row.id ? { principal: { id: row.id, name: row.name ?? '' } } : null;
}

interface Spot {
  id: string;
  unit_id: string;
  doc_no: string;
  type: string;
  applicant_id: string;
  submitted_by: string | null;
  current_step: number;
  step_id: string;
  role: string;
  scope_unit_id: string | null;
  label: string;
  allow_cosign: boolean;
  assignee_id: string | null;
  in_inbox: boolean;
  pending_id: string | null;
  pending_name: string | null;
  pending_added_by: string | null;
  pending_added_for: string | null;
}

/**
 * Refuses a 加签 that would leave a later step without anyone to take it: the signer and the
 * step's approver each take a step of the chain, so neither may take a later one (as submission
 * checks the whole chain, approval.service.ts checkStaffed).
 */
async function checkLaterSteps(tx: Tx, id: string, taking: string[], signerName: string): Promise<void> {
  const later = await query<{ label: string; holders: string[] }>(
    tx,
    sql`SELECT s.label, coalesce(json_agg(DISTINCT u.id) FILTER (WHERE u.id IS NOT NULL), '[]'::json) AS holders
    FROM documents d JOIN document_steps s ON s.document_id = d.id AND s.step_no > d.current_step
      LEFT JOIN role_assignments ra ON ra.role = s.role AND (ra.unit_id IS NULL OR ra.unit_id = s.scope_unit_id)
      LEFT JOIN users u ON u.id = ra.user_id AND u.active AND ${uninvolved(sql`u.id`)}
        AND u.id <> ALL(${uuidArray(taking)})
    WHERE d.id = ${id} GROUP BY s.step_no, s.label ORDER BY s.step_no`,
  );
  const stuck = unstaffedStep(later.map((s) => s.holders));
  if (stuck >= 0)
    throw new AppError(
      'rule_violation',
      `请「${signerName}」加签后，审批环节「${later[stuck].label}」将没有可审批的人（同一人只能审批同一单据的一个环节）`,
      { toUserId: '加签后后续环节将无人审批' },
    );
}

/** The approver the actor acts for on the step (委托), or null when they take it in their own right. */
async function principalOf(
  q: Queryable,
  actor: Actor,
  id: string,
  step: { role: string; scope_unit_id: string | null; assignee_id: string | null },
): Promise<{ id: string; name: string } | null> {
  const own =
    holdsStep(actor.grants, { role: step.role, scopeUnitId: step.scope_unit_id }) &&
    (!step.assignee_id || step.assignee_id === actor.userId);
  return own ? null : delegatorFor(q, actor, id);
}

/** The colleagues the actor may ask to sign the current step of a document in their inbox. */
export async function cosignCandidates(q: Queryable, actor: Actor, id: string): Promise<{ id: string; name: string }[]> {
  const mine = await queryOne<{ role: string; scope_unit_id: string | null; assignee_id: string | null }>(
    q,
    sql`SELECT s.role, s.scope_unit_id, s.assignee_id FROM documents d JOIN document_steps s ON s.document_id = d.id AND s.step_no = d.current_step
    WHERE d.id = ${id} AND ${inboxWhere(actor)}`,
  );
  if (!mine) throw notFound('待审批单据');
  const principal = await principalOf(q, actor, id, mine);
  return query<{ id: string; name: string }>(
    q,
    sql`SELECT c.id, c.name FROM documents d JOIN document_steps s ON s.document_id = d.id AND s.step_no = d.current_step
      CROSS JOIN LATERAL (${colleaguesSql(actor, 'cosign', principal?.id)}) c
    WHERE d.id = ${id} AND s.allow_cosign AND NOT ${cosignPending}
    ORDER BY c.name`,
  );
}

/**
 * 加签: the approver of the current step (in their own right, after 转办, or for a delegator)
 * asks a colleague to sign first. The step is assigned to the approver (or the delegator they act
 * for), so it returns to them once the colleague has signed.
 */
export async function addCosigner(q: Queryable, actor: Actor, id: string, input: CosignInput): Promise<{ status: string }> {
  return withTx(q, async (tx) => {
    // Lock first: every check below reads what the last action on the document committed.
    await tx.execute(sql`SELECT id FROM documents WHERE id = ${id} FOR UPDATE`);
    const spot = await queryOne<Spot>(
      tx,
      sql`SELECT d.id, d.unit_id, d.doc_no, d.type, d.applicant_id, d.submitted_by, d.current_step,
        s.id AS step_id, s.role, s.scope_unit_id, s.label, s.allow_cosign, s.assignee_id, ${inboxWhere(actor)} AS in_inbox,
        c.id AS pending_id, cu.display_name AS pending_name, c.added_by AS pending_added_by, c.added_for AS pending_added_for
      FROM documents d JOIN document_steps s ON s.document_id = d.id AND s.step_no = d.current_step
        LEFT JOIN document_cosigns c ON c.step_id = s.id AND c.state = 'pending' LEFT JOIN users cu ON cu.id = c.signer_id
      WHERE d.id = ${id} AND d.status = 'submitted'`,
    );
    const waiting = !!spot?.pending_id;
    if (!spot?.in_inbox) {
      if (spot && waiting && [spot.assignee_id, spot.pending_added_by, spot.pending_added_for].includes(actor.userId))
        throw conflict(`本环节已请「${spot.pending_name}」加签，待其审批后再作决定；每个环节同时只能有一位加签人`);
      throw notFound('待审批单据');
    }
    if (waiting) throw conflict('加签人不能再加签');
    if (input.stepNo !== undefined && input.stepNo !== spot.current_step) throw new AppError('stale', '该环节已由他人审批，请刷新后查看');
    if (!spot.allow_cosign) throw conflict(`审批环节「${spot.label}」不允许加签`);
    const principal = await principalOf(tx, actor, id, spot);
    const approverId = principal?.id ?? actor.userId;
    // Separation of duties (one place: partIn, as for a decision), then who may be asked at all.
    if (input.toUserId === actor.userId || input.toUserId === approverId)
      throw new AppError('rule_violation', '不能请本环节的审批人本人加签', { toUserId: '不能请本人加签' });
    const doc = { id, applicantId: spot.applicant_id, submittedBy: spot.submitted_by };
    const part = await partIn(tx, doc, input.toUserId);
    if (part) throw new AppError('rule_violation', ADD_REFUSALS[part], { toUserId: ADD_REFUSALS[part] });
    const target = await queryOne<{ id: string; name: string }>(
      tx,
      sql`SELECT c.id, c.name FROM documents d JOIN document_steps s ON s.document_id = d.id AND s.step_no = d.current_step
        CROSS JOIN LATERAL (${colleaguesSql(actor, 'cosign', approverId)}) c WHERE d.id = ${id} AND c.id = ${input.toUserId}`,
    );
    if (!target) throw invalid({ toUserId: '只能请能查看本单据、担任审批角色的在职人员加签' });
    await checkLaterSteps(tx, id, [target.id, approverId], target.name);
    await tx.insert(documentCosigns).values({
      documentId: id,
      stepId: spot.step_id,
      signerId: target.id,
      addedBy: actor.userId,
      addedFor: principal?.id ?? null,
    });
    await tx.update(documentSteps).set({ assigneeId: approverId }).where(eq(documentSteps.id, spot.step_id));
    const head = { id, unitId: spot.unit_id, docNo: spot.doc_no };
    await addEvent(
      tx,
      head,
      actor,
      'cosign_added',
      'submitted',
      'submitted',
      `${spot.label}${principal ? `（代 ${principal.name}）` : ''}：加签：${target.name}${input.comment ? `：${input.comment}` : ''}`,
    );
    await tellPeople(
      tx,
      { ...head, type: spot.type, applicantId: spot.applicant_id, submittedBy: spot.submitted_by },
      [target.id],
      '请您加签审批',
      actor,
    );
    return { status: 'submitted' };
  });
}

/**
 * The added signer's decision (called by decide() inside its transaction, the document locked):
 * approve hands the step back to its approver; reject rejects the document. A signer does not
 * return a document for changes: that is the approver's decision.
 */
export async function decideCosign(
  tx: Tx,
  actor: Actor,
  doc: DocumentRow,
  step: StepRow,
  cosign: CosignRow,
  decision: Decision,
  comment?: string,
): Promise<{ status: string }> {
  const role = await cosignerFor(tx, actor, doc.id);
  if (!role) {
    const [signer] = await query<{ name: string }>(tx, sql`SELECT display_name AS name FROM users WHERE id = ${cosign.signerId}`);
    if ([step.assigneeId, cosign.addedBy, cosign.addedFor].includes(actor.userId))
      throw conflict(`本环节已请「${signer?.name ?? ''}」加签，待其审批后再作决定`);
    throw new AppError('forbidden', `本环节正等待加签人「${signer?.name ?? ''}」审批`);
  }
  const part = await partIn(tx, doc, actor.userId);
  if (part) throw new AppError('rule_violation', DECIDE_REFUSALS[part]);
  if (decision === 'return') throw new AppError('rule_violation', '加签人只能同意或驳回；退回修改由本环节审批人决定');
  if (decision === 'reject' && !comment?.trim()) throw invalid({ comment: '驳回或退回须填写意见' });
  const principal = role.principal;
  const now = new Date();
  await tx
    .update(documentCosigns)
    .set({
      state: decision === 'approve' ? 'approved' : 'rejected',
      decidedBy: actor.userId,
      onBehalfOf: principal?.id ?? null,
      comment: comment ?? null,
      decidedAt: now,
    })
    .where(eq(documentCosigns.id, cosign.id));
  const who = `加签${principal ? `（代 ${principal.name}）` : ''}`;
  if (decision === 'approve') {
    await addEvent(tx, doc, actor, 'cosigned', doc.status, doc.status, `${step.label}：${who}同意${comment ? `：${comment}` : ''}`);
    if (step.assigneeId) await tellPeople(tx, doc, [step.assigneeId], '加签人已同意，待您审批', actor);
    return { status: doc.status };
  }
  await tx
    .update(documentSteps)
    .set({ state: 'rejected', decidedBy: actor.userId, onBehalfOf: principal?.id ?? null, comment: comment ?? null, decidedAt: now })
    .where(eq(documentSteps.id, step.id));
  await setStatus(tx, doc, 'rejected', { currentStep: null, decidedAt: now });
  await releaseLines(tx, doc.id);
  await addEvent(tx, doc, actor, 'rejected', doc.status, 'rejected', `${step.label}（${who}）：${comment}`);
  await tellApplicant(tx, doc, 'rejected', actor);
  return { status: 'rejected' };
}
