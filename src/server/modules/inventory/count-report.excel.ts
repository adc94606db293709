// The count's result as an Excel workbook: a summary sheet (by unit, with the match rate) and the
// lines of every outcome, found cards included, for the signed count sheet (盘点表).
import ExcelJS from 'exceljs';
import { COUNT_OUTCOMES, COUNT_REASONS, type CountDetail, type CountResult } from '../../../shared/inventory.contracts.ts';

const MONEY = '#,##0.00';
const pct = (bp: number) => `${(bp / 100).toFixed(2)}%`;

export async function countWorkbook(count: CountDetail, result: CountResult): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet('汇总');
  s.addRow([`资产清查盘点结果：${count.title}`]).font = { bold: true, size: 14 };
  s.addRow([`盘点原因：${COUNT_REASONS[count.reason as keyof typeof COUNT_REASONS]?.[0] ?? count.reason}　基准日：${count.baseDate}`]);
  for (const n of result.periodNotes) s.addRow([n]);
  s.addRow([]);
  const head = s.addRow(['单位', '账面数', '账实相符', '异位', '盘亏', '损坏', '盘亏原值（元）', '账实相符率']);
  head.font = { bold: true };
  const line = (name: string, t: CountResult['totals']) =>
    s.addRow([name, t.expected, t.found, t.moved, t.missing, t.damaged, t.missingValueFen / 100, pct(t.matchRateBp)]);
  for (const u of result.byUnit) line(u.unitName, u);
  const total = line('合计', result.totals);
  total.font = { bold: true };
  s.addRow([`盘盈（无卡片）：${result.totals.surplus}　不属于本次范围：${result.totals.outside}`]);
  s.getColumn(1).width = 28;
  s.getColumn(7).numFmt = MONEY;
  for (const col of [2, 3, 4, 5, 6, 7, 8]) s.getColumn(col).width = 14;

  const d = wb.addWorksheet('明细');
  d.columns = [
    { header: '结果', width: 12 },
    { header: '损坏', width: 6 },
    { header: '卡片编号', width: 22 },
    { header: '资产名称', width: 24 },
    { header: '单位', width: 22 },
    { header: '账面地点', width: 20 },
    { header: '实际地点', width: 20 },
    { header: '原值（元）', width: 14, style: { numFmt: MONEY } },
    { header: '盘点人', width: 12 },
    { header: '盘点时间', width: 20 },
    { header: '备注', width: 24 },
    { header: '盘点期间有变动', width: 14 },
  ];
  d.getRow(1).font = { bold: true };
  for (const l of result.lines)
    d.addRow([
      COUNT_OUTCOMES[l.outcome][0],
      l.damaged ? '是' : '',
      l.cardNo,
      l.name,
      l.unitName,
      l.bookRoomName,
      l.foundRoomName,
      l.valueFen === null ? null : l.valueFen / 100,
      l.counterName,
      l.scannedAt,
      l.note,
      l.changedSinceSnapshot ? '是' : '',
    ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
