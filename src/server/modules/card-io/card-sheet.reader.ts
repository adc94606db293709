import fs from 'node:fs';
import { Transform } from 'node:stream';
import ExcelJS from 'exceljs';
import { CARD_IMPORT_COLUMNS } from '../../../shared/card-io.contracts.ts';
import { AppError } from '../../platform/errors.ts';

/** A cell as the importer sees it: formulas already replaced by their cached results. */
export type RawCell = string | number | boolean | Date | { error: string } | null;
export type RawRow = Record<string, RawCell>;

const headerKey = (() => {
  const byName = new Map<string, string>();
  const norm = (s: string) =>
    s
      .replace(/[*＊\s]/g, '')
      .replace(/（/g, '(')
      .replace(/）/g, ')')
      .replace(/㎡/g, 'm2')
      .toLowerCase();
  for (const c of CARD_IMPORT_COLUMNS) {
    byName.set(norm(c.zh), c.key);
    byName.set(norm(c.en), c.key);
  }
  return (text: string) => byName.get(norm(text));
})();

/** Formula, rich text, hyperlink and shared-formula cells reduced to a plain value. */
export function plainValue(v: unknown): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v;
  if (typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('error' in o) return { error: String(o.error) };
    // A formula without a cached result (never calculated) reads as empty, like Excel shows it.
    if ('formula' in o || 'sharedFormula' in o) return plainValue(o.result);
    if (Array.isArray(o.richText)) return plainValue((o.richText as { text: string }[]).map((r) => r.text).join(''));
    if ('text' in o) return plainValue(o.text);
  }
  return String(v);
}

/** Refuses, with a reason a person understands, anything that is not an .xlsx workbook. */
export function assertXlsx(file: string): void {
  let size = 0;
  try {
    size = fs.statSync(file).size;
  } catch {
    throw new AppError('bad_file', '找不到上传的文件');
  }
  if (size === 0) throw new AppError('bad_file', '文件为空');
  const head = Buffer.alloc(8);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 8, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (head.readUInt32BE(0) === 0xd0cf11e0) throw new AppError('bad_file', '这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后再导入');
  if (head.readUInt32BE(0) !== 0x504b0304) throw new AppError('bad_file', '文件不是 Excel 工作簿（.xlsx），请使用下载的导入模板填写后上传');
}

/**
 * Decodes UTF-8 across chunk boundaries: a character split between two chunks stays whole. Also
 * shows the sheet's head to `sniff` (its <dimension> tells how many rows follow).
 */
async function* utf8Chunks(chunks: AsyncIterable<Buffer | string>, sniff?: (head: string) => boolean): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let head = '';
  for await (const c of chunks) {
    const s = typeof c === 'string' ? c : decoder.decode(c, { stream: true });
    if (sniff && head.length < 8192) {
      head += s;
      if (sniff(head)) sniff = undefined;
    }
    if (s) yield s;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

const utf8Stream = () => {
  const decoder = new TextDecoder('utf-8');
  return new Transform({
    readableObjectMode: true,
    transform(chunk: Buffer, _enc, cb) {
      const s = decoder.decode(chunk, { stream: true });
      cb(null, s || undefined);
    },
    flush(cb) {
      const rest = decoder.decode();
      cb(null, rest || undefined);
    },
  });
};

type ReaderInternals = {
  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(entry: NodeJS.ReadableStream): AsyncGenerator<unknown>;
};

/**
 * ExcelJS 4.4's streaming reader decodes each zip chunk on its own, so a Chinese character that
 * straddles two chunks turns into U+FFFD (seen on ~1 row in 10,000). This reader hands its XML
 * parser text decoded across chunk boundaries, for the sheets and the shared-strings table.
 */
class Utf8WorkbookReader extends ExcelJS.stream.xlsx.WorkbookReader {
  /** Called with a sheet's last row number when its <dimension> says so (Excel and ExcelJS write it). */
  onDimension?: (lastRow: number) => void;

  _parseWorksheet(iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
    const sniff = (head: string) => {
      const m = /<dimension ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"/.exec(head);
      if (m) this.onDimension?.(Number(m[1] ?? 1));
      return !!m || head.includes('<sheetData');
    };
    return (ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals)._parseWorksheet.call(
      this,
      utf8Chunks(iterator, sniff),
      sheetNo,
    );
  }
  _parseSharedStrings(entry: NodeJS.ReadableStream) {
    return (ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as ReaderInternals)._parseSharedStrings.call(
      this,
      entry.pipe(utf8Stream()),
    );
  }
}

export interface SheetReadStats {
  rows: number;
}

/**
 * Streams the first sheet whose header row names 资产名称 (the template's 资产卡片 sheet), calling
 * `onRow` per non-empty data row with the spreadsheet row number; nothing but the current row is
 * held, so a file of any length reads in constant memory.
 */
export async function readCardSheet(
  file: string,
  onRow: (rowNo: number, row: RawRow) => void,
  onLastRow?: (lastRow: number) => void,
): Promise<SheetReadStats> {
  assertXlsx(file);
  const reader = new Utf8WorkbookReader(file, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let searching = true;
  reader.onDimension = (lastRow) => {
    if (searching) onLastRow?.(lastRow);
  };
  let found = false;
  let rows = 0;
  try {
    for await (const sheet of reader) {
      // Later sheets (填写说明) are still read through: the streaming reader needs every entry consumed.
      searching = !found;
      let columns: (string | undefined)[] | null = null;
      for await (const row of sheet) {
        if (!searching) continue;
        const values = row.values as unknown[];
        if (!columns) {
          const headers = values.map((v) => {
            const p = plainValue(v);
            return p === null || p instanceof Date || typeof p === 'object' ? '' : String(p);
          });
          if (!headers.some((h) => headerKey(h) === 'name')) continue;
          columns = headers.map((h) => (h ? headerKey(h) : undefined));
          found = true;
          const present = new Set(columns.filter(Boolean));
          const missing = CARD_IMPORT_COLUMNS.filter((c) => c.required && !present.has(c.key)).map((c) => c.zh);
          if (missing.length) throw new AppError('bad_file', `表头缺少必填列：${missing.join('、')}。请使用导入模板`);
          continue;
        }
        const out: RawRow = {};
        let any = false;
        for (let i = 1; i < values.length; i++) {
          const key = columns[i];
          if (!key) continue;
          const v = plainValue(values[i]);
          if (v !== null) any = true;
          out[key] = v;
        }
        if (!any) continue;
        rows++;
        onRow(row.number, out);
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('bad_file', `无法读取 Excel 文件：${(err as Error).message?.slice(0, 200) || '格式错误'}`);
  }
  if (!found) throw new AppError('bad_file', '没有找到“资产卡片”工作表（第一行应为表头，含“资产名称”）。请使用导入模板');
  return { rows };
}
