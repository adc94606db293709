// The operation log's public surface: recording is the platform's (platform/oplog); this module searches it.
export { searchOperationLog } from './oplog.queries.ts';
