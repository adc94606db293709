import { z } from 'zod';

// A document's attachments (评估报告, 报价单 …) and its comment thread (docs/domain.md §12).

export const DOCUMENT_ATTACHMENT_KINDS = {
  appraisal: ['评估报告', 'Appraisal report'],
  quote: ['报价单', 'Quote'],
  other: ['其他', 'Other'],
} as const;
export type DocumentAttachmentKind = keyof typeof DOCUMENT_ATTACHMENT_KINDS;
export const DocumentAttachmentKindCode = z.enum(
  Object.keys(DOCUMENT_ATTACHMENT_KINDS) as [DocumentAttachmentKind, ...DocumentAttachmentKind[]],
);

export const DocumentAttachment = z.object({
  id: z.string(),
  kind: z.string(),
  fileName: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
  uploaderName: z.string().nullable(),
  uploadedAt: z.string(),
  /** Submitted with the document: it stays on file (never removed). */
  kept: z.boolean(),
  /** The actor may remove it (a draft's attachment not yet submitted, removed by a writer of the unit). */
  removable: z.boolean(),
});
export type DocumentAttachment = z.infer<typeof DocumentAttachment>;

export const DocumentAttachmentList = z.object({
  items: z.array(DocumentAttachment),
  /** The actor may add attachments now (a writer of the unit while the document is a draft or returned). */
  canAdd: z.boolean(),
});
export type DocumentAttachmentList = z.infer<typeof DocumentAttachmentList>;

export const CommentInput = z.object({ body: z.string().trim().min(1, '请填写意见').max(2000) });
export type CommentInput = z.infer<typeof CommentInput>;

export const DocumentComment = z.object({
  id: z.number(),
  authorName: z.string().nullable(),
  body: z.string(),
  at: z.string(),
  mine: z.boolean(),
});
export type DocumentComment = z.infer<typeof DocumentComment>;
