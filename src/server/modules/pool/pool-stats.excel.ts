// 公物仓统计 as an Excel workbook: the period's totals, one row per unit, one per month. Amounts in yuan.
import ExcelJS from 'exceljs';
import type { PoolStats } from '../../../shared/pool.contracts.ts';

const yuan = (fen: number) => fen / 100;

export async function poolStatsWorkbook(s: PoolStats): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const t = wb.addWorksheet('汇总');
  t.addRow([`公物仓统计（${s.from} 至 ${s.to}）`]).font = { bold: true, size: 14 };
  t.addRow([]);
  const totals: [string, number | string | null, boolean?][] = [
    ['入仓件数', s.inItems],
    ['调剂出仓件数', s.outTransferred],
    ['借出件数', s.outLent],
    ['撤回件数', s.outWithdrawn],
    ['打包处置件数', s.outDisposed],
    ['调剂再利用净值（元）', yuan(s.reusedNetFen), true],
    ['少购置金额（调入资产原值，元）', yuan(s.avoidedPurchaseFen), true],
    ['维修再利用费用（元）', yuan(s.repairCostFen), true],
    ['节约资金（少购置 − 维修费用，元）', yuan(s.savingsFen), true],
    ['处置收入（元）', yuan(s.disposalIncomeFen), true],
    ['平均调剂周期（天）', s.avgDaysToReallocation ?? '—'],
    ['调剂周期中位数（天）', s.medianDaysToReallocation ?? '—'],
  ];
  for (const [label, value, money] of totals) {
    const row = t.addRow([label, value]);
    if (money) row.getCell(2).numFmt = '#,##0.00';
  }
  t.getColumn(1).width = 36;
  t.getColumn(2).width = 18;

  const u = wb.addWorksheet('各单位');
  u.columns = [
    { header: '单位编码', width: 12 },
    { header: '单位', width: 26 },
    { header: '入仓件数', width: 10 },
    { header: '入仓净值（元）', width: 16, style: { numFmt: '#,##0.00' } },
    { header: '调出件数', width: 10 },
    { header: '调入件数', width: 10 },
    { header: '再利用净值（元）', width: 16, style: { numFmt: '#,##0.00' } },
    { header: '少购置金额（元）', width: 16, style: { numFmt: '#,##0.00' } },
    { header: '平均调剂周期（天）', width: 16 },
    { header: '调剂周期中位数（天）', width: 18 },
  ];
  u.getRow(1).font = { bold: true };
  for (const r of s.items)
    u.addRow([
      r.unitCode,
      r.unitName,
      r.offered,
      yuan(r.offeredFen),
      r.given,
      r.taken,
      yuan(r.reusedNetFen),
      yuan(r.avoidedPurchaseFen),
      r.avgDaysToReallocation ?? '—',
      r.medianDaysToReallocation ?? '—',
    ]);

  const m = wb.addWorksheet('按月');
  m.columns = [
    { header: '月份', width: 10 },
    { header: '入仓件数', width: 10 },
    { header: '调剂出仓件数', width: 14 },
    { header: '借出件数', width: 10 },
    { header: '再利用净值（元）', width: 16, style: { numFmt: '#,##0.00' } },
  ];
  m.getRow(1).font = { bold: true };
  for (const r of s.months) m.addRow([r.month, r.inItems, r.outTransferred, r.outLent, yuan(r.reusedNetFen)]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
