import { z } from 'zod';
import { pageOf } from '../../../shared/paging.ts';
import { IsoDate } from '../../../shared/dates.ts';
import {
  CheckInput,
  CheckResult,
  DecisionInput,
  DocumentDetail,
  DocumentInput,
  DocumentListQuery,
  DocumentSummary,
  PostingInput,
} from '../../../shared/workflow.contracts.ts';
import { IdParams, done } from '../../platform/http/route.shapes.ts';
import type { App } from '../../platform/http/types.ts';
import { decide, inboxCount, submitDocument, withdrawDocument } from './approval.service.ts';
import { cancelDocument, createDocument, updateDocument } from './document.service.ts';
import { getDocument, listDocuments, listInbox, overdueLendings } from './document.queries.ts';
import { getDocumentSheet } from './document.sheet.ts';
import { DocumentSheet } from '../../../shared/document-sheet.contracts.ts';
import { returnLending } from './document-types/lending.doctype.ts';
import { executeDocument } from './execution.service.ts';
import { postAcceptance, procurableLines } from './procurement.service.ts';
import { checkConfigRequest } from './standard.check.ts';

const tags = ['documents'];
const Status = z.object({ status: z.string() });
const Created = z.object({ id: z.string(), docNo: z.string() });

export async function documentRoutes(app: App) {
  const db = app.database.db;

  app.get(
    '/api/documents',
    {
      config: { access: 'document.read' },
      schema: { tags, summary: '业务单据列表', querystring: DocumentListQuery, response: { 200: pageOf(DocumentSummary) } },
    },
    async (req) => listDocuments(db, req.actor, req.query),
  );

  app.post(
    '/api/documents',
    {
      config: { access: 'document.write' },
      schema: { tags, summary: '新建单据（草稿）', body: DocumentInput, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await createDocument(db, req.actor, req.body)),
  );

  app.get(
    '/api/documents/:id',
    {
      config: { access: 'document.read' },
      schema: { tags, summary: '单据详情（明细、审批环节、历史）', params: IdParams, response: { 200: DocumentDetail } },
    },
    async (req) => getDocument(db, req.actor, req.params.id),
  );

  app.get(
    '/api/documents/:id/sheet',
    {
      config: { access: 'document.read' },
      schema: {
        tags,
        summary: '审批表：封面、审批事项（按单据类型）、明细的原值/净值/已使用年限或标准与调剂结果、各环节意见',
        params: IdParams,
        response: { 200: DocumentSheet },
      },
    },
    async (req) => getDocumentSheet(db, req.actor, req.params.id),
  );

  app.put(
    '/api/documents/:id',
    {
      config: { access: 'document.write' },
      schema: {
        tags,
        summary: '修改草稿或退回的单据',
        params: IdParams,
        body: DocumentInput,
        response: { 200: z.object({ ok: z.boolean() }) },
      },
    },
    async (req) => done(updateDocument(db, req.actor, req.params.id, req.body)),
  );

  app.post(
    '/api/documents/:id/submit',
    {
      config: { access: 'document.write' },
      schema: { tags, summary: '提交审批（按审批流程配置生成审批环节）', params: IdParams, response: { 200: Status } },
    },
    async (req) => submitDocument(db, req.actor, req.params.id),
  );

  for (const decision of ['approve', 'reject', 'return'] as const) {
    app.post(
      `/api/documents/:id/${decision}`,
      {
        config: { access: 'document.approve' },
        schema: {
          tags,
          summary: { approve: '审批同意', reject: '驳回', return: '退回修改' }[decision],
          params: IdParams,
          body: DecisionInput,
          response: { 200: Status },
        },
      },
      async (req) => decide(db, req.actor, req.params.id, decision, req.body.comment, req.body.stepNo),
    );
  }

  app.post(
    '/api/documents/:id/withdraw',
    {
      config: { access: 'document.write' },
      schema: {
        tags,
        summary: '撤回（申请人或提交人，尚无任何环节审批时）',
        params: IdParams,
        body: DecisionInput,
        response: { 200: Status },
      },
    },
    async (req) => withdrawDocument(db, req.actor, req.params.id, req.body.comment),
  );

  app.post(
    '/api/documents/:id/execute',
    {
      config: { access: 'document.execute' },
      schema: { tags, summary: '执行单据（变更资产卡片，全部成功或全部不变）', params: IdParams, response: { 200: Status } },
    },
    async (req) => executeDocument(db, req.actor, req.params.id),
  );

  app.post(
    '/api/documents/:id/cancel',
    {
      config: { access: 'document.write' },
      schema: { tags, summary: '作废单据', params: IdParams, body: DecisionInput, response: { 200: z.object({ ok: z.boolean() }) } },
    },
    async (req) => done(cancelDocument(db, req.actor, req.params.id, req.body.comment)),
  );

  app.post(
    '/api/documents/:id/post',
    {
      config: { access: 'document.execute' },
      schema: {
        tags,
        summary: '验收单入账（单位财务：入账日期与会计凭证号）',
        params: IdParams,
        body: PostingInput,
        response: { 200: z.object({ posted: z.number(), lateOf: z.string().nullable() }) },
      },
    },
    async (req) => postAcceptance(db, req.actor, req.params.id, req.body),
  );

  app.post(
    '/api/documents/:id/return-lending',
    {
      config: { access: 'document.execute' },
      schema: {
        tags,
        summary: '出借/出租收回',
        params: IdParams,
        body: z.object({ returnedOn: IsoDate }),
        response: { 200: z.object({ ok: z.boolean() }) },
      },
    },
    async (req) => done(returnLending(db, req.actor, req.params.id, req.body.returnedOn)),
  );

  app.get(
    '/api/inbox',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '我的待办（当前环节由我审批的单据）',
        querystring: DocumentListQuery,
        response: { 200: pageOf(DocumentSummary) },
      },
    },
    async (req) => listInbox(db, req.actor, req.query),
  );

  app.get(
    '/api/inbox/count',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '待办数量', response: { 200: z.object({ count: z.number() }) } },
    },
    async (req) => ({ count: await inboxCount(db, req.actor) }),
  );

  app.post(
    '/api/config-requests/check',
    {
      config: { access: 'document.write' },
      schema: { tags, summary: '配置申请明细的标准检查与闲置资产匹配', body: CheckInput, response: { 200: CheckResult } },
    },
    async (req) => checkConfigRequest(db, req.actor, req.body),
  );

  app.get(
    '/api/procurement/lines',
    {
      config: { access: 'procurement.write' },
      schema: {
        tags,
        summary: '可纳入采购的已批准配置申请明细',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                lineId: z.string(),
                docNo: z.string(),
                unitId: z.string(),
                unitName: z.string(),
                categoryId: z.string(),
                name: z.string().nullable(),
                spec: z.string().nullable(),
                quantity: z.number(),
                unitPriceFen: z.number(),
                budgetLine: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async () => ({ items: await procurableLines(db) }),
  );

  app.get(
    '/api/lendings/overdue',
    {
      config: { access: 'document.read' },
      schema: {
        tags,
        summary: '逾期未收回的出借/出租',
        response: {
          200: z.object({
            items: z.array(
              z.object({ id: z.string(), docNo: z.string(), counterparty: z.string(), periodTo: z.string(), unitName: z.string() }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await overdueLendings(db, req.actor) }),
  );
}
