import { z } from 'zod';
import { ContractInput, ContractView, VendorAccountInput, VendorInput, VendorView } from '../../../shared/machinerooms.contracts.ts';
import type { App } from '../../platform/http/types.ts';
import { createContract, createVendor, getContract, linkVendorAccount, listContracts, listVendors } from './contract.service.ts';

const tags = ['machinerooms'];
const Id = z.object({ id: z.uuid() });
const Created = z.object({ id: z.uuid() });
const Done = z.object({ ok: z.literal(true) });

export async function contractRoutes(app: App) {
  const db = () => app.database.db;

  app.get(
    '/api/om/vendors',
    {
      config: { access: 'machineroom.read' },
      schema: { tags, summary: '运维服务商', response: { 200: z.object({ items: z.array(VendorView) }) } },
    },
    async (req) => ({ items: await listVendors(db(), req.actor) }),
  );
  app.post(
    '/api/om/vendors',
    {
      config: { access: 'machineroom.manage' },
      schema: { tags, summary: '登记运维服务商（中标单位）', body: VendorInput, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await createVendor(db(), req.actor, req.body)),
  );
  app.post(
    '/api/om/vendors/:id/accounts',
    {
      config: { access: 'machineroom.manage' },
      schema: {
        tags,
        summary: '绑定服务商人员的登录账号（须有运维服务商角色）',
        params: Id,
        body: VendorAccountInput,
        response: { 200: Done },
      },
    },
    async (req) => {
      await linkVendorAccount(db(), req.actor, req.params.id, req.body.username);
      return { ok: true as const };
    },
  );
  app.get(
    '/api/om/contracts',
    {
      config: { access: 'machineroom.read' },
      schema: { tags, summary: '运维合同（服务商只见本单位合同）', response: { 200: z.object({ items: z.array(ContractView) }) } },
    },
    async (req) => ({ items: await listContracts(db(), req.actor) }),
  );
  app.post(
    '/api/om/contracts',
    {
      config: { access: 'machineroom.manage' },
      schema: { tags, summary: '登记运维合同（范围、期限、金额、SLA）', body: ContractInput, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await createContract(db(), req.actor, req.body)),
  );
  app.get(
    '/api/om/contracts/:id',
    { config: { access: 'machineroom.read' }, schema: { tags, summary: '运维合同详情', params: Id, response: { 200: ContractView } } },
    async (req) => getContract(db(), req.actor, req.params.id),
  );
}
