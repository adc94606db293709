import { bigint, boolean, index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';

/** GB/T 14885 classification, both editions, one tree per edition. */
export const categories = pgTable(
  'categories',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    edition: text('edition').notNull(), // '2010' | '2022'
    code: text('code').notNull(),
    name: text('name').notNull(),
    parentId: uuid('parent_id'),
    level: integer('level').notNull(),
    /** '/A/A02/A0201/': ancestors' codes, for subtree filters with one prefix match. */
    path: text('path').notNull(),
    usefulLifeMonths: integer('useful_life_months'),
    depreciable: boolean('depreciable').notNull().default(true),
    capitalizationThresholdFen: bigint('capitalization_threshold_fen', { mode: 'number' }).notNull().default(100000),
    /** Which extra attributes its cards carry: none | building | vehicle | it | land. */
    attributeSet: text('attribute_set').notNull().default('none'),
    measureUnit: text('measure_unit').notNull().default('台'),
    /** fixed | intangible: an intangible category's cards are amortised (累计摊销), not depreciated. */
    assetKind: text('asset_kind').notNull().default('fixed'),
    /** Furniture and books: a batch card (quantity > 1) is a fixed asset even when each item is below the threshold. */
    batchFixed: boolean('batch_fixed').notNull().default(false),
    active: boolean('active').notNull().default(true),
  },
  (t) => [
    unique('categories_edition_code').on(t.edition, t.code),
    index('categories_path_idx').on(t.path),
    index('categories_parent_idx').on(t.parentId),
  ],
);
