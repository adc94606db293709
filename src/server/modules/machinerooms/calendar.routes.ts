import { z } from 'zod';
import { CalendarYear, CalendarYearInput } from '../../../shared/machinerooms.points.contracts.ts';
import { AppError } from '../../platform/errors.ts';
import { sendXlsx } from '../../platform/http/download.reply.ts';
import type { App } from '../../platform/http/types.ts';
import { parseCsv, readXlsx } from '../catalog/index.ts';
import { calendarWorkbook } from './calendar.excel.ts';
import { calendarYear, parseCalendarSheet, replaceCalendarYear } from './calendar.service.ts';

const tags = ['machinerooms'];
const Year = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

export async function calendarRoutes(app: App) {
  const db = () => app.database.db;
  app.get(
    '/api/om/calendar/:year',
    {
      config: { access: 'machineroom.read' },
      schema: { tags, summary: 'SLA 工作日历（法定节假日与调休上班日）', params: Year, response: { 200: CalendarYear } },
    },
    async (req) => calendarYear(db(), req.params.year),
  );
  app.put(
    '/api/om/calendar/:year',
    {
      config: { access: 'machineroom.manage' },
      schema: {
        tags,
        summary: '设置一年的节假日与调休（整年替换）',
        params: Year,
        body: CalendarYearInput,
        response: { 200: CalendarYear },
      },
    },
    async (req) => replaceCalendarYear(db(), req.actor, req.params.year, req.body.days),
  );
  app.post(
    '/api/om/calendar/:year/import',
    {
      config: { access: 'machineroom.manage' },
      schema: {
        tags,
        summary: '导入一年的节假日与调休（xlsx 或 CSV：日期、类型、名称；整年替换）',
        params: Year,
        consumes: ['multipart/form-data'],
        response: { 200: CalendarYear },
      },
    },
    async (req) => {
      if (!req.isMultipart()) throw new AppError('bad_file', '请以 multipart/form-data 上传文件（字段 file）');
      const file = await req.file();
      if (!file) throw new AppError('bad_file', '请上传文件（字段名 file）', { file: '必填' });
      const buffer = await file.toBuffer();
      const isXlsx = /\.xlsx$/i.test(file.filename) || buffer.subarray(0, 2).toString('latin1') === 'PK';
      const days = parseCalendarSheet(isXlsx ? await readXlsx(buffer) : parseCsv(buffer.toString('utf8')));
      return replaceCalendarYear(db(), req.actor, req.params.year, days);
    },
  );
  app.get(
    '/api/om/calendar/:year/export.xlsx',
    { config: { access: 'machineroom.read' }, schema: { tags, summary: '导出一年的节假日与调休（Excel，可改后导入）', params: Year } },
    async (req, reply) => {
      const { year, days } = await calendarYear(db(), req.params.year);
      return sendXlsx(reply, `SLA工作日历-${year}.xlsx`, await calendarWorkbook(year, days));
    },
  );
}
