// A document's attachments: evidence the approvers see (评估报告 for a disposal, 报价单 for a configuration).
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { ATTACHMENT_MAX_BYTES } from '../../../shared/assets.contracts.ts';
import type { DocumentAttachment, DocumentAttachmentKind, DocumentAttachmentList } from '../../../shared/document-thread.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { sniffContentType } from '../assets/index.ts';
import { actsForUnit, addEvent, loadDocument, type DocumentRow } from './document.store.ts';
import { documentAttachments } from './document-thread.tables.ts';
import { actionAllowed } from './workflow.rules.ts';

export interface NewDocumentAttachment {
  kind: DocumentAttachmentKind;
  fileName: string;
  content: Buffer;
}

/** The unit's writers change a document's attachments while they may edit it (draft or returned). */
const mayChange = (actor: Actor, doc: DocumentRow) => actsForUnit(actor, 'document.write', doc.unitId) && actionAllowed('edit', doc.status);

/** Adds an attachment, with an event in the document's history (it counts as a change of content). */
export async function addDocumentAttachment(
  q: Queryable,
  actor: Actor,
  documentId: string,
  file: NewDocumentAttachment,
): Promise<{ id: string }> {
  if (file.content.length === 0) throw new AppError('bad_file', '文件为空');
  if (file.content.length > ATTACHMENT_MAX_BYTES)
    throw new AppError('payload_too_large', `附件不能超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`);
  const contentType = sniffContentType(file.content);
  if (!contentType) throw new AppError('bad_file', '只能上传 PDF、JPEG、PNG 或 WebP 文件', { file: '文件类型不支持' });
  const fileName = file.fileName.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200) || 'attachment';
  return withTx(q, async (tx) => {
    const doc = await loadDocument(tx, actor, documentId, true);
    if (!actsForUnit(actor, 'document.write', doc.unitId)) throw new AppError('forbidden');
    if (!actionAllowed('edit', doc.status)) throw new AppError('invalid_transition', '只有草稿或退回的单据可以添加附件');
    const [row] = await tx
      .insert(documentAttachments)
      .values({
        documentId,
        unitId: doc.unitId,
        kind: file.kind,
        fileName,
        contentType,
        size: file.content.length,
        sha256: crypto.createHash('sha256').update(file.content).digest('hex'),
        content: file.content.toString('base64'),
        uploadedBy: actor.userId,
      })
      .returning({ id: documentAttachments.id });
    await addEvent(tx, doc, actor, 'attachment_added', doc.status, doc.status, `附件：${fileName}`);
    return { id: row.id };
  });
}

/** Removes an attachment not yet submitted with the document; a kept one answers 409. */
export async function removeDocumentAttachment(q: Queryable, actor: Actor, documentId: string, attachmentId: string): Promise<void> {
  await withTx(q, async (tx) => {
    const doc = await loadDocument(tx, actor, documentId, true);
    const att = await queryOne<{ file_name: string; kept: boolean }>(
      tx,
      sql`SELECT file_name, kept_at IS NOT NULL AS kept FROM document_attachments WHERE id = ${attachmentId} AND document_id = ${documentId}`,
    );
    if (!att) throw notFound('附件');
    if (!actsForUnit(actor, 'document.write', doc.unitId)) throw new AppError('forbidden');
    if (att.kept) throw new AppError('conflict', '附件已随单据提交，不能删除');
    if (!mayChange(actor, doc)) throw new AppError('invalid_transition', '只有草稿或退回的单据可以删除附件');
    await tx.execute(sql`DELETE FROM document_attachments WHERE id = ${attachmentId}`);
    await addEvent(tx, doc, actor, 'attachment_removed', doc.status, doc.status, `附件：${att.file_name}`);
  });
}

/** Called in the submission's transaction: the attachments submitted are kept from now on. */
export async function keepAttachments(q: Queryable, documentId: string): Promise<void> {
  await query(q, sql`UPDATE document_attachments SET kept_at = now() WHERE document_id = ${documentId} AND kept_at IS NULL`);
}

export async function listDocumentAttachments(q: Queryable, actor: Actor, documentId: string): Promise<DocumentAttachmentList> {
  const doc = await loadDocument(q, actor, documentId);
  const rows = await query<Omit<DocumentAttachment, 'removable' | 'uploadedAt'> & { uploadedAt: Date | string }>(
    q,
    sql`SELECT a.id, a.kind, a.file_name AS "fileName", a.content_type AS "contentType", a.size, a.sha256,
      u.display_name AS "uploaderName", a.uploaded_at AS "uploadedAt", a.kept_at IS NOT NULL AS kept
    FROM document_attachments a LEFT JOIN users u ON u.id = a.uploaded_by
    WHERE a.document_id = ${documentId} ORDER BY a.uploaded_at, a.id`,
  );
  const changes = mayChange(actor, doc);
  return {
    items: rows.map((r) => ({ ...r, uploadedAt: new Date(r.uploadedAt).toISOString(), removable: changes && !r.kept })),
    canAdd: changes,
  };
}

/** The attachment's bytes, to whoever sees the document. */
export async function readDocumentAttachment(q: Queryable, actor: Actor, documentId: string, attachmentId: string) {
  await loadDocument(q, actor, documentId);
  const row = await queryOne<{ file_name: string; content_type: string; content_base64: string }>(
    q,
    sql`SELECT file_name, content_type, content_base64 FROM document_attachments WHERE id = ${attachmentId} AND document_id = ${documentId}`,
  );
  if (!row) throw notFound('附件');
  return { fileName: row.file_name, contentType: row.content_type, content: Buffer.from(row.content_base64, 'base64') };
}
