// The approver's actions beside a decision: 转办 a step to a colleague, 批量审批, and the next item.
import { sql } from 'drizzle-orm';
import type { BulkApproveResult } from '../../../shared/approval.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, conflict, invalid, notFound } from '../../platform/errors.ts';
import { decide } from './approval.service.ts';
import { addEvent, type DocumentRow } from './document.store.ts';
import { colleaguesSql, cosignPending, inboxWhere } from './inbox.rule.ts';

/** The colleagues the actor may hand the current step of a document in their inbox to. */
export async function reassignCandidates(q: Queryable, actor: Actor, id: string): Promise<{ id: string; name: string }[]> {
  const mine = await queryOne<{ id: string }>(q, sql`SELECT d.id FROM documents d WHERE d.id = ${id} AND ${inboxWhere(actor)}`);
  if (!mine) throw notFound('待审批单据');
  return query<{ id: string; name: string }>(
    q,
    sql`SELECT c.id, c.name FROM documents d JOIN document_steps s ON s.document_id = d.id AND s.step_no = d.current_step
      CROSS JOIN LATERAL (${colleaguesSql(actor, 'reassign')}) c
    WHERE d.id = ${id} AND ${inboxWhere(actor)} ORDER BY c.name`,
  );
}

/**
 * 转办: whoever may take the current step now hands it to a colleague with the same role and scope
 * who had no part in the document; from then on only that colleague (or their delegate) takes it.
 */
export async function reassignStep(
  q: Queryable,
  actor: Actor,
  id: string,
  input: { toUserId: string; comment?: string; stepNo?: number },
): Promise<{ status: string }> {
  return withTx(q, async (tx) => {
    const doc = await queryOne<DocumentRow & { current_step: number; unit_id: string; status: string }>(
      tx,
      sql`SELECT d.* FROM documents d WHERE d.id = ${id} AND ${inboxWhere(actor)} FOR UPDATE OF d`,
    );
    if (!doc) throw notFound('待审批单据');
    if (input.stepNo !== undefined && input.stepNo !== doc.current_step) throw new AppError('stale', '该环节已由他人审批，请刷新后查看');
    const [waiting] = await query<{ pending: boolean }>(
      tx,
      sql`SELECT ${cosignPending} AS pending FROM document_steps s WHERE s.document_id = ${id} AND s.step_no = ${doc.current_step}`,
    );
    if (waiting?.pending) throw conflict('本环节正等待加签人审批，不能转办');
    const target = await queryOne<{ id: string; name: string }>(
      tx,
      sql`SELECT c.id, c.name FROM documents d JOIN document_steps s ON s.document_id = d.id AND s.step_no = d.current_step
        CROSS JOIN LATERAL (${colleaguesSql(actor, 'reassign')}) c WHERE d.id = ${id} AND c.id = ${input.toUserId}`,
    );
    if (!target) throw invalid({ toUserId: '只能转办给担任本环节角色、且未参与本单据的同事' });
    const [step] = await query<{ label: string }>(
      tx,
      sql`UPDATE document_steps SET assignee_id = ${target.id} WHERE document_id = ${id} AND step_no = ${doc.current_step} RETURNING label`,
    );
    await addEvent(
      tx,
      { id, unitId: doc.unit_id },
      actor,
      'reassigned',
      doc.status,
      doc.status,
      `${step.label}：转办给 ${target.name}${input.comment ? `：${input.comment}` : ''}`,
    );
    return { status: doc.status };
  });
}

/**
 * 批量审批: one approval per document, each in its own transaction (each decision stands on its
 * own, as if made one by one). Skipped: documents no longer in the inbox, and steps that need a
 * written opinion (the special review of an over-standard request).
 */
export async function bulkApprove(q: Queryable, actor: Actor, ids: string[]): Promise<BulkApproveResult> {
  const unique = [...new Set(ids)];
  const rows = await query<{ id: string; doc_no: string; special: boolean }>(
    q,
    sql`SELECT d.id, d.doc_no, s.special FROM documents d JOIN document_steps s ON s.document_id = d.id AND s.step_no = d.current_step
    WHERE d.id IN (${sql.join(
      unique.map((x) => sql`${x}::uuid`),
      sql`, `,
    )}) AND ${inboxWhere(actor)}`,
  );
  const found = new Map(rows.map((r) => [r.id, r]));
  const result: BulkApproveResult = { approved: [], skipped: [] };
  for (const id of unique) {
    const row = found.get(id);
    if (!row) {
      result.skipped.push({ id, docNo: null, reason: '不在待我审批中' });
      continue;
    }
    if (row.special) {
      result.skipped.push({ id, docNo: row.doc_no, reason: '超标准审核须填写意见，请逐件审批' });
      continue;
    }
    try {
      await decide(q, actor, id, 'approve');
      result.approved.push(id);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      result.skipped.push({ id, docNo: row.doc_no, reason: err.message });
    }
  }
  return result;
}

/** 下一条: the oldest document waiting for the actor, other than `skip`. */
export async function nextInboxItem(q: Queryable, actor: Actor, skip?: string): Promise<{ id: string | null; remaining: number }> {
  const row = await queryOne<{ id: string | null; n: number }>(
    q,
    sql`SELECT (SELECT d.id FROM documents d WHERE ${inboxWhere(actor)} ${skip ? sql`AND d.id <> ${skip}` : sql``}
        ORDER BY d.submitted_at, d.id LIMIT 1) AS id,
      (SELECT count(*)::int FROM documents d WHERE ${inboxWhere(actor)}) AS n`,
  );
  return { id: row?.id ?? null, remaining: row?.n ?? 0 };
}
