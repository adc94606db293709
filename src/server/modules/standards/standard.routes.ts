import { z } from 'zod';
import { Standard, StandardHistoryEntry, StandardInput } from '../../../shared/standards.contracts.ts';
import type { App } from '../../platform/http/types.ts';
import { listStandards, standardHistoryOf, updateStandard } from './standard.service.ts';

const tags = ['allocation standards'];
const Ok = z.object({ ok: z.boolean() });

export async function standardRoutes(app: App) {
  const db = app.database.db;

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
