// Workbooks in tests: real .xlsx files built and read with ExcelJS, multipart uploads through the
// API, and a job run to its end.
import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { CARD_IMPORT_COLUMNS } from '../../shared/card-io.contracts.ts';
import type { Client, TestApp } from './test-app.ts';

/** A row keyed by the template's Chinese headers; a value may be a formula cell. */
export type SheetRow = Record<string, ExcelJS.CellValue>;

/** Fills the downloaded template's 资产卡片 sheet, so the tests import exactly what users fill in. */
export async function fillTemplate(template: Buffer, rows: SheetRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('资产卡片');
  if (!ws) throw new Error('template has no 资产卡片 sheet');
  const headers = (ws.getRow(1).values as unknown[]).map((v) => (v == null ? '' : String(v)));
  rows.forEach((r, i) => {
    const row = ws.getRow(i + 2);
    for (const [h, v] of Object.entries(r)) {
      const col = headers.indexOf(h);
      if (col < 1) throw new Error(`no column ${h}`);
      row.getCell(col).value = v;
    }
    row.commit();
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A workbook built from scratch with the template's headers (no template download needed). */
export async function plainWorkbook(rows: SheetRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('资产卡片');
  ws.addRow(CARD_IMPORT_COLUMNS.map((c) => c.zh));
  for (const r of rows) ws.addRow(CARD_IMPORT_COLUMNS.map((c) => r[c.zh] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function multipart(
  file: Buffer,
  fileName: string,
  fields: Record<string, string> = {},
): { body: Buffer; headers: Record<string, string> } {
  const boundary = `----gongwu${crypto.randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
  );
  parts.push(file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** A card workbook uploaded to the import (POST /api/card-io/imports). */
export async function upload(c: Client, file: Buffer, fields: Record<string, string> = {}, fileName = 'cards.xlsx') {
  const { body, headers } = multipart(file, fileName, fields);
  return c.request('POST', '/api/card-io/imports', body, headers);
}

/** Runs queued jobs and returns the job's view. */
export async function finish(t: TestApp, c: Client, jobId: string) {
  await t.app.jobs.drain();
  const res = await c.get(`/api/jobs/${jobId}`);
  if (res.statusCode !== 200) throw new Error(`job ${jobId}: ${res.statusCode} ${res.body}`);
  return res.json();
}

export async function readSheet(buf: Buffer, sheet: string): Promise<Record<string, unknown>[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const headers = (ws.getRow(1).values as unknown[]).map((v) => (v == null ? '' : String(v)));
  const out: Record<string, unknown>[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const o: Record<string, unknown> = {};
    (row.values as unknown[]).forEach((v, i) => {
      if (headers[i]) o[headers[i]] = v;
    });
    out.push(o);
  });
  return out;
}
