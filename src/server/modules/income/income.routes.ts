import {
  IncomeDetail,
  IncomeListQuery,
  IncomePage,
  IncomeReport,
  IncomeReportQuery,
  TurnoverInput,
} from '../../../shared/income.contracts.ts';
import { businessToday } from '../../platform/clock.ts';
import { sendXlsx } from '../../platform/http/download.reply.ts';
import { IdParams } from '../../platform/http/route.shapes.ts';
import type { App } from '../../platform/http/types.ts';
import { incomeReportXlsx } from './income.excel.ts';
import { getIncome, incomeReport, listIncome } from './income.queries.ts';
import { recordTurnover } from './income.service.ts';

const tags = ['income'];

export async function incomeRoutes(app: App) {
  const db = () => app.database.db;

  app.get(
    '/api/income',
    {
      config: { access: 'income.read' },
      schema: {
        tags,
        summary: '国有资产收入：处置与出租出借收入及其上缴国库情况（按单据）',
        querystring: IncomeListQuery,
        response: { 200: IncomePage },
      },
    },
    async (req) => listIncome(db(), req.actor, req.query),
  );

  app.get(
    '/api/income/report',
    {
      config: { access: 'income.read' },
      schema: {
        tags,
        summary: '收入情况表：按单位和来源的期初、取得、上缴、期末与逾期',
        querystring: IncomeReportQuery,
        response: { 200: IncomeReport },
      },
    },
    async (req) => incomeReport(db(), req.actor, req.query),
  );

  app.get(
    '/api/income/report.xlsx',
    { config: { access: 'income.read' }, schema: { tags, summary: '导出收入情况表（Excel）', querystring: IncomeReportQuery } },
    async (req, reply) =>
      sendXlsx(
        reply,
        `国有资产收入情况表-${req.query.from}至${req.query.to}.xlsx`,
        await incomeReportXlsx(await incomeReport(db(), req.actor, req.query), businessToday()),
      ),
  );

  app.get(
    '/api/income/:id',
    {
      config: { access: 'income.read' },
      schema: { tags, summary: '一张单据的收入与上缴记录（:id 为单据 id）', params: IdParams, response: { 200: IncomeDetail } },
    },
    async (req) => getIncome(db(), req.actor, req.params.id),
  );

  app.post(
    '/api/income/:id/turnovers',
    {
      config: { access: 'income.turnover' },
      schema: {
        tags,
        summary: '登记上缴国库（单位财务；可分次，不得超过未缴余额）',
        params: IdParams,
        body: TurnoverInput,
        response: { 200: IncomeDetail },
      },
    },
    async (req) => recordTurnover(db(), req.actor, req.params.id, req.body),
  );
}
