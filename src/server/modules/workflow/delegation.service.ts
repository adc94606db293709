// 委托: an approver away from–to hands their steps to a delegate; the delegate's decisions are
// recorded "代 <delegator>" and count as the delegator's for separation of duties (inbox.rule.ts).
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Delegation, DelegationInput } from '../../../shared/approval.contracts.ts';
import { hasPermission, type RoleGrant } from '../../../shared/roles.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { businessDate, businessToday } from '../../platform/clock.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { approvalDelegations } from './delegation.tables.ts';
import { delegationsFor } from './inbox.rule.ts';

/** The delegator the actor would act for on the current step of the document, if any (today). */
export async function delegatorFor(q: Queryable, actor: Actor, documentId: string): Promise<{ id: string; name: string } | null> {
  const row = await queryOne<{ id: string | null; name: string | null }>(
    q,
    sql`SELECT p.id, p.name FROM documents d JOIN document_steps s ON s.document_id = d.id AND s.step_no = d.current_step
      LEFT JOIN LATERAL (SELECT g.delegator_id AS id, pu.display_name AS name FROM ${delegationsFor(actor.userId)}
        ORDER BY g.created_at LIMIT 1) p ON true
    WHERE d.id = ${documentId} AND d.status = 'submitted'`,
  );
  return row?.id ? { id: row.id, name: row.name ?? '' } : null;
}

async function personOf(q: Queryable, userId: string) {
  const row = await queryOne<{ id: string; unit_id: string | null; active: boolean; name: string; grants: RoleGrant[] }>(
    q,
    sql`SELECT u.id, u.unit_id, u.active, u.display_name AS name,
      coalesce((SELECT json_agg(json_build_object('role', ra.role, 'unitId', ra.unit_id)) FROM role_assignments ra WHERE ra.user_id = u.id), '[]'::json) AS grants
    FROM users u WHERE u.id = ${userId}`,
  );
  return row;
}

/** Whether the actor may set or revoke the delegations of `delegator`: themselves, or their unit's asset administrator. */
function managesDelegationsOf(actor: Actor, delegator: { id: string; unit_id: string | null }): boolean {
  if (delegator.id === actor.userId) return true;
  if (!delegator.unit_id) return false;
  return actor.grants.some((g) => g.role === 'unit_admin' && g.unitId === delegator.unit_id);
}

export async function createDelegation(q: Queryable, actor: Actor, input: DelegationInput): Promise<{ id: string }> {
  return withTx(q, async (tx) => {
    const delegatorId = input.delegatorId ?? actor.userId;
    const delegator = await personOf(tx, delegatorId);
    if (!delegator || !managesDelegationsOf(actor, delegator)) throw notFound('委托人');
    const delegate = await personOf(tx, input.delegateId);
    if (!delegate?.active) throw invalid({ delegateId: '受托人不存在或已停用' });
    if (delegate.id === delegatorId) throw invalid({ delegateId: '不能委托给本人' });
    if (!hasPermission(delegate.grants, 'document.approve')) throw invalid({ delegateId: '受托人须担任审批角色' });
    if (input.endsOn < input.startsOn) throw invalid({ endsOn: '结束日期不能早于开始日期' });
    if (input.endsOn < businessToday()) throw invalid({ endsOn: '结束日期已过' });
    // One delegation at a time: "代 张三" must name one person, and each day one delegate.
    const [clash] = await tx
      .select({ id: approvalDelegations.id })
      .from(approvalDelegations)
      .where(
        and(
          eq(approvalDelegations.delegatorId, delegatorId),
          isNull(approvalDelegations.revokedAt),
          sql`${approvalDelegations.startsOn} <= ${input.endsOn}::date AND ${approvalDelegations.endsOn} >= ${input.startsOn}::date`,
        ),
      )
      .for('update');
    if (clash) throw new AppError('conflict', '该期间已有委托，请先撤销原委托');
    const [row] = await tx
      .insert(approvalDelegations)
      .values({
        unitId: delegator.unit_id,
        delegatorId,
        delegateId: delegate.id,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        reason: input.reason || null,
        createdBy: actor.userId,
      })
      .returning({ id: approvalDelegations.id });
    return row;
  });
}

export async function revokeDelegation(q: Queryable, actor: Actor, id: string): Promise<void> {
  await withTx(q, async (tx) => {
    const [row] = await tx.select().from(approvalDelegations).where(eq(approvalDelegations.id, id)).for('update');
    const delegator = row && (await personOf(tx, row.delegatorId));
    if (!row || !delegator || !managesDelegationsOf(actor, delegator)) throw notFound('委托');
    if (row.revokedAt) return;
    await tx.update(approvalDelegations).set({ revokedAt: new Date(), revokedBy: actor.userId }).where(eq(approvalDelegations.id, id));
  });
}

/** Delegations by or to the actor, and those of the units the actor administers. */
export async function listDelegations(q: Queryable, actor: Actor): Promise<Delegation[]> {
  const units = actor.grants.filter((g) => g.role === 'unit_admin' && g.unitId).map((g) => g.unitId!);
  const unitsSql = units.length
    ? sql`OR g.unit_id IN (${sql.join(
        units.map((u) => sql`${u}::uuid`),
        sql`, `,
      )})`
    : sql``;
  const rows = await query<Delegation>(
    q,
    sql`SELECT g.id, g.delegator_id AS "delegatorId", a.display_name AS "delegatorName", g.delegate_id AS "delegateId",
      b.display_name AS "delegateName", g.starts_on::text AS "startsOn", g.ends_on::text AS "endsOn", g.reason,
      c.display_name AS "createdByName",
      CASE WHEN g.revoked_at IS NOT NULL THEN 'revoked' WHEN g.ends_on < ${businessDate()} THEN 'ended'
        WHEN g.starts_on > ${businessDate()} THEN 'upcoming' ELSE 'active' END AS state
    FROM approval_delegations g JOIN users a ON a.id = g.delegator_id JOIN users b ON b.id = g.delegate_id
      LEFT JOIN users c ON c.id = g.created_by
    WHERE g.delegator_id = ${actor.userId} OR g.delegate_id = ${actor.userId} ${unitsSql}
    ORDER BY g.starts_on DESC, g.created_at DESC LIMIT 200`,
  );
  return rows;
}

/** Whom the actor may name as delegate: active approvers of the actor's units (or the committee's), not the actor. */
export async function delegateCandidates(q: Queryable, actor: Actor): Promise<{ id: string; name: string }[]> {
  const units = actor.grants.map((g) => g.unitId).filter((u): u is string => !!u);
  const unitSql = units.length
    ? sql`ra.unit_id IN (${sql.join(
        units.map((u) => sql`${u}::uuid`),
        sql`, `,
      )})`
    : sql`false`;
  return query<{ id: string; name: string }>(
    q,
    sql`SELECT DISTINCT u.id, u.display_name AS name FROM users u JOIN role_assignments ra ON ra.user_id = u.id
    WHERE u.active AND u.id <> ${actor.userId}
      AND ra.role IN ('asset_office', 'finance_bureau', 'unit_admin', 'unit_finance', 'unit_leader')
      AND (${unitSql} OR (ra.unit_id IS NULL AND ${actor.unitId === null}))
    ORDER BY name LIMIT 200`,
  );
}
