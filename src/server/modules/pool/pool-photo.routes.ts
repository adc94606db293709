// A listing's photos and its 入仓单 (entry receipt, JSON for the print view and an Excel file): thin routes over their services.
import { z } from 'zod';
import { ATTACHMENT_MAX_BYTES } from '../../../shared/assets.contracts.ts';
import { PoolPhoto, PoolReceipt } from '../../../shared/pool.contracts.ts';
import { sendXlsx } from '../../platform/http/download.reply.ts';
import { IdParams } from '../../platform/http/route.shapes.ts';
import type { App } from '../../platform/http/types.ts';
import { readUploadedFile } from '../../platform/http/upload.request.ts';
import { addListingPhoto, listListingPhotos, readListingPhoto } from './pool-photo.service.ts';
import { receiptWorkbook } from './pool-receipt.excel.ts';
import { getReceipt } from './pool-receipt.queries.ts';

const tags = ['pool'];

export async function poolPhotoRoutes(app: App) {
  const db = app.database.db;

  app.get(
    '/api/pool/listings/:id/photos',
    {
      config: { access: 'pool.read' },
      schema: {
        tags,
        summary: '公物仓资产照片列表（各单位可见）',
        params: IdParams,
        response: { 200: z.object({ items: z.array(PoolPhoto) }) },
      },
    },
    async (req) => ({ items: await listListingPhotos(db, req.params.id) }),
  );

  app.post(
    '/api/pool/listings/:id/photos',
    {
      config: { access: 'pool.offer' },
      schema: {
        tags,
        summary: '上传公物仓资产照片（JPEG/PNG/WebP，不超过 10 MB；multipart 字段 file；入仓单位或管委会）',
        params: IdParams,
        response: { 201: PoolPhoto },
      },
    },
    async (req, reply) => {
      const file = await readUploadedFile(req, ATTACHMENT_MAX_BYTES, '照片');
      return reply.status(201).send(await addListingPhoto(db, req.actor, req.params.id, file));
    },
  );

  app.get(
    '/api/pool/listings/:id/photos/:photoId',
    {
      config: { access: 'pool.read' },
      schema: { tags, summary: '公物仓资产照片', params: z.object({ id: z.uuid(), photoId: z.uuid() }) },
    },
    async (req, reply) => {
      const file = await readListingPhoto(db, req.params.id, req.params.photoId);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=3600')
        .send(file.content);
    },
  );

  app.get(
    '/api/pool/listings/:id/receipt',
    {
      config: { access: 'pool.read' },
      schema: { tags, summary: '入仓单（入仓单位或管委会）', params: IdParams, response: { 200: PoolReceipt } },
    },
    async (req) => getReceipt(db, req.actor, req.params.id),
  );

  app.get(
    '/api/pool/listings/:id/receipt.xlsx',
    {
      config: { access: 'pool.read' },
      schema: { tags, summary: '入仓单（Excel）', params: IdParams },
    },
    async (req, reply) => {
      const receipt = await getReceipt(db, req.actor, req.params.id);
      return sendXlsx(reply, `入仓单-${receipt.receiptNo}.xlsx`, await receiptWorkbook(receipt));
    },
  );
}
