import { z } from 'zod';
import {
  CloseViolationInput,
  DetectResult,
  EvaluationReport,
  Indicator,
  IndicatorInput,
  IndicatorQuery,
  ReviewInput,
  SelfInput,
  Violation,
  ViolationInput,
  ViolationQuery,
  YearQuery,
} from '../../../shared/evaluation.contracts.ts';
import { businessYear } from '../../platform/clock.ts';
import { sendXlsx } from '../../platform/http/download.reply.ts';
import { Done, IdParams, done } from '../../platform/http/route.shapes.ts';
import type { App } from '../../platform/http/types.ts';
import { closeViolation, detectViolations, listViolations, recordViolation } from './accountability.service.ts';
import { evaluationWorkbook } from './evaluation.excel.ts';
import {
  evaluateYear,
  indicatorHistory,
  indicatorsFor,
  reviewEvaluation,
  saveIndicator,
  submitSelfEvaluation,
} from './evaluation.service.ts';

const tags = ['evaluation'];

export async function evaluationRoutes(app: App) {
  const db = app.database.db;

  app.get(
    '/api/evaluation/indicators',
    {
      config: { access: 'pool.evaluate' },
      schema: { tags, summary: '评价指标体系（某年度适用的版本）', querystring: IndicatorQuery, response: { 200: z.array(Indicator) } },
    },
    async (req) => indicatorsFor(db, req.query.year ?? businessYear()),
  );

  app.get(
    '/api/evaluation/indicators/history',
    {
      config: { access: 'pool.evaluate' },
      schema: { tags, summary: '评价指标的全部版本（历史）', response: { 200: z.array(Indicator) } },
    },
    async () => indicatorHistory(db),
  );

  app.post(
    '/api/evaluation/indicators',
    {
      config: { access: 'evaluation.manage' },
      schema: {
        tags,
        summary: '新增或修改指标（自某年度起生效，以前年度不变）',
        body: IndicatorInput,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await saveIndicator(db, req.actor, req.body)),
  );

  app.get(
    '/api/evaluation',
    {
      config: { access: 'pool.evaluate' },
      schema: {
        tags,
        summary: '资产使用效益评价：各单位得分、排名、指标说明',
        querystring: YearQuery,
        response: { 200: EvaluationReport },
      },
    },
    async (req) => evaluateYear(db, req.actor, req.query.year),
  );

  app.get(
    '/api/evaluation/export.xlsx',
    {
      config: { access: 'pool.evaluate' },
      schema: { tags, summary: '资产使用效益评价（Excel：排名与指标说明）', querystring: YearQuery },
    },
    async (req, reply) =>
      sendXlsx(
        reply,
        `资产使用效益评价-${req.query.year}.xlsx`,
        await evaluationWorkbook(await evaluateYear(db, req.actor, req.query.year)),
      ),
  );

  app.post(
    '/api/evaluation/units/:id/self',
    {
      config: { access: 'evaluation.self' },
      schema: {
        tags,
        summary: '单位自评（提交本年度得分与说明）',
        params: IdParams,
        body: SelfInput,
        response: { 200: z.object({ score: z.number() }) },
      },
    },
    async (req) => submitSelfEvaluation(db, req.actor, req.params.id, req.body),
  );

  app.post(
    '/api/evaluation/units/:id/review',
    {
      config: { access: 'evaluation.manage' },
      schema: {
        tags,
        summary: '管委会复核单位自评',
        params: IdParams,
        body: ReviewInput,
        response: { 200: z.object({ score: z.number() }) },
      },
    },
    async (req) => reviewEvaluation(db, req.actor, req.params.id, req.body),
  );

  app.get(
    '/api/accountability',
    {
      config: { access: 'pool.evaluate' },
      schema: {
        tags,
        summary: '责任追究记录（本单位；管委会可见全部）',
        querystring: ViolationQuery,
        response: { 200: z.array(Violation) },
      },
    },
    async (req) => listViolations(db, req.actor, req.query),
  );

  app.post(
    '/api/accountability',
    {
      config: { access: 'accountability.record' },
      schema: {
        tags,
        summary: '登记责任追究事项（资产管理处或审计）',
        body: ViolationInput,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await recordViolation(db, req.actor, req.body)),
  );

  app.post(
    '/api/accountability/detect',
    {
      config: { access: 'evaluation.manage' },
      schema: { tags, summary: '系统发现违规：借用逾期、出借逾期未收回、盘亏', response: { 200: DetectResult } },
    },
    async () => detectViolations(db),
  );

  app.post(
    '/api/accountability/:id/close',
    {
      config: { access: 'evaluation.manage' },
      schema: { tags, summary: '记录处理措施与结果', params: IdParams, body: CloseViolationInput, response: { 200: Done } },
    },
    async (req) => done(closeViolation(db, req.actor, req.params.id, req.body)),
  );
}
