// Who hears of a step: the approvers of the next step, the applicant of the outcome, the
// colleague asked to sign (加签). Sent through notifications' notify(), inside the action's transaction.
import type { DocumentType } from '../../../shared/workflow.contracts.ts';
import type { Role } from '../../../shared/roles.ts';
import { DOCUMENT_TYPES } from '../../../shared/workflow.contracts.ts';
import { notify } from '../notifications/index.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/engine.ts';
import type { DocumentRow } from './document.store.ts';
import type { documentSteps } from './document.tables.ts';

type StepRow = typeof documentSteps.$inferSelect;
type Doc = Pick<DocumentRow, 'id' | 'type' | 'docNo' | 'unitId' | 'applicantId' | 'submittedBy'>;

export const docName = (doc: Doc) => `${DOCUMENT_TYPES[doc.type as DocumentType][0]}单 ${doc.docNo}`;

/** Notifications: whoever may take the step (its role in its unit), never the applicant or the actor. */
export async function tellApprovers(tx: Tx, doc: Doc, step: Pick<StepRow, 'role' | 'scopeUnitId'>, actor: Actor): Promise<void> {
  await notify(tx, {
    event: 'document_submitted',
    unitId: step.scopeUnitId ?? doc.unitId,
    title: `${docName(doc)}待您审批`,
    link: `/documents/${doc.id}`,
    role: step.role as Role,
    exclude: [doc.applicantId, actor.userId, ...(doc.submittedBy ? [doc.submittedBy] : [])],
  });
}

const OUTCOME = {
  approved: ['document_approved', '已批准'],
  rejected: ['document_rejected', '被驳回'],
  returned: ['document_returned', '被退回修改'],
} as const;

/** Notifications: the applicant (and the submitter, if another person) hears how it ended. */
export async function tellApplicant(tx: Tx, doc: Doc, outcome: keyof typeof OUTCOME, actor: Actor): Promise<void> {
  const [event, words] = OUTCOME[outcome];
  await notify(tx, {
    event,
    unitId: doc.unitId,
    title: `您的${docName(doc)}${words}`,
    link: `/documents/${doc.id}`,
    users: [doc.applicantId, ...(doc.submittedBy ? [doc.submittedBy] : [actor.userId])],
    exclude: [actor.userId],
  });
}

/** Notifications: the people named (the added signer; the approver a signed step returns to). */
export async function tellPeople(tx: Tx, doc: Doc, users: string[], title: string, actor: Actor): Promise<void> {
  await notify(tx, {
    event: 'document_submitted',
    unitId: doc.unitId,
    title: `${docName(doc)}${title}`,
    link: `/documents/${doc.id}`,
    users,
    exclude: [actor.userId],
  });
}
