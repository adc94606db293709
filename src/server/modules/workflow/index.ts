// The workflow module's surface: the inbox rule and the quota holdings the reports use.
// Documents change only through workflow's routes.
export { inboxWhere } from './approval.service.ts';
export { quotaHoldings } from './standard.queries.ts';
export { addMonths } from './workflow.rules.ts';
export { submitDocument } from './approval.service.ts';
export { createDocument } from './document.service.ts';
export { executeDecidedDocument, executePoolLoan, executeReallocation, openDocumentsOf, returnPoolLoan } from './reallocation.service.ts';
export { documentListWhere } from './document.queries.ts';
export { checkConfigLines, idleOffers, POOL_MATCH_WALK } from './standard.check.ts';
// Income recorded on executed documents, tracked by the income module until turned over (docs/domain.md §4a).
export { documentIncomeSql, lockIncomeDocument, noteIncomeTurnover } from './document.income.ts';
