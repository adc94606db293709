import { BulkCreated, BulkCreateInput, BulkPreview, BulkPreviewInput } from '../../../shared/bulk.contracts.ts';
import type { App } from '../../platform/http/types.ts';
import { createBulk, previewBulk } from './bulk.service.ts';

const tags = ['documents'];

export async function bulkRoutes(app: App) {
  const db = app.database.db;
  app.post(
    '/api/bulk-documents/preview',
    {
      config: { access: 'document.write' },
      schema: {
        tags,
        summary: '批量办理：确认（可办理张数、原值合计、每单位一张单据、不能办理的资产）',
        body: BulkPreviewInput,
        response: { 200: BulkPreview },
      },
    },
    async (req) => previewBulk(db, req.actor, req.body),
  );
  app.post(
    '/api/bulk-documents',
    {
      config: { access: 'document.write' },
      schema: {
        tags,
        summary: '批量办理：按确认的资产创建草稿单据（每单位一张，全部成功或全部不创建）',
        body: BulkCreateInput,
        response: { 201: BulkCreated },
      },
    },
    async (req, reply) => reply.status(201).send(await createBulk(db, req.actor, req.body)),
  );
}
