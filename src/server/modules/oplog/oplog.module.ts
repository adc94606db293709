import type { GongwuModule } from '../../platform/module.ts';
import { oplogBenchCli } from './oplog.bench.ts';
import { oplogRoutes } from './oplog.routes.ts';

/**
 * 操作日志: the search and export of the log every write leaves (the recording itself is the
 * platform's, platform/oplog, so every route, job and command is logged without asking).
 */
export const module: GongwuModule = {
  name: 'oplog',
  order: 85,
  routes: oplogRoutes,
  cli: oplogBenchCli,
};
