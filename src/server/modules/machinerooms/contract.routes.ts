import { z } from 'zod';
import {
  ContractCardView,
  ContractInput,
  ContractPatch,
  ContractView,
  VendorAccountInput,
  VendorAccountParams,
  VendorInput,
  VendorView,
} from '../../../shared/machinerooms.contracts.ts';
import { sendXlsx } from '../../platform/http/download.reply.ts';
import type { App } from '../../platform/http/types.ts';
import { listScopeCards } from './contract.cards.ts';
import { contractsWorkbook } from './contract.excel.ts';
import {
  createContract,
  createVendor,
  getContract,
  linkVendorAccount,
  listContracts,
  listVendors,
  unlinkVendorAccount,
  updateContract,
  updateVendor,
} from './contract.service.ts';

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
  app.put(
    '/api/om/vendors/:id',
    {
      config: { access: 'machineroom.manage' },
      schema: { tags, summary: '修改运维服务商（名称、信用代码、联系人、电话）', params: Id, body: VendorInput, response: { 200: Done } },
    },
    async (req) => {
      await updateVendor(db(), req.actor, req.params.id, req.body);
      return { ok: true as const };
    },
  );
  app.delete(
    '/api/om/vendors/:id/accounts/:username',
    {
      config: { access: 'machineroom.manage' },
      schema: { tags, summary: '解除服务商人员登录账号的绑定', params: VendorAccountParams, response: { 200: Done } },
    },
    async (req) => {
      await unlinkVendorAccount(db(), req.actor, req.params.id, req.params.username);
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
  app.patch(
    '/api/om/contracts/:id',
    {
      config: { access: 'machineroom.manage' },
      schema: {
        tags,
        summary: '修改运维合同（范围、期限、金额、SLA、巡检、考核与付款规则；已结算月份受影响的修改被拒绝）',
        params: Id,
        body: ContractPatch,
        response: { 200: ContractView },
      },
    },
    async (req) => updateContract(db(), req.actor, req.params.id, req.body),
  );
  app.get(
    '/api/om/cards',
    {
      config: { access: 'machineroom.read' },
      schema: {
        tags,
        summary: '合同范围内的资产：合同机房机柜内的设备与合同列明的资产（服务商只见本单位合同的）',
        querystring: z.object({ contractId: z.uuid().optional() }),
        response: { 200: z.object({ items: z.array(ContractCardView.extend({ contractNo: z.string() })) }) },
      },
    },
    async (req) => ({ items: await listScopeCards(db(), req.actor, req.query.contractId) }),
  );
  app.get(
    '/api/om/contracts/export.xlsx',
    { config: { access: 'machineroom.read' }, schema: { tags, summary: '导出运维合同台账（Excel）' } },
    async (req, reply) => {
      const items = await listContracts(db(), req.actor);
      return sendXlsx(reply, '运维合同台账.xlsx', await contractsWorkbook(items));
    },
  );
}
