// The sheet every report workbook starts from: a title merged over the columns in row 1 (bold, 14 pt),
// the column headers below it (bold), the data from row 3. And the workbook as the bytes a route sends.
import type ExcelJS from 'exceljs';

export interface SheetColumn {
  header: string;
  width: number;
}

/** Adds the sheet `name` to `wb` with `title` above `columns`; rows added next start at row 3. */
export function titledSheet(wb: ExcelJS.Workbook, name: string, title: string, columns: SheetColumn[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name);
  ws.columns = columns;
  ws.insertRow(1, [title]);
  ws.mergeCells(1, 1, 1, columns.length);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.getRow(2).font = { bold: true };
  return ws;
}

/** The workbook as an .xlsx file. */
export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}
