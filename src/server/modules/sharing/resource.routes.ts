import { z } from 'zod';
import { ResourceInput, ResourceQuery, ResourceView } from '../../../shared/sharing.contracts.ts';
import type { App } from '../../platform/http/types.ts';
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
}
