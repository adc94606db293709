import fs from 'node:fs';
import { once } from 'node:events';
import zlib from 'node:zlib';

/**
 * A one-sheet .xlsx written as a stream: the sheet's XML goes through one deflate stream into the
 * zip, so memory stays flat for any row count. ExcelJS's streaming writer builds a model object
 * per cell and managed ~10,000 rows/s of 36 columns here; a million-row export needs ~10× that.
 * It writes what an export needs (inline strings, numbers, dates, a money and a date format, a
 * bold frozen header, column widths) and nothing else.
 */
export type XlsxCellStyle = 'text' | 'number' | 'money' | 'date';

export interface XlsxColumn {
  header: string;
  width?: number;
  style?: XlsxCellStyle;
}

const STYLE_INDEX: Record<XlsxCellStyle, number> = { text: 0, number: 0, money: 1, date: 2 };
const HEADER_STYLE = 3;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const MAX_32 = 0xffffffff;

const colName = (n: number): string =>
  n <= 26 ? String.fromCharCode(64 + n) : colName(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26));

// XML 1.0 forbids most control characters; a stray one from user data must not break the file.
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const escapeXml = (s: string) =>
  s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** 'YYYY-MM-DD' or a Date → Excel's day serial. */
export function excelDate(v: string | Date): number {
  const ms = typeof v === 'string' ? Date.parse(`${v}T00:00:00Z`) : Date.UTC(v.getUTCFullYear(), v.getUTCMonth(), v.getUTCDate());
  return (ms - EXCEL_EPOCH) / 86_400_000;
}

function dosDateTime(d = new Date()): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

interface Entry {
  name: Buffer;
  crc: number;
  csize: number;
  usize: number;
  offset: number;
  flags: number;
}

const STATIC_PARTS = (sheetName: string): [string, string][] => [
  [
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
  ],
  [
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  ],
  [
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  ],
  [
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
  ],
  // numFmtId 4 is Excel's built-in #,##0.00; 164 is our date format.
  [
    'xl/styles.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>',
  ],
  // Empty, but present before the sheet: streaming readers then parse the sheet as it arrives.
  [
    'xl/sharedStrings.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
  ],
];

export class XlsxStreamWriter {
  private out: fs.WriteStream;
  private offset = 0;
  private entries: Entry[] = [];
  private deflate!: zlib.DeflateRaw;
  private sheet!: Entry;
  private buf: string[] = [];
  private bufLen = 0;
  private rowNo = 0;
  private readonly names: string[];
  private readonly styles: XlsxCellStyle[];
  private readonly stamp = dosDateTime();
  private failed: Error | null = null;

  private constructor(file: string, columns: XlsxColumn[]) {
    this.out = fs.createWriteStream(file);
    this.out.on('error', (e) => {
      this.failed = e;
    });
    this.names = columns.map((_, i) => colName(i + 1));
    this.styles = columns.map((c) => c.style ?? 'text');
  }

  static async create(file: string, sheetName: string, columns: XlsxColumn[]): Promise<XlsxStreamWriter> {
    const w = new XlsxStreamWriter(file, columns);
    for (const [name, text] of STATIC_PARTS(sheetName)) await w.storedEntry(name, Buffer.from(text, 'utf8'));
    w.openSheet();
    w.push(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
    );
    w.push(
      '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>',
    );
    columns.forEach((c, i) => void w.push(`<col min="${i + 1}" max="${i + 1}" width="${c.width ?? 14}" customWidth="1"/>`));
    w.push('</cols><sheetData>');
    await w.row(
      columns.map((c) => c.header),
      HEADER_STYLE,
    );
    return w;
  }

  /** One row; values line up with the columns (null/undefined/'' leave the cell empty). */
  addRow(values: unknown[]): Promise<void> {
    return this.row(values);
  }

  private async row(values: unknown[], forceStyle?: number): Promise<void> {
    const r = ++this.rowNo;
    let xml = `<row r="${r}">`;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (v === null || v === undefined || v === '') continue;
      const ref = `${this.names[i]}${r}`;
      const kind = this.styles[i];
      const s = forceStyle ?? STYLE_INDEX[kind];
      const sAttr = s ? ` s="${s}"` : '';
      if (forceStyle === undefined && kind === 'date' && (typeof v === 'string' || v instanceof Date)) {
        xml += `<c r="${ref}"${sAttr}><v>${excelDate(v)}</v></c>`;
      } else if (typeof v === 'number' && forceStyle === undefined) {
        xml += Number.isFinite(v) ? `<c r="${ref}"${sAttr}><v>${v}</v></c>` : '';
      } else {
        const text = escapeXml(String(v));
        const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
        xml += `<c r="${ref}"${sAttr} t="inlineStr"><is><t${space}>${text}</t></is></c>`;
      }
    }
    xml += '</row>';
    this.push(xml);
    if (this.bufLen > 256 * 1024) await this.flush();
  }

  async close(): Promise<void> {
    this.push('</sheetData></worksheet>');
    await this.flush();
    this.deflate.end();
    await once(this.deflate, 'end');
    if (this.sheet.usize > MAX_32 || this.offset > MAX_32) throw new Error('export larger than 4 GiB: narrow the filter');
    const dd = Buffer.alloc(16);
    dd.writeUInt32LE(0x08074b50, 0);
    dd.writeUInt32LE(this.sheet.crc >>> 0, 4);
    dd.writeUInt32LE(this.sheet.csize, 8);
    dd.writeUInt32LE(this.sheet.usize, 12);
    await this.write(dd);
    const cdStart = this.offset;
    for (const e of this.entries) await this.write(this.centralHeader(e));
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - cdStart, 12);
    end.writeUInt32LE(cdStart, 16);
    await this.write(end);
    this.out.end();
    await once(this.out, 'close');
    if (this.failed) throw this.failed;
  }

  private push(s: string): void {
    this.buf.push(s);
    this.bufLen += s.length;
  }

  private async flush(): Promise<void> {
    if (this.failed) throw this.failed;
    if (!this.buf.length) return;
    const data = Buffer.from(this.buf.join(''), 'utf8');
    this.buf = [];
    this.bufLen = 0;
    this.sheet.crc = zlib.crc32(data, this.sheet.crc);
    this.sheet.usize += data.length;
    if (!this.deflate.write(data)) await once(this.deflate, 'drain');
  }

  private async write(b: Buffer): Promise<void> {
    if (this.failed) throw this.failed;
    this.offset += b.length;
    if (!this.out.write(b)) await once(this.out, 'drain');
  }

  private localHeader(e: Entry): Buffer {
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(e.flags, 6);
    h.writeUInt16LE(8, 8);
    h.writeUInt16LE(this.stamp.time, 10);
    h.writeUInt16LE(this.stamp.date, 12);
    h.writeUInt32LE(e.crc >>> 0, 14);
    h.writeUInt32LE(e.csize, 18);
    h.writeUInt32LE(e.usize, 22);
    h.writeUInt16LE(e.name.length, 26);
    h.writeUInt16LE(0, 28);
    return Buffer.concat([h, e.name]);
  }

  private centralHeader(e: Entry): Buffer {
    const h = Buffer.alloc(46);
    h.writeUInt32LE(0x02014b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(20, 6);
    h.writeUInt16LE(e.flags, 8);
    h.writeUInt16LE(8, 10);
    h.writeUInt16LE(this.stamp.time, 12);
    h.writeUInt16LE(this.stamp.date, 14);
    h.writeUInt32LE(e.crc >>> 0, 16);
    h.writeUInt32LE(e.csize, 20);
    h.writeUInt32LE(e.usize, 24);
    h.writeUInt16LE(e.name.length, 28);
    h.writeUInt32LE(e.offset, 42);
    return Buffer.concat([h, e.name]);
  }

  private async storedEntry(name: string, data: Buffer): Promise<void> {
    const compressed = zlib.deflateRawSync(data);
    const e: Entry = {
      name: Buffer.from(name, 'utf8'),
      crc: zlib.crc32(data),
      csize: compressed.length,
      usize: data.length,
      offset: this.offset,
      flags: 0x0800,
    };
    this.entries.push(e);
    await this.write(this.localHeader(e));
    await this.write(compressed);
  }

  private openSheet(): void {
    // Sizes are unknown until the end: flag 3 says they follow the data in a descriptor.
    this.sheet = { name: Buffer.from('xl/worksheets/sheet1.xml', 'utf8'), crc: 0, csize: 0, usize: 0, offset: this.offset, flags: 0x0808 };
    this.entries.push(this.sheet);
    const header = this.localHeader(this.sheet);
    this.offset += header.length;
    this.out.write(header);
    this.deflate = zlib.createDeflateRaw({ level: 6 });
    this.deflate.on('data', (chunk: Buffer) => {
      this.sheet.csize += chunk.length;
      this.offset += chunk.length;
      if (!this.out.write(chunk)) {
        this.deflate.pause();
        this.out.once('drain', () => this.deflate.resume());
      }
    });
    this.deflate.on('error', (e) => {
      this.failed = e;
    });
  }
}
