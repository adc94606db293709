import { z } from 'zod';
import { ReopenInput, ResolveInput, WorkOrderInput, WorkOrderQuery, WorkOrderView } from '../../../shared/machinerooms.contracts.ts';
import { pageOf } from '../../../shared/paging.ts';
import type { App } from '../../platform/http/types.ts';
import { getWorkOrder, listWorkOrders } from './workorder.queries.ts';
import { reportWorkOrder, stepWorkOrder } from './workorder.service.ts';

const tags = ['machinerooms'];
const Id = z.object({ id: z.uuid() });

export async function workOrderRoutes(app: App) {
  const db = () => app.database.db;

  app.get(
    '/api/work-orders',
    {
      config: { access: 'workorder.read' },
      schema: { tags, summary: '运维工单（含 SLA 计时与超时标记）', querystring: WorkOrderQuery, response: { 200: pageOf(WorkOrderView) } },
    },
    async (req) => listWorkOrders(db(), req.actor, req.query),
  );
  app.post(
    '/api/work-orders',
    {
      config: { access: 'workorder.report' },
      schema: {
        tags,
        summary: '报修（资产或机柜）',
        body: WorkOrderInput,
        response: { 201: z.object({ id: z.uuid(), orderNo: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await reportWorkOrder(db(), req.actor, req.body)),
  );
  app.get(
    '/api/work-orders/:id',
    { config: { access: 'workorder.read' }, schema: { tags, summary: '工单详情', params: Id, response: { 200: WorkOrderView } } },
    async (req) => getWorkOrder(db(), req.actor, req.params.id),
  );
  const step = (path: string, access: 'workorder.handle' | 'workorder.report', summary: string, body?: z.ZodType) =>
    app.post(
      `/api/work-orders/:id/${path}`,
      { config: { access }, schema: { tags, summary, params: Id, ...(body ? { body } : {}), response: { 200: WorkOrderView } } },
      async (req) => {
        const b = req.body as { resolution?: string; reason?: string } | undefined;
        await stepWorkOrder(db(), req.actor, req.params.id, path as 'accept', b?.resolution ?? b?.reason);
        return getWorkOrder(db(), req.actor, req.params.id);
      },
    );
  step('accept', 'workorder.handle', '服务商响应（接单）');
  step('arrive', 'workorder.handle', '服务商到场');
  step('resolve', 'workorder.handle', '服务商修复', ResolveInput);
  step('confirm', 'workorder.report', '报修方确认修复');
  step('reopen', 'workorder.report', '报修方退回重修', ReopenInput);
}
