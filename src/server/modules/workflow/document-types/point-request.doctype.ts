import { pointRequest as spec } from '../../../../shared/document-types/point-request.doctype.ts';
import { invalid } from '../../../platform/errors.ts';
import { applyPointRequest, checkPointRequest, type PointRequestLine } from '../../machinerooms/index.ts';
import { defineHandler, type FieldErrors, type LineRow, unitStep } from './doctype.ts';

const requestLines = (lines: LineRow[]): PointRequestLine[] =>
  lines.map((l) => ({
    code: l.name ?? '',
    officeRoomId: (l.details as { forRoomId?: string }).forRoomId ?? null,
    officePort: l.spec,
  }));

/**
 * 信息点申请: install, move or remove information points of the entrusted machine rooms. The points
 * are checked on submission (a spare point to install, the unit's own to move or remove) and again
 * when executed, which changes them (machinerooms' applyPointRequest).
 */
export const pointRequest = defineHandler<'point_request'>({
  spec,
  checks: ({ payload: p, lines }): FieldErrors => {
    const f: FieldErrors = {};
    if (!p.action) f['payload.action'] = '请选择申请事项（开通、移机或拆除）';
    if (p.action !== 'remove')
      lines.forEach((l, i) => {
        if (!l.forRoomId) f[`lines.${i}.forRoomId`] = '请选择办公室';
      });
    return f;
  },
  submitChecks: async (tx, doc, lines) => {
    const { problems } = await checkPointRequest(tx, doc.unitId, doc.payload.action ?? 'install', requestLines(lines));
    const f = Object.fromEntries(Object.entries(problems).map(([i, m]) => [`lines.${i}.name`, m]));
    if (Object.keys(f).length) throw invalid(f, Object.values(f)[0]);
    return {};
  },
  execute: ({ tx, actor, doc, lines }) =>
    applyPointRequest(tx, actor, {
      unitId: doc.unitId,
      docNo: doc.docNo,
      action: doc.payload.action ?? 'install',
      vlan: doc.payload.vlan ?? null,
      lines: requestLines(lines),
    }),
  chainDefaults: [
    unitStep('unit_admin', '单位资产管理员确认'),
    { role: 'asset_office', scope: 'committee', label: '管委会资产管理处审核（机房运维）', condition: {} },
  ],
});
