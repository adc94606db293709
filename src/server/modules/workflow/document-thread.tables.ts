import { bigint, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { documents } from './document.tables.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * A document's attachments (评估报告 for a disposal, 报价单 for a configuration request …). Added and
 * removed by the unit's writers while the document is a draft or returned; once the document is
 * submitted with one it is kept (kept_at set in the submission's transaction) and never removed.
 */
export const documentAttachments = pgTable(
  'document_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id').notNull(),
    kind: text('kind').notNull(), // appraisal | quote | other
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: text('content_base64').notNull(),
    uploadedBy: uuid('uploaded_by'),
    uploadedAt: ts('uploaded_at').notNull().defaultNow(),
    keptAt: ts('kept_at'),
  },
  (t) => [index('document_attachments_document_idx').on(t.documentId)],
);

/** 意见交流: a document's comment thread, append-only (nobody edits or removes a comment). */
export const documentComments = pgTable(
  'document_comments',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    unitId: uuid('unit_id').notNull(),
    authorId: uuid('author_id').notNull(),
    body: text('body').notNull(),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('document_comments_document_idx').on(t.documentId, t.id)],
);
