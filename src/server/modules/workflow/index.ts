// The workflow module's surface: the standards' read fragments the reports use. Documents change
// only through workflow's routes.
export { anyCapBelowSql, coveringStandardSql, quotaHoldings } from './standard.queries.ts';
