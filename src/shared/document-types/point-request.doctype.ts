import { z } from 'zod';
import { BasePayload, defineDocumentType } from './base.ts';

/** What a point request asks: open a spare point, move a point to another office, or free it. */
export const POINT_REQUEST_ACTIONS = {
  install: ['开通', 'Install'],
  move: ['移机', 'Move'],
  remove: ['拆除', 'Remove'],
} as const;
export type PointRequestAction = keyof typeof POINT_REQUEST_ACTIONS;

/**
 * 信息点申请 (docs/domain.md §11): a unit asks the committee to install, move or remove information
 * points of the entrusted machine rooms. One line per point: its code (`name`), the office it is to
 * serve (`forRoomId`, `spec`: the office port); executing it changes the points.
 */
export const pointRequest = defineDocumentType({
  code: 'point_request',
  label: ['信息点申请', 'Information point request'],
  prefix: 'XD',
  lines: 'items',
  payload: BasePayload.extend({
    action: z.enum(Object.keys(POINT_REQUEST_ACTIONS) as [PointRequestAction, ...PointRequestAction[]]).optional(),
    vlan: z.number().int().min(1).max(4094).optional(),
  }),
  sheet: {
    fields: [
      { key: 'action', label: ['申请事项', 'Request'], format: POINT_REQUEST_ACTIONS },
      { key: 'vlan', label: ['VLAN', 'VLAN'] },
    ],
    columns: [
      { key: 'name', label: ['信息点编号', 'Point'] },
      { key: 'spec', label: ['办公室端口', 'Office port'] },
      { key: 'reason', label: ['理由', 'Reason'] },
    ],
  },
});
