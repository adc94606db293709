import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid, integer } from 'drizzle-orm/pg-core';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** 清查盘点: a count's plan (scope, base date, reason) and its state. */
export const counts = pgTable(
  'counts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull().default('planned'), // planned | counting | closed
    /** The units counted: the scope of every query on the count (a unit sees counts of its own units only). */
    unitIds: uuid('unit_ids').array().notNull(),
    buildingIds: uuid('building_ids').array().notNull().default(sql`'{}'::uuid[]`),
    roomIds: uuid('room_ids').array().notNull().default(sql`'{}'::uuid[]`),
    categoryIds: uuid('category_ids').array().notNull().default(sql`'{}'::uuid[]`),
    baseDate: date('base_date').notNull(),
    dueDate: date('due_date'),
    expectedCount: integer('expected_count').notNull().default(0),
    /** An annual plan that repeats: closing it plans next year's count (same scope and counters). */
    repeatsYearly: boolean('repeats_yearly').notNull().default(false),
    /** The count whose close planned this one (the chain of an annual plan). */
    repeatOf: uuid('repeat_of'),
    plannedBy: uuid('planned_by').notNull(),
    startedBy: uuid('started_by'),
    startedAt: ts('started_at'),
    /**
     * Set by the snapshot: ledger events from this instant on may be changes the snapshot did not see
     * (the start, or the start of the oldest transaction then running, whichever is earlier). The
     * result looks for "changed while counting" among the cards with such events only.
     */
    changesFrom: ts('changes_from'),
    /** Set by the snapshot: the rooms its cards are in (the phone's room list reads these, not every card). */
    snapshotRoomIds: uuid('snapshot_room_ids').array(),
    closedBy: uuid('closed_by'),
    closedAt: ts('closed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('counts_unit_ids_idx').using('gin', t.unitIds)],
);

/** Who counts: a lead and participants. */
export const countCounters = pgTable(
  'count_counters',
  {
    countId: uuid('count_id')
      .notNull()
      .references(() => counts.id),
    userId: uuid('user_id').notNull(),
    lead: boolean('lead').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.countId, t.userId] })],
);

/**
 * The expected list, frozen when the count starts: a copy of the book's facts, so later edits of a
 * card never rewrite what the count expected. No foreign keys: one INSERT … SELECT writes the rows.
 */
export const countItems = pgTable(
  'count_items',
  {
    countId: uuid('count_id').notNull(),
    cardId: uuid('card_id').notNull(),
    cardNo: text('card_no').notNull(),
    name: text('name').notNull(),
    unitId: uuid('unit_id').notNull(),
    roomId: uuid('room_id'),
    categoryId: uuid('category_id').notNull(),
    custodianId: uuid('custodian_id'),
    valueFen: bigint('value_fen', { mode: 'number' }).notNull(),
    cardVersion: integer('card_version').notNull(),
  },
  // The primary key is the only index: the snapshot writes it in key order (a second index, written
  // in random order, made a million-card start five times slower; docs/decisions.md).
  (t) => [primaryKey({ columns: [t.countId, t.cardId] })],
);

/**
 * Every scan as sent by a phone. `scan_key` is made on the phone: a batch synced twice, or by two
 * counters, records each scan once (the unique index). A card scanned twice has two rows and one result.
 */
export const countScans = pgTable(
  'count_scans',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    countId: uuid('count_id').notNull(),
    scanKey: uuid('scan_key').notNull(),
    code: text('code'),
    /** The card the code named, if any card has it (in the count or not). */
    cardId: uuid('card_id'),
    /** In the count's expected list. */
    expected: boolean('expected').notNull().default(false),
    roomId: uuid('room_id'),
    condition: text('condition').notNull().default('good'),
    note: text('note'),
    surplusName: text('surplus_name'),
    counterId: uuid('counter_id').notNull(),
    /** Recorded by the recounter of this recount. */
    recountId: uuid('recount_id'),
    scannedAt: ts('scanned_at').notNull(),
    recordedAt: ts('recorded_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('count_scans_key').on(t.countId, t.scanKey), index('count_scans_card_idx').on(t.countId, t.cardId, t.scannedAt)],
);

/** The adjustment documents (workflow) a closed count created: moves, write-offs. */
export const countDocuments = pgTable(
  'count_documents',
  {
    countId: uuid('count_id')
      .notNull()
      .references(() => counts.id),
    documentId: uuid('document_id').notNull(),
    kind: text('kind').notNull(), // move | loss | surplus
  },
  (t) => [primaryKey({ columns: [t.countId, t.documentId] })],
);

/**
 * The split of a count among its counters: each room goes to one counter, whose phone downloads the
 * cards of their rooms only. Cards in no assigned room are the share of the lead and of those who plan.
 */
export const countAssignments = pgTable(
  'count_assignments',
  {
    countId: uuid('count_id')
      .notNull()
      .references(() => counts.id),
    roomId: uuid('room_id').notNull(),
    userId: uuid('user_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countId, t.roomId] }), index('count_assignments_user_idx').on(t.countId, t.userId)],
);

/**
 * A recount (复盘) of the discrepancies found so far, by a person who did not count them the first
 * time; blind: the recounter's sheet does not show where the books expect each card.
 */
export const countRecounts = pgTable('count_recounts', {
  id: uuid('id').primaryKey().defaultRandom(),
  countId: uuid('count_id')
    .notNull()
    .references(() => counts.id),
  counterId: uuid('counter_id').notNull(),
  blind: boolean('blind').notNull().default(true),
  cardIds: uuid('card_ids').array().notNull(),
  createdBy: uuid('created_by').notNull(),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/**
 * What the office registers of a surplus (盘盈) before the count closes: the unit, category, name,
 * value and its basis, and the explanation. The close turns each into a line of a 盘盈 registration
 * document (workflow acceptance) whose execution, after approval, creates the card.
 */
export const countSurplus = pgTable(
  'count_surplus',
  {
    countId: uuid('count_id')
      .notNull()
      .references(() => counts.id),
    scanKey: uuid('scan_key').notNull(),
    unitId: uuid('unit_id').notNull(),
    categoryId: uuid('category_id').notNull(),
    name: text('name').notNull(),
    valueFen: bigint('value_fen', { mode: 'number' }).notNull(),
    valueBasis: text('value_basis').notNull(), // appraised | replacement | nominal
    explanation: text('explanation').notNull(),
    roomId: uuid('room_id'),
    registeredBy: uuid('registered_by').notNull(),
  },
  (t) => [primaryKey({ columns: [t.countId, t.scanKey] })],
);
