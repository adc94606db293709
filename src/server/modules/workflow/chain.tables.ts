import { sql } from 'drizzle-orm';
import { boolean, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

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
    /** 允许加签: the approver of this step may ask a colleague to sign before deciding (cosign.service.ts). */
    allowCosign: boolean('allow_cosign').notNull().default(false),
  },
  (t) => [unique('approval_chain_steps_no').on(t.documentType, t.stepNo)],
);

// The allocation standards (配置标准) are the standards module's tables (standards/standard.tables.ts).
