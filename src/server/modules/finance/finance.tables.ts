import {
  bigint,
  date,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { cards } from '../assets/card.tables.ts';
import { units } from '../org/org.tables.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const fen = (name: string) => bigint(name, { mode: 'number' });

/** One unit's depreciation for one month (计提折旧): open until closed; a closed month is locked. */
export const depreciationRuns = pgTable(
  'depreciation_runs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    /** The first day of the month: '2026-03-01'. */
    month: date('month').notNull(),
    status: text('status').notNull().default('open'), // open | closed
    cardCount: integer('card_count').notNull().default(0),
    totalFen: fen('total_fen').notNull().default(0),
    runBy: uuid('run_by'),
    runAt: ts('run_at').notNull().defaultNow(),
    closedBy: uuid('closed_by'),
    closedAt: ts('closed_at'),
    /**
     * The tamper-evident seal of the run's charges (migrations/post/100_depreciation_run_digest.sql):
     * a hash over every entry of the run, chained to the unit's run of the month before.
     */
    digest: text('digest'),
    /**
     * Where the seal breaks (migrations/post/150_depreciation_run_manifest.sql): each entry's card and
     * a 64-bit check of the line the digest read, so `audit verify` names the card of an entry changed
     * in SQL even when its figures still add up.
     */
    entryCards: uuid('entry_cards').array(),
    entryChecks: bigint('entry_checks', { mode: 'number' }).array(),
  },
  (t) => [unique('depreciation_runs_unit_month').on(t.unitId, t.month), index('depreciation_runs_month_idx').on(t.month)],
);

/**
 * The depreciation ledger: one row per card per run. cards.accumulated_depreciation_fen is the
 * running balance of these rows (plus what a card brought with it when registered); a re-run of
 * an open month reverses and replaces its rows, a closed month's rows never change.
 */
export const depreciationEntries = pgTable(
  'depreciation_entries',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    // No foreign keys on the ledger's hot path: a run inserts a million rows, each taken in the same
    // statement from the run and the cards it joins, and neither runs nor cards are ever deleted.
    runId: uuid('run_id').notNull(),
    cardId: uuid('card_id').notNull(),
    unitId: uuid('unit_id').notNull(),
    categoryId: uuid('category_id').notNull(),
    month: date('month').notNull(),
    /** Months this entry charges: 1, or more when catching up a card posted with a past date. */
    months: integer('months').notNull().default(1),
    amountFen: fen('amount_fen').notNull(),
    /** The monthly rate in force; kept so later months repeat it until value or life changes. */
    monthlyFen: fen('monthly_fen').notNull(),
    originalValueFen: fen('original_value_fen').notNull(),
    usefulLifeMonths: integer('useful_life_months'),
    accumulatedBeforeFen: fen('accumulated_before_fen').notNull(),
    accumulatedAfterFen: fen('accumulated_after_fen').notNull(),
    method: text('method').notNull(),
    workload: numeric('workload', { precision: 14, scale: 2, mode: 'number' }),
  },
  (t) => [
    unique('depreciation_entries_run_card').on(t.runId, t.cardId),
    // A card is charged at most once a month, even when it changes unit within the month.
    uniqueIndex('depreciation_entries_card_month_idx').on(t.cardId, t.month),
    index('depreciation_entries_month_unit_idx').on(t.month, t.unitId),
  ],
);

/**
 * The ledger rolled up per card and calendar year, kept by the triggers of
 * migrations/post/053_depreciation_card_years.sql from every write to depreciation_entries:
 * `cum[k]` is the sum of the card's entries for months 1..k of `year`, so any span of months costs
 * two array reads. The card's owner unit, category and posting and disposal dates are copied here
 * (and follow the card), so the asset summary reads a year's depreciation from this table alone,
 * one row per card instead of twelve entries joined to their cards.
 */
export const depreciationCardYears = pgTable(
  'depreciation_card_years',
  {
    cardId: uuid('card_id').notNull(),
    year: smallint('year').notNull(),
    unitId: uuid('unit_id').notNull(),
    categoryId: uuid('category_id').notNull(),
    postedOn: date('posted_on'),
    disposedOn: date('disposed_on'),
    /**
     * The month index (year × 12 + month − 1) of the day after posting and after disposal: the first
     * month whose entries (dated their month's last day) come after it. Kept with the dates by the
     * triggers, because computing them for a million rows in the summary took longer than reading
     * the rows (and as generated columns every update of `cum` recomputed them: 5 times slower).
     */
    postedMonthIndex: integer('posted_month_index'),
    disposedMonthIndex: integer('disposed_month_index'),
    cum: bigint('cum', { mode: 'number' }).array().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.cardId, t.year] }),
    // The summary reads the years from its period on: past years stay on their own pages (a year's
    // rows are written by its runs and never again), so this skips them as the table grows.
    index('depreciation_card_years_year_idx').on(t.year),
  ],
);

/** Units of production: the workload a card did in a month, entered before the month is run. */
export const depreciationWorkloads = pgTable(
  'depreciation_workloads',
  {
    cardId: uuid('card_id')
      .notNull()
      .references(() => cards.id),
    unitId: uuid('unit_id').notNull(),
    month: date('month').notNull(),
    workload: numeric('workload', { precision: 14, scale: 2, mode: 'number' }).notNull(),
    enteredBy: uuid('entered_by'),
    enteredAt: ts('entered_at').notNull().defaultNow(),
  },
  (t) => [
    unique('depreciation_workloads_card_month').on(t.cardId, t.month),
    index('depreciation_workloads_unit_month_idx').on(t.unitId, t.month),
  ],
);

/**
 * A unit's books (账套): the takeover month (期初建账: opening balances as of its end; the books open
 * from the month after) and the last closed month (结账). Every month up to `closed_through` is
 * locked: the triggers of migrations/post/054_periods.sql book anything dated in it into the first
 * open month and refuse a depreciation entry or a ledger event dated in it.
 */
export const unitBooks = pgTable('unit_books', {
  unitId: uuid('unit_id')
    .primaryKey()
    .references(() => units.id),
  /** First day of the takeover month; null for a unit whose books started here. */
  takeoverMonth: date('takeover_month'),
  takeoverBy: uuid('takeover_by'),
  takeoverAt: ts('takeover_at'),
  /** First day of the last closed month; null while no month is closed. */
  closedThrough: date('closed_through'),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** 反结账: re-opening a unit's last closed month, asked by its finance and decided by the committee. */
export const periodReopenings = pgTable(
  'period_reopenings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    month: date('month').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('requested'), // requested | approved | rejected
    requestedBy: uuid('requested_by').notNull(),
    requestedAt: ts('requested_at').notNull().defaultNow(),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
    decisionNote: text('decision_note'),
  },
  (t) => [index('period_reopenings_unit_idx').on(t.unitId, t.status)],
);
