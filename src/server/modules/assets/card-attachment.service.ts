import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { ATTACHMENT_MAX_BYTES, type ATTACHMENT_TYPES, type CardAttachmentItem } from '../../../shared/assets.contracts.ts';
import { inScope, unitScope, type Actor, type UnitScope } from '../../platform/auth/actor.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { appendCardEvent, getCardForUpdate } from './card.service.ts';
import { cardAttachments } from './card.tables.ts';

/** What the bytes really are, by their signature: the declared content type is not trusted. */
export function sniffContentType(b: Buffer): (typeof ATTACHMENT_TYPES)[number] | undefined {
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return undefined;
}

export interface NewAttachment {
  kind: string;
  fileName: string;
  content: Buffer;
}

export interface AttachmentRules {
  /** Whose cards the caller may attach to: card.write's scope unless another module's rule grants it (the pool's photos: pool.offer). */
  scope?: UnitScope;
  /** Only images (JPEG, PNG, WebP): a photo. */
  imagesOnly?: boolean;
}

/**
 * Attachments are evidence (invoices, photos, appraisals): they are added with a ledger event and
 * never deleted, so the card's history always shows what was on file.
 */
export async function addAttachment(
  db: Queryable,
  actor: Actor,
  cardId: string,
  file: NewAttachment,
  rules: AttachmentRules = {},
): Promise<CardAttachmentItem> {
  if (file.content.length === 0) throw new AppError('bad_file', '文件为空');
  if (file.content.length > ATTACHMENT_MAX_BYTES)
    throw new AppError('payload_too_large', `附件不能超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`);
  const contentType = sniffContentType(file.content);
  if (rules.imagesOnly && !contentType?.startsWith('image/'))
    throw new AppError('bad_file', '照片只能是 JPEG、PNG 或 WebP 图片', { file: '文件类型不支持' });
  if (!contentType) throw new AppError('bad_file', '只能上传 PDF、JPEG、PNG 或 WebP 文件', { file: '文件类型不支持' });
  const fileName = file.fileName.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200) || 'attachment';
  const sha256 = crypto.createHash('sha256').update(file.content).digest('hex');
  return withTx(db, async (tx) => {
    const card = await getCardForUpdate(tx, cardId, rules.scope ?? unitScope(actor, 'card.write'));
    const [row] = await tx
      .insert(cardAttachments)
      .values({
        cardId,
        unitId: card.unitId,
        kind: file.kind,
        fileName,
        contentType,
        size: file.content.length,
        sha256,
        content: file.content.toString('base64'),
        uploadedBy: actor.userId,
      })
      .returning({ id: cardAttachments.id, uploadedAt: cardAttachments.uploadedAt });
    await appendCardEvent(tx, {
      cardId,
      unitId: card.unitId,
      type: 'attachment_added',
      actorId: actor.userId,
      after: { attachmentId: row.id, kind: file.kind, fileName, sha256, size: file.content.length },
    });
    return {
      id: row.id,
      kind: file.kind,
      fileName,
      contentType,
      size: file.content.length,
      sha256,
      uploadedBy: actor.userId,
      uploaderName: actor.displayName,
      uploadedAt: row.uploadedAt.toISOString(),
    };
  });
}

export async function listAttachments(q: Queryable, actor: Actor, cardId: string): Promise<CardAttachmentItem[]> {
  const scope = unitScope(actor, 'card.read');
  const card = await queryOne(q, sql`SELECT 1 FROM cards WHERE id = ${cardId}::uuid AND ${inScope(sql`cards.unit_id`, scope)}`);
  if (!card) throw notFound('资产卡片');
  const rows = await query<CardAttachmentItem & { uploadedAt: Date | string }>(
    q,
    sql`
    SELECT a.id, a.kind, a.file_name AS "fileName", a.content_type AS "contentType", a.size, a.sha256,
      a.uploaded_by AS "uploadedBy", usr.display_name AS "uploaderName", a.uploaded_at AS "uploadedAt"
    FROM card_attachments a LEFT JOIN users usr ON usr.id = a.uploaded_by
    WHERE a.card_id = ${cardId}::uuid ORDER BY a.uploaded_at, a.id`,
  );
  return rows.map((r) => ({ ...r, uploadedAt: new Date(r.uploadedAt).toISOString() }));
}

/** The attachment's bytes. Scoped by the card's current owner (attachments follow a transferred card). */
export async function readAttachment(q: Queryable, actor: Actor, cardId: string, attachmentId: string) {
  const scope = unitScope(actor, 'card.read');
  const row = await queryOne<{ file_name: string; content_type: string; content_base64: string }>(
    q,
    sql`
    SELECT a.file_name, a.content_type, a.content_base64 FROM card_attachments a JOIN cards ON cards.id = a.card_id
    WHERE a.id = ${attachmentId}::uuid AND a.card_id = ${cardId}::uuid AND ${inScope(sql`cards.unit_id`, scope)}`,
  );
  if (!row) throw notFound('附件');
  return { fileName: row.file_name, contentType: row.content_type, content: Buffer.from(row.content_base64, 'base64') };
}
