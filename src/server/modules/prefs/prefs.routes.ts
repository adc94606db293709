import { z } from 'zod';
import { ListId, ListSettings, SavedFilter, SavedFilterInput } from '../../../shared/prefs.contracts.ts';
import type { App } from '../../platform/http/types.ts';
import { deleteSavedFilter, getListSettings, listSavedFilters, putListSettings, saveFilter } from './prefs.service.ts';

const tags = ['list-settings'];
const ListParam = z.object({ listId: ListId });
const Ok = z.object({ ok: z.boolean() });

export async function prefsRoutes(app: App) {
  const db = app.database.db;
  app.get(
    '/api/list-settings/:listId',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '我的列表设置（列、密度、每页条数、筛选面板）', params: ListParam, response: { 200: ListSettings } },
    },
    async (req) => getListSettings(db, req.actor, req.params.listId),
  );
  app.put(
    '/api/list-settings/:listId',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '保存我的列表设置', params: ListParam, body: ListSettings, response: { 200: Ok } },
    },
    async (req) => {
      await putListSettings(db, req.actor, req.params.listId, req.body);
      return { ok: true };
    },
  );
  app.get(
    '/api/saved-filters',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '常用筛选（我的与本单位共享的；失效的注明原因）',
        querystring: ListParam,
        response: { 200: z.object({ items: z.array(SavedFilter) }) },
      },
    },
    async (req) => ({ items: await listSavedFilters(db, req.actor, req.query.listId) }),
  );
  app.post(
    '/api/saved-filters',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: '保存常用筛选（个人或本单位共享）',
        body: SavedFilterInput,
        response: { 201: z.object({ id: z.string() }) },
      },
    },
    async (req, reply) => reply.status(201).send(await saveFilter(db, req.actor, req.body)),
  );
  app.delete(
    '/api/saved-filters/:id',
    {
      config: { access: 'authenticated' },
      schema: { tags, summary: '删除常用筛选（保存人）', params: z.object({ id: z.uuid() }), response: { 200: Ok } },
    },
    async (req) => {
      await deleteSavedFilter(db, req.actor, req.params.id);
      return { ok: true };
    },
  );
}
