import { z } from 'zod';
import {
  MonthlyOmReport,
  MonthlyReportSubmitInput,
  PaymentView,
  ReviewInput,
  ScorecardInput,
  ScorecardQuery,
  ScorecardView,
  StatementView,
} from '../../../shared/machinerooms.contracts.ts';
import { IsoMonth } from '../../../shared/dates.ts';
import { businessMonth, businessYear } from '../../platform/clock.ts';
import type { App } from '../../platform/http/types.ts';
import { omReportWorkbook } from './omreport.excel.ts';
import { monthlyOmReport } from './omreport.queries.ts';
import { scorecardWorkbook } from './scorecard.excel.ts';
import { getPayment, getScorecard, getStatement, listScorecards } from './scorecard.queries.ts';
import { computeScorecard, lockScorecard, reviewScorecard, submitMonthlyReport } from './scorecard.service.ts';

const tags = ['machinerooms'];
const Id = z.object({ id: z.uuid() });
// Without a month (or year), the current one.
const Month = z.object({ month: IsoMonth.optional() });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function scorecardRoutes(app: App) {
  const db = () => app.database.db;

  app.get(
    '/api/om/scorecards',
    {
      config: { access: 'machineroom.read' },
      schema: {
        tags,
        summary: '运维月度考核表',
        querystring: ScorecardQuery,
        response: { 200: z.object({ items: z.array(ScorecardView) }) },
      },
    },
    async (req) => ({ items: await listScorecards(db(), req.actor, req.query) }),
  );
  app.post(
    '/api/om/scorecards',
    {
      config: { access: 'machineroom.manage' },
      schema: { tags, summary: '计算（或重算待审核的）月度考核', body: ScorecardInput, response: { 200: ScorecardView } },
    },
    async (req) => {
      const { id } = await computeScorecard(db(), req.actor, req.body.contractId, req.body.month);
      return getScorecard(db(), req.actor, id);
    },
  );
  app.get(
    '/api/om/scorecards/:id',
    { config: { access: 'machineroom.read' }, schema: { tags, summary: '考核表详情', params: Id, response: { 200: ScorecardView } } },
    async (req) => getScorecard(db(), req.actor, req.params.id),
  );
  app.get(
    '/api/om/scorecards/:id/export.xlsx',
    { config: { access: 'machineroom.read' }, schema: { tags, summary: '导出考核表（Excel）', params: Id } },
    async (req, reply) => {
      const s = await getScorecard(db(), req.actor, req.params.id);
      reply.header(
        'content-disposition',
        `attachment; filename*=UTF-8''${encodeURIComponent(`运维考核表-${s.contractNo}-${s.month}.xlsx`)}`,
      );
      return reply.type(XLSX).send(await scorecardWorkbook(s));
    },
  );
  app.post(
    '/api/om/scorecards/:id/review',
    {
      config: { access: 'machineroom.manage' },
      schema: { tags, summary: '管委会审核考核表', params: Id, body: ReviewInput, response: { 200: ScorecardView } },
    },
    async (req) => {
      await reviewScorecard(db(), req.actor, req.params.id, req.body.note);
      return getScorecard(db(), req.actor, req.params.id);
    },
  );
  app.post(
    '/api/om/scorecards/:id/lock',
    {
      config: { access: 'machineroom.manage' },
      schema: { tags, summary: '锁定考核表：扣款写入服务商结算清单', params: Id, response: { 200: ScorecardView } },
    },
    async (req) => {
      await lockScorecard(db(), req.actor, req.params.id);
      return getScorecard(db(), req.actor, req.params.id);
    },
  );
  app.get(
    '/api/om/contracts/:id/statement',
    {
      config: { access: 'machineroom.read' },
      schema: {
        tags,
        summary: '服务商月度结算清单（服务费与考核扣款）',
        params: Id,
        querystring: Month,
        response: { 200: StatementView },
      },
    },
    async (req) => getStatement(db(), req.actor, req.params.id, req.query.month ?? businessMonth()),
  );
  app.get(
    '/api/om/contracts/:id/payment',
    {
      config: { access: 'machineroom.read' },
      schema: {
        tags,
        summary: '年度考核均分与付款比例',
        params: Id,
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2200).optional() }),
        response: { 200: PaymentView },
      },
    },
    async (req) => getPayment(db(), req.actor, req.params.id, req.query.year ?? businessYear()),
  );
  app.get(
    '/api/om/contracts/:id/monthly-report',
    {
      config: { access: 'machineroom.read' },
      schema: {
        tags,
        summary: '运维月报（故障、处理时长、SLA 达标率、可用性、巡检）',
        params: Id,
        querystring: Month,
        response: { 200: MonthlyOmReport },
      },
    },
    async (req) => monthlyOmReport(db(), req.actor, req.params.id, req.query.month ?? businessMonth()),
  );
  app.get(
    '/api/om/contracts/:id/monthly-report.xlsx',
    { config: { access: 'machineroom.read' }, schema: { tags, summary: '运维月报（Excel）', params: Id, querystring: Month } },
    async (req, reply) => {
      const r = await monthlyOmReport(db(), req.actor, req.params.id, req.query.month ?? businessMonth());
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`运维月报-${r.contractNo}-${r.month}.xlsx`)}`);
      return reply.type(XLSX).send(await omReportWorkbook(r));
    },
  );
  app.post(
    '/api/om/monthly-reports',
    {
      config: { access: 'omreport.submit' },
      schema: { tags, summary: '服务商报送运维月报', body: MonthlyReportSubmitInput, response: { 201: z.object({ ok: z.literal(true) }) } },
    },
    async (req, reply) => {
      await submitMonthlyReport(db(), req.actor, req.body);
      return reply.status(201).send({ ok: true as const });
    },
  );
}
