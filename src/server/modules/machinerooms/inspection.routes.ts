import { z } from 'zod';
import {
  ChecklistInput,
  ChecklistItemView,
  InspectionCompleteInput,
  InspectionDetail,
  InspectionQuery,
  InspectionView,
} from '../../../shared/machinerooms.contracts.ts';
import { pageOf } from '../../../shared/paging.ts';
import type { App } from '../../platform/http/types.ts';
import { getChecklist, getInspection, inspectionPhoto, listInspections } from './inspection.queries.ts';
import { completeInspection, setChecklist } from './inspection.service.ts';

const tags = ['machinerooms'];
const Id = z.object({ id: z.uuid() });
const Items = z.object({ items: z.array(ChecklistItemView) });

export async function inspectionRoutes(app: App) {
  const db = () => app.database.db;

  app.get(
    '/api/machine-rooms/:id/checklist',
    { config: { access: 'machineroom.read' }, schema: { tags, summary: '机房巡检项（含正常范围）', params: Id, response: { 200: Items } } },
    async (req) => ({ items: await getChecklist(db(), req.actor, req.params.id) }),
  );
  app.put(
    '/api/machine-rooms/:id/checklist',
    {
      config: { access: 'machineroom.manage' },
      schema: { tags, summary: '设置机房巡检项（整体替换）', params: Id, body: ChecklistInput, response: { 200: Items } },
    },
    async (req) => {
      await setChecklist(db(), req.actor, req.params.id, req.body);
      return { items: await getChecklist(db(), req.actor, req.params.id) };
    },
  );
  app.get(
    '/api/inspections',
    {
      config: { access: 'machineroom.read' },
      schema: {
        tags,
        summary: '巡检计划与记录（漏检、逾期、异常读数）',
        querystring: InspectionQuery,
        response: { 200: pageOf(InspectionView) },
      },
    },
    async (req) => listInspections(db(), req.actor, req.query),
  );
  app.get(
    '/api/inspections/:id',
    {
      config: { access: 'machineroom.read' },
      schema: { tags, summary: '巡检详情与读数', params: Id, response: { 200: InspectionDetail } },
    },
    async (req) => getInspection(db(), req.actor, req.params.id),
  );
  app.get(
    '/api/inspections/:id/photo',
    { config: { access: 'machineroom.read' }, schema: { tags, summary: '巡检现场照片', params: Id } },
    async (req, reply) => {
      const photo = await inspectionPhoto(db(), req.actor, req.params.id);
      return reply.header('content-type', photo.contentType).header('x-content-type-options', 'nosniff').send(photo.content);
    },
  );
  app.post(
    '/api/inspections/:id/complete',
    {
      config: { access: 'inspection.perform' },
      schema: {
        tags,
        summary: '服务商记录巡检（读数、检查结果、现场照片）',
        params: Id,
        body: InspectionCompleteInput,
        response: { 200: InspectionDetail },
      },
    },
    async (req) => {
      await completeInspection(db(), req.actor, req.params.id, req.body);
      return getInspection(db(), req.actor, req.params.id);
    },
  );
}
