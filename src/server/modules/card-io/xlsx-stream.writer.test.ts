import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { XlsxStreamWriter, excelDate } from './xlsx-stream.writer.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xlsx-writer-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('streaming xlsx writer', () => {
  it('writes a workbook Excel readers open: text, awkward characters, numbers, money and dates', async () => {
    const file = path.join(dir, 'a.xlsx');
    const w = await XlsxStreamWriter.create(file, '资产卡片', [
      { header: '名称', width: 20 },
      { header: '原值(元)', style: 'money' },
      { header: '取得日期', style: 'date' },
      { header: '数量', style: 'number' },
    ]);
    await w.addRow(['A&B <桌子> "引号"', 1234.5, '2024-02-29', 3]);
    await w.addRow(['  前后空格 ', 0, null, undefined]);
    await w.addRow(['控制\u0001字符', null, '1999-12-31', 0]);
    await w.close();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('资产卡片')!;
    expect(ws.getRow(1).values).toEqual([undefined, '名称', '原值(元)', '取得日期', '数量']);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A2').value).toBe('A&B <桌子> "引号"');
    expect(ws.getCell('B2').value).toBe(1234.5);
    expect(ws.getCell('B2').numFmt).toBe('#,##0.00');
    expect((ws.getCell('C2').value as Date).toISOString().slice(0, 10)).toBe('2024-02-29');
    expect(ws.getCell('D2').value).toBe(3);
    expect(ws.getCell('A3').value).toBe('  前后空格 ');
    expect(ws.getCell('C3').value).toBeNull();
    expect(ws.getCell('A4').value).toBe('控制字符');
    expect((ws.getCell('C4').value as Date).toISOString().slice(0, 10)).toBe('1999-12-31');
  });

  it('streams many rows in little memory and reads back whole', async () => {
    const file = path.join(dir, 'b.xlsx');
    const w = await XlsxStreamWriter.create(file, 'S', [{ header: 'n', style: 'number' }, { header: 't' }]);
    for (let i = 0; i < 50_000; i++) await w.addRow([i, `第${i}行：中文字符跨越压缩块边界`]);
    await w.close();
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', worksheets: 'emit' });
    let rows = 0;
    let last: unknown[] = [];
    for await (const sheet of reader)
      for await (const row of sheet) {
        rows++;
        last = row.values as unknown[];
      }
    expect(rows).toBe(50_001);
    expect(last.slice(1)).toEqual([49_999, '第49999行：中文字符跨越压缩块边界']);
  });

  it('counts Excel day serials from 1899-12-30', () => {
    expect(excelDate('1900-03-01')).toBe(61);
    expect(excelDate(new Date(Date.UTC(2024, 0, 1)))).toBe(45292);
  });
});
