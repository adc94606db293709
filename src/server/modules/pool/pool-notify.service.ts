// Telling the units of the pool (docs/domain.md §11): the committee's decision reaches the person
// who asked — approved, or rejected with the reason, including a competing request that lost the
// item — and a borrowing unit is reminded of a pool loan three days before its due date and, once
// overdue, every seven days until it is returned. Through the notifications module's notify(),
// inside the decision's transaction; the reminders are set-based and marked, so a second run of the
// daily job on one day tells nobody twice.
import { sql } from 'drizzle-orm';
import type { DecideInput } from '../../../shared/pool.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { businessToday } from '../../platform/clock.ts';
import { query, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { notify } from '../notifications/index.ts';
import { decideRequest } from './pool.service.ts';

const LINK = '/pool/requests';

/** The committee's decision (pool.service.ts), and each request it settled told to its requester. */
export async function decideAndTell(
  q: Queryable,
  actor: Actor,
  id: string,
  input: DecideInput,
): Promise<{ status: string; docNo?: string }> {
  return withTx(q, async (tx) => {
    const out = await decideRequest(tx, actor, id, input);
    // The decided request, and the competing ones its approval rejected (in this transaction: now()).
    const told = await query<{
      unit_id: string;
      requested_by: string;
      status: string;
      kind: string;
      comment: string | null;
      card_no: string;
    }>(
      tx,
      sql`SELECT pr.unit_id, pr.requested_by, pr.status, pr.kind, pr.comment, c.card_no
        FROM pool_requests pr JOIN pool_listings pl ON pl.id = pr.listing_id JOIN cards c ON c.id = pl.card_id
        WHERE pr.id = ${id} OR (pr.listing_id = (SELECT listing_id FROM pool_requests WHERE id = ${id})
          AND pr.status = 'rejected' AND pr.decided_at = now() AND pr.id <> ${id})`,
    );
    for (const r of told) {
      const what = r.kind === 'loan' ? '借用' : '调剂';
      const title =
        r.status === 'approved'
          ? `公物仓${what}申请已批准：${r.card_no}`
          : `公物仓${what}申请未获批准：${r.card_no}${r.comment ? `（${r.comment.slice(0, 60)}）` : ''}`;
      await notify(tx, { event: 'pool_decided', unitId: r.unit_id, title, link: LINK, users: [r.requested_by], exclude: [actor.userId] });
    }
    return out;
  });
}

/**
 * Pool loans due in three days, or overdue and not reminded in the last seven days: the requester
 * and the borrowing unit's administrators are told, and the loan is marked reminded today.
 */
export async function remindPoolLoans(q: Queryable, today = businessToday()): Promise<{ reminded: number }> {
  return withTx(q, async (tx) => {
    const due = await query<{ unit_id: string; requested_by: string; due_on: string; card_no: string }>(
      tx,
      sql`UPDATE pool_requests pr SET reminded_on = ${today}::date FROM pool_listings pl, cards c
        WHERE pl.id = pr.listing_id AND c.id = pl.card_id AND pr.kind = 'loan' AND pr.status = 'approved'
          AND (pr.due_on = ${today}::date + 3 OR pr.due_on < ${today}::date)
          AND (pr.reminded_on IS NULL OR (pr.due_on < ${today}::date AND pr.reminded_on <= ${today}::date - 7)
            OR (pr.due_on < ${today}::date AND pr.reminded_on < pr.due_on))
        RETURNING pr.unit_id, pr.requested_by, pr.due_on::text, c.card_no`,
    );
    for (const l of due) {
      const overdue = l.due_on < today;
      await notify(tx, {
        event: 'pool_loan_due',
        unitId: l.unit_id,
        title: overdue ? `公物仓借用 ${l.card_no} 已逾期（应于 ${l.due_on} 归还）` : `公物仓借用 ${l.card_no} 将于 ${l.due_on} 到期归还`,
        link: `${LINK}?overdue=true`,
        users: [l.requested_by],
        role: 'unit_admin',
      });
    }
    return { reminded: due.length };
  });
}
