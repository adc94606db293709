// The inbox rule (待我审批): who may take the current step of a document, in their own right, as
// the colleague a step was handed to (转办), for an absent approver (委托), or as the colleague the
// approver asked to sign first (加签). One SQL fragment over `documents d`: the inbox, its count,
// the workspace and the decision all use it.
import { sql, type SQL } from 'drizzle-orm';
import type { RoleGrant } from '../../../shared/roles.ts';
import { can, type Actor } from '../../platform/auth/actor.ts';
import { businessDate } from '../../platform/clock.ts';
import { editedBy } from './document.store.ts';

/** The roles that approve steps. */
export const APPROVER_ROLES = ['asset_office', 'finance_bureau', 'unit_admin', 'unit_finance', 'unit_leader'] as const;

/** Whether the grants hold the step's role where the step needs it. */
export function holdsStep(grants: readonly RoleGrant[], step: { role: string; scopeUnitId: string | null }): boolean {
  return grants.some((g) => g.role === step.role && (g.unitId === null || g.unitId === step.scopeUnitId));
}

/**
 * SQL: `userId` took (or had taken for them, 委托) a step of document `documentId`, or signed one as
 * the colleague asked to sign first (加签). One person takes one step of a chain at most.
 */
export function tookStepOf(documentId: SQL | string, userId: SQL | string): SQL {
  return sql`(EXISTS (SELECT 1 FROM document_steps s2 WHERE s2.document_id = ${documentId}
      AND (s2.decided_by = ${userId} OR s2.on_behalf_of = ${userId}))
    OR EXISTS (SELECT 1 FROM document_cosigns c2 WHERE c2.document_id = ${documentId}
      AND (c2.decided_by = ${userId} OR c2.on_behalf_of = ${userId})))`;
}

/**
 * SQL: `userId` (a column or value) had no part in document `d`: neither applied, submitted,
 * changed its content, nor took (or had taken for them) one of its steps or a 加签.
 */
export function uninvolved(userId: SQL | string): SQL {
  return sql`d.applicant_id <> ${userId} AND d.submitted_by IS DISTINCT FROM ${userId}
    AND NOT ${tookStepOf(sql`d.id`, userId)}
    AND NOT ${editedBy(sql`d.id`, userId)}`;
}

/** SQL over the step `s`: a 加签 is pending on it (the step waits for the added signer). */
export const cosignPending = sql`EXISTS (SELECT 1 FROM document_cosigns pc WHERE pc.step_id = s.id AND pc.state = 'pending')`;

/**
 * SQL over the pending 加签 `c` of step `s` of `d`: the delegations to `delegateId` in force today
 * from the added signer. The delegate is held to the signer's rules: neither the approver who
 * asked (nor the one they acted for) may sign for the signer, and the signer must still be uninvolved.
 */
export function cosignDelegationsFor(delegateId: string): SQL {
  return sql`approval_delegations g JOIN users pu ON pu.id = g.delegator_id AND pu.active
    WHERE g.delegate_id = ${delegateId} AND g.delegator_id = c.signer_id AND g.revoked_at IS NULL
      AND ${businessDate()} BETWEEN g.starts_on AND g.ends_on
      AND g.delegate_id <> c.added_by AND g.delegate_id IS DISTINCT FROM c.added_for
      AND g.delegate_id IS DISTINCT FROM s.assignee_id
      AND ${uninvolved(sql`g.delegator_id`)}`;
}

/** SQL over the step `s`: a 加签 is pending on it for the actor, or for a signer the actor stands in for. */
function cosignTaker(actor: Actor): SQL {
  return sql`EXISTS (SELECT 1 FROM document_cosigns c WHERE c.step_id = s.id AND c.state = 'pending'
    AND (c.signer_id = ${actor.userId} OR EXISTS (SELECT 1 FROM ${cosignDelegationsFor(actor.userId)})))`;
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
      AND ((NOT ${cosignPending} AND ((${ownStep(actor)}) OR EXISTS (SELECT 1 FROM ${delegationsFor(actor.userId)})))
        OR ${cosignTaker(actor)}))`;
}

/**
 * SQL over `d`: the name of the approver (or added signer) the actor would act for on the current
 * step ("代 张三"), or null when the actor takes it in their own right.
 */
export function actingForName(actor: Actor): SQL {
  return sql`(SELECT CASE WHEN c.id IS NOT NULL THEN (CASE WHEN c.signer_id = ${actor.userId} THEN NULL ELSE cu.display_name END)
      WHEN ${ownStep(actor)} THEN NULL
      ELSE (SELECT pu.display_name FROM ${delegationsFor(actor.userId)} ORDER BY g.created_at LIMIT 1) END
    FROM document_steps s LEFT JOIN document_cosigns c ON c.step_id = s.id AND c.state = 'pending'
      LEFT JOIN users cu ON cu.id = c.signer_id
    WHERE s.document_id = d.id AND s.step_no = d.current_step)`;
}

/**
 * SQL over the current step `s` of `d`: active users other than the actor who had no part in the
 * document and hold an approver role — 转办 (`reassign`): the step's role where it needs it, the
 * colleagues the step may be handed to; 加签 (`cosign`): any approver role of the committee or of a
 * unit that sees the document, other than the approver the step returns to (`approverId`).
 */
export function colleaguesSql(actor: Actor, kind: 'reassign' | 'cosign', approverId?: string): SQL {
  const fits =
    kind === 'reassign'
      ? sql`ra.role = s.role AND (ra.unit_id IS NULL OR ra.unit_id = s.scope_unit_id)`
      : sql`(ra.unit_id IS NULL OR ra.unit_id = d.unit_id OR ra.unit_id = d.counterpart_unit_id)
        AND u.id IS DISTINCT FROM s.assignee_id AND u.id <> ${approverId ?? actor.userId}`;
  return sql`SELECT DISTINCT u.id, u.display_name AS name FROM users u JOIN role_assignments ra ON ra.user_id = u.id
    WHERE u.active AND u.id <> ${actor.userId} AND ${fits}
      AND ra.role IN (${sql.join(
        APPROVER_ROLES.map((r) => sql`${r}`),
        sql`, `,
      )})
      AND ${uninvolved(sql`u.id`)}`;
}
