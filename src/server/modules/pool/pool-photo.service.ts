// Photos of a pool listing (docs/decisions.md, "Photos of a pool listing"): the card's own attachments
// of kind 照片 with an image type, added through the assets module's one attachment write (with its
// ledger event). The catalogue is every unit's to see, so a listing's photos are too; the card's other
// attachments (invoices, appraisals, a scanned invoice filed as 发票) stay with the owning unit.
import { eq, sql } from 'drizzle-orm';
import { POOL_PHOTO_TYPES, type PoolPhoto } from '../../../shared/pool.contracts.ts';
import { assertInScope, unitScope, type Actor } from '../../platform/auth/actor.ts';
import { query, queryOne, type Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { addAttachment } from '../assets/index.ts';
import { poolListings } from './pool.tables.ts';

/** At most this many photos an item. */
export const MAX_LISTING_PHOTOS = 8;

/** Listings whose photos may still be added: not yet gone from the pool (as for the spec). */
const OPEN = ['listed', 'in_repair', 'disposal_proposed'];

/**
 * `a` (card_attachments) is a photo of the listing `pl`: of its card, kind 照片, an image, and added
 * before the listing closed (what a later owner attaches to the card is not the pool's to show).
 */
const IMAGE_TYPES = sql.raw(POOL_PHOTO_TYPES.map((t) => `'${t}'`).join(', '));
export const listingPhotoSql = sql`a.card_id = pl.card_id AND a.kind = 'photo' AND a.content_type IN (${IMAGE_TYPES})
  AND a.uploaded_at <= coalesce(pl.closed_at, 'infinity'::timestamptz)`;

/** The listing's photo ids, oldest first, as a text[] column of a query over `pl`. */
export const listingPhotoIdsSql = sql`array(SELECT a.id::text FROM card_attachments a WHERE ${listingPhotoSql} ORDER BY a.uploaded_at, a.id)`;

export async function listListingPhotos(q: Queryable, listingId: string): Promise<PoolPhoto[]> {
  const listing = await queryOne(q, sql`SELECT 1 FROM pool_listings WHERE id = ${listingId}::uuid`);
  if (!listing) throw notFound('公物仓资产');
  const rows = await query<PoolPhoto & { uploadedAt: Date | string }>(
    q,
    sql`SELECT a.id, a.file_name AS "fileName", a.content_type AS "contentType", a.size, usr.display_name AS "uploaderName", a.uploaded_at AS "uploadedAt"
      FROM pool_listings pl JOIN card_attachments a ON ${listingPhotoSql} LEFT JOIN users usr ON usr.id = a.uploaded_by
      WHERE pl.id = ${listingId}::uuid ORDER BY a.uploaded_at, a.id`,
  );
  return rows.map((r) => ({ ...r, uploadedAt: new Date(r.uploadedAt).toISOString() }));
}

/** Adds a photo of the item: the offering unit or the committee, while the item is in the pool. */
export async function addListingPhoto(
  q: Queryable,
  actor: Actor,
  listingId: string,
  file: { fileName: string; content: Buffer },
): Promise<PoolPhoto> {
  const scope = unitScope(actor, 'pool.offer');
  return withTx(q, async (tx) => {
    const [listing] = await tx.select().from(poolListings).where(eq(poolListings.id, listingId)).for('update');
    if (!listing) throw notFound('公物仓资产');
    assertInScope(listing.unitId, scope, '公物仓资产');
    if (!OPEN.includes(listing.status)) throw new AppError('invalid_transition', '该资产已不在公物仓中，不能再添加照片');
    const [{ n }] = await query<{ n: number }>(
      tx,
      sql`SELECT count(*)::int AS n FROM pool_listings pl JOIN card_attachments a ON ${listingPhotoSql} WHERE pl.id = ${listingId}::uuid`,
    );
    if (n >= MAX_LISTING_PHOTOS) throw new AppError('rule_violation', `每件资产最多 ${MAX_LISTING_PHOTOS} 张照片`);
    const saved = await addAttachment(tx, actor, listing.cardId, { kind: 'photo', ...file }, { scope, imagesOnly: true });
    return {
      id: saved.id,
      fileName: saved.fileName,
      contentType: saved.contentType,
      size: saved.size,
      uploaderName: saved.uploaderName,
      uploadedAt: saved.uploadedAt,
    };
  });
}

/** A photo's bytes: any unit may read the photos of a listing (the catalogue is every unit's); nothing else of the card. */
export async function readListingPhoto(q: Queryable, listingId: string, photoId: string) {
  const row = await queryOne<{ file_name: string; content_type: string; content_base64: string }>(
    q,
    sql`SELECT a.file_name, a.content_type, a.content_base64 FROM pool_listings pl JOIN card_attachments a ON ${listingPhotoSql}
      WHERE pl.id = ${listingId}::uuid AND a.id = ${photoId}::uuid`,
  );
  if (!row) throw notFound('照片');
  return { fileName: row.file_name, contentType: row.content_type, content: Buffer.from(row.content_base64, 'base64') };
}
