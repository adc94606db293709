import { sql } from 'drizzle-orm';
import { bigint, date, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { documents } from '../workflow/document.tables.ts';
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
    // listed | on_loan | reallocated | withdrawn | disposal_proposed | in_repair | in_disposal | disposed
    status: text('status').notNull().default('listed'),
    /** The disposal lot (打包处置) the item is in, while it is in one. */
    lotId: uuid('lot_id'),
    listedOn: date('listed_on', { mode: 'string' }).notNull(),
    /** The time limit: listed past this day with nobody asking, the item is proposed for disposal (docs/domain.md §11). */
    expiresOn: date('expires_on', { mode: 'string' }),
    listedBy: uuid('listed_by'),
    closedAt: ts('closed_at'),
    /** The business day it left the pool (transferred, withdrawn, proposed for disposal, disposed). */
    closedOn: date('closed_on', { mode: 'string' }),
    closedBy: uuid('closed_by'),
    createdAt: ts('created_at').notNull().defaultNow(),
    /** The 入仓单's sequence number: RC-<year listed>-<six digits> (docs/decisions.md). */
    receiptSeq: bigint('receipt_seq', { mode: 'number' }).notNull().generatedByDefaultAsIdentity(),
  },
  (t) => [
    uniqueIndex('pool_listings_receipt_seq_uniq').on(t.receiptSeq),
    uniqueIndex('pool_listings_listed_card_uniq').on(t.cardId).where(sql`status = 'listed'`),
    index('pool_listings_status_idx').on(t.status, t.listedOn, t.id),
    index('pool_listings_category_idx').on(t.categoryId, t.status),
    index('pool_listings_match_idx').on(t.categoryId, t.netValueFen.desc()).where(sql`status = 'listed'`),
    index('pool_listings_unit_idx').on(t.unitId, t.status),
    index('pool_listings_lot_idx').on(t.lotId),
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
    /** The business day of the decision (the statistics count by it). */
    decidedOn: date('decided_on', { mode: 'string' }),
    /** The document that executed the approved request: a 调拨 for a transfer, an 出借 for a loan. */
    transferDocumentId: uuid('transfer_document_id'),
    /** The card's net value when it moved: the value reused instead of bought. */
    netValueFen: bigint('net_value_fen', { mode: 'number' }),
    /** A loan: the business day the borrowing unit was last reminded of its due date (pool-notify.service.ts). */
    remindedOn: date('reminded_on', { mode: 'string' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('pool_requests_approved_uniq').on(t.listingId).where(sql`status = 'approved'`),
    uniqueIndex('pool_requests_pending_uniq').on(t.listingId, t.unitId).where(sql`status = 'pending'`),
    index('pool_requests_unit_idx').on(t.unitId, t.status),
  ],
);

/**
 * 维修再利用: a pool item nobody wants sent for repair by the committee. While open (`outcome` null) the
 * listing is 'in_repair'; repaired, it is back in the pool and the repair is a 维修 document on the
 * card's ledger (vendor and cost); beyond repair, it is proposed for disposal.
 */
export const poolRepairs = pgTable(
  'pool_repairs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listingId: uuid('listing_id')
      .notNull()
      .references(() => poolListings.id),
    /** The offering unit (the listing's): the scope. */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    vendor: text('vendor').notNull(),
    fault: text('fault').notNull(),
    estimateFen: bigint('estimate_fen', { mode: 'number' }),
    sentOn: date('sent_on', { mode: 'string' }).notNull(),
    sentBy: uuid('sent_by').notNull(),
    /** repaired | beyond_repair; null while at the vendor. */
    outcome: text('outcome'),
    costFen: bigint('cost_fen', { mode: 'number' }),
    finishedOn: date('finished_on', { mode: 'string' }),
    finishedBy: uuid('finished_by'),
    note: text('note'),
    /** The 维修 document that recorded a finished repair on the card's ledger. */
    documentId: uuid('document_id').references(() => documents.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('pool_repairs_open_uniq').on(t.listingId).where(sql`outcome IS NULL`),
    index('pool_repairs_unit_idx').on(t.unitId, t.finishedOn),
  ],
);

/**
 * 打包处置: one disposal document (an open sale) for a lot of pool items of one owning unit. The
 * document goes through the ordinary disposal chain and its gates; its income is tracked by the
 * income module like any disposal's. `releasedAt`: the document was refused or cancelled and the
 * items went back to the disposal list.
 */
export const poolDisposalLots = pgTable(
  'pool_disposal_lots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The owning unit of every item in the lot (the disposal document's unit). */
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    buyer: text('buyer').notNull(),
    priceFen: bigint('price_fen', { mode: 'number' }).notNull(),
    pricingBasis: text('pricing_basis').notNull(),
    items: bigint('items', { mode: 'number' }).notNull(),
    createdBy: uuid('created_by').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    releasedAt: ts('released_at'),
  },
  (t) => [uniqueIndex('pool_disposal_lots_document_uniq').on(t.documentId), index('pool_disposal_lots_unit_idx').on(t.unitId)],
);
