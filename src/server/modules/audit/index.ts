// The audit module's surface: the ledger checks others (and their tests) may run. It writes nothing.
export { verifyDepreciationLedger } from './depreciation-ledger.queries.ts';
export { verifyLedger } from './ledger.queries.ts';
