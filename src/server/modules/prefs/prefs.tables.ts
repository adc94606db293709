import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from '../../platform/auth/auth.tables.ts';
import { units } from '../org/org.tables.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** A user's settings of one list (columns, density, page size, filter panel), kept on the server. */
export const userSettings = pgTable(
  'user_settings',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    listId: text('list_id').notNull(),
    settings: jsonb('settings').notNull().default(sql`'{}'::jsonb`),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.listId] })],
);

/** A saved filter of a list: personal (unit_id null) or shared with the owner's unit. */
export const savedFilters = pgTable(
  'saved_filters',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listId: text('list_id').notNull(),
    name: text('name').notNull(),
    filter: jsonb('filter').notNull(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Shared with this unit; null: personal. */
    unitId: uuid('unit_id').references(() => units.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('saved_filters_owner_idx').on(t.ownerId, t.listId), index('saved_filters_unit_idx').on(t.unitId, t.listId)],
);
