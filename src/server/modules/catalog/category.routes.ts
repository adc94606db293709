import { z } from 'zod';
import {
  CategoryCreate,
  CategoryListQuery,
  CategoryNode,
  CategoryPage,
  CategoryPatch,
  CategoryView,
  ImportReport,
  TreeQuery,
} from '../../../shared/catalog.contracts.ts';
import { AppError } from '../../platform/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { parseCsv, readXlsx, rowsToCategories } from './category.file.ts';
import { categoryTree, listCategories } from './category.queries.ts';
import { createCategory, getCategory, importCategories, updateCategory } from './category.service.ts';

const IdParams = z.object({ id: z.string() });
const tags = ['catalog'];

export async function categoryRoutes(app: App) {
  const db = () => app.database.db;

  app.get(
    '/api/categories/tree',
    {
      config: { access: 'catalog.read' },
      schema: { tags, summary: '资产分类树', querystring: TreeQuery, response: { 200: z.array(CategoryNode) } },
    },
    async (req) => categoryTree(db(), req.query.edition),
  );

  app.get(
    '/api/categories',
    {
      config: { access: 'catalog.read' },
      schema: { tags, summary: '资产分类列表（按编码或名称片段搜索）', querystring: CategoryListQuery, response: { 200: CategoryPage } },
    },
    async (req) => listCategories(db(), req.query),
  );

  app.get(
    '/api/categories/:id',
    {
      config: { access: 'catalog.read' },
      schema: { tags, summary: '资产分类详情', params: IdParams, response: { 200: CategoryView } },
    },
    async (req) => getCategory(db(), req.params.id),
  );

  app.post(
    '/api/categories',
    {
      config: { access: 'catalog.write' },
      schema: { tags, summary: '新增资产分类', body: CategoryCreate, response: { 201: CategoryView } },
    },
    async (req, reply) => reply.status(201).send(await createCategory(db(), req.body)),
  );

  app.patch(
    '/api/categories/:id',
    {
      config: { access: 'catalog.write' },
      schema: { tags, summary: '修改资产分类（编码与版本不可改）', params: IdParams, body: CategoryPatch, response: { 200: CategoryView } },
    },
    async (req) => updateCategory(db(), req.params.id, req.body),
  );

  app.post(
    '/api/categories/import',
    {
      config: { access: 'catalog.write' },
      schema: {
        tags,
        summary: '导入资产分类（CSV 或 xlsx，按版本+编码新增或更新，全部成功或全部不写入）',
        consumes: ['multipart/form-data'],
        response: { 200: ImportReport },
      },
    },
    async (req) => {
      const file = await req.file();
      if (!file) throw new AppError('bad_file', '请上传文件（字段名 file）', { file: '必填' });
      const buffer = await file.toBuffer();
      const isXlsx = /\.xlsx$/i.test(file.filename) || buffer.subarray(0, 2).toString('latin1') === 'PK';
      const table = isXlsx ? await readXlsx(buffer) : parseCsv(buffer.toString('utf8'));
      return importCategories(db(), rowsToCategories(table));
    },
  );
}
