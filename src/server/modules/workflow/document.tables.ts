import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { units } from '../org/org.tables.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const fen = (name: string) => bigint(name, { mode: 'number' });

/** 业务单据: one row per lifecycle document, whatever its type (the per-type fields live in payload). */
export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    docNo: text('doc_no').notNull().unique(),
    type: text('type').notNull(),
    status: text('status').notNull().default('draft'),
    /** The applicant unit: the scope of the document. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    /** Transfers between units: the receiving unit. */
    counterpartUnitId: uuid('counterpart_unit_id').references(() => units.id),
    applicantId: uuid('applicant_id').notNull(),
    title: text('title'),
    totalFen: fen('total_fen').notNull().default(0),
    maxItemFen: fen('max_item_fen').notNull().default(0),
    payload: jsonb('payload').notNull().default(sql`'{}'::jsonb`),
    /** The step awaiting a decision while submitted. */
    currentStep: integer('current_step'),
    version: integer('version').notNull().default(1),
    submittedAt: ts('submitted_at'),
    /** Who submitted (may differ from the applicant who drafted it); neither may approve it. */
    submittedBy: uuid('submitted_by'),
    decidedAt: ts('decided_at'),
    executedAt: ts('executed_at'),
    executedBy: uuid('executed_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('documents_unit_type_idx').on(t.unitId, t.type, t.status),
    index('documents_counterpart_idx').on(t.counterpartUnitId),
    index('documents_status_idx').on(t.status, t.currentStep),
  ],
);

/**
 * A document's lines: a card, or a category line (configuration request, procurement, acceptance).
 * `open` is true while the document may still act on the card; the partial unique index makes the
 * database refuse a second open document for the same card, whoever races whom.
 */
export const documentLines = pgTable(
  'document_lines',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id').notNull(),
    lineNo: integer('line_no').notNull(),
    cardId: uuid('card_id'),
    /** The card's version when the line was written or the document submitted; execution re-checks it. */
    cardVersion: integer('card_version'),
    open: boolean('open').notNull().default(true),
    categoryId: uuid('category_id'),
    name: text('name'),
    spec: text('spec'),
    quantity: integer('quantity').notNull().default(1),
    unitPriceFen: fen('unit_price_fen').notNull().default(0),
    amountFen: fen('amount_fen').notNull().default(0),
    reason: text('reason'),
    budgetLine: text('budget_line'),
    /** Standards findings, declined idle offers, source line, invoice, created card. */
    details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [
    index('document_lines_document_idx').on(t.documentId, t.lineNo),
    uniqueIndex('document_lines_open_card_uniq').on(t.cardId).where(sql`open AND card_id IS NOT NULL`),
    index('document_lines_card_idx').on(t.cardId),
  ],
);

/** The approval chain instantiated at submission: one row per step that applies. */
export const documentSteps = pgTable(
  'document_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    stepNo: integer('step_no').notNull(),
    role: text('role').notNull(),
    scope: text('scope').notNull(),
    /** The unit the role must be held in; null for committee-wide roles. */
    scopeUnitId: uuid('scope_unit_id'),
    label: text('label').notNull(),
    special: boolean('special').notNull().default(false),
    /** 允许加签, copied from the chain at submission. */
    allowCosign: boolean('allow_cosign').notNull().default(false),
    state: text('state').notNull().default('pending'), // pending | approved | rejected | returned
    decidedBy: uuid('decided_by'),
    /** 转办: the colleague the step was handed to; only they (or their delegate) take it. */
    assigneeId: uuid('assignee_id'),
    /** 委托: the approver the decider acted for ("代 张三"); they count as having taken the step. */
    onBehalfOf: uuid('on_behalf_of'),
    comment: text('comment'),
    decidedAt: ts('decided_at'),
  },
  (t) => [unique('document_steps_no').on(t.documentId, t.stepNo)],
);

/**
 * 加签: a colleague the approver of a step asked to sign before deciding. While one is pending the
 * step waits for them; their approval hands the step back to the approver (the step's assignee),
 * their rejection rejects the document. At most one pending per step (the partial unique index).
 */
export const documentCosigns = pgTable(
  'document_cosigns',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    stepId: uuid('step_id')
      .notNull()
      .references(() => documentSteps.id, { onDelete: 'cascade' }),
    signerId: uuid('signer_id').notNull(),
    addedBy: uuid('added_by').notNull(),
    /** 委托: the approver the adder acted for. */
    addedFor: uuid('added_for'),
    state: text('state').notNull().default('pending'), // pending | approved | rejected
    decidedBy: uuid('decided_by'),
    /** 委托: the signer the decider acted for ("代 张三"); the signer counts as having taken a step. */
    onBehalfOf: uuid('on_behalf_of'),
    comment: text('comment'),
    createdAt: ts('created_at').notNull().defaultNow(),
    decidedAt: ts('decided_at'),
  },
  (t) => [
    index('document_cosigns_document_idx').on(t.documentId),
    uniqueIndex('document_cosigns_pending_uniq').on(t.stepId).where(sql`state = 'pending'`),
  ],
);

/** The document's own history: created, edited, submitted, each decision, executed, cancelled. */
export const documentEvents = pgTable(
  'document_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id').notNull(),
    type: text('type').notNull(),
    actorId: uuid('actor_id'),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('document_events_document_idx').on(t.documentId, t.id)],
);

/** Document numbers: type prefix + year + sequence. */
export const documentNumberSequences = pgTable(
  'document_number_sequences',
  {
    prefix: text('prefix').notNull(),
    year: integer('year').notNull(),
    lastSeq: integer('last_seq').notNull().default(0),
  },
  (t) => [unique('document_number_sequences_pk').on(t.prefix, t.year)],
);
