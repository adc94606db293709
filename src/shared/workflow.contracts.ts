import { z } from 'zod';
import { IsoDate } from './dates.ts';
import { Fen } from './money.ts';
import { PageQuery } from './paging.ts';
import { DocumentLineInput, DocumentTypeSchema } from './document-types/index.ts';

// Lifecycle documents (docs/domain.md §4), approval chains and allocation standards (§5), shared by the
// API and the web forms. Labels are [zh, en].

// Document types are declared one per file in ./document-types (the registry); re-exported here.
export {
  CARD_DOCUMENT_TYPES,
  CHANGE_KINDS,
  type ChangeKind,
  DOCUMENT_TYPE_SPECS,
  DOCUMENT_TYPES,
  DocumentInput,
  type DocumentInputOf,
  DocumentLineInput,
  type DocumentType,
  DocumentTypeSchema,
  documentTypeSpec,
  type PayloadOf,
  readPayload,
  type SpecOf,
} from './document-types/index.ts';

export const DOCUMENT_STATUSES = {
  draft: ['草稿', 'Draft'],
  submitted: ['审批中', 'In approval'],
  approved: ['已批准', 'Approved'],
  rejected: ['已驳回', 'Rejected'],
  returned: ['已退回', 'Returned'],
  executed: ['已执行', 'Executed'],
  cancelled: ['已作废', 'Cancelled'],
} as const;
export type DocumentStatus = keyof typeof DOCUMENT_STATUSES;

/** Statuses in which a document holds its cards (a card can be in one open document only). */
export const OPEN_STATUSES: readonly DocumentStatus[] = ['draft', 'submitted', 'approved', 'returned'];

export const STEP_SCOPES = {
  applicant_unit: ['申请单位', "Applicant's unit"],
  counterpart_unit: ['调入单位', 'Receiving unit'],
  committee: ['管委会', 'Committee'],
  finance_bureau: ['财政局', 'Finance bureau'],
} as const;
export type StepScope = keyof typeof STEP_SCOPES;
export const StepScopeSchema = z.enum(Object.keys(STEP_SCOPES) as [StepScope, ...StepScope[]]);

export const DECISIONS = { approve: ['同意', 'Approve'], reject: ['驳回', 'Reject'], return: ['退回修改', 'Return'] } as const;
export type Decision = keyof typeof DECISIONS;

const uuid = z.uuid();
const fen = Fen;
const dateStr = IsoDate;

/** When a chain step applies; every set condition must hold (per item OR per batch for amounts). */
export const StepCondition = z.object({
  minItemFen: fen.optional(),
  minBatchFen: fen.optional(),
  categoryPrefix: z.string().max(40).optional(),
  crossUnit: z.boolean().optional(),
  overStandard: z.boolean().optional(),
  financial: z.boolean().optional(),
});
export type StepCondition = z.infer<typeof StepCondition>;

export const ChainStepInput = z.object({
  role: z.enum(['asset_office', 'finance_bureau', 'unit_admin', 'unit_finance', 'unit_leader']),
  scope: StepScopeSchema,
  label: z.string().min(1).max(60),
  condition: StepCondition.default({}),
  /** 允许加签: the step's approver may ask a colleague to sign before deciding. */
  allowCosign: z.boolean().optional(),
});
export type ChainStepInput = z.infer<typeof ChainStepInput>;
export const ChainInput = z.object({ steps: z.array(ChainStepInput).max(12) });
export const Chain = z.object({
  documentType: DocumentTypeSchema,
  steps: z.array(ChainStepInput.extend({ stepNo: z.number().int(), allowCosign: z.boolean() })),
  updatedAt: z.string().nullable(),
  updatedByName: z.string().nullable(),
});
export type Chain = z.infer<typeof Chain>;

/** How a sale's price was set. */
export { PRICING_BASES } from './document-types/disposal.doctype.ts';

/** A lending is "due" from this many days before the end of its period (the workspace reminds). */
export const LENDING_DUE_DAYS = 7;

export const DocumentListQuery = PageQuery.extend({
  type: DocumentTypeSchema.optional(),
  status: z.enum(Object.keys(DOCUMENT_STATUSES) as [DocumentStatus, ...DocumentStatus[]]).optional(),
  sort: z.enum(['createdAt', 'docNo', 'totalFen', 'status']).optional(),
  /** 我的申请: documents I applied for or submitted. */
  mine: z.enum(['true']).optional(),
  /** Lendings out and not yet returned: due within LENDING_DUE_DAYS, or past their period. */
  lending: z.enum(['due', 'overdue']).optional(),
  /** The applicant unit. */
  unitId: z.uuid().optional(),
  /** The department the document names (使用部门, or the receiving department of a 调拨). */
  departmentId: z.uuid().optional(),
});
export type DocumentListQuery = z.infer<typeof DocumentListQuery>;

export const DocumentSummary = z.object({
  id: z.string(),
  docNo: z.string(),
  type: z.string(),
  status: z.string(),
  title: z.string().nullable(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  counterpartUnitId: z.string().nullable(),
  applicantName: z.string().nullable(),
  totalFen: z.number(),
  lineCount: z.number(),
  currentStepLabel: z.string().nullable(),
  createdAt: z.string(),
  submittedAt: z.string().nullable(),
  /** Lending/rental executed, past its period and not returned. */
  overdue: z.boolean(),
  /** In the inbox: the absent approver the caller would act for (委托, "代 张三"). */
  actingFor: z.string().nullable().optional(),
});
export type DocumentSummary = z.infer<typeof DocumentSummary>;

export const DocumentLine = z.object({
  id: z.string(),
  lineNo: z.number(),
  cardId: z.string().nullable(),
  cardNo: z.string().nullable(),
  cardName: z.string().nullable(),
  cardStatus: z.string().nullable(),
  cardVersion: z.number().nullable(),
  categoryId: z.string().nullable(),
  name: z.string().nullable(),
  spec: z.string().nullable(),
  quantity: z.number(),
  unitPriceFen: z.number(),
  amountFen: z.number(),
  reason: z.string().nullable(),
  budgetLine: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  /** Procurement and acceptance lines: the configuration request (and its unit) the line traces back to. */
  sourceDocNo: z.string().nullable(),
  sourceUnitId: z.string().nullable(),
});
export type DocumentLine = z.infer<typeof DocumentLine>;

/** 加签: a colleague asked by the step's approver to sign before the approver decides. */
export const DocumentCosign = z.object({
  signerName: z.string(),
  addedByName: z.string(),
  /** 委托: the approver the adder acted for. */
  addedForName: z.string().nullable(),
  state: z.enum(['pending', 'approved', 'rejected']),
  decidedByName: z.string().nullable(),
  /** 委托: the signer the decider acted for ("代 张三"). */
  onBehalfOfName: z.string().nullable(),
  comment: z.string().nullable(),
  addedAt: z.string(),
  decidedAt: z.string().nullable(),
});
export type DocumentCosign = z.infer<typeof DocumentCosign>;

export const DocumentStep = z.object({
  stepNo: z.number(),
  role: z.string(),
  scope: z.string(),
  scopeUnitId: z.string().nullable(),
  label: z.string(),
  special: z.boolean(),
  state: z.string(),
  decidedByName: z.string().nullable(),
  /** 委托: the approver the decider acted for ("代 张三"). */
  onBehalfOfName: z.string().nullable().optional(),
  /** 转办: the colleague the step was handed to. */
  assigneeName: z.string().nullable().optional(),
  comment: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** 允许加签 at this step. */
  allowCosign: z.boolean().optional(),
  /** 加签: the colleagues asked to sign at this step, oldest first. */
  cosigns: z.array(DocumentCosign).optional(),
});
export type DocumentStep = z.infer<typeof DocumentStep>;

export const DocumentEvent = z.object({
  id: z.number(),
  type: z.string(),
  actorName: z.string().nullable(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  note: z.string().nullable(),
  at: z.string(),
});

export const DocumentDetail = DocumentSummary.extend({
  payload: z.record(z.string(), z.unknown()),
  /** Stored payload fields that do not fit the type's schema (field → message); empty when it fits. */
  payloadProblems: z.record(z.string(), z.string()),
  counterpartUnitName: z.string().nullable(),
  applicantId: z.string(),
  version: z.number(),
  currentStep: z.number().nullable(),
  executedByName: z.string().nullable(),
  executedAt: z.string().nullable(),
  lines: z.array(DocumentLine),
  steps: z.array(DocumentStep),
  events: z.array(DocumentEvent),
  /** What the caller may do now. */
  can: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    decide: z.boolean(),
    execute: z.boolean(),
    cancel: z.boolean(),
    post: z.boolean(),
    returnLending: z.boolean(),
    withdraw: z.boolean(),
    /** 转办 the current step to a colleague. */
    reassign: z.boolean().optional(),
    /** 加签: ask a colleague to sign the current step first (the step allows it, none pending). */
    addSigner: z.boolean().optional(),
  }),
});
export type DocumentDetail = z.infer<typeof DocumentDetail>;

export const DecisionInput = z.object({
  comment: z.string().max(1000).optional(),
  /** The step the approver saw; if another decision moved the document on meanwhile, the call is refused as stale. */
  stepNo: z.number().int().min(1).optional(),
});

/**
 * 入账: the unit's finance gives the date of recognition (交付使用) and the accounting voucher
 * (会计凭证号, never the invoice number). A date in a closed month is booked in the first open one.
 */
export const PostingInput = z.object({
  postedOn: IsoDate,
  voucherNo: z.string().trim().min(1, '入账须填写会计凭证号').max(64),
});
export type PostingInput = z.infer<typeof PostingInput>;

// Standards (配置标准) live in standards.contracts.ts.

// ---- configuration request checks ----

export const CheckInput = z.object({
  unitId: uuid.optional(),
  lines: z.array(DocumentLineInput).max(500),
});

export const Finding = z.object({
  rule: z.enum(['price_cap', 'quota', 'min_life', 'room_required']),
  standardCode: z.string(),
  message: z.string(),
  figures: z.record(z.string(), z.union([z.number(), z.string()])),
});
export type Finding = z.infer<typeof Finding>;

export const IdleOffer = z.object({
  cardId: z.string(),
  cardNo: z.string(),
  name: z.string(),
  unitName: z.string().nullable(),
  netValueFen: z.number(),
  /** The pool listing, when the item is in the idle pool (公物仓): it can be requested from the form. */
  listingId: z.string().nullable().optional(),
  /** The applicant unit has a pending pool request for it. */
  requested: z.boolean().optional(),
  /** Why it matched (先调剂后购置 by spec): the category, the attributes the line names, the spec words found. */
  reasons: z.array(z.string()).optional(),
  /** How many of the line's spec words the item has: offers are ranked by it, then by net value. */
  specHits: z.number().optional(),
});
export type IdleOffer = z.infer<typeof IdleOffer>;

export const LineCheck = z.object({
  index: z.number(),
  standardCode: z.string().nullable(),
  findings: z.array(Finding),
  idleOffers: z.array(IdleOffer),
});
export type LineCheck = z.infer<typeof LineCheck>;
export const CheckResult = z.object({ lines: z.array(LineCheck) });
export type CheckResult = z.infer<typeof CheckResult>;
