// The month's charge lines (收费明细) as the units' finance officers receive them: one row per unit and
// resource, amounts in yuan with two decimals, a subtotal per unit and a grand total.
import ExcelJS from 'exceljs';
import type { ChargeLines } from '../../../shared/sharing.contracts.ts';
import { titledSheet, workbookBuffer } from '../../platform/excel/titled-sheet.excel.ts';
import { formatUsageColumns, usageCells, usageColumns } from './usage-sheet.excel.ts';

export async function chargesXlsx(view: ChargeLines): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = titledSheet(wb, '收费明细', `共享设施收费明细 ${view.month}`, usageColumns('应收金额（元）'));
  for (const u of view.byUnit) {
    for (const l of view.items.filter((x) => x.unitId === u.unitId)) ws.addRow(usageCells(l.unitName, l.resourceName, l.resourceKind, l));
    ws.addRow([`${u.unitName} 小计`, '', '', '', '', '', '', '', u.amountFen / 100]).font = { italic: true };
  }
  ws.addRow(['合计', '', '', '', '', '', '', '', view.totalFen / 100]).font = { bold: true };
  formatUsageColumns(ws);
  return workbookBuffer(wb);
}
