import { z } from 'zod';
import { IsoDate } from './dates.ts';
import { PageQuery } from './paging.ts';

// 操作日志 (operation log): who changed what, searchable by user, unit, object and date.

export const OPERATION_VIAS = {
  web: ['网页', 'Web'],
  token: ['API 令牌', 'API token'],
  cli: ['命令行', 'Command line'],
  job: ['后台任务', 'Job'],
} as const;
export type OperationVia = keyof typeof OPERATION_VIAS;

export const OperationLogQuery = PageQuery.pick({ page: true, pageSize: true }).extend({
  userId: z.string().uuid().optional(),
  unitId: z.string().uuid().optional(),
  objectType: z.string().max(64).optional(),
  objectId: z.string().max(64).optional(),
  /** Business days (Asia/Shanghai), both included. */
  from: IsoDate.optional(),
  to: IsoDate.optional(),
});
export type OperationLogQuery = z.infer<typeof OperationLogQuery>;

export const OperationLogEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  userId: z.string().nullable(),
  userName: z.string(),
  via: z.string(),
  actingFor: z.string().nullable(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  objectType: z.string(),
  objectId: z.string().nullable(),
  objectLabel: z.string().nullable(),
  action: z.string(),
  changes: z.string().nullable(),
  source: z.string().nullable(),
});
export type OperationLogEntry = z.infer<typeof OperationLogEntry>;

/** A page of entries; `total` stops counting at OPERATION_LOG_COUNT_CAP (then `capped`). */
export const OperationLogPage = z.object({
  items: z.array(OperationLogEntry),
  total: z.number().int(),
  capped: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type OperationLogPage = z.infer<typeof OperationLogPage>;
export const OPERATION_LOG_COUNT_CAP = 10_000;
/** The most rows one Excel export carries. */
export const OPERATION_LOG_EXPORT_MAX = 100_000;
