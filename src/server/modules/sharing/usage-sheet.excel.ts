// The columns the month's usage and its charge lines share (共享设施使用与收费, 收费明细): unit,
// resource, kind, then the figures — bookings, hours, km and the amounts in yuan with two decimals.
import type ExcelJS from 'exceljs';
import { RESOURCE_KINDS, type ResourceKind } from '../../../shared/sharing.contracts.ts';
import type { SheetColumn } from '../../platform/excel/titled-sheet.excel.ts';

/** The nine shared columns; the last, the amount charged, headed `amountHeader`. */
export const usageColumns = (amountHeader: string): SheetColumn[] => [
  { header: '单位', width: 22 },
  { header: '资源', width: 24 },
  { header: '类型', width: 12 },
  { header: '次数', width: 8 },
  { header: '时长（小时）', width: 12 },
  { header: '行驶里程（公里）', width: 16 },
  { header: '使用费（元）', width: 14 },
  { header: '行车费用（元）', width: 14 },
  { header: amountHeader, width: 14 },
];

export interface UsageFigures {
  bookings: number;
  minutes: number;
  km: number;
  feeFen: number;
  tripCostFen: number;
  amountFen: number;
}

/** A row's first nine cells: who and what, then the figures in hours and yuan. */
export const usageCells = (unitName: string, resourceName: string, kind: ResourceKind | null, n: UsageFigures) => [
  unitName,
  resourceName,
  kind ? RESOURCE_KINDS[kind][0] : '',
  n.bookings,
  n.minutes / 60,
  n.km,
  n.feeFen / 100,
  n.tripCostFen / 100,
  n.amountFen / 100,
];

/** Once the rows are in: yuan with two decimals, hours with one or two. */
export function formatUsageColumns(ws: ExcelJS.Worksheet): void {
  for (const c of [7, 8, 9]) ws.getColumn(c).numFmt = '#,##0.00';
  ws.getColumn(5).numFmt = '0.0#';
}
