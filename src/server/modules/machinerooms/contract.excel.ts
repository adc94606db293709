// The O&M contracts as an Excel workbook (运维合同台账): one row per contract with its vendor, period,
// amount, rooms, business hours, and per priority the SLA minutes and clock.
import ExcelJS from 'exceljs';
import {
  INSPECTION_FREQUENCIES,
  PRIORITIES,
  SLA_CLOCKS,
  type ContractView,
  type Priority,
} from '../../../shared/machinerooms.contracts.ts';

export async function contractsWorkbook(contracts: ContractView[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('运维合同');
  const priorities = Object.keys(PRIORITIES) as Priority[];
  const head = ws.addRow([
    '合同编号',
    '合同名称',
    '服务商',
    '起始日',
    '终止日',
    '金额（元）',
    '服务机房',
    '工作时间',
    '可用性目标（%）',
    ...priorities.map((p) => `${PRIORITIES[p][0]} 响应/到场/修复（分钟）`),
    '巡检',
    '满分/合格分',
  ]);
  head.font = { bold: true };
  for (const c of contracts)
    ws.addRow([
      c.contractNo,
      c.name,
      c.vendorName,
      c.startsOn,
      c.endsOn,
      c.amountFen / 100,
      c.rooms.map((r) => `${r.code} ${r.name}`).join('、'),
      `周一至周五 ${c.businessFrom}–${c.businessTo}`,
      c.availabilityTargetBp / 100,
      ...priorities.map((p) => {
        const s = c.sla[p];
        return `${s.responseMinutes}/${s.onsiteMinutes}/${s.resolveMinutes}（${SLA_CLOCKS[s.clock][0]}）`;
      }),
      `${INSPECTION_FREQUENCIES[c.inspectionSchedule.frequency][0]} ${c.inspectionSchedule.dueBy} 前`,
      `${c.scorecardRules.fullMarks}/${c.scorecardRules.passMark}`,
    ]);
  ws.getColumn(6).numFmt = '#,##0.00';
  for (const [i, w] of [16, 28, 20, 12, 12, 16, 30, 22, 14, 26, 26, 26, 26, 16, 12].entries()) ws.getColumn(i + 1).width = w;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
