// The inbox rule (待我审批): who may take the current step of a document, in their own right, as
// the colleague a step was handed to (转办), or for an absent approver (委托). One SQL fragment
// over `documents d`: the inbox, its count, the workspace and the decision all use it.
import { sql, type SQL } from 'drizzle-orm';
import { can, type Actor } from '../../platform/auth/actor.ts';
import { businessDate } from '../../platform/clock.ts';
import { editedBy } from './document.store.ts';

/** The roles that approve steps. */
export const APPROVER_ROLES = ['asset_office', 'finance_bureau', 'unit_admin', 'unit_finance', 'unit_leader'] as const;

/**
 * SQL: `userId` (a column or value) had no part in document `d`: neither applied, submitted,
 * changed its content, nor took (or had taken for them) one of its steps.
 */
export function uninvolved(userId: SQL | string): SQL {
  return sql`d.applicant_id <> ${userId} AND d.submitted_by IS DISTINCT FROM ${userId}
    AND NOT EXISTS (SELECT 1 FROM document_steps s2 WHERE s2.document_id = d.id AND (s2.decided_by = ${userId} OR s2.on_behalf_of = ${userId}))
    AND NOT ${editedBy(sql`d.id`, userId)}`;
}

/**
 * SQL over the step `s` of document `d`: the delegations to `delegateId` in force today whose
 * delegator could take the step themselves. Selects the delegator's id (g.delegator_id).
 */
export function delegationsFor(delegateId: string): SQL {
  return sql`approval_delegations g JOIN users pu ON pu.id = g.delegator_id AND pu.active
    WHERE g.delegate_id = ${delegateId} AND g.revoked_at IS NULL
      AND ${businessDate()} BETWEEN g.starts_on AND g.ends_on
      AND (s.assignee_id IS NULL OR s.assignee_id = g.delegator_id)
      AND EXISTS (SELECT 1 FROM role_assignments ra WHERE ra.user_id = g.delegator_id AND ra.role = s.role
        AND ra.role IN (${sql.join(
          APPROVER_ROLES.map((r) => sql`${r}`),
          sql`, `,
        )})
        AND (ra.unit_id IS NULL OR ra.unit_id = s.scope_unit_id))
      AND ${uninvolved(sql`g.delegator_id`)}`;
}

/** SQL over the step `s`: the actor's own grants hold it, and it was not handed to someone else. */
function ownStep(actor: Actor): SQL {
  const grants = actor.grants.filter((g) => (APPROVER_ROLES as readonly string[]).includes(g.role));
  if (!grants.length) return sql`false`;
  const match = sql.join(
    grants.map((g) => (g.unitId === null ? sql`(s.role = ${g.role})` : sql`(s.role = ${g.role} AND s.scope_unit_id = ${g.unitId})`)),
    sql` OR `,
  );
  return sql`(${match}) AND (s.assignee_id IS NULL OR s.assignee_id = ${actor.userId})`;
}

/** SQL: the current step of `d` is one the actor may take, in their own right or for a delegator. */
export function inboxWhere(actor: Actor): SQL {
  if (!can(actor, 'document.approve')) return sql`false`;
  return sql`d.status = 'submitted' AND ${uninvolved(actor.userId)}
    AND EXISTS (SELECT 1 FROM document_steps s WHERE s.document_id = d.id AND s.step_no = d.current_step
      AND ((${ownStep(actor)}) OR EXISTS (SELECT 1 FROM ${delegationsFor(actor.userId)})))`;
}

/**
 * SQL over `d`: the name of the approver the actor would act for on the current step ("代 张三"),
 * or null when the actor takes it in their own right.
 */
export function actingForName(actor: Actor): SQL {
  return sql`(SELECT CASE WHEN ${ownStep(actor)} THEN NULL
      ELSE (SELECT pu.display_name FROM ${delegationsFor(actor.userId)} ORDER BY g.created_at LIMIT 1) END
    FROM document_steps s WHERE s.document_id = d.id AND s.step_no = d.current_step)`;
}
