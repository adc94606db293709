import { sql } from 'drizzle-orm';
import { date, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { units } from '../org/org.tables.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * 资产使用效益评价指标: one row per indicator and the first year it applies from. Editing an indicator
 * adds a row from a year on; a year's evaluation reads, per code, the latest row at or before it, so
 * earlier years keep the rules they were scored by (docs/domain.md §11). Weight 0 retires it.
 */
export const evalIndicators = pgTable(
  'eval_indicators',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    /** Which figure of the system's data it reads (evaluation.sources.ts). */
    source: text('source').notNull(),
    /** higher | lower (one-sided, scored between `worst` and `best`) | target (two-sided, `target` ± `tolerance`). */
    direction: text('direction').notNull(),
    weight: integer('weight').notNull(),
    best: doublePrecision('best'),
    worst: doublePrecision('worst'),
    target: doublePrecision('target'),
    tolerance: doublePrecision('tolerance'),
    fromYear: integer('from_year').notNull(),
    note: text('note'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('eval_indicators_code_year').on(t.code, t.fromYear)],
);

/**
 * A unit's evaluation of a year: the self-evaluation (the unit's figures frozen with its comment) and
 * the committee's review (the score it confirms or sets, with its reason).
 */
export const evalReviews = pgTable(
  'eval_reviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    year: integer('year').notNull(),
    status: text('status').notNull(), // self_submitted | reviewed
    selfScore: doublePrecision('self_score').notNull(),
    selfComment: text('self_comment'),
    /** The indicators' values and scores when the unit submitted. */
    snapshot: jsonb('snapshot').notNull(),
    submittedBy: uuid('submitted_by').notNull(),
    submittedAt: ts('submitted_at').notNull().defaultNow(),
    reviewScore: doublePrecision('review_score'),
    reviewComment: text('review_comment'),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: ts('reviewed_at'),
  },
  (t) => [uniqueIndex('eval_reviews_unit_year').on(t.unitId, t.year)],
);

/**
 * 责任追究: a violation recorded against a unit and a person, found by the system (`key` names what
 * found it, so a second detection adds nothing) or entered by the committee, with the rule broken,
 * the evidence, the handling and the outcome. Open and closed records count in the unit's evaluation.
 */
export const accountabilityRecords = pgTable(
  'accountability_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    personName: text('person_name'),
    kind: text('kind').notNull(), // pool_overdue | late_return | count_loss | over_standard | other
    source: text('source').notNull(), // system | manual
    rule: text('rule').notNull(),
    evidence: text('evidence').notNull(),
    documentId: uuid('document_id'),
    cardId: uuid('card_id'),
    occurredOn: date('occurred_on', { mode: 'string' }).notNull(),
    status: text('status').notNull().default('open'), // open | closed
    handling: text('handling'),
    outcome: text('outcome'),
    key: text('key'),
    createdBy: uuid('created_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    closedBy: uuid('closed_by'),
    closedAt: ts('closed_at'),
  },
  (t) => [
    uniqueIndex('accountability_key_uniq').on(t.key).where(sql`key IS NOT NULL`),
    index('accountability_unit_idx').on(t.unitId, t.occurredOn),
  ],
);
