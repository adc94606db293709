import { z } from 'zod';
import {
  DashboardView,
  ExplanationBody,
  ExportRequest,
  LIST_KINDS,
  ListQuery,
  ListView,
  PackQuery,
  PackView,
  QuotaQuery,
  QuotaView,
  ReportFilter,
  SummaryView,
  type ListKind,
} from '../../../shared/reports.contracts.ts';
import { JobStarted } from '../../../shared/finance.contracts.ts';
import { logSecurityEvent } from '../../platform/auth/security-log.ts';
import type { App } from '../../platform/http/types.ts';
import { quotaReport } from './quota.service.ts';
import * as svc from './reports.service.ts';

const tags = ['reports'];
const Kind = z.object({ kind: z.enum(Object.keys(LIST_KINDS) as [ListKind, ...ListKind[]]) });

export async function reportRoutes(app: App) {
  const db = () => app.database.db;

  app.get(
    '/api/reports/summary',
    {
      config: { access: 'report.read' },
      schema: { tags, summary: '资产情况表（期初、本期增加、本期减少、期末）', querystring: ReportFilter, response: { 200: SummaryView } },
    },
    async (req) => svc.summary(db(), req.actor, req.query),
  );

  app.get(
    '/api/reports/lists/:kind',
    {
      config: { access: 'report.read' },
      schema: {
        tags,
        summary: '明细报表：新增、处置、折旧、闲置、超标、超年限、出租出借、车辆、房屋土地',
        params: Kind,
        querystring: ListQuery,
        response: { 200: ListView },
      },
    },
    async (req) => svc.list(db(), req.actor, req.params.kind, req.query, req.query.page, req.query.pageSize),
  );

  app.get(
    '/api/reports/quota',
    {
      config: { access: 'report.read' },
      schema: {
        tags,
        summary: '数量超标：各单位按配置标准的编制人数、限额、现有数量与超标数量',
        querystring: QuotaQuery,
        response: { 200: QuotaView },
      },
    },
    async (req) => quotaReport(db(), req.actor, req.query),
  );

  app.get(
    '/api/reports/pack',
    {
      config: { access: 'report.read' },
      schema: {
        tags,
        summary: '月报/年报：本月与上月比较，变动超 20% 需说明',
        querystring: PackQuery.extend({ annual: z.coerce.boolean().default(false) }),
        response: { 200: PackView },
      },
    },
    async (req) => svc.pack(db(), req.actor, req.query.month, req.query.unitId, req.query.annual),
  );

  app.put(
    '/api/reports/explanations',
    {
      config: { access: 'report.explain' },
      schema: { tags, summary: '填写月度变动说明', body: ExplanationBody, response: { 200: z.object({ ok: z.boolean() }) } },
    },
    async (req) => svc.explain(db(), req.actor, req.body),
  );

  app.post(
    '/api/reports/export',
    {
      config: { access: 'report.read' },
      schema: {
        tags,
        summary: '导出 Excel（后台任务；完成后从 /api/jobs/:id/file 下载）',
        body: ExportRequest,
        response: { 202: JobStarted },
      },
    },
    async (req, reply) => {
      // Checked now so an out-of-scope unit answers 404 here, not as a failed job.
      svc.checkExportUnit(req.actor, req.body.filter.unitId);
      const jobId = await app.jobs.enqueue(db(), {
        kind: 'report.export',
        unitId: req.body.filter.unitId ?? null,
        createdBy: req.actor.userId,
        params: req.body,
      });
      // Exports leave the system: logged like card exports.
      await logSecurityEvent(db(), {
        kind: 'export',
        userId: req.actor.userId,
        username: req.actor.username,
        ip: req.ip,
        details: { what: 'report', report: req.body.report, jobId, filter: req.body.filter },
      });
      return reply.status(202).send({ jobId });
    },
  );

  app.get(
    '/api/dashboard',
    {
      config: { access: 'report.read' },
      schema: { tags, summary: '首页看板', response: { 200: DashboardView } },
    },
    async (req) => svc.dashboard(db(), req.actor),
  );
}
