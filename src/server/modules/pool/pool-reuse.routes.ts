// Repair for reuse, bundled disposal, the items' spec attributes and the pool's statistics: thin routes over their services.
import { z } from 'zod';
import { PageQuery, pageOf } from '../../../shared/paging.ts';
import {
  LotInput,
  PoolLot,
  PoolRepair,
  PoolStats,
  PoolStatsQuery,
  RepairFinishInput,
  RepairInput,
  RepairQuery,
  SpecInput,
} from '../../../shared/pool.contracts.ts';
import { sendXlsx } from '../../platform/http/download.reply.ts';
import { IdParams } from '../../platform/http/route.shapes.ts';
import type { App } from '../../platform/http/types.ts';
import { getLot, listLots, listRepairs } from './pool-lot.queries.ts';
import { createLot } from './pool-lot.service.ts';
import { finishRepair, sendForRepair } from './pool-repair.service.ts';
import { poolStatsWorkbook } from './pool-stats.excel.ts';
import { poolStats } from './pool-stats.queries.ts';
import { setListingSpec } from './pool-spec.service.ts';

const tags = ['pool'];

export async function poolReuseRoutes(app: App) {
  const db = app.database.db;

  app.post(
    '/api/pool/listings/:id/repair',
    {
      config: { access: 'pool.decide' },
      schema: {
        tags,
        summary: '维修再利用：无人申请或需维修的公物仓资产送修',
        params: IdParams,
        body: RepairInput,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await sendForRepair(db, req.actor, req.params.id, req.body)),
  );

  app.put(
    '/api/pool/listings/:id/spec',
    {
      config: { access: 'pool.offer' },
      schema: {
        tags,
        summary: '登记公物仓资产的规格参数（内存、硬盘、座位数等），配置申请按分类和规格参数匹配',
        params: IdParams,
        body: SpecInput,
        response: { 200: z.object({ summary: z.string() }) },
      },
    },
    async (req) => setListingSpec(db, req.actor, req.params.id, req.body),
  );

  app.get(
    '/api/pool/repairs',
    {
      config: { access: 'pool.read' },
      schema: {
        tags,
        summary: '公物仓维修记录（本单位；管委会可见全部）',
        querystring: RepairQuery,
        response: { 200: pageOf(PoolRepair) },
      },
    },
    async (req) => listRepairs(db, req.actor, req.query),
  );

  app.post(
    '/api/pool/repairs/:id/finish',
    {
      config: { access: 'pool.decide' },
      schema: {
        tags,
        summary: '登记维修结果：修复回仓（生成维修单）或无修复价值转拟处置',
        params: IdParams,
        body: RepairFinishInput,
        response: { 200: z.object({ docNo: z.string().optional() }) },
      },
    },
    async (req) => finishRepair(db, req.actor, req.params.id, req.body),
  );

  app.post(
    '/api/pool/lots',
    {
      config: { access: 'pool.decide' },
      schema: {
        tags,
        summary: '打包处置：一批公物仓资产一张处置单（公开出售），提交处置审批',
        body: LotInput,
        response: { 201: z.object({ id: z.string(), docNo: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await createLot(db, req.actor, req.body)),
  );

  app.get(
    '/api/pool/lots',
    {
      config: { access: 'pool.read' },
      schema: { tags, summary: '打包处置批次（含处置收入及上缴情况）', querystring: PageQuery, response: { 200: pageOf(PoolLot) } },
    },
    async (req) => listLots(db, req.actor, req.query),
  );

  app.get(
    '/api/pool/lots/:id',
    {
      config: { access: 'pool.read' },
      schema: { tags, summary: '打包处置批次详情', params: IdParams, response: { 200: PoolLot } },
    },
    async (req) => getLot(db, req.actor, req.params.id),
  );

  app.get(
    '/api/pool/stats',
    {
      config: { access: 'pool.evaluate' },
      schema: {
        tags,
        summary: '公物仓统计：出入仓、调剂再利用价值、调剂周期、节约资金',
        querystring: PoolStatsQuery,
        response: { 200: PoolStats },
      },
    },
    async (req) => poolStats(db, req.actor, req.query),
  );

  app.get(
    '/api/pool/stats/export.xlsx',
    {
      config: { access: 'pool.evaluate' },
      schema: { tags, summary: '公物仓统计（Excel）', querystring: PoolStatsQuery },
    },
    async (req, reply) =>
      sendXlsx(
        reply,
        `公物仓统计-${req.query.from}-${req.query.to}.xlsx`,
        await poolStatsWorkbook(await poolStats(db, req.actor, req.query)),
      ),
  );
}
