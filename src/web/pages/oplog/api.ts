// The operation log's call over the typed client (src/web/api/client.ts). The Excel export is a plain
// link to /api/operation-log.xlsx with the same filter.
import { http, ok, type QueryParams } from '../../api/client.ts';

export type OperationLogQuery = QueryParams<'/api/operation-log', 'get'>;

export const searchOperationLog = (query: OperationLogQuery) => ok(http.GET('/api/operation-log', { params: { query } }));
