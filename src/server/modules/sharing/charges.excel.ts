// The month's charge lines (收费明细) as the units' finance officers receive them: one row per unit and
// resource, amounts in yuan with two decimals, a subtotal per unit and a grand total.
import ExcelJS from 'exceljs';
import { RESOURCE_KINDS, type ChargeLines } from '../../../shared/sharing.contracts.ts';

const MONEY = '#,##0.00';

export async function chargesXlsx(view: ChargeLines): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('收费明细');
  ws.columns = [
    { header: '单位', width: 22 },
    { header: '资源', width: 24 },
    { header: '类型', width: 12 },
    { header: '次数', width: 8 },
    { header: '时长（小时）', width: 12 },
    { header: '行驶里程（公里）', width: 16 },
    { header: '使用费（元）', width: 14 },
    { header: '行车费用（元）', width: 14 },
    { header: '应收金额（元）', width: 14 },
  ];
  ws.insertRow(1, [`共享设施收费明细 ${view.month}`]);
  ws.mergeCells(1, 1, 1, 9);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.getRow(2).font = { bold: true };
  for (const u of view.byUnit) {
    for (const l of view.items.filter((x) => x.unitId === u.unitId))
      ws.addRow([
        l.unitName,
        l.resourceName,
        RESOURCE_KINDS[l.resourceKind][0],
        l.bookings,
        l.minutes / 60,
        l.km,
        l.feeFen / 100,
        l.tripCostFen / 100,
        l.amountFen / 100,
      ]);
    ws.addRow([`${u.unitName} 小计`, '', '', '', '', '', '', '', u.amountFen / 100]).font = { italic: true };
  }
  ws.addRow(['合计', '', '', '', '', '', '', '', view.totalFen / 100]).font = { bold: true };
  for (const c of [7, 8, 9]) ws.getColumn(c).numFmt = MONEY;
  ws.getColumn(5).numFmt = '0.0#';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
