import { sql } from 'drizzle-orm';
import { bigint, date, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** 审批流程: one chain per document type, edited by the committee. */
export const approvalChains = pgTable('approval_chains', {
  documentType: text('document_type').primaryKey(),
  updatedAt: ts('updated_at'),
  updatedBy: uuid('updated_by'),
});

export const approvalChainSteps = pgTable(
  'approval_chain_steps',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentType: text('document_type')
      .notNull()
      .references(() => approvalChains.documentType, { onDelete: 'cascade' }),
    stepNo: integer('step_no').notNull(),
    role: text('role').notNull(),
    scope: text('scope').notNull(), // applicant_unit | counterpart_unit | committee | finance_bureau
    label: text('label').notNull(),
    /** StepCondition (shared/workflow.contracts.ts); empty: always applies. */
    condition: jsonb('condition').notNull().default(sql`'{}'::jsonb`),
  },
  (t) => [unique('approval_chain_steps_no').on(t.documentType, t.stepNo)],
);

/**
 * 配置标准. The shipped central defaults have jurisdiction 'central'; an edit writes the
 * jurisdiction's own row ('local'), which then takes precedence for the same code.
 */
export const standards = pgTable(
  'standards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    jurisdiction: text('jurisdiction').notNull().default('central'),
    name: text('name').notNull(),
    /** Category names or codes this standard covers (a line matches when its category contains one). */
    categoryKeywords: text('category_keywords').array().notNull(),
    capFen: bigint('cap_fen', { mode: 'number' }),
    minLifeMonths: integer('min_life_months'),
    quota: jsonb('quota').notNull().default(sql`'{"kind":"none"}'::jsonb`),
    effectiveFrom: date('effective_from').notNull(),
    note: text('note'),
    updatedAt: ts('updated_at'),
    updatedBy: uuid('updated_by'),
  },
  (t) => [unique('standards_code_jurisdiction').on(t.code, t.jurisdiction)],
);

/** Every edit of a standard: who, when, field, old → new, from which date. */
export const standardHistory = pgTable('standard_history', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  standardCode: text('standard_code').notNull(),
  jurisdiction: text('jurisdiction').notNull(),
  field: text('field').notNull(),
  oldValue: jsonb('old_value'),
  newValue: jsonb('new_value'),
  effectiveFrom: date('effective_from').notNull(),
  changedBy: uuid('changed_by'),
  changedAt: ts('changed_at').notNull().defaultNow(),
});
