// The quota report (数量超标) as the finance bureau receives the other reports: title, unit and date
// rows, two-level headers merged by group, quantities with thousands separators, a totals row.
import ExcelJS from 'exceljs';
import { QUOTA_REPORT, type QuotaRow, type QuotaView } from '../../../shared/reports.contracts.ts';
import { dataRow, headerRows, titleRows } from './report.excel.ts';

type Col = {
  header: string;
  group?: string;
  width?: number;
  count?: boolean;
  value: (r: QuotaRow) => number | string;
  total?: keyof QuotaView['totals'];
};

const COLUMNS: Col[] = [
  { header: '单位', width: 24, value: (r) => r.unitName },
  { group: '配置标准', header: '编码', width: 16, value: (r) => r.standardCode },
  { group: '配置标准', header: '名称', width: 20, value: (r) => r.standardName },
  { header: '涉密单位', width: 10, value: (r) => (r.classified ? '是' : '否') },
  { header: '编制人数', count: true, value: (r) => r.headcount },
  { header: '配置比例', width: 10, value: (r) => `${Math.round(r.ratio * 1000) / 10}%` },
  { group: '数量', header: '限额', count: true, value: (r) => r.allowed, total: 'allowed' },
  { group: '数量', header: '现有', count: true, value: (r) => r.held, total: 'held' },
  { group: '数量', header: '超标', count: true, value: (r) => r.excess, total: 'excess' },
];

export const quotaTitle = (showAll: boolean) => `超标准配置资产（${QUOTA_REPORT[0]}${showAll ? '，含未超标' : ''}）`;

export async function writeQuotaXlsx(file: string, view: QuotaView, showAll = false): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true });
  const title = quotaTitle(showAll);
  const ws = wb.addWorksheet(QUOTA_REPORT[0]);
  ws.columns = COLUMNS.map((c) => ({ width: c.width ?? 12 }));
  titleRows(ws, title, view.unitName, view.asOf, COLUMNS.length, { label: '统计日期', measure: '单位：台（件）' });
  headerRows(ws, COLUMNS, 4);
  for (const r of view.items)
    dataRow(
      ws,
      COLUMNS,
      COLUMNS.map((c) => c.value(r)),
    );
  dataRow(
    ws,
    COLUMNS,
    COLUMNS.map((c, i) => (i === 0 ? `合计（${view.totals.count} 项）` : c.total ? view.totals[c.total] : '')),
    true,
  );
  ws.commit();
  await wb.commit();
}
