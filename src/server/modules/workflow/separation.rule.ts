// Separation of duties, person by person: the part someone had in a document that bars them from
// taking a step of it — deciding one (in their own right, after 转办, or for a delegator: 委托) or
// signing one (加签). The inbox applies the same rule in SQL (inbox.rule.ts, uninvolved()).
import { sql } from 'drizzle-orm';
import { queryOne, type Queryable } from '../../platform/db/engine.ts';
import { editedBy, type DocumentRow } from './document.store.ts';
import { tookStepOf } from './inbox.rule.ts';

/** applicant: applied or submitted; editor: changed its content; step: took a step or signed one. */
export type Part = 'applicant' | 'editor' | 'step';

/** The part `userId` had in the document, or null when they had none. */
export async function partIn(
  q: Queryable,
  doc: Pick<DocumentRow, 'id' | 'applicantId' | 'submittedBy'>,
  userId: string,
): Promise<Part | null> {
  if (doc.applicantId === userId || doc.submittedBy === userId) return 'applicant';
  const row = await queryOne<{ edited: boolean; took: boolean }>(
    q,
    sql`SELECT ${editedBy(doc.id, userId)} AS edited, ${tookStepOf(doc.id, userId)} AS took`,
  );
  if (row?.edited) return 'editor';
  if (row?.took) return 'step';
  return null;
}

/** Why the actor may not decide (or sign) a step of the document. */
export const DECIDE_REFUSALS: Record<Part, string> = {
  applicant: '不能审批本人申请或提交的单据',
  editor: '修改过单据内容的人不能审批该单据',
  step: '同一人只能审批同一单据的一个环节',
};
