import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { cards } from '../assets/card.tables.ts';
import { units } from '../org/org.tables.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * What a card's custodian reports from its QR page: a fault (报修, text and photo), a 退库 request,
 * "在我这里" or "不在我这里". A fault and a "not here" stay open as the unit administrator's to-do
 * until handled (a fault becomes a 维修 document).
 */
export const cardReports = pgTable(
  'card_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    cardId: uuid('card_id')
      .notNull()
      .references(() => cards.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    /** fault | return_request | here | not_here */
    kind: text('kind').notNull(),
    note: text('note'),
    photoType: text('photo_type'),
    photoBase64: text('photo_base64'),
    reportedBy: uuid('reported_by').notNull(),
    /** open (a to-do) | handled | closed (nothing to do) */
    status: text('status').notNull().default('open'),
    /** The 退库 request's document, or the 维修 document a fault became. */
    documentId: uuid('document_id'),
    handledBy: uuid('handled_by'),
    handledAt: ts('handled_at'),
    handledNote: text('handled_note'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('card_reports_unit_open_idx').on(t.unitId, t.kind).where(sql`status = 'open'`),
    index('card_reports_card_idx').on(t.cardId, t.createdAt),
  ],
);
