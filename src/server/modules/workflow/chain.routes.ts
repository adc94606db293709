import { z } from 'zod';
import {
  Chain,
  ChainInput,
  DocumentTypeSchema,
  Standard,
  StandardHistoryEntry,
  StandardInput,
} from '../../../shared/workflow.contracts.ts';
import type { App } from '../../platform/http/types.ts';
import { listChains, listStandards, saveChain, standardHistoryOf, updateStandard } from './chain.service.ts';

const tags = ['approval chains and standards'];
const Ok = z.object({ ok: z.boolean() });

export async function chainRoutes(app: App) {
  const db = app.database.db;

  app.get(
    '/api/chains',
    {
      config: { access: 'document.read' },
      schema: { tags, summary: '审批流程配置（每种单据一条）', response: { 200: z.object({ items: z.array(Chain) }) } },
    },
    async () => ({ items: await listChains(db) }),
  );

  app.put(
    '/api/chains/:type',
    {
      config: { access: 'chain.write' },
      schema: {
        tags,
        summary: '修改某类单据的审批流程',
        params: z.object({ type: DocumentTypeSchema }),
        body: ChainInput,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await saveChain(db, req.actor, req.params.type, req.body.steps);
      return { ok: true };
    },
  );

  app.get(
    '/api/standards',
    {
      config: { access: 'document.read' },
      schema: { tags, summary: '配置标准（本地修改优先，否则中央默认）', response: { 200: z.object({ items: z.array(Standard) }) } },
    },
    async () => ({ items: await listStandards(db) }),
  );

  app.put(
    '/api/standards/:code',
    {
      config: { access: 'standard.write' },
      schema: {
        tags,
        summary: '修改配置标准（记录修改历史与生效日期）',
        params: z.object({ code: z.string().max(40) }),
        body: StandardInput,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await updateStandard(db, req.actor, req.params.code, req.body);
      return { ok: true };
    },
  );

  app.get(
    '/api/standards/:code/history',
    {
      config: { access: 'document.read' },
      schema: {
        tags,
        summary: '配置标准修改历史',
        params: z.object({ code: z.string().max(40) }),
        response: { 200: z.object({ items: z.array(StandardHistoryEntry) }) },
      },
    },
    async (req) => ({ items: await standardHistoryOf(db, req.params.code) }),
  );
}
