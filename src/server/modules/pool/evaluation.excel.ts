// The year's evaluation as an Excel workbook: the ranking (one row per unit, the indicators' points
// as columns) and the explanation of every indicator of every unit, for the committee's report.
import ExcelJS from 'exceljs';
import { DIRECTIONS, type EvaluationReport } from '../../../shared/evaluation.contracts.ts';

const STATUS: Record<string, string> = { self_submitted: '已自评', reviewed: '已复核' };

export async function evaluationWorkbook(report: EvaluationReport): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const s = wb.addWorksheet('排名');
  s.addRow([`${report.year} 年度资产使用效益评价（数据截至 ${report.asOf}）`]).font = { bold: true, size: 14 };
  s.addRow([]);
  const indicators = report.items[0]?.items ?? [];
  const head = s.addRow([
    '排名',
    '单位编码',
    '单位',
    '总分',
    ...indicators.map((i) => `${i.name}（${i.weight}）`),
    '自评',
    '复核',
    '上年',
    '状态',
  ]);
  head.font = { bold: true };
  for (const u of [...report.items].sort((a, b) => a.rank - b.rank))
    s.addRow([
      u.rank,
      u.unitCode,
      u.unitName,
      u.total,
      ...u.items.map((i) => (i.applicable ? i.score : '不适用')),
      u.selfScore,
      u.reviewScore,
      u.previousScore,
      u.status ? (STATUS[u.status] ?? u.status) : '未自评',
    ]);
  s.getColumn(3).width = 26;
  for (let c = 4; c <= 8 + indicators.length; c++) {
    s.getColumn(c).width = 12;
    s.getColumn(c).numFmt = '0.00';
  }

  const d = wb.addWorksheet('指标说明');
  d.columns = [
    { header: '单位', width: 24 },
    { header: '指标', width: 26 },
    { header: '方向', width: 16 },
    { header: '权重', width: 8 },
    { header: '实际值', width: 12 },
    { header: '得分', width: 10, style: { numFmt: '0.00' } },
    { header: '折算得分', width: 10, style: { numFmt: '0.00' } },
    { header: '说明', width: 70 },
  ];
  d.getRow(1).font = { bold: true };
  for (const u of report.items)
    for (const i of u.items)
      d.addRow([
        u.unitName,
        i.name,
        DIRECTIONS[i.direction as keyof typeof DIRECTIONS]?.[0] ?? i.direction,
        i.weight,
        i.value,
        i.applicable ? i.score : null,
        i.applicable ? i.weighted : null,
        i.explanation,
      ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
