// A year of the SLA calendar as Excel, in the columns its import reads back (日期, 类型, 名称).
import ExcelJS from 'exceljs';
import type { CalendarDay } from '../../../shared/machinerooms.points.contracts.ts';

export async function calendarWorkbook(year: number, days: CalendarDay[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(`${year} 年节假日`);
  ws.addRow(['日期', '类型', '名称']).font = { bold: true };
  for (const d of days) ws.addRow([d.day, d.kind === 'holiday' ? '节假日' : '调休上班', d.name]);
  ws.getColumn(1).width = 14;
  ws.getColumn(2).width = 12;
  ws.getColumn(3).width = 20;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
