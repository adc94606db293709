// A monthly scorecard as an Excel workbook: the head (contract, vendor, month, score, pass), one row per
// item with its count, points and penalty, and what was counted.
import ExcelJS from 'exceljs';
import { SCORE_ITEMS, SCORECARD_STATUSES, type ScorecardView } from '../../../shared/machinerooms.contracts.ts';

export async function scorecardWorkbook(s: ScorecardView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('考核表');
  ws.addRow([`运维服务月度考核表（${s.month}）`]).font = { bold: true, size: 14 };
  ws.addRow([`合同：${s.contractNo}　服务商：${s.vendorName}　状态：${SCORECARD_STATUSES[s.status][0]}`]);
  ws.addRow([
    `满分 ${s.fullMarks}　合格分 ${s.passMark}　得分 ${s.score}　${s.passed ? '合格' : '不合格'}　扣款 ${(s.penaltyFen / 100).toFixed(2)} 元`,
  ]);
  ws.addRow([]);
  const head = ws.addRow(['考核项', '次数', '每次扣分', '扣分', '每次扣款（元）', '扣款（元）', '明细']);
  head.font = { bold: true };
  for (const l of s.lines)
    ws.addRow([SCORE_ITEMS[l.item][0], l.count, l.pointsEach, l.points, l.penaltyFenEach / 100, l.penaltyFen / 100, l.refs.join('、')]);
  const total = ws.addRow(['合计', '', '', s.lines.reduce((a, l) => a + l.points * 10, 0) / 10, '', s.penaltyFen / 100, '']);
  total.font = { bold: true };
  if (s.reviewNote) ws.addRow([`审核意见：${s.reviewNote}`]);
  ws.getColumn(1).width = 28;
  for (const c of [2, 3, 4]) ws.getColumn(c).width = 10;
  for (const c of [5, 6]) {
    ws.getColumn(c).width = 16;
    ws.getColumn(c).numFmt = '#,##0.00';
  }
  ws.getColumn(7).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
