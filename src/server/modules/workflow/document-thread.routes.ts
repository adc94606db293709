import { z } from 'zod';
import { ATTACHMENT_MAX_BYTES } from '../../../shared/assets.contracts.ts';
import {
  CommentInput,
  DocumentAttachmentKindCode,
  DocumentAttachmentList,
  DocumentComment,
} from '../../../shared/document-thread.contracts.ts';
import { IdParams, done } from '../../platform/http/route.shapes.ts';
import type { App } from '../../platform/http/types.ts';
import { readUploadedFile } from '../../platform/http/upload.request.ts';
import {
  addDocumentAttachment,
  listDocumentAttachments,
  readDocumentAttachment,
  removeDocumentAttachment,
} from './document-attachment.service.ts';
import { addComment, listComments } from './document-comment.service.ts';

const tags = ['documents'];
const AttachmentParams = z.object({ id: z.uuid(), attachmentId: z.uuid() });

/** A document's attachments and its comment thread (意见交流). */
export async function documentThreadRoutes(app: App) {
  const db = app.database.db;

  app.get(
    '/api/documents/:id/attachments',
    {
      config: { access: 'document.read' },
      schema: { tags, summary: '单据附件列表', params: IdParams, response: { 200: DocumentAttachmentList } },
    },
    async (req) => listDocumentAttachments(db, req.actor, req.params.id),
  );

  app.post(
    '/api/documents/:id/attachments',
    {
      config: { access: 'document.write' },
      schema: {
        tags,
        summary: '上传单据附件（评估报告、报价单等；PDF/JPEG/PNG/WebP，不超过 10 MB；multipart 字段 file；草稿或退回时）',
        params: IdParams,
        querystring: z.object({ kind: DocumentAttachmentKindCode.default('other') }),
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => {
      const { fileName, content } = await readUploadedFile(req, ATTACHMENT_MAX_BYTES);
      const saved = await addDocumentAttachment(db, req.actor, req.params.id, { kind: req.query.kind, fileName, content });
      return reply.status(201).send(saved);
    },
  );

  app.get(
    '/api/documents/:id/attachments/:attachmentId',
    { config: { access: 'document.read' }, schema: { tags, summary: '下载单据附件', params: AttachmentParams } },
    async (req, reply) => {
      const file = await readDocumentAttachment(db, req.actor, req.params.id, req.params.attachmentId);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );

  app.delete(
    '/api/documents/:id/attachments/:attachmentId',
    {
      config: { access: 'document.write' },
      schema: {
        tags,
        summary: '删除单据附件（仅未随单据提交过的）',
        params: AttachmentParams,
        response: { 200: z.object({ ok: z.boolean() }) },
      },
    },
    async (req) => done(removeDocumentAttachment(db, req.actor, req.params.id, req.params.attachmentId)),
  );

  app.get(
    '/api/documents/:id/comments',
    {
      config: { access: 'document.read' },
      schema: { tags, summary: '单据的意见交流', params: IdParams, response: { 200: z.object({ items: z.array(DocumentComment) }) } },
    },
    async (req) => ({ items: await listComments(db, req.actor, req.params.id) }),
  );

  app.post(
    '/api/documents/:id/comments',
    {
      config: { access: 'document.comment' },
      schema: {
        tags,
        summary: '发表意见（申请人、审批人与本单位人员之间；不可修改或删除）',
        params: IdParams,
        body: CommentInput,
        response: { 201: z.object({ id: z.number() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await addComment(db, req.actor, req.params.id, req.body.body)),
  );
}
