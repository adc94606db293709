import { BasePayload, defineDocumentType } from './base.ts';

/** 配置申请: category lines checked against the allocation standards, idle items offered first. */
export const configRequest = defineDocumentType({
  code: 'config_request',
  label: ['配置申请', 'Configuration request'],
  prefix: 'PZ',
  lines: 'categories',
  payload: BasePayload,
});
