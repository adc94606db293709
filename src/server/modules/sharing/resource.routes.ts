import { z } from 'zod';
import { ResourceInput, ResourcePhoto, ResourcePhotoInput, ResourceQuery, ResourceView } from '../../../shared/sharing.contracts.ts';
import type { App } from '../../platform/http/types.ts';
import * as photos from './resource-photo.service.ts';
import * as resources from './resource.service.ts';

const tags = ['sharing'];
const Id = z.object({ id: z.uuid() });

export async function resourceRoutes(app: App) {
  const db = () => app.database.db;

  app.get(
    '/api/sharing/resources',
    {
      config: { access: 'sharing.read' },
      schema: {
        tags,
        summary: '共享资源目录（按类型、容量、设备、名称片段查找）',
        querystring: ResourceQuery,
        response: { 200: z.object({ items: z.array(ResourceView) }) },
      },
    },
    async (req) => ({ items: (await resources.listResources(db(), req.query)).map((r) => resources.forCaller(r, req.actor)) }),
  );

  app.get(
    '/api/sharing/resources/:id',
    { config: { access: 'sharing.read' }, schema: { tags, summary: '共享资源详情', params: Id, response: { 200: ResourceView } } },
    async (req) => resources.forCaller(await resources.getResource(db(), req.params.id), req.actor),
  );

  app.post(
    '/api/sharing/resources',
    {
      config: { access: 'sharing.manage' },
      schema: { tags, summary: '登记共享资源（会议室、设备、车辆、服务窗口）', body: ResourceInput, response: { 201: ResourceView } },
    },
    async (req, reply) => reply.status(201).send(await resources.createResource(db(), req.actor, req.body)),
  );

  app.put(
    '/api/sharing/resources/:id',
    {
      config: { access: 'sharing.manage' },
      schema: { tags, summary: '修改共享资源的设置（已有预订不变）', params: Id, body: ResourceInput, response: { 200: ResourceView } },
    },
    async (req) => resources.updateResource(db(), req.actor, req.params.id, req.body),
  );

  app.get(
    '/api/sharing/resources/:id/photos',
    {
      config: { access: 'sharing.read' },
      schema: { tags, summary: '共享资源的照片', params: Id, response: { 200: z.object({ items: z.array(ResourcePhoto) }) } },
    },
    async (req) => ({ items: await photos.listPhotos(db(), req.params.id) }),
  );

  app.post(
    '/api/sharing/resources/:id/photos',
    {
      config: { access: 'sharing.manage' },
      schema: {
        tags,
        summary: `上传共享资源照片（JPEG/PNG/WebP，不超过 1 MB，每个资源最多 ${photos.MAX_PHOTOS} 张）`,
        params: Id,
        body: ResourcePhotoInput,
        response: { 201: ResourcePhoto },
      },
    },
    async (req, reply) => reply.status(201).send(await photos.addPhoto(db(), req.actor, req.params.id, req.body)),
  );

  app.get(
    '/api/sharing/photos/:id',
    { config: { access: 'sharing.read' }, schema: { tags, summary: '照片内容（图片）', params: Id } },
    async (req, reply) => {
      const p = await photos.photoContent(db(), req.params.id);
      reply.header('cache-control', 'private, max-age=86400');
      return reply.type(p.contentType).send(p.bytes);
    },
  );

  app.delete(
    '/api/sharing/photos/:id',
    {
      config: { access: 'sharing.manage' },
      schema: { tags, summary: '删除共享资源照片', params: Id, response: { 200: z.object({ ok: z.literal(true) }) } },
    },
    async (req) => {
      await photos.removePhoto(db(), req.actor, req.params.id);
      return { ok: true as const };
    },
  );
}
