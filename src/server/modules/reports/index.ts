// The reports module's surface: the asset summary and its workbook (the benchmark measures both).
// Reports write nothing of others'.
export { writeSummaryXlsx } from './report.excel.ts';
export { summary } from './reports.service.ts';
export { dropMonthSnapshot, snapshotClosedMonth } from './summary-snapshot.service.ts';
