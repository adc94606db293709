// 入仓单 as an Excel workbook: the receipt's fields as label and value rows, amounts in yuan, and the
// signature lines, so a unit that files receipts electronically has the same content as the print.
import ExcelJS from 'exceljs';
import { POOL_CONDITIONS, POOL_MODES, POOL_REASONS, type PoolReceipt } from '../../../shared/pool.contracts.ts';

const zh = (vocab: Record<string, readonly [string, string]>, code: string) => vocab[code]?.[0] ?? code;

export async function receiptWorkbook(r: PoolReceipt): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet('入仓单');
  s.addRow(['公物仓资产入仓单']).font = { bold: true, size: 14 };
  s.addRow([`单号：${r.receiptNo}`, `入仓日期：${r.listedOn}`]);
  s.addRow([]);
  const rows: [string, string | number, boolean?][] = [
    ['入仓单位', `${r.unitName ?? ''}${r.unitCode ? `（${r.unitCode}）` : ''}`],
    ['资产编号', r.cardNo],
    ['资产名称', r.name],
    ['资产分类', `${r.categoryCode ?? ''} ${r.categoryName ?? ''}`.trim()],
    ['规格型号', [r.brand, r.spec, r.specSummary].filter(Boolean).join(' ')],
    ['数量', `${r.quantity} ${r.measureUnit}`],
    ['原值（元）', r.originalValueFen / 100, true],
    ['入仓时净值（元）', r.netValueFen / 100, true],
    ['成色', zh(POOL_CONDITIONS, r.condition)],
    ['入仓方式', zh(POOL_MODES, r.mode)],
    ['入仓原因', zh(POOL_REASONS, r.reason)],
    ['存放地点', r.mode === 'physical' ? (r.warehouseLocation ?? '（未登记）') : '（虚拟入仓，资产留在原单位）'],
    ['在仓时限至', r.expiresOn ?? ''],
    ['照片', `${r.photos} 张`],
    ['备注', r.note ?? ''],
    ['经办登记', r.listedByName ?? ''],
  ];
  for (const [label, value, money] of rows) {
    const row = s.addRow([label, value]);
    if (money) row.getCell(2).numFmt = '#,##0.00';
  }
  s.addRow([]);
  s.addRow(['移交人（签字）：', '', '接收人（签字）：', '', '经办人（签字）：']);
  s.addRow(['日期：', '', '日期：', '', '日期：']);
  s.getColumn(1).width = 18;
  s.getColumn(2).width = 40;
  s.getColumn(3).width = 18;
  s.getColumn(5).width = 18;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
