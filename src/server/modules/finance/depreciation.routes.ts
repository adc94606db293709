import { z } from 'zod';
import {
  CardDepreciationView,
  DepreciationRunView,
  EntriesQuery,
  EntriesView,
  JobStarted,
  PreviewQuery,
  PreviewView,
  RunRequest,
  RunsQuery,
  WorkloadsQuery,
  WorkloadsSave,
  WorkloadsView,
} from '../../../shared/finance.contracts.ts';
import type { App } from '../../platform/http/types.ts';
import * as svc from './depreciation.service.ts';

const IdParams = z.object({ id: z.uuid() });
const tags = ['depreciation'];

export async function depreciationRoutes(app: App) {
  const db = () => app.database.db;

  app.get(
    '/api/depreciation/runs',
    {
      config: { access: 'depreciation.read' },
      schema: {
        tags,
        summary: '折旧计提记录',
        querystring: RunsQuery,
        response: { 200: z.object({ items: z.array(DepreciationRunView) }) },
      },
    },
    async (req) => ({ items: await svc.listRuns(db(), req.actor, req.query) }),
  );

  app.get(
    '/api/depreciation/runs/:id',
    {
      config: { access: 'depreciation.read' },
      schema: { tags, summary: '一次折旧计提', params: IdParams, response: { 200: DepreciationRunView } },
    },
    async (req) => svc.getRun(db(), req.actor, req.params.id),
  );

  app.get(
    '/api/depreciation/runs/:id/entries',
    {
      config: { access: 'depreciation.read' },
      schema: { tags, summary: '计提明细', params: IdParams, querystring: EntriesQuery, response: { 200: EntriesView } },
    },
    async (req) => svc.runEntries(db(), req.actor, req.params.id, req.query.page, req.query.pageSize),
  );

  app.get(
    '/api/depreciation/preview',
    {
      config: { access: 'depreciation.read' },
      schema: { tags, summary: '预览某单位某月的折旧', querystring: PreviewQuery, response: { 200: PreviewView } },
    },
    async (req) => svc.previewMonth(db(), req.actor, req.query.unitId, req.query.month),
  );

  app.post(
    '/api/depreciation/runs',
    {
      config: { access: 'depreciation.run' },
      schema: { tags, summary: '计提折旧（后台任务，可查看进度）', body: RunRequest, response: { 202: JobStarted } },
    },
    async (req, reply) => {
      const unitIds = await svc.unitsToRun(db(), req.actor, req.body.unitId);
      await svc.assertOpen(db(), unitIds, req.body.month);
      const jobId = await app.jobs.enqueue(db(), {
        kind: 'depreciation.run',
        unitId: req.body.unitId ?? null,
        createdBy: req.actor.userId,
        params: { month: req.body.month, unitIds },
      });
      return reply.status(202).send({ jobId });
    },
  );

  app.post(
    '/api/depreciation/runs/:id/close',
    {
      config: { access: 'depreciation.close' },
      schema: { tags, summary: '结账（锁定该月）', params: IdParams, response: { 200: DepreciationRunView } },
    },
    async (req) => svc.closeRun(db(), req.actor, req.params.id),
  );

  app.get(
    '/api/depreciation/workloads',
    {
      config: { access: 'depreciation.read' },
      schema: { tags, summary: '工作量法卡片的月工作量', querystring: WorkloadsQuery, response: { 200: WorkloadsView } },
    },
    async (req) => svc.listWorkloads(db(), req.actor, req.query.unitId, req.query.month),
  );

  app.put(
    '/api/depreciation/workloads/:unitId',
    {
      config: { access: 'depreciation.run' },
      schema: {
        tags,
        summary: '录入月工作量',
        params: z.object({ unitId: z.uuid() }),
        body: WorkloadsSave,
        response: { 200: z.object({ saved: z.number() }) },
      },
    },
    async (req) => svc.saveWorkloads(db(), req.actor, req.params.unitId, req.body),
  );

  app.get(
    '/api/depreciation/cards/:id',
    {
      config: { access: 'depreciation.read' },
      schema: { tags, summary: '卡片的折旧历史', params: IdParams, response: { 200: CardDepreciationView } },
    },
    async (req) => svc.cardDepreciation(db(), req.actor, req.params.id),
  );
}
