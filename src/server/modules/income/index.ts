// The income module's surface. Reports read income through incomeByUnitSql (per unit and source over
// a period: opening, received, turned over, closing, overdue); turnovers are written only by
// recordTurnover (the unit's finance officer).
export { incomeByUnitSql, incomeReport } from './income.queries.ts';
export { recordTurnover } from './income.service.ts';
