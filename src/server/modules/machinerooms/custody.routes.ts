import { z } from 'zod';
import { CustodyDetail, CustodyInput, CustodyQuery, CustodyView, DecideInput } from '../../../shared/machinerooms.contracts.ts';
import { pageOf } from '../../../shared/paging.ts';
import type { App } from '../../platform/http/types.ts';
import { getCustody, listCustody } from './custody.queries.ts';
import { decideCustody, endCustody, submitCustody } from './custody.service.ts';

const tags = ['machinerooms'];
const Id = z.object({ id: z.uuid() });
const Note = z.object({ note: z.string().trim().max(500).nullish() });

export async function custodyRoutes(app: App) {
  const db = () => app.database.db;

  app.get(
    '/api/custody',
    {
      config: { access: 'custody.read' },
      schema: { tags, summary: '委托管理协议', querystring: CustodyQuery, response: { 200: pageOf(CustodyView) } },
    },
    async (req) => listCustody(db(), req.actor, req.query),
  );
  app.post(
    '/api/custody',
    {
      config: { access: 'custody.write' },
      schema: {
        tags,
        summary: '提交委托管理登记册（本单位资产逐项登记）',
        body: CustodyInput,
        response: { 201: z.object({ id: z.uuid(), agreementNo: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await submitCustody(db(), req.actor, req.body)),
  );
  app.get(
    '/api/custody/:id',
    { config: { access: 'custody.read' }, schema: { tags, summary: '委托协议与登记册', params: Id, response: { 200: CustodyDetail } } },
    async (req) => getCustody(db(), req.actor, req.params.id),
  );
  app.post(
    '/api/custody/:id/decide',
    {
      config: { access: 'custody.decide' },
      schema: { tags, summary: '管委会签收或退回委托协议', params: Id, body: DecideInput, response: { 200: CustodyDetail } },
    },
    async (req) => {
      await decideCustody(db(), req.actor, req.params.id, req.body.approve, req.body.note);
      return getCustody(db(), req.actor, req.params.id);
    },
  );
  app.post(
    '/api/custody/:id/end',
    {
      config: { access: 'custody.write' },
      schema: { tags, summary: '终止委托，资产交回产权单位管理', params: Id, body: Note, response: { 200: CustodyDetail } },
    },
    async (req) => {
      await endCustody(db(), req.actor, req.params.id, req.body.note);
      return getCustody(db(), req.actor, req.params.id);
    },
  );
}
