import { BasePayload, defineDocumentType } from './base.ts';
import { CATEGORY_COLUMNS } from './sheet.ts';

/** 配置申请: category lines checked against the allocation standards, idle items offered first. */
export const configRequest = defineDocumentType({
  code: 'config_request',
  label: ['配置申请', 'Configuration request'],
  prefix: 'PZ',
  lines: 'categories',
  payload: BasePayload,
  // Each line with the standard it was held against and the idle/pool match outcome (docs/domain.md §5, §11).
  sheet: {
    fields: [],
    columns: [
      ...CATEGORY_COLUMNS,
      { key: 'standard', label: ['配置标准', 'Standard'] },
      { key: 'poolOutcome', label: ['闲置/公物仓匹配', 'Idle and pool match'] },
      { key: 'reason', label: ['理由', 'Reason'] },
    ],
  },
});
