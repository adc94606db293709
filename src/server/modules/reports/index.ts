// The reports module's surface: the asset summary and its workbook (the benchmark measures both),
// the report set and the check of locked reports (audit verify). Reports write nothing of others'.
export { writeSummaryXlsx } from './report.excel.ts';
export { summary } from './reports.service.ts';
export { dropMonthSnapshot, snapshotClosedMonth } from './summary-snapshot.service.ts';
export { buildReportSet, reportSetTable, SET_TABLES } from './reportset.service.ts';
export { reportSetXlsx } from './reportset.excel.ts';
export { hasLockedFiling } from './filing.service.ts';
export { verifyReportFilings } from './filing.verify.ts';
