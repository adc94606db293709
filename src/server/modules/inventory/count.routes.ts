import { z } from 'zod';
import {
  CountDetail,
  CountInput,
  CountResult,
  CountSheet,
  CountSummary,
  ScanBatch,
  ScanBatchResult,
} from '../../../shared/inventory.contracts.ts';
import type { App } from '../../platform/http/types.ts';
import { closeCount } from './count-close.service.ts';
import { countWorkbook } from './count-report.excel.ts';
import { countResult } from './count-result.queries.ts';
import { countSheet, recordScans } from './count-scan.service.ts';
import { getCount, listCounts, planCount, startCount } from './count.service.ts';

const tags = ['counts'];
const CountId = z.object({ id: z.uuid() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function countRoutes(app: App) {
  const db = () => app.database.db;

  app.get(
    '/api/counts',
    {
      config: { access: 'count.read' },
      schema: {
        tags,
        summary: '清查盘点任务列表（本单位的，或管委会的全部）',
        querystring: z.object({ q: z.string().max(100).optional(), mine: z.enum(['true']).optional() }),
        response: { 200: z.object({ items: z.array(CountSummary) }) },
      },
    },
    async (req) => ({ items: await listCounts(db(), req.actor, req.query.q, !!req.query.mine) }),
  );

  app.post(
    '/api/counts',
    {
      config: { access: 'count.plan' },
      schema: {
        tags,
        summary: '计划一次清查盘点：范围、基准日、原因、盘点人',
        body: CountInput,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await planCount(db(), req.actor, req.body)),
  );

  app.get(
    '/api/counts/:id',
    {
      config: { access: 'count.read' },
      schema: { tags, summary: '盘点任务：范围、盘点人、进度、调整单据', params: CountId, response: { 200: CountDetail } },
    },
    async (req) => getCount(db(), req.actor, req.params.id),
  );

  app.post(
    '/api/counts/:id/start',
    {
      config: { access: 'count.plan' },
      schema: {
        tags,
        summary: '开始盘点：冻结账面清单（快照）',
        params: CountId,
        response: { 200: z.object({ expectedCount: z.number() }) },
      },
    },
    async (req) => startCount(db(), req.actor, req.params.id),
  );

  app.get(
    '/api/counts/:id/sheet',
    {
      config: { access: 'count.scan' },
      schema: { tags, summary: '盘点人下载的盘点清单（离线使用）', params: CountId, response: { 200: CountSheet } },
    },
    async (req) => countSheet(db(), req.actor, req.params.id),
  );

  app.post(
    '/api/counts/:id/scans',
    {
      config: { access: 'count.scan' },
      schema: {
        tags,
        summary: '提交扫描结果（批量；同一扫描键重复提交只记一次）',
        params: CountId,
        body: ScanBatch,
        response: { 200: ScanBatchResult },
      },
    },
    async (req) => recordScans(db(), req.actor, req.params.id, req.body.scans),
  );

  app.get(
    '/api/counts/:id/result',
    {
      config: { access: 'count.read' },
      schema: {
        tags,
        summary: '盘点结果：账实相符率、盘亏、盘盈、异位、损坏',
        params: CountId,
        querystring: z.object({ all: z.enum(['true', 'false']).optional() }),
        response: { 200: CountResult },
      },
    },
    async (req) => countResult(db(), req.actor, req.params.id, req.query.all === 'true'),
  );

  app.get(
    '/api/counts/:id/result.xlsx',
    {
      config: { access: 'count.read' },
      schema: { tags, summary: '盘点结果（Excel，含全部明细）', params: CountId },
    },
    async (req, reply) => {
      const count = await getCount(db(), req.actor, req.params.id);
      const buf = await countWorkbook(count, await countResult(db(), req.actor, req.params.id, true));
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`盘点结果-${count.title}.xlsx`)}`);
      return reply.type(XLSX).send(buf);
    },
  );

  app.post(
    '/api/counts/:id/close',
    {
      config: { access: 'count.plan' },
      schema: {
        tags,
        summary: '结束盘点：生成并提交调整单据（异位→变动单，盘亏→核销处置单），审批执行后才变更卡片',
        params: CountId,
        response: {
          200: z.object({
            documents: z.array(z.object({ id: z.string(), docNo: z.string(), kind: z.enum(['move', 'loss']), lines: z.number() })),
            held: z.array(z.object({ cardNo: z.string(), reason: z.string() })),
            drafts: z.array(z.object({ docNo: z.string(), reason: z.string() })),
          }),
        },
      },
    },
    async (req) => closeCount(db(), req.actor, req.params.id),
  );
}
