import { date, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core';
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
