// The month's publication of official-vehicle trips as it is posted: one row per trip, times in the
// business zone, amounts in yuan with two decimals, a totals row.
import ExcelJS from 'exceljs';
import type { TripPublication } from '../../../shared/sharing.contracts.ts';
import { titledSheet, workbookBuffer } from '../../platform/excel/titled-sheet.excel.ts';
import { local } from './booking.rules.ts';

const pad = (n: number) => String(n).padStart(2, '0');
const at = (iso: string) => {
  const { date, minute } = local(new Date(iso));
  return `${date} ${pad(Math.floor(minute / 60))}:${pad(minute % 60)}`;
};

export async function tripsXlsx(view: TripPublication): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = titledSheet(wb, '公务用车公示', `公务用车使用情况公示 ${view.month}`, [
    { header: '单号', width: 14 },
    { header: '出车时间', width: 18 },
    { header: '返回时间', width: 18 },
    { header: '车辆', width: 18 },
    { header: '用车单位', width: 18 },
    { header: '用车人', width: 10 },
    { header: '事由', width: 24 },
    { header: '目的地', width: 20 },
    { header: '人数', width: 6 },
    { header: '驾驶员', width: 10 },
    { header: '里程（公里）', width: 12 },
    { header: '费用（元）', width: 12 },
  ]);
  for (const r of view.items)
    ws.addRow([
      r.bookingNo,
      at(r.startsAt),
      at(r.endsAt),
      r.vehicleName,
      r.unitName,
      r.personName,
      r.reason,
      r.destination ?? '',
      r.passengers ?? '',
      r.driver ?? '',
      r.km ?? '',
      r.costFen === null ? '' : r.costFen / 100,
    ]);
  const total = ws.addRow(['合计', `${view.totals.trips} 次`, '', '', '', '', '', '', '', '', view.totals.km, view.totals.costFen / 100]);
  total.font = { bold: true };
  ws.getColumn(12).numFmt = '#,##0.00';
  return workbookBuffer(wb);
}
