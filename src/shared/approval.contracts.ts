import { z } from 'zod';
import { IsoDate } from './dates.ts';

const uuid = z.uuid();

/** 委托: set by the delegator (delegatorId omitted) or their unit's asset administrator. */
export const DelegationInput = z.object({
  delegatorId: uuid.optional(),
  delegateId: uuid,
  /** Business days in Asia/Shanghai, both included. */
  startsOn: IsoDate,
  endsOn: IsoDate,
  reason: z.string().trim().max(200).optional(),
});
export type DelegationInput = z.infer<typeof DelegationInput>;

export const Delegation = z.object({
  id: z.string(),
  delegatorId: z.string(),
  delegatorName: z.string(),
  delegateId: z.string(),
  delegateName: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  reason: z.string().nullable(),
  createdByName: z.string().nullable(),
  /** active (today within the dates), upcoming, ended or revoked. */
  state: z.enum(['active', 'upcoming', 'ended', 'revoked']),
});
export type Delegation = z.infer<typeof Delegation>;

/** 转办: hand the current step to a colleague with the same role and scope. */
export const ReassignInput = z.object({
  toUserId: uuid,
  comment: z.string().trim().max(1000).optional(),
  /** The step the approver saw (refused as stale when the document moved on). */
  stepNo: z.number().int().min(1).optional(),
});

/** Colleagues a step may be handed to. */
export const ReassignCandidate = z.object({ id: z.string(), name: z.string() });

/**
 * 加签: at a step that allows it, the approver asks a colleague to sign first; the colleague's
 * approval hands the step back to the approver, their rejection rejects the document.
 */
export const CosignInput = z.object({
  toUserId: uuid,
  comment: z.string().trim().max(1000).optional(),
  /** The step the approver saw (refused as stale when the document moved on). */
  stepNo: z.number().int().min(1).optional(),
});
export type CosignInput = z.infer<typeof CosignInput>;

/** 批量审批: the ids confirmed (the web shows their count first). */
export const BulkApproveInput = z.object({ ids: z.array(uuid).min(1).max(200) });
export const BulkApproveResult = z.object({
  approved: z.array(z.string()),
  skipped: z.array(z.object({ id: z.string(), docNo: z.string().nullable(), reason: z.string() })),
});
export type BulkApproveResult = z.infer<typeof BulkApproveResult>;
