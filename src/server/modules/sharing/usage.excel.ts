// The month's usage and charges as the units' finance officers receive them: one row per unit and
// resource, amounts in yuan with two decimals, a totals row; a second sheet with utilisation.
import ExcelJS from 'exceljs';
import { RESOURCE_KINDS, type UsageView } from '../../../shared/sharing.contracts.ts';

const MONEY = '#,##0.00';

export async function usageXlsx(view: UsageView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('使用与收费');
  ws.columns = [
    { header: '单位', width: 22 },
    { header: '资源', width: 24 },
    { header: '类型', width: 12 },
    { header: '次数', width: 8 },
    { header: '时长（小时）', width: 12 },
    { header: '行驶里程（公里）', width: 16 },
    { header: '使用费（元）', width: 14 },
    { header: '行车费用（元）', width: 14 },
    { header: '合计（元）', width: 14 },
    { header: '未签到释放（次）', width: 16 },
  ];
  ws.insertRow(1, [`共享设施使用与收费 ${view.month}`]);
  ws.mergeCells(1, 1, 1, 10);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.getRow(2).font = { bold: true };
  for (const r of view.rows) {
    ws.addRow([
      r.unitName,
      r.resourceName,
      RESOURCE_KINDS[r.resourceKind][0],
      r.bookings,
      r.minutes / 60,
      r.km,
      r.chargeFen / 100,
      r.tripCostFen / 100,
      (r.chargeFen + r.tripCostFen) / 100,
      r.noShows,
    ]);
  }
  const t = view.totals;
  const total = ws.addRow([
    '合计',
    '',
    '',
    t.bookings,
    t.minutes / 60,
    t.km,
    t.chargeFen / 100,
    t.tripCostFen / 100,
    (t.chargeFen + t.tripCostFen) / 100,
    t.noShows,
  ]);
  total.font = { bold: true };
  for (const c of [7, 8, 9]) ws.getColumn(c).numFmt = MONEY;
  ws.getColumn(5).numFmt = '0.0#';
  const us = wb.addWorksheet('利用率');
  us.columns = [
    { header: '资源', width: 24 },
    { header: '预订小时', width: 12 },
    { header: '开放小时', width: 12 },
    { header: '利用率', width: 10 },
  ];
  for (const u of view.utilisation) us.addRow([u.resourceName, u.bookedMinutes / 60, u.openMinutes / 60, u.ratio]);
  us.getColumn(4).numFmt = '0.0%';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
