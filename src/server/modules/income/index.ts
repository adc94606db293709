// The income module's surface: reports read income through incomeByUnitSql (per unit and source, or
// kind, over a period: opening, received, turned over, closing, overdue) and incomeReport; the pool
// reads what one document has turned over through turnedOverFenSql. Turnovers are written only
// through its own route (recordTurnover, the unit's finance officer); the surface leaves the write out
// so that reading income never pulls in the books (finance reads reports).
export { incomeByUnitSql, incomeReport, turnedOverFenSql } from './income.queries.ts';
