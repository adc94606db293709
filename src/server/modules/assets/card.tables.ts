import { sql } from 'drizzle-orm';
import { bigint, date, index, integer, jsonb, numeric, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
import { categories } from '../catalog/category.tables.ts';
import { departments, rooms, staff, units } from '../org/org.tables.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const fen = (name: string) => bigint(name, { mode: 'number' });

/** 资产卡片. `unit_id` is the owner unit (产权单位): the scope of every query and the future shard key. */
export const cards = pgTable(
  'cards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cardNo: text('card_no').notNull().unique(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    name: text('name').notNull(),
    categoryId: uuid('category_id')
      .notNull()
      .references(() => categories.id),
    spec: text('spec'),
    brand: text('brand'),
    serialNo: text('serial_no'),
    quantity: integer('quantity').notNull().default(1),
    measureUnit: text('measure_unit').notNull().default('台'),
    originalValueFen: fen('original_value_fen').notNull(),
    fundingSource: text('funding_source'),
    acquisitionMethod: text('acquisition_method').notNull(), // purchase | transfer_in | donation | self_built | surplus | swap
    acquiredOn: date('acquired_on').notNull(),
    postedOn: date('posted_on'),
    inUseOn: date('in_use_on'),
    voucherNo: text('voucher_no'),
    supplier: text('supplier'),
    warrantyUntil: date('warranty_until'),
    usefulLifeMonths: integer('useful_life_months'),
    depreciationMethod: text('depreciation_method').notNull().default('straight_line'), // straight_line | units_of_production | none
    /** Units of production: the expected total workload over the asset's life. */
    totalWorkload: numeric('total_workload', { precision: 14, scale: 2, mode: 'number' }),
    accumulatedDepreciationFen: fen('accumulated_depreciation_fen').notNull().default(0),
    /**
     * Opening balance (期初): the first day of the month whose end accumulated_depreciation_fen held
     * as brought in (the unit's takeover month, or the month before a hand registration), and the
     * months of depreciation it holds (已提折旧月数). Null for a card that starts on our books.
     */
    openingMonth: date('opening_month'),
    openingDepreciatedMonths: integer('opening_depreciated_months'),
    /**
     * The real date of recognition (交付使用) when the card was booked late: posted_on is then the
     * first day of the unit's first open month, and this date (in a closed month) is kept and shown.
     */
    recognizedOn: date('recognized_on'),
    netValueFen: fen('net_value_fen').generatedAlwaysAs(sql`original_value_fen - accumulated_depreciation_fen`),
    /**
     * The net value of an idle card, null for any other: the pool match's order (migrations/post/319).
     * Only this, never net_value_fen, may be indexed: a month's run writes the accumulated depreciation
     * of every card, and an indexed column it changes turns each update into a write of every index
     * instead of one in place (HOT; depreciation.hot.test.ts). A card in use keeps null through the run.
     */
    idleNetValueFen: fen('idle_net_value_fen').generatedAlwaysAs(
      sql`CASE WHEN status = 'idle' THEN original_value_fen - accumulated_depreciation_fen END`,
    ),
    status: text('status').notNull().default('pending_posting'),
    useMode: text('use_mode').notNull().default('self_use'), // self_use | rented | lent | idle | other
    counterparty: text('counterparty'),
    managingUnitId: uuid('managing_unit_id')
      .notNull()
      .references(() => units.id),
    usingUnitId: uuid('using_unit_id').references(() => units.id),
    usingDepartmentId: uuid('using_department_id').references(() => departments.id),
    custodianId: uuid('custodian_id').references(() => staff.id),
    roomId: uuid('room_id').references(() => rooms.id),
    attributes: jsonb('attributes').notNull().default(sql`'{}'::jsonb`),
    disposedOn: date('disposed_on'),
    disposalMethod: text('disposal_method'),
    /** The document that created the card (request, order, acceptance, import job): 来源可循. */
    sourceDocumentId: uuid('source_document_id'),
    // The card's kind and the Ministry's card fields (docs/domain.md §3); card.rules.ts holds their rules.
    /** fixed | intangible (amortised) | low_value (低值易耗品: never depreciated, outside the fixed-asset totals). */
    assetKind: text('asset_kind').notNull().default('fixed'),
    /** 价值类型: original | provisional | replacement | appraised | nominal. */
    valueType: text('value_type').notNull().default('original'),
    /** 财政拨款 and 非财政拨款: they add up to the original value (null on rows written outside the card service: all 财政拨款). */
    fiscalFundingFen: fen('fiscal_funding_fen'),
    nonFiscalFundingFen: fen('non_fiscal_funding_fen'),
    /** 采购组织形式: government_central | department_central | decentralized. */
    procurementForm: text('procurement_form'),
    /** 资产用途: self_use | rented | lent | investment | guarantee | other. */
    assetUse: text('asset_use').notNull().default('self_use'),
    manufacturer: text('manufacturer'),
    /** 国别/产地. */
    originCountry: text('origin_country'),
    manufacturedOn: date('manufactured_on'),
    contractNo: text('contract_no'),
    /** 发票号: never the voucher number (voucher_no). */
    invoiceNo: text('invoice_no'),
    /** Optimistic concurrency: bumped by every change. */
    version: integer('version').notNull().default(1),
    /**
     * Lower-cased card number, name, spec, brand and serial joined by chr(31) (a character nobody
     * types), so a fragment matches within one field. Copied to `card_search`, whose GIN index of
     * 1- and 2-character grams finds it (Chinese queries are often 2 characters).
     */
    searchText: text('search_text').generatedAlwaysAs(
      sql`lower(coalesce(card_no, '') || chr(31) || coalesce(name, '') || chr(31) || coalesce(spec, '') || chr(31) || coalesce(brand, '') || chr(31) || coalesce(serial_no, ''))`,
    ),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('cards_unit_status_idx').on(t.unitId, t.status),
    index('cards_category_idx').on(t.categoryId),
    index('cards_custodian_idx').on(t.custodianId),
    index('cards_room_idx').on(t.roomId),
    index('cards_department_idx').on(t.usingDepartmentId),
    index('cards_acquired_idx').on(t.unitId, t.acquiredOn),
    index('cards_value_idx').on(t.unitId, t.originalValueFen),
  ],
);

/**
 * The search side of a card: its owner unit, card number and search_text, kept by the triggers of
 * migrations/post/020_card_search.sql and carrying the search index. A narrow copy (a quarter of
 * the width of `cards`): counting a common word must visit each match for its visibility, and
 * here that reads a fifth as many pages; a unit's search is sorted by card number without `cards`.
 */
export const cardSearch = pgTable('card_search', {
  cardId: uuid('card_id')
    .primaryKey()
    .references(() => cards.id, { onDelete: 'cascade' }),
  unitId: uuid('unit_id').notNull(),
  cardNo: text('card_no').notNull(),
  searchText: text('search_text').notNull(),
});

/**
 * The card ledger: append-only, one hash chain per card. seq, prev_hash and hash are set by the
 * trigger in migrations/post, so every writer (service, import, bench) chains the same way.
 */
export const cardEvents = pgTable(
  'card_events',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    cardId: uuid('card_id')
      .notNull()
      .references(() => cards.id),
    seq: integer('seq').notNull(),
    unitId: uuid('unit_id').notNull(),
    type: text('type').notNull(),
    documentId: uuid('document_id'),
    documentType: text('document_type'),
    actorId: uuid('actor_id'),
    occurredAt: ts('occurred_at').notNull().defaultNow(),
    before: jsonb('before'),
    after: jsonb('after'),
    note: text('note'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [unique('card_events_card_seq').on(t.cardId, t.seq), index('card_events_document_idx').on(t.documentId)],
);

/** Invoices and photos of a card; the bytes live in the database so a backup holds everything. */
export const cardAttachments = pgTable(
  'card_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cardId: uuid('card_id')
      .notNull()
      .references(() => cards.id),
    unitId: uuid('unit_id').notNull(),
    kind: text('kind').notNull(), // invoice | photo | appraisal | other
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: text('content_base64').notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedAt: ts('uploaded_at').notNull().defaultNow(),
  },
  (t) => [index('card_attachments_card_idx').on(t.cardId)],
);

/** The last sequence number used per unit and year: card numbers are unit code + year + sequence. */
export const cardNumberSequences = pgTable(
  'card_number_sequences',
  {
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    year: integer('year').notNull(),
    lastSeq: integer('last_seq').notNull().default(0),
  },
  (t) => [unique('card_number_sequences_pk').on(t.unitId, t.year)],
);
