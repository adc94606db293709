import { z } from 'zod';
import { Chain, ChainInput, DocumentTypeSchema } from '../../../shared/workflow.contracts.ts';
import type { App } from '../../platform/http/types.ts';
import { listChains, saveChain } from './chain.service.ts';

const tags = ['approval chains'];
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
}
