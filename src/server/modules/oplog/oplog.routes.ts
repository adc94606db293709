import { OPERATION_LOG_EXPORT_MAX, OperationLogPage, OperationLogQuery } from '../../../shared/oplog.contracts.ts';
import { logSecurityEvent } from '../../platform/auth/security-log.ts';
import { businessToday } from '../../platform/clock.ts';
import type { App } from '../../platform/http/types.ts';
import { operationLogXlsx } from './oplog.excel.ts';
import { operationLogRows, searchOperationLog } from './oplog.queries.ts';

const tags = ['operation-log'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function oplogRoutes(app: App) {
  app.get(
    '/api/operation-log',
    {
      config: { access: 'oplog.read' },
      schema: {
        tags,
        summary: '操作日志（按用户、单位、对象、日期查询）',
        querystring: OperationLogQuery,
        response: { 200: OperationLogPage },
      },
    },
    async (req) => searchOperationLog(app.database.db, req.actor, req.query),
  );

  app.get(
    '/api/operation-log.xlsx',
    {
      config: { access: 'oplog.read' },
      schema: { tags, summary: `导出操作日志（Excel，至多 ${OPERATION_LOG_EXPORT_MAX} 行）`, querystring: OperationLogQuery },
    },
    async (req, reply) => {
      const rows = await operationLogRows(app.database.db, req.actor, req.query, OPERATION_LOG_EXPORT_MAX);
      const buf = await operationLogXlsx(rows, `操作日志（导出于 ${businessToday()}，${rows.length} 条）`);
      await logSecurityEvent(app.database.db, {
        kind: 'export',
        userId: req.actor.userId,
        username: req.actor.username,
        ip: req.ip,
        details: { what: 'operation_log', rows: rows.length, filters: req.query },
      });
      reply.header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`操作日志-${businessToday()}.xlsx`)}`);
      return reply.type(XLSX).send(buf);
    },
  );
}
