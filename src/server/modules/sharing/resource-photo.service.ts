// Photos of a shared resource (the room, the vehicle) for the catalogue: small images kept inline,
// added and removed by the facility managers, each change an event in the same transaction.
import { asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { ResourcePhoto, ResourcePhotoInput } from '../../../shared/sharing.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Queryable } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { resourceRow } from './resource.service.ts';
import { sharingEvents, sharingResourcePhotos } from './sharing.tables.ts';

/** At most this many photos a resource. */
export const MAX_PHOTOS = 8;

export async function listPhotos(q: Queryable, resourceId: string): Promise<ResourcePhoto[]> {
  await resourceRow(q, resourceId);
  const rows = await q
    .select({ id: sharingResourcePhotos.id, caption: sharingResourcePhotos.caption, createdAt: sharingResourcePhotos.createdAt })
    .from(sharingResourcePhotos)
    .where(eq(sharingResourcePhotos.resourceId, resourceId))
    .orderBy(asc(sharingResourcePhotos.createdAt));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

export async function addPhoto(
  q: Queryable,
  actor: Actor,
  resourceId: string,
  input: z.output<typeof ResourcePhotoInput>,
): Promise<ResourcePhoto> {
  return withTx(q, async (tx) => {
    await resourceRow(tx, resourceId, true, true);
    const [{ n }] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(sharingResourcePhotos)
      .where(eq(sharingResourcePhotos.resourceId, resourceId));
    if (n >= MAX_PHOTOS) throw new AppError('rule_violation', `每个资源最多 ${MAX_PHOTOS} 张照片，请先删除旧照片`);
    const [row] = await tx
      .insert(sharingResourcePhotos)
      .values({ resourceId, contentType: input.contentType, base64: input.base64, caption: input.caption ?? null, addedBy: actor.userId })
      .returning({ id: sharingResourcePhotos.id, caption: sharingResourcePhotos.caption, createdAt: sharingResourcePhotos.createdAt });
    await tx.insert(sharingEvents).values({ resourceId, kind: 'photo_add', actorId: actor.userId, details: { photoId: row.id } });
    return { ...row, createdAt: row.createdAt.toISOString() };
  });
}

export async function photoContent(q: Queryable, id: string): Promise<{ contentType: string; bytes: Buffer }> {
  const [row] = await q
    .select({ contentType: sharingResourcePhotos.contentType, base64: sharingResourcePhotos.base64 })
    .from(sharingResourcePhotos)
    .where(eq(sharingResourcePhotos.id, id));
  if (!row) throw notFound('照片');
  return { contentType: row.contentType, bytes: Buffer.from(row.base64, 'base64') };
}

export async function removePhoto(q: Queryable, actor: Actor, id: string): Promise<void> {
  await withTx(q, async (tx) => {
    const [row] = await tx
      .delete(sharingResourcePhotos)
      .where(eq(sharingResourcePhotos.id, id))
      .returning({ resourceId: sharingResourcePhotos.resourceId });
    if (!row) throw notFound('照片');
    await tx
      .insert(sharingEvents)
      .values({ resourceId: row.resourceId, kind: 'photo_remove', actorId: actor.userId, details: { photoId: id } });
  });
}
