import { z } from 'zod';
import {
  AttachmentKindCode,
  ATTACHMENT_MAX_BYTES,
  CardAttachmentItem,
  CardDetail,
  CardEventItem,
  CardInput,
  CardListItem,
  CardListQuery,
  CardPatch,
  VoidInput,
} from '../../../shared/assets.contracts.ts';
import { pageOf } from '../../../shared/paging.ts';
import type { App } from '../../platform/http/types.ts';
import { readUploadedFile } from '../../platform/http/upload.request.ts';
import { addAttachment, listAttachments, readAttachment } from './card-attachment.service.ts';
import { getCardDetail, getCardTimeline, namesForEvents } from './card-detail.queries.ts';
import { createCardByUser, editCardByUser } from './card-edit.service.ts';
import { postSupplement } from './card-supplement.service.ts';
import { PostingInput } from '../../../shared/workflow.contracts.ts';
import { listCards } from './card.queries.ts';
import { voidCard } from './card-void.service.ts';

const tags = ['cards'];
const CardId = z.object({ id: z.uuid() });
const Saved = z.object({ id: z.string(), cardNo: z.string(), version: z.number() });

export async function cardRoutes(app: App) {
  const db = app.database.db;

  app.get(
    '/api/cards',
    {
      config: { access: 'card.read' },
      schema: {
        tags,
        summary: '资产卡片列表（筛选、搜索、排序、分页）',
        querystring: CardListQuery,
        response: { 200: pageOf(CardListItem) },
      },
    },
    async (req) => listCards(db, req.actor, req.query),
  );

  app.get(
    '/api/cards/:id',
    {
      config: { access: 'card.read' },
      schema: { tags, summary: '资产卡片详情', params: CardId, response: { 200: CardDetail } },
    },
    async (req) => getCardDetail(db, req.actor, req.params.id),
  );

  app.get(
    '/api/cards/:id/timeline',
    {
      config: { access: 'card.read' },
      schema: {
        tags,
        summary: '资产卡片履历（台账事件；names 为前后值中各 id 的名称）',
        params: CardId,
        response: { 200: z.object({ items: z.array(CardEventItem), names: z.record(z.string(), z.string()) }) },
      },
    },
    async (req) => {
      const items = await getCardTimeline(db, req.actor, req.params.id);
      return { items, names: await namesForEvents(db, items) };
    },
  );

  app.post(
    '/api/cards',
    {
      config: { access: 'card.write' },
      schema: { tags, summary: '手工登记资产卡片（期初登记）', body: CardInput, response: { 201: Saved } },
    },
    async (req, reply) => {
      const card = await createCardByUser(db, req.actor, req.body);
      return reply.status(201).send({ id: card.id, cardNo: card.cardNo, version: card.version });
    },
  );

  app.post(
    '/api/cards/:id/post',
    {
      config: { access: 'card.post' },
      schema: {
        tags,
        summary: '补录卡片入账（单位财务：入账日期与会计凭证号）',
        params: CardId,
        body: PostingInput,
        response: { 200: Saved },
      },
    },
    async (req) => {
      const card = await postSupplement(db, req.actor, req.params.id, req.body);
      return { id: card.id, cardNo: card.cardNo, version: card.version };
    },
  );

  app.post(
    '/api/cards/:id/void',
    {
      config: { access: 'card.write' },
      schema: {
        tags,
        summary: '作废尚未入账的卡片（登记有误）',
        params: CardId,
        body: VoidInput,
        response: { 200: Saved.extend({ status: z.string() }) },
      },
    },
    async (req) => {
      const card = await voidCard(db, req.actor, req.params.id, req.body.reason);
      return { id: card.id, cardNo: card.cardNo, version: card.version, status: card.status };
    },
  );

  app.patch(
    '/api/cards/:id',
    {
      config: { access: 'card.write' },
      schema: { tags, summary: '修改资产卡片描述信息', params: CardId, body: CardPatch, response: { 200: Saved } },
    },
    async (req) => {
      const card = await editCardByUser(db, req.actor, req.params.id, req.body);
      return { id: card.id, cardNo: card.cardNo, version: card.version };
    },
  );

  app.get(
    '/api/cards/:id/attachments',
    {
      config: { access: 'card.read' },
      schema: { tags, summary: '资产卡片附件列表', params: CardId, response: { 200: z.object({ items: z.array(CardAttachmentItem) }) } },
    },
    async (req) => ({ items: await listAttachments(db, req.actor, req.params.id) }),
  );

  app.post(
    '/api/cards/:id/attachments',
    {
      config: { access: 'card.write' },
      schema: {
        tags,
        summary: '上传资产卡片附件（PDF/JPEG/PNG/WebP，不超过 10 MB；multipart 字段 file）',
        params: CardId,
        querystring: z.object({ kind: AttachmentKindCode.default('other') }),
        response: { 201: CardAttachmentItem },
      },
    },
    async (req, reply) => {
      const { fileName, content } = await readUploadedFile(req, ATTACHMENT_MAX_BYTES);
      const saved = await addAttachment(db, req.actor, req.params.id, { kind: req.query.kind, fileName, content });
      return reply.status(201).send(saved);
    },
  );

  app.get(
    '/api/cards/:id/attachments/:attachmentId',
    {
      config: { access: 'card.read' },
      schema: { tags, summary: '下载资产卡片附件', params: z.object({ id: z.uuid(), attachmentId: z.uuid() }) },
    },
    async (req, reply) => {
      const file = await readAttachment(db, req.actor, req.params.id, req.params.attachmentId);
      return reply
        .header('content-type', file.contentType)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );
}
