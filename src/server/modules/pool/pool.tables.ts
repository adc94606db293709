import { sql } from 'drizzle-orm';
import { bigint, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { cards } from '../assets/card.tables.ts';
import { units } from '../org/org.tables.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * 公物仓入仓: one row each time a card is offered to the pool. The card stays in the assets
 * module's tables (its owner changes only when a request is approved and the transfer executes);
 * the partial unique index lets a card be listed once at a time.
 */
export const poolListings = pgTable(
  'pool_listings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cardId: uuid('card_id')
      .notNull()
      .references(() => cards.id),
    /** The offering unit (the card's owner when listed). */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    mode: text('mode').notNull(), // virtual | physical
    reason: text('reason').notNull(), // idle | under_used | over_standard | event_end
    condition: text('condition').notNull(), // good | fair | needs_repair
    note: text('note'),
    /**
     * Snapshots taken when listed, so the catalogue filters and counts on this table alone (no join
     * to a million cards): the card's category, and lower-cased card number, name, spec, brand,
     * category code and name and the offering unit's name, joined by chr(31).
     */
    categoryId: uuid('category_id').notNull(),
    searchText: text('search_text').notNull().default(''),
    /**
     * The card's net value when listed: the 先调剂后购置 offers are the highest-valued listings of a
     * category, read from one index (pool_listings_match_idx) instead of joining every listing of the
     * category to its card and sorting (docs/decisions.md). The offer shows the card's current value.
     */
    netValueFen: bigint('net_value_fen', { mode: 'number' }).notNull().default(0),
    status: text('status').notNull().default('listed'), // listed | on_loan | reallocated | withdrawn | disposal_proposed
    listedOn: date('listed_on', { mode: 'string' }).notNull(),
    /** The time limit: listed past this day with nobody asking, the item is proposed for disposal (docs/domain.md §11). */
    expiresOn: date('expires_on', { mode: 'string' }),
    listedBy: uuid('listed_by'),
    closedAt: ts('closed_at'),
    closedBy: uuid('closed_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('pool_listings_listed_card_uniq').on(t.cardId).where(sql`status = 'listed'`),
    index('pool_listings_status_idx').on(t.status, t.listedOn, t.id),
    index('pool_listings_category_idx').on(t.categoryId, t.status),
    index('pool_listings_match_idx').on(t.categoryId, t.netValueFen.desc()).where(sql`status = 'listed'`),
    index('pool_listings_unit_idx').on(t.unitId, t.status),
  ],
);

/**
 * 调剂申请: a unit asks for a listed item. The committee approves one; the partial unique index
 * makes the database refuse a second approved request for the same listing, whoever races whom.
 */
export const poolRequests = pgTable(
  'pool_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listingId: uuid('listing_id')
      .notNull()
      .references(() => poolListings.id),
    /** The requesting unit: the scope of the request. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    purpose: text('purpose').notNull(),
    /** transfer (调剂, ownership moves) | loan (借用, comes back by `dueOn`). */
    kind: text('kind').notNull().default('transfer'),
    dueOn: date('due_on', { mode: 'string' }),
    returnedOn: date('returned_on', { mode: 'string' }),
    status: text('status').notNull().default('pending'), // pending | approved | rejected | withdrawn | returned
    requestedBy: uuid('requested_by').notNull(),
    comment: text('comment'),
    decidedBy: uuid('decided_by'),
    decidedAt: ts('decided_at'),
    /** The document that executed the approved request: a 调拨 for a transfer, an 出借 for a loan. */
    transferDocumentId: uuid('transfer_document_id'),
    /** The card's net value when it moved: the value reused instead of bought. */
    netValueFen: bigint('net_value_fen', { mode: 'number' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('pool_requests_approved_uniq').on(t.listingId).where(sql`status = 'approved'`),
    uniqueIndex('pool_requests_pending_uniq').on(t.listingId, t.unitId).where(sql`status = 'pending'`),
    index('pool_requests_unit_idx').on(t.unitId, t.status),
  ],
);
