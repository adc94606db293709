import { z } from 'zod';
import {
  BooksView,
  CloseRequest,
  CloseResultView,
  ReopenDecision,
  ReopenRequest,
  TakeoverReport,
  TakeoverRequest,
} from '../../../shared/finance.contracts.ts';
import type { App } from '../../platform/http/types.ts';
import * as periods from './period.service.ts';
import * as takeover from './takeover.service.ts';

const tags = ['books'];

export async function periodRoutes(app: App) {
  const db = () => app.database.db;

  app.get(
    '/api/books',
    {
      config: { access: 'depreciation.read' },
      schema: {
        tags,
        summary: '各单位账套：期初建账月份、已结账月份、反结账申请',
        response: { 200: z.object({ items: z.array(BooksView) }) },
      },
    },
    async (req) => ({ items: await periods.listBooks(db(), req.actor) }),
  );

  app.post(
    '/api/books/close',
    {
      config: { access: 'depreciation.close' },
      schema: { tags, summary: '结账：锁定某月（一个单位或范围内全部单位）', body: CloseRequest, response: { 200: CloseResultView } },
    },
    async (req) => periods.closeMonth(db(), req.actor, req.body.month, req.body.unitId),
  );

  app.post(
    '/api/books/reopen',
    {
      config: { access: 'depreciation.close' },
      schema: { tags, summary: '申请反结账（由资产管理处审批）', body: ReopenRequest, response: { 201: z.object({ id: z.string() }) } },
    },
    async (req, reply) =>
      reply.status(201).send(await periods.requestReopen(db(), req.actor, req.body.unitId, req.body.month, req.body.reason)),
  );

  app.post(
    '/api/books/reopen/:id/decide',
    {
      config: { access: 'period.reopen.decide' },
      schema: {
        tags,
        summary: '审批反结账申请',
        params: z.object({ id: z.uuid() }),
        body: ReopenDecision,
        response: { 200: z.object({ id: z.string(), status: z.string() }) },
      },
    },
    async (req) => periods.decideReopen(db(), req.actor, req.params.id, req.body.approve, req.body.note),
  );

  app.post(
    '/api/books/takeover',
    {
      config: { access: 'books.takeover' },
      schema: {
        tags,
        summary: '期初建账：确定单位账套的接管月份',
        body: TakeoverRequest,
        response: { 200: z.object({ takeoverMonth: z.string() }) },
      },
    },
    async (req) => takeover.setTakeover(db(), req.actor, req.body.unitId, req.body.month),
  );

  app.get(
    '/api/books/takeover/:unitId',
    {
      config: { access: 'depreciation.read' },
      schema: {
        tags,
        summary: '期初建账报告：按类别的期初余额',
        params: z.object({ unitId: z.uuid() }),
        response: { 200: TakeoverReport },
      },
    },
    async (req) => takeover.takeoverReport(db(), req.actor, req.params.unitId),
  );
}
