import { sql } from 'drizzle-orm';
import { bigint, date, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * 配置标准 (docs/domain.md §5). The shipped central defaults have jurisdiction 'central'; an edit writes
 * the jurisdiction's own row ('local'), which then takes precedence for the same code from its date.
 * An item is matched by its category code (a prefix of either GB/T 14885 edition) and attributes.
 */
export const standards = pgTable(
  'standards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    jurisdiction: text('jurisdiction').notNull().default('central'),
    name: text('name').notNull(),
    /** GB/T 14885 code prefixes (2010 or 2022 edition) of the categories it covers. */
    categoryCodes: text('category_codes').array().notNull(),
    /** Attributes the item must have (MatchAttributes: paperSize, colour), defaults filled in. */
    matchAttributes: jsonb('match_attributes').notNull().default(sql`'{}'::jsonb`),
    /** The general cap (for a rank-dependent item: the lower one, 处级及以下). */
    capFen: bigint('cap_fen', { mode: 'number' }),
    /** Caps by the rank of the person the item is for ({ rank: fen }). */
    rankCaps: jsonb('rank_caps').notNull().default(sql`'{}'::jsonb`),
    /** Caps per m² of the room by its area ([{ maxM2, fenPerM2 }]). */
    areaCaps: jsonb('area_caps').notNull().default(sql`'[]'::jsonb`),
    minLifeMonths: integer('min_life_months'),
    minLifeCopies: integer('min_life_copies'),
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
