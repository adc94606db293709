// The report set's workbook: a cover sheet (封面), then one sheet per table, each with its title,
// 编制单位 and period above, two-level headers, the unit's name merged down its rows, and under the
// table 单位负责人, 财务负责人, 制表人 and the date printed. Money in yuan, areas in m² to two decimals.
import ExcelJS from 'exceljs';
import type { ReportCover, SetTable } from '../../../shared/reportset.contracts.ts';

const FORMATS = { count: '#,##0', fen: '#,##0.00', area: '#,##0.00' } as const;
const thin = { style: 'thin' } as const;
const border = { top: thin, left: thin, bottom: thin, right: thin };
const bold = { bold: true };

/**
 * A fixed creation date: the workbook of a set is a function of the set (the date printed is on the
 * cover), so rendering a stored set again gives the same figures.
 */
export async function reportSetXlsx(set: { cover: ReportCover; tables: SetTable[] }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const stamp = new Date(`${set.cover.printedOn}T00:00:00Z`);
  wb.created = stamp;
  wb.modified = stamp;
  wb.creator = set.cover.preparedBy;
  const c = set.cover;

  const cover = wb.addWorksheet('封面');
  cover.getColumn(1).width = 16;
  cover.getColumn(2).width = 40;
  cover.mergeCells(1, 1, 1, 2);
  cover.getCell(1, 1).value = `行政事业单位国有资产月报（${c.period}）`;
  cover.getCell(1, 1).font = { bold: true, size: 16 };
  const lines: [string, string][] = [
    ['编制单位', c.unitName],
    ['报表期间', c.period],
    ['单位负责人', c.leaderName],
    ['财务负责人', c.financeHeadName],
    ['制表人', c.preparedBy],
    ['打印日期', c.printedOn],
  ];
  lines.forEach(([k, v], i) => {
    cover.getCell(i + 3, 1).value = k;
    cover.getCell(i + 3, 2).value = v;
  });
  cover.getCell(lines.length + 4, 1).value = '表目';
  set.tables.forEach((t, i) => {
    cover.getCell(lines.length + 5 + i, 1).value = t.code;
    cover.getCell(lines.length + 5 + i, 2).value = t.pending ? `${t.title}（${t.pending}）` : t.title;
  });

  for (const t of set.tables) {
    const ws = wb.addWorksheet(`${t.code} ${t.title}`.slice(0, 31));
    const width = t.columns.length + 1;
    ws.mergeCells(1, 1, 1, Math.max(width, 2));
    ws.getCell(1, 1).value = t.title;
    ws.getCell(1, 1).font = { bold: true, size: 14 };
    ws.getCell(1, 1).alignment = { horizontal: 'center' };
    ws.getCell(2, 1).value = `编制单位：${c.unitName}`;
    ws.getCell(2, Math.max(width, 2)).value = `${t.code}　${c.period}`;
    if (t.note) ws.getCell(3, 1).value = t.note;
    let r = 4;
    if (t.pending) {
      ws.getCell(r, 1).value = t.pending;
      r += 2;
    } else {
      // Two header rows: the group above, the column below (a column without group spans both).
      ws.getColumn(1).width = 24;
      ws.mergeCells(r, 1, r + 1, 1);
      ws.getCell(r, 1).value = '单位';
      t.columns.forEach((col, i) => {
        const x = i + 2;
        ws.getColumn(x).width = col.kind === 'text' ? (col.key === 'code' ? 12 : 20) : 14;
        if (!col.group) {
          ws.mergeCells(r, x, r + 1, x);
          ws.getCell(r, x).value = col.label;
        } else {
          ws.getCell(r + 1, x).value = col.label;
          if (i === 0 || t.columns[i - 1].group !== col.group) {
            let end = i;
            while (end + 1 < t.columns.length && t.columns[end + 1].group === col.group) end++;
            if (end > i) ws.mergeCells(r, x, r, end + 2);
            ws.getCell(r, x).value = col.group;
          }
        }
      });
      for (let y = r; y <= r + 1; y++)
        for (let x = 1; x <= width; x++) {
          const cell = ws.getCell(y, x);
          cell.font = bold;
          cell.border = border;
          cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
        }
      r += 2;
      let blockStart = r;
      t.rows.forEach((row, i) => {
        ws.getCell(r, 1).value = row.unitName;
        t.columns.forEach((col, j) => {
          const v = row.cells[col.key];
          const cell = ws.getCell(r, j + 2);
          if (col.kind === 'text') cell.value = (v as string | null) ?? '';
          else {
            cell.value = col.kind === 'fen' ? Number(v ?? 0) / 100 : Number(v ?? 0);
            cell.numFmt = FORMATS[col.kind];
          }
        });
        for (let x = 1; x <= width; x++) {
          ws.getCell(r, x).border = border;
          if (row.kind !== 'row') ws.getCell(r, x).font = bold;
        }
        // The unit's name once, merged down its lines and 小计 (the 合计 stands alone).
        const next = t.rows[i + 1];
        if (row.kind !== 'total' && (!next || next.unitId !== row.unitId)) {
          if (r > blockStart) ws.mergeCells(blockStart, 1, r, 1);
          ws.getCell(blockStart, 1).alignment = { vertical: 'middle' };
          blockStart = r + 1;
        } else if (row.kind === 'total') blockStart = r + 1;
        r++;
      });
    }
    r++;
    ws.getCell(r, 1).value = `单位负责人：${c.leaderName}`;
    ws.getCell(r, 3).value = `财务负责人：${c.financeHeadName}`;
    ws.getCell(r, 5).value = `制表人：${c.preparedBy}`;
    ws.getCell(r, 7).value = `打印日期：${c.printedOn}`;
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
