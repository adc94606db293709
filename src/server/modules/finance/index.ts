// The finance module's surface: month runs, closing and takeover (writes), and the month arithmetic
// (rules). Runs, entries and the books change only through these.

// Writes
export { type MonthRunResult, runMonth, runMonthForUnits, unitsToRun } from './depreciation.service.ts';
export { closeMonthForUnits } from './period.service.ts';
export { declareTakeover } from './takeover.service.ts';
// Reads
export { previewCharges } from './depreciation.charges.ts';
// Rules
export { monthFromIndex, monthIndex } from './depreciation.rules.ts';
export { booksOf, firstOpenMonth } from './period.service.ts';
