import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { CardFilter } from '../../../shared/assets.contracts.ts';
import { JobStarted, LabelsResponse } from '../../../shared/card-io.contracts.ts';
import { logSecurityEvent } from '../../platform/auth/security-log.ts';
import { AppError } from '../../platform/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { exportScopeOf, importUnitOf, labelsFor, templateFor } from './card-io.service.ts';
import { assertXlsx } from './card-sheet.reader.ts';

const tags = ['card-io'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const UnitQuery = z.object({ unitId: z.uuid().optional() });
const LabelsQuery = CardFilter.extend({
  ids: z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(z.uuid()).max(2000)).optional(),
});

export async function cardIoRoutes(app: App) {
  const db = app.database.db;

  app.get(
    '/api/card-io/template',
    {
      config: { access: 'card.import' },
      schema: { tags, summary: '下载资产卡片导入模板（.xlsx，含填写说明）', querystring: UnitQuery },
    },
    async (req, reply) => {
      const buf = await templateFor(db, req.actor, req.query.unitId);
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('资产卡片导入模板.xlsx')}`);
      return reply.type(XLSX).send(buf);
    },
  );

  app.post(
    '/api/card-io/imports',
    {
      config: { access: 'card.import' },
      schema: {
        tags,
        summary: '导入资产卡片（multipart：file 为 .xlsx，unitId 可选）；返回任务编号，进度与结果见 /api/jobs/:id',
        querystring: UnitQuery,
        response: { 202: JobStarted },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError('bad_file', '请以 multipart/form-data 上传 .xlsx 文件（字段 file）');
      const fields: Record<string, string> = {};
      const upload = `upload-${crypto.randomUUID()}.xlsx`;
      const file = path.join(app.jobs.filesDir, upload);
      let got = false;
      try {
        for await (const part of req.parts()) {
          if (part.type === 'file') {
            if (got) {
              part.file.resume();
              continue;
            }
            await pipeline(part.file, fs.createWriteStream(file));
            if (part.file.truncated) throw new AppError('payload_too_large', '文件过大（上限 200 MB）');
            got = true;
          } else fields[part.fieldname] = String(part.value);
        }
        if (!got) throw new AppError('bad_file', '没有收到文件（字段 file）');
        const unitId = await importUnitOf(db, req.actor, req.query.unitId ?? (fields.unitId || undefined));
        // Refuse a non-spreadsheet now, with a clear message, rather than as a failed job later.
        assertXlsx(file);
        const jobId = await app.jobs.enqueue(db, { kind: 'cards.import', unitId, createdBy: req.actor.userId, params: { unitId, upload } });
        return reply.status(202).send({ jobId });
      } catch (err) {
        fs.rmSync(file, { force: true });
        throw err;
      }
    },
  );

  app.post(
    '/api/card-io/exports',
    {
      config: { access: 'card.export' },
      schema: {
        tags,
        summary: '按筛选条件导出资产卡片为 Excel（后台任务；完成后从 /api/jobs/:id/file 下载）',
        body: CardFilter,
        response: { 202: JobStarted },
      },
    },
    async (req, reply) => {
      const scope = exportScopeOf(req.actor, req.body);
      const jobId = await app.jobs.enqueue(db, {
        kind: 'cards.export',
        unitId: req.body.unitId ?? req.actor.unitId,
        createdBy: req.actor.userId,
        params: { filter: req.body, scope },
      });
      await logSecurityEvent(db, {
        kind: 'export',
        userId: req.actor.userId,
        username: req.actor.username,
        ip: req.ip,
        details: { what: 'cards', jobId, filter: req.body },
      });
      return reply.status(202).send({ jobId });
    },
  );

  app.get(
    '/api/card-io/labels',
    {
      config: { access: 'card.read' },
      schema: {
        tags,
        summary: '打印标签所需的卡片信息（所选卡片或筛选结果，最多 2000 张）',
        querystring: LabelsQuery,
        response: { 200: LabelsResponse },
      },
    },
    async (req) => {
      const { ids, ...filter } = req.query;
      return labelsFor(db, req.actor, { ids, filter });
    },
  );
}
