import { z } from 'zod';
import {
  EditionMapImport,
  EditionMapRow,
  EditionMapView,
  FilingQuery,
  FilingReview,
  FilingSubmit,
  FilingSummary,
  ReportSetQuery,
  ReportSetView,
} from '../../../shared/reportset.contracts.ts';
import { logSecurityEvent } from '../../platform/auth/security-log.ts';
import { AppError } from '../../platform/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { parseCsv, readXlsx } from '../catalog/index.ts';
import { deleteEditionMapRow, importEditionMap, listEditionMap, putEditionMapRow } from './edition-map.service.ts';
import { filingFile, getFiling, listFilings, reportSet, reportSetFile, reviewFiling, submitFiling } from './filing.service.ts';

const tags = ['reports'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const Id = z.object({ id: z.uuid() });
const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/** 月报 (docs/domain.md §7): the set, its workbook, its filing (submit, review, lock) and the edition mapping. */
export async function reportSetRoutes(app: App) {
  const db = () => app.database.db;

  app.get(
    '/api/reports/set',
    {
      config: { access: 'report.read' },
      schema: {
        tags,
        summary: '月报（资产情况、机构人员、车辆、房屋土地、低值易耗品、出租出借收入、处置及收入；已锁定的为存档）',
        querystring: ReportSetQuery,
        response: { 200: ReportSetView },
      },
    },
    async (req) => reportSet(db(), req.actor, req.query),
  );

  app.get(
    '/api/reports/set.xlsx',
    { config: { access: 'report.read' }, schema: { tags, summary: '月报 Excel（已锁定的为存档文件）', querystring: ReportSetQuery } },
    async (req, reply) => {
      const { file, name } = await reportSetFile(db(), req.actor, req.query);
      await logSecurityEvent(db(), {
        kind: 'export',
        userId: req.actor.userId,
        username: req.actor.username,
        ip: req.ip,
        details: { what: 'report_set', month: req.query.month, unitId: req.query.unitId ?? null },
      });
      reply.header('content-disposition', attachment(name));
      return reply.type(XLSX).send(file);
    },
  );

  app.get(
    '/api/reports/filings',
    {
      config: { access: 'report.read' },
      schema: { tags, summary: '月报报送情况', querystring: FilingQuery, response: { 200: z.array(FilingSummary) } },
    },
    async (req) => listFilings(db(), req.actor, req.query.month),
  );

  app.get(
    '/api/reports/filings/:id',
    { config: { access: 'report.read' }, schema: { tags, summary: '一份月报的报送情况', params: Id, response: { 200: FilingSummary } } },
    async (req) => getFiling(db(), req.actor, req.params.id),
  );

  app.get(
    '/api/reports/filings/:id/file',
    { config: { access: 'report.read' }, schema: { tags, summary: '已锁定月报的存档 Excel', params: Id } },
    async (req, reply) => {
      const { file, name } = await filingFile(db(), req.actor, req.params.id);
      reply.header('content-disposition', attachment(name));
      return reply.type(XLSX).send(file);
    },
  );

  app.post(
    '/api/reports/filings',
    {
      config: { access: 'report.submit' },
      schema: { tags, summary: '报送月报（本月须已结账）', body: FilingSubmit, response: { 200: FilingSummary } },
    },
    async (req) => submitFiling(db(), req.actor, req.body.unitId, req.body.month),
  );

  app.post(
    '/api/reports/filings/:id/review',
    {
      config: { access: 'report.review' },
      schema: {
        tags,
        summary: '审核月报：通过即锁定存档（哈希上链），或退回',
        params: Id,
        body: FilingReview,
        response: { 200: FilingSummary },
      },
    },
    async (req) => reviewFiling(db(), req.actor, req.params.id, req.body.approve, req.body.note),
  );

  app.get(
    '/api/reports/edition-map',
    {
      config: { access: 'report.read' },
      schema: { tags, summary: 'GB/T 14885 2010 版与 2022 版分类对照', response: { 200: z.array(EditionMapView) } },
    },
    async () => listEditionMap(db()),
  );

  app.put(
    '/api/reports/edition-map',
    {
      config: { access: 'catalog.write' },
      schema: { tags, summary: '新增或修改一条版本对照', body: EditionMapRow, response: { 200: EditionMapImport } },
    },
    async (req) => putEditionMapRow(db(), req.actor, req.body),
  );

  app.delete(
    '/api/reports/edition-map/:code',
    {
      config: { access: 'catalog.write' },
      schema: {
        tags,
        summary: '删除一条版本对照',
        params: z.object({ code: z.string().regex(/^\d{7}$/) }),
        response: { 200: z.object({ ok: z.boolean() }) },
      },
    },
    async (req) => deleteEditionMapRow(db(), req.params.code),
  );

  app.post(
    '/api/reports/edition-map/import',
    {
      config: { access: 'catalog.write' },
      schema: {
        tags,
        summary: '导入版本对照（CSV 或 xlsx：code_2010, code_2022, note；按 2010 版编码新增或更新，全部成功或全部不写入）',
        consumes: ['multipart/form-data'],
        response: { 200: EditionMapImport },
      },
    },
    async (req) => {
      const file = await req.file();
      if (!file) throw new AppError('bad_file', '请上传文件（字段名 file）', { file: '必填' });
      const buffer = await file.toBuffer();
      const isXlsx = /\.xlsx$/i.test(file.filename) || buffer.subarray(0, 2).toString('latin1') === 'PK';
      return importEditionMap(db(), req.actor, isXlsx ? await readXlsx(buffer) : parseCsv(buffer.toString('utf8')));
    },
  );
}
