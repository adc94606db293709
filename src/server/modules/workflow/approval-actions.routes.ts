import { z } from 'zod';
import {
  BulkApproveInput,
  BulkApproveResult,
  CosignInput,
  Delegation,
  DelegationInput,
  ReassignCandidate,
  ReassignInput,
} from '../../../shared/approval.contracts.ts';
import { IdParams, done } from '../../platform/http/route.shapes.ts';
import type { App } from '../../platform/http/types.ts';
import { bulkApprove, nextInboxItem, reassignCandidates, reassignStep } from './approval-actions.service.ts';
import { addCosigner, cosignCandidates } from './cosign.service.ts';
import { createDelegation, delegateCandidates, listDelegations, revokeDelegation } from './delegation.service.ts';

const tags = ['documents'];

/** 转办, 加签, 批量审批, 下一条 and 委托. */
export async function approvalActionRoutes(app: App) {
  const db = app.database.db;

  app.post(
    '/api/documents/:id/reassign',
    {
      config: { access: 'document.approve' },
      schema: {
        tags,
        summary: '转办（当前环节交给担任同一角色的同事）',
        params: IdParams,
        body: ReassignInput,
        response: { 200: z.object({ status: z.string() }) },
      },
    },
    async (req) => reassignStep(db, req.actor, req.params.id, req.body),
  );

  app.get(
    '/api/documents/:id/reassign-candidates',
    {
      config: { access: 'document.approve' },
      schema: { tags, summary: '可转办的同事', params: IdParams, response: { 200: z.object({ items: z.array(ReassignCandidate) }) } },
    },
    async (req) => ({ items: await reassignCandidates(db, req.actor, req.params.id) }),
  );

  app.post(
    '/api/documents/:id/cosign',
    {
      config: { access: 'document.approve' },
      schema: {
        tags,
        summary: '加签（请一位同事先审批，同意后回到本环节审批人）',
        params: IdParams,
        body: CosignInput,
        response: { 200: z.object({ status: z.string() }) },
      },
    },
    async (req) => addCosigner(db, req.actor, req.params.id, req.body),
  );

  app.get(
    '/api/documents/:id/cosign-candidates',
    {
      config: { access: 'document.approve' },
      schema: { tags, summary: '可加签的同事', params: IdParams, response: { 200: z.object({ items: z.array(ReassignCandidate) }) } },
    },
    async (req) => ({ items: await cosignCandidates(db, req.actor, req.params.id) }),
  );

  app.post(
    '/api/inbox/approve',
    {
      config: { access: 'document.approve' },
      schema: {
        tags,
        summary: '批量审批同意（每件一条审批记录；须填写意见的跳过）',
        body: BulkApproveInput,
        response: { 200: BulkApproveResult },
      },
    },
    async (req) => bulkApprove(db, req.actor, req.body.ids),
  );

  app.get(
    '/api/inbox/next',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '下一条待我审批的单据（最早提交的）',
        querystring: z.object({ skip: z.uuid().optional() }),
        response: { 200: z.object({ id: z.string().nullable(), remaining: z.number() }) },
      },
    },
    async (req) => nextInboxItem(db, req.actor, req.query.skip),
  );

  app.get(
    '/api/delegations',
    {
      config: { access: 'document.approve' },
      schema: { tags, summary: '审批委托（我的、委托给我的、本单位的）', response: { 200: z.object({ items: z.array(Delegation) }) } },
    },
    async (req) => ({ items: await listDelegations(db, req.actor) }),
  );

  app.get(
    '/api/delegations/candidates',
    {
      config: { access: 'document.approve' },
      schema: { tags, summary: '可委托的审批人', response: { 200: z.object({ items: z.array(ReassignCandidate) }) } },
    },
    async (req) => ({ items: await delegateCandidates(db, req.actor) }),
  );

  app.post(
    '/api/delegations',
    {
      config: { access: 'document.approve' },
      schema: {
        tags,
        summary: '设置审批委托（本人，或单位资产管理员为本单位人员设置）',
        body: DelegationInput,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await createDelegation(db, req.actor, req.body)),
  );

  app.post(
    '/api/delegations/:id/revoke',
    {
      config: { access: 'document.approve' },
      schema: { tags, summary: '撤销审批委托', params: IdParams, response: { 200: z.object({ ok: z.boolean() }) } },
    },
    async (req) => done(revokeDelegation(db, req.actor, req.params.id)),
  );
}
