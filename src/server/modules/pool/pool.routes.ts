import { z } from 'zod';
import { pageOf } from '../../../shared/paging.ts';
import {
  DecideInput,
  ExpiryResult,
  Listing,
  ListingQuery,
  OfferInput,
  PoolRequest,
  RequestInput,
  RequestQuery,
  ReturnInput,
  UtilisationQuery,
  UtilisationReport,
} from '../../../shared/pool.contracts.ts';
import { Done, IdParams, done } from '../../platform/http/route.shapes.ts';
import type { App } from '../../platform/http/types.ts';
import { evaluationRoutes } from './evaluation.routes.ts';
import { settleLots } from './pool-lot.service.ts';
import { poolPhotoRoutes } from './pool-photo.routes.ts';
import { poolReuseRoutes } from './pool-reuse.routes.ts';
import { getListing, getRequest, listListings, listRequests, utilisation } from './pool.queries.ts';
import { decideAndTell, remindPoolLoans } from './pool-notify.service.ts';
import { expireListings, offerCards, requestListing, returnLoan, withdrawListing, withdrawRequest } from './pool.service.ts';

const tags = ['pool'];

export async function poolRoutes(app: App) {
  const db = app.database.db;
  await evaluationRoutes(app);
  await poolReuseRoutes(app);
  await poolPhotoRoutes(app);

  app.get(
    '/api/pool/listings',
    {
      config: { access: 'pool.read' },
      schema: { tags, summary: '公物仓目录（各单位可见）', querystring: ListingQuery, response: { 200: pageOf(Listing) } },
    },
    async (req) => listListings(db, req.actor, req.query),
  );

  app.post(
    '/api/pool/listings',
    {
      config: { access: 'pool.offer' },
      schema: {
        tags,
        summary: '资产入仓（虚拟或实物）',
        body: OfferInput,
        response: { 201: z.object({ ids: z.array(z.string()) }) },
      },
    },
    async (req, reply) => reply.status(201).send(await offerCards(db, req.actor, req.body)),
  );

  app.get(
    '/api/pool/listings/:id',
    {
      config: { access: 'pool.read' },
      schema: { tags, summary: '公物仓资产详情', params: IdParams, response: { 200: Listing } },
    },
    async (req) => getListing(db, req.actor, req.params.id),
  );

  app.post(
    '/api/pool/listings/:id/withdraw',
    {
      config: { access: 'pool.offer' },
      schema: { tags, summary: '撤回入仓资产（入仓单位或管委会）', params: IdParams, response: { 200: Done } },
    },
    async (req) => done(withdrawListing(db, req.actor, req.params.id)),
  );

  app.post(
    '/api/pool/listings/:id/requests',
    {
      config: { access: 'pool.request' },
      schema: {
        tags,
        summary: '申请调剂公物仓资产',
        params: IdParams,
        body: RequestInput,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await requestListing(db, req.actor, req.params.id, req.body)),
  );

  app.get(
    '/api/pool/requests',
    {
      config: { access: 'pool.read' },
      schema: { tags, summary: '调剂申请（本单位；管委会可见全部）', querystring: RequestQuery, response: { 200: pageOf(PoolRequest) } },
    },
    async (req) => listRequests(db, req.actor, req.query),
  );

  app.get(
    '/api/pool/requests/:id',
    {
      config: { access: 'pool.read' },
      schema: { tags, summary: '调剂申请详情', params: IdParams, response: { 200: PoolRequest } },
    },
    async (req) => getRequest(db, req.actor, req.params.id),
  );

  app.post(
    '/api/pool/requests/:id/withdraw',
    {
      config: { access: 'pool.request' },
      schema: { tags, summary: '撤回调剂申请', params: IdParams, response: { 200: Done } },
    },
    async (req) => done(withdrawRequest(db, req.actor, req.params.id)),
  );

  app.post(
    '/api/pool/requests/:id/decide',
    {
      config: { access: 'pool.decide' },
      schema: {
        tags,
        summary: '管委会审批调剂申请（批准即办理跨单位调拨）',
        params: IdParams,
        body: DecideInput,
        response: { 200: z.object({ status: z.string(), docNo: z.string().optional() }) },
      },
    },
    async (req) => decideAndTell(db, req.actor, req.params.id, req.body),
  );

  app.post(
    '/api/pool/requests/:id/return',
    {
      config: { access: 'pool.request' },
      schema: { tags, summary: '归还借用的公物仓资产', params: IdParams, body: ReturnInput, response: { 200: Done } },
    },
    async (req) => done(returnLoan(db, req.actor, req.params.id, req.body.returnedOn)),
  );

  app.post(
    '/api/pool/expire',
    {
      config: { access: 'pool.decide' },
      schema: {
        tags,
        summary: '在仓时限：超期无人申请的资产转为拟处置，并按处置单结清打包处置批次（每日任务 pool.expire 亦执行）',
        response: { 200: ExpiryResult },
      },
    },
    async () => {
      await settleLots(db);
      await remindPoolLoans(db);
      return expireListings(db);
    },
  );

  app.get(
    '/api/pool/utilisation',
    {
      config: { access: 'pool.evaluate' },
      schema: {
        tags,
        summary: '资产使用效益：各单位使用率、长期闲置、调剂进出',
        querystring: UtilisationQuery,
        response: { 200: UtilisationReport },
      },
    },
    async (req) => utilisation(db, req.actor, req.query.idleMonths),
  );
}
