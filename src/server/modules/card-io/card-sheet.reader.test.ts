import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { readCardSheet, type RawRow } from './card-sheet.reader.ts';
import { XlsxStreamWriter } from './xlsx-stream.writer.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sheet-reader-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const N = 30_000;
const nameOf = (i: number) => `台式计算机（${i}号）财政拨款购置`;

async function readNames(file: string, lastRow?: (n: number) => void): Promise<string[]> {
  const names: string[] = [];
  await readCardSheet(file, (_n, row: RawRow) => names.push(String(row.name)), lastRow);
  return names;
}

describe('card sheet reader', () => {
  it('keeps Chinese text whole across compressed chunk boundaries (inline strings)', async () => {
    const file = path.join(dir, 'inline.xlsx');
    const w = await XlsxStreamWriter.create(file, '资产卡片', [
      { header: '资产名称' },
      { header: '分类代码' },
      { header: '原值(元)', style: 'money' },
      { header: '取得方式' },
      { header: '取得日期', style: 'date' },
    ]);
    for (let i = 0; i < N; i++) await w.addRow([nameOf(i), 'A02010104', 100, '购置', '2024-01-01']);
    await w.close();
    const names = await readNames(file);
    expect(names).toHaveLength(N);
    expect(names.filter((n, i) => n !== nameOf(i))).toEqual([]);
  });

  it('keeps Chinese text whole in a shared-strings table, and learns the row count from the sheet', async () => {
    const file = path.join(dir, 'shared.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('资产卡片');
    ws.addRow(['资产名称', '分类代码', '原值(元)', '取得方式', '取得日期']);
    for (let i = 0; i < N; i++) ws.addRow([nameOf(i), 'A02010104', 100, '购置', '2024-01-01']);
    await wb.xlsx.writeFile(file);
    let lastRow: number | undefined;
    const names = await readNames(file, (n) => {
      lastRow = n;
    });
    expect(names.filter((n, i) => n !== nameOf(i))).toEqual([]);
    expect(lastRow).toBe(N + 1);
  });
});
