// 国有资产收入情况表 as a finance officer files it: the cover (编制单位, period, date printed), one row
// per unit and source, a 合计 row; amounts in yuan with two decimals.
import ExcelJS from 'exceljs';
import { INCOME_SOURCES, type IncomeReport } from '../../../shared/income.contracts.ts';

const MONEY = '#,##0.00';

export async function incomeReportXlsx(r: IncomeReport, printedOn: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('国有资产收入');
  const heads = [
    '单位',
    '收入来源',
    '本期取得笔数',
    '期初未缴（元）',
    '本期取得（元）',
    '本期上缴国库（元）',
    '期末未缴（元）',
    '其中逾期（元）',
  ];
  ws.addRow([`国有资产处置和出租出借收入情况表（${r.from} 至 ${r.to}）`]);
  ws.mergeCells(1, 1, 1, heads.length);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.addRow([`编制单位：${r.preparedBy}`, '', '', '', `逾期判断日：${r.asOf}`, '', `打印日期：${printedOn}`]);
  const head = ws.addRow(heads);
  head.font = { bold: true };
  for (const x of r.rows) {
    ws.addRow([
      x.unitName,
      INCOME_SOURCES[x.source][0],
      x.documents,
      x.openingFen / 100,
      x.receivedFen / 100,
      x.turnedOverFen / 100,
      x.closingFen / 100,
      x.overdueFen / 100,
    ]);
  }
  const t = r.totals;
  const total = ws.addRow([
    '合计',
    '',
    t.documents,
    t.openingFen / 100,
    t.receivedFen / 100,
    t.turnedOverFen / 100,
    t.closingFen / 100,
    t.overdueFen / 100,
  ]);
  total.font = { bold: true };
  ws.addRow([]);
  ws.addRow(['单位负责人：', '', '财务负责人：', '', '制表人：']);
  ws.columns.forEach((c, i) => {
    c.width = i === 0 ? 24 : i === 1 ? 14 : 16;
  });
  for (const c of [4, 5, 6, 7, 8]) ws.getColumn(c).numFmt = MONEY;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
