// The monthly O&M report as an Excel workbook, laid out like the page.
import ExcelJS from 'exceljs';
import { type MonthlyOmReport, PRIORITIES } from '../../../shared/machinerooms.contracts.ts';

const pct = (bp: number) => `${(bp / 100).toFixed(2)}%`;

export async function omReportWorkbook(r: MonthlyOmReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('运维月报');
  ws.addRow([`机房运维月报（${r.month}）`]).font = { bold: true, size: 14 };
  ws.addRow([`合同：${r.contractNo} ${r.contractName}　服务商：${r.vendorName}`]);
  ws.addRow([]);
  const sect = (title: string) => (ws.addRow([title]).font = { bold: true });
  sect('一、故障工单');
  ws.addRow(['级别', '工单数', '超时工单']);
  for (const p of r.incidents.byPriority) ws.addRow([PRIORITIES[p.priority][0], p.count, p.breached]);
  ws.addRow(['合计', r.incidents.total, r.incidents.byPriority.reduce((s, p) => s + p.breached, 0)]);
  ws.addRow(['月末未修复', r.incidents.openAtMonthEnd]);
  ws.addRow(['退回重修次数', r.incidents.reopened]);
  ws.addRow([]);
  sect('二、处理时长（平均，分钟，按各级别的 SLA 计时方式）');
  ws.addRow(['响应', r.handling.responseMinutes]);
  ws.addRow(['到场', r.handling.onsiteMinutes]);
  ws.addRow(['修复', r.handling.resolveMinutes]);
  ws.addRow([]);
  sect('三、服务水平');
  ws.addRow(['SLA 达标率', pct(r.slaRateBp)]);
  ws.addRow(['可用性', pct(r.availabilityBp), `目标 ${pct(r.availabilityTargetBp)}`, `一级故障中断 ${r.outageMinutes} 分钟`]);
  ws.addRow([]);
  sect('四、巡检');
  ws.addRow(['计划', '按时完成', '逾期完成', '漏检', '异常项']);
  const i = r.inspections;
  ws.addRow([i.scheduled, i.done, i.doneLate, i.missed, i.anomalies]);
  ws.addRow([]);
  ws.addRow([r.submission ? `服务商报送：${r.submission.submitterName} ${r.submission.submittedAt}` : '服务商尚未报送']);
  if (r.submission?.summary) ws.addRow([r.submission.summary]);
  ws.getColumn(1).width = 24;
  for (const n of [2, 3, 4, 5]) ws.getColumn(n).width = 16;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
