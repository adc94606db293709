import { bigint, boolean, date, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { units } from '../org/org.tables.ts';

/**
 * The written explanation a unit gives when a month's figures move more than 20 % against the
 * month before (art. 45 reports); it is printed in the report pack's export.
 */
export const reportExplanations = pgTable(
  'report_explanations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    month: date('month').notNull(),
    text: text('text').notNull(),
    writtenBy: uuid('written_by'),
    writtenAt: timestamp('written_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [unique('report_explanations_unit_month').on(t.unitId, t.month)],
);

/**
 * A closed month's asset summary, taken in the closing transaction (结账) so that the month's
 * reports never move: a later edit of a card (its category, its unit, a late entry) changes the
 * open months, not these rows. One marker row per unit and month closed; removed by 反结账.
 */
export const summarySnapshots = pgTable(
  'summary_snapshots',
  {
    unitId: uuid('unit_id').notNull(),
    month: date('month').notNull(),
    takenAt: timestamp('taken_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    /** The low-value line and the additions and disposals lists were frozen too (months closed since they are). */
    lists: boolean('lists').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.month] })],
);

const fen = (name: string) => bigint(name, { mode: 'number' }).notNull();

/**
 * The closed month's figures per unit, leaf category, acquisition method (or 以前年度盈余调整) and
 * disposal method: the summary's parts before they are rolled up to a category level, so a report of
 * any level, category filter or run of closed months is summed from them (opening from the first
 * month, closing from the last, the movements of every month).
 */
export const summarySnapshotRows = pgTable(
  'summary_snapshot_rows',
  {
    unitId: uuid('unit_id').notNull(),
    month: date('month').notNull(),
    categoryId: uuid('category_id').notNull(),
    acq: text('acq'),
    disp: text('disp'),
    openN: integer('open_n').notNull(),
    openV: fen('open_v'),
    openA: fen('open_a'),
    addN: integer('add_n').notNull(),
    addV: fen('add_v'),
    addA: fen('add_a'),
    up: fen('up'),
    down: fen('down'),
    dep: fen('dep'),
    redN: integer('red_n').notNull(),
    redV: fen('red_v'),
    redA: fen('red_a'),
    closeN: integer('close_n').notNull(),
    closeV: fen('close_v'),
    closeA: fen('close_a'),
  },
  (t) => [index('summary_snapshot_rows_unit_month_idx').on(t.unitId, t.month)],
);

/**
 * A closed month's low-value line (低值易耗品, outside the fixed-asset totals), per unit and leaf
 * category: items and cost held at the month's start and end, as the live line counted them at closing.
 */
export const summarySnapshotLowValue = pgTable(
  'summary_snapshot_low_value',
  {
    unitId: uuid('unit_id').notNull(),
    month: date('month').notNull(),
    categoryId: uuid('category_id').notNull(),
    openN: bigint('open_n', { mode: 'number' }).notNull(),
    openV: fen('open_v'),
    closeN: bigint('close_n', { mode: 'number' }).notNull(),
    closeV: fen('close_v'),
  },
  (t) => [index('summary_snapshot_low_value_unit_month_idx').on(t.unitId, t.month)],
);

/**
 * A closed month's additions and disposals lists (新增、处置明细) as they stood at closing: one row per
 * card movement of the owner unit (a posting or transfer in; a disposal or transfer out), with the
 * figures the list showed. The depreciation list needs none: a closed month's entries never change.
 */
export const summarySnapshotMoves = pgTable(
  'summary_snapshot_moves',
  {
    unitId: uuid('unit_id').notNull(),
    month: date('month').notNull(),
    kind: text('kind').notNull(), // additions | disposals
    cardId: uuid('card_id').notNull(),
    movedOn: date('moved_on').notNull(),
    method: text('method'),
    categoryId: uuid('category_id').notNull(),
    v: fen('v'),
    a: fen('a'),
  },
  (t) => [index('summary_snapshot_moves_unit_month_idx').on(t.unitId, t.month, t.kind)],
);

/**
 * The edition mapping (docs/domain.md §7): a GB/T 14885-2010 code (a class or any node) and the 2022
 * code its cards report under, so the report set rolls both editions into one row per class. Shipped
 * in reference/gbt14885-edition-map.csv (installed when the table is empty), edited by the committee.
 * A 2010 category reports under the mapping of its nearest mapped ancestor (itself included).
 */
export const categoryEditionMap = pgTable('category_edition_map', {
  code2010: text('code_2010').primaryKey(),
  code2022: text('code_2022').notNull(),
  note: text('note'),
  updatedBy: uuid('updated_by'),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

/**
 * A unit's monthly report set as filed (月报报送): submitted by the unit for a closed month, reviewed
 * by the committee, and on approval locked: the canonical data and the rendered workbook are stored
 * and never recomputed, their SHA-256 chained across every locked filing (seq, prev_hash, hash), so
 * `gongwu audit verify` finds a stored report altered or removed.
 */
export const reportFilings = pgTable(
  'report_filings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    month: date('month').notNull(),
    status: text('status').notNull().default('submitted'), // submitted | returned | locked
    submittedBy: uuid('submitted_by').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    reviewedBy: uuid('reviewed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'date' }),
    reviewNote: text('review_note'),
    /** Locked only: the report set as JSON (keys in a fixed order), the workbook, their hashes and the chain. */
    canonical: text('canonical'),
    dataHash: text('data_hash'),
    /** The workbook as rendered at locking, base64 (the same bytes are served forever). */
    fileBase64: text('file_base64'),
    fileHash: text('file_hash'),
    seq: integer('seq'),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [unique('report_filings_unit_month').on(t.unitId, t.month), unique('report_filings_seq').on(t.seq)],
);
