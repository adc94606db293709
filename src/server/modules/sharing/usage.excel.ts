// The month's usage and charges as the units' finance officers receive them: one row per unit and
// resource, amounts in yuan with two decimals, a totals row; a second sheet with utilisation.
import ExcelJS from 'exceljs';
import type { UsageView } from '../../../shared/sharing.contracts.ts';
import { titledSheet, workbookBuffer } from '../../platform/excel/titled-sheet.excel.ts';
import { formatUsageColumns, usageCells, usageColumns } from './usage-sheet.excel.ts';

/** Usage counts its charge as fee and trip cost; the amount is their sum. */
const figures = <T extends { chargeFen: number; tripCostFen: number }>(r: T) => ({
  ...r,
  feeFen: r.chargeFen,
  amountFen: r.chargeFen + r.tripCostFen,
});

export async function usageXlsx(view: UsageView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = titledSheet(wb, '使用与收费', `共享设施使用与收费 ${view.month}`, [
    ...usageColumns('合计（元）'),
    { header: '未签到释放（次）', width: 16 },
  ]);
  for (const r of view.rows) ws.addRow([...usageCells(r.unitName, r.resourceName, r.resourceKind, figures(r)), r.noShows]);
  const t = view.totals;
  ws.addRow([...usageCells('合计', '', null, figures(t)), t.noShows]).font = { bold: true };
  formatUsageColumns(ws);
  const us = wb.addWorksheet('利用率');
  us.columns = [
    { header: '资源', width: 24 },
    { header: '预订小时', width: 12 },
    { header: '开放小时', width: 12 },
    { header: '利用率', width: 10 },
  ];
  for (const u of view.utilisation) us.addRow([u.resourceName, u.bookedMinutes / 60, u.openMinutes / 60, u.ratio]);
  us.getColumn(4).numFmt = '0.0%';
  return workbookBuffer(wb);
}
