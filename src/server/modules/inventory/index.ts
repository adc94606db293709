// The inventory module's surface: what other modules may use. Everything not exported here is private.
export { closeCount } from './count-close.service.ts';
export { countResult } from './count-result.queries.ts';
export { countSheet, recordScans } from './count-scan.service.ts';
export { countVisible, countsAssignedWhere, planCount, startCount } from './count.service.ts';
