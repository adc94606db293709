import { z } from 'zod';
import { pageOf } from '../../../shared/paging.ts';
import {
  LinkInput,
  PointImportReport,
  PointInput,
  PointQuery,
  PointView,
  TraceView,
} from '../../../shared/machinerooms.points.contracts.ts';
import type { App } from '../../platform/http/types.ts';
import { AppError } from '../../platform/errors.ts';
import { parseCsv, readXlsx } from '../catalog/index.ts';
import { importRegister, registerWorkbook } from './point.excel.ts';
import { getPoint, listPoints, registerRows, tracePoint } from './point.queries.ts';
import { createPoint, linkPorts, unlinkPorts, updatePoint } from './point.service.ts';

const tags = ['machinerooms'];
const Id = z.object({ id: z.uuid() });
const Created = z.object({ id: z.uuid() });
const Done = z.object({ ok: z.literal(true) });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// Reading points takes workorder.read: whoever may follow the O&M service — a unit its own points,
// a vendor its contracts' rooms', the committee all (scope.service.ts, pointScope).
export async function pointRoutes(app: App) {
  const db = () => app.database.db;

  app.get(
    '/api/info-points',
    {
      config: { access: 'workorder.read' },
      schema: {
        tags,
        summary: '信息点（单位看本单位的，服务商看合同机房的）',
        querystring: PointQuery,
        response: { 200: pageOf(PointView) },
      },
    },
    async (req) => listPoints(db(), req.actor, req.query),
  );
  app.post(
    '/api/info-points',
    { config: { access: 'machineroom.manage' }, schema: { tags, summary: '登记信息点', body: PointInput, response: { 201: Created } } },
    async (req, reply) => reply.status(201).send(await createPoint(db(), req.actor, req.body)),
  );
  app.get(
    '/api/info-points/export.xlsx',
    {
      config: { access: 'workorder.read' },
      schema: { tags, summary: '导出信息点登记表（Excel）', querystring: z.object({ machineRoomId: z.uuid().optional() }) },
    },
    async (req, reply) => {
      const rows = await registerRows(db(), req.actor, req.query.machineRoomId);
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('信息点登记表.xlsx')}`);
      return reply.type(XLSX).send(await registerWorkbook(rows));
    },
  );
  app.post(
    '/api/info-points/import',
    {
      config: { access: 'machineroom.manage' },
      schema: {
        tags,
        summary: '导入信息点登记表（xlsx 或 CSV，按编号新增或更新，连同跳线；全部成功或全部不写入）',
        consumes: ['multipart/form-data'],
        response: { 200: PointImportReport },
      },
    },
    async (req) => {
      if (!req.isMultipart()) throw new AppError('bad_file', '请以 multipart/form-data 上传登记表（字段 file）');
      const file = await req.file();
      if (!file) throw new AppError('bad_file', '请上传文件（字段名 file）', { file: '必填' });
      const buffer = await file.toBuffer();
      const isXlsx = /\.xlsx$/i.test(file.filename) || buffer.subarray(0, 2).toString('latin1') === 'PK';
      return importRegister(db(), req.actor, isXlsx ? await readXlsx(buffer) : parseCsv(buffer.toString('utf8')));
    },
  );
  app.get(
    '/api/info-points/:id',
    { config: { access: 'workorder.read' }, schema: { tags, summary: '信息点详情', params: Id, response: { 200: PointView } } },
    async (req) => getPoint(db(), req.actor, req.params.id),
  );
  app.put(
    '/api/info-points/:id',
    {
      config: { access: 'machineroom.manage' },
      schema: { tags, summary: '修改信息点', params: Id, body: PointInput, response: { 200: Done } },
    },
    async (req) => {
      await updatePoint(db(), req.actor, req.params.id, req.body);
      return { ok: true as const };
    },
  );
  app.get(
    '/api/info-points/:id/trace',
    {
      config: { access: 'workorder.read' },
      schema: { tags, summary: '信息点链路追踪（办公室端口 → 配线架 → 交换机端口）', params: Id, response: { 200: TraceView } },
    },
    async (req) => tracePoint(db(), req.actor, req.params.id),
  );
  app.post(
    '/api/net-links',
    {
      config: { access: 'machineroom.manage' },
      schema: { tags, summary: '跳线或线缆连接两个端口', body: LinkInput, response: { 201: Created } },
    },
    async (req, reply) => reply.status(201).send(await linkPorts(db(), req.actor, req.body)),
  );
  app.delete(
    '/api/net-links/:id',
    { config: { access: 'machineroom.manage' }, schema: { tags, summary: '拆除跳线或线缆', params: Id, response: { 200: Done } } },
    async (req) => {
      await unlinkPorts(db(), req.actor, req.params.id);
      return { ok: true as const };
    },
  );
}
