import { z } from 'zod';
import {
  AssignmentInput,
  CountProgress,
  RecountInput,
  RecountView,
  ResultQuery,
  SheetQuery,
  SurplusInput,
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
import { countProgress, setAssignments } from './count-share.service.ts';
import { createRecount, listRecounts } from './count-recount.service.ts';
import { registerSurplus } from './count-surplus.service.ts';

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
      schema: {
        tags,
        summary: '盘点人下载本人分工的盘点清单（离线使用；按卡片编号分页）',
        params: CountId,
        querystring: SheetQuery,
        response: { 200: CountSheet },
      },
    },
    async (req) => countSheet(db(), req.actor, req.params.id, req.query),
  );

  app.put(
    '/api/counts/:id/assignments',
    {
      config: { access: 'count.plan' },
      schema: {
        tags,
        summary: '盘点分工：把房间分配给盘点人（每个房间一人；替换原分工）',
        params: CountId,
        body: AssignmentInput,
        response: { 200: z.object({ rooms: z.number() }) },
      },
    },
    async (req) => setAssignments(db(), req.actor, req.params.id, req.body),
  );

  app.get(
    '/api/counts/:id/progress',
    {
      config: { access: 'count.read' },
      schema: { tags, summary: '盘点进度：按盘点人、房间、单位', params: CountId, response: { 200: CountProgress } },
    },
    async (req) => countProgress(db(), req.actor, req.params.id),
  );

  app.get(
    '/api/counts/:id/recounts',
    {
      config: { access: 'count.read' },
      schema: { tags, summary: '复盘任务', params: CountId, response: { 200: z.object({ items: z.array(RecountView) }) } },
    },
    async (req) => ({ items: await listRecounts(db(), req.actor, req.params.id) }),
  );

  app.post(
    '/api/counts/:id/recounts',
    {
      config: { access: 'count.plan' },
      schema: {
        tags,
        summary: '安排复盘：当前盘亏与异位的资产交由初盘以外的人员复盘（可盲盘）',
        params: CountId,
        body: RecountInput,
        response: { 201: z.object({ id: z.string(), cards: z.number() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await createRecount(db(), req.actor, req.params.id, req.body)),
  );

  app.put(
    '/api/counts/:id/surplus',
    {
      config: { access: 'count.plan' },
      schema: {
        tags,
        summary: '登记盘盈资产：单位、分类、名称、价值及计价依据、情况说明（结束盘点时生成盘盈入账单）',
        params: CountId,
        body: SurplusInput,
        response: { 200: z.object({ scanKey: z.string() }) },
      },
    },
    async (req) => registerSurplus(db(), req.actor, req.params.id, req.body),
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
        querystring: ResultQuery,
        response: { 200: CountResult },
      },
    },
    async (req) =>
      countResult(db(), req.actor, req.params.id, req.query.all === 'true', {
        outcome: req.query.outcome,
        page: req.query.page,
        pageSize: req.query.pageSize,
      }),
  );

  app.get(
    '/api/counts/:id/result.xlsx',
    {
      config: { access: 'count.read' },
      schema: { tags, summary: '盘点结果（Excel，含全部明细）', params: CountId },
    },
    async (req, reply) => {
      const count = await getCount(db(), req.actor, req.params.id);
      const buf = await countWorkbook(count, await countResult(db(), req.actor, req.params.id, true, null));
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
            documents: z.array(
              z.object({ id: z.string(), docNo: z.string(), kind: z.enum(['move', 'loss', 'surplus']), lines: z.number() }),
            ),
            held: z.array(z.object({ cardNo: z.string(), reason: z.string() })),
            drafts: z.array(z.object({ docNo: z.string(), reason: z.string() })),
            nextCountId: z.string().nullable(),
          }),
        },
      },
    },
    async (req) => closeCount(db(), req.actor, req.params.id),
  );
}
