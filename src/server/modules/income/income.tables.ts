import { bigint, check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { documents } from '../workflow/document.tables.ts';
import { units } from '../org/org.tables.ts';

const fen = (name: string) => bigint(name, { mode: 'number' });

/**
 * 上缴国库: one turnover of a document's income (disposal, rental or lending) to the treasury, with
 * its date and voucher (docs/domain.md §4a). A document's income may be turned over in parts; their
 * sum never exceeds what the document received (income.service checks it under the document's lock).
 * `paid_on` is the real date; `booked_on` the day the books take it: the same, or the first day of
 * the unit's first open month when `paid_on` lies in a closed one (补记, like a late posting).
 */
export const incomeTurnovers = pgTable(
  'income_turnovers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id),
    amountFen: fen('amount_fen').notNull(),
    paidOn: date('paid_on').notNull(),
    bookedOn: date('booked_on').notNull(),
    /** 缴款凭证号: the treasury's (or the non-tax payment's) voucher number. */
    voucherNo: text('voucher_no').notNull(),
    note: text('note'),
    recordedBy: uuid('recorded_by').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [
    index('income_turnovers_document_idx').on(t.documentId),
    index('income_turnovers_unit_booked_idx').on(t.unitId, t.bookedOn),
    check('income_turnovers_amount_positive', sql`${t.amountFen} > 0`),
    check('income_turnovers_booked_not_before_paid', sql`${t.bookedOn} >= ${t.paidOn}`),
  ],
);
