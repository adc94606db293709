// The standards module's surface: the standards in force (rows for the pure rule in
// shared/standard.rules.ts) and the same rule as SQL fragments for the reports and the quota query.
export { standardsInForce } from './standard.service.ts';
export {
  anyCapBelowSql,
  cardOverCoverSql,
  cardOverStandardSql,
  coversItemSql,
  overCapSql,
  standardsInForceSql,
} from './standard.queries.ts';
export { checkItem, type ItemCheck, type ItemTarget, staffRankAndRoomArea } from './standard.check.ts';
export { type StandardItem, standardAckNote, standardAckNotes } from './standard.ack.ts';
export { type QuotaHolding, quotaHoldings } from './standard.holdings.ts';
