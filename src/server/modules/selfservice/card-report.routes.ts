import { z } from 'zod';
import {
  CardReport,
  CardReportQuery,
  FaultReportInput,
  ReportCloseInput,
  ReportToMaintenanceInput,
  ReturnRequestInput,
  SelfService,
  WhereaboutsInput,
} from '../../../shared/selfservice.contracts.ts';
import type { App } from '../../platform/http/types.ts';
import { listCardReports, reportPhoto, selfServiceOf } from './card-report.queries.ts';
import { closeReport, confirmWhereabouts, reportFault, reportToMaintenance, requestReturn } from './card-report.service.ts';

const tags = ['self-service'];
const Id = z.object({ id: z.uuid() });
const Created = z.object({ id: z.string() });

export async function cardReportRoutes(app: App) {
  const db = app.database.db;
  // The card's custodian (or its unit's administrator): the service checks (card.read scope, then
  // custodian or card.write of its unit); the writes are open to any signed-in user for that reason.
  app.get(
    '/api/cards/:id/self-service',
    {
      config: { access: 'card.read' },
      schema: { tags, summary: '扫码自助：本人可办理的事项与该资产的报告', params: Id, response: { 200: SelfService } },
    },
    async (req) => selfServiceOf(db, req.actor, req.params.id),
  );
  app.post(
    '/api/cards/:id/fault-reports',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '扫码报修（文字和照片，保管人）', params: Id, body: FaultReportInput, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await reportFault(db, req.actor, req.params.id, req.body)),
  );
  app.post(
    '/api/cards/:id/return-request',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '扫码申请退库（保管人：提交退库单）',
        params: Id,
        body: ReturnRequestInput,
        response: { 201: z.object({ id: z.string(), documentId: z.string(), docNo: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await requestReturn(db, req.actor, req.params.id, req.body.note)),
  );
  app.post(
    '/api/cards/:id/whereabouts',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '扫码确认“在我这里”或“不在我这里”', params: Id, body: WhereaboutsInput, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await confirmWhereabouts(db, req.actor, req.params.id, req.body.here, req.body.note)),
  );

  // The unit administrator's to-dos.
  app.get(
    '/api/card-reports',
    {
      config: { access: 'card.write' },
      schema: {
        tags,
        summary: '扫码报告（报修、不在我这里）',
        querystring: CardReportQuery,
        response: { 200: z.object({ items: z.array(CardReport), total: z.number().int() }) },
      },
    },
    async (req) => listCardReports(db, req.actor, req.query),
  );
  app.get(
    '/api/card-reports/:id/photo',
    { config: { access: 'card.read' }, schema: { tags, summary: '报修照片', params: Id } },
    async (req, reply) => {
      const p = await reportPhoto(db, req.actor, req.params.id);
      return reply.header('content-type', p.contentType).header('cache-control', 'private, max-age=300').send(p.data);
    },
  );
  app.post(
    '/api/card-reports/:id/maintenance',
    {
      config: { access: 'card.write' },
      schema: {
        tags,
        summary: '报修转维修单（草稿）',
        params: Id,
        body: ReportToMaintenanceInput,
        response: { 201: z.object({ documentId: z.string(), docNo: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await reportToMaintenance(db, req.actor, req.params.id, req.body)),
  );
  app.post(
    '/api/card-reports/:id/close',
    {
      config: { access: 'card.write' },
      schema: {
        tags,
        summary: '处理完毕（写明处理结果）',
        params: Id,
        body: ReportCloseInput,
        response: { 200: z.object({ ok: z.boolean() }) },
      },
    },
    async (req) => {
      await closeReport(db, req.actor, req.params.id, req.body.note);
      return { ok: true };
    },
  );
}
