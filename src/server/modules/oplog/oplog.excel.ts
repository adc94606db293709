// The operation log as an auditor files it: one row per entry, times in Beijing time.
import ExcelJS from 'exceljs';
import { OPERATION_VIAS, type OperationLogEntry, type OperationVia } from '../../../shared/oplog.contracts.ts';
import { businessClock } from '../../platform/clock.ts';

const beijing = (iso: string) => businessClock(new Date(iso)).dateTime;

export async function operationLogXlsx(rows: OperationLogEntry[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('操作日志');
  ws.columns = [
    { header: '时间', width: 20 },
    { header: '操作人', width: 14 },
    { header: '途径', width: 10 },
    { header: '代理/经由', width: 22 },
    { header: '单位', width: 22 },
    { header: '对象类型', width: 14 },
    { header: '对象', width: 22 },
    { header: '操作', width: 16 },
    { header: '变更内容', width: 48 },
    { header: '来源', width: 36 },
  ];
  ws.insertRow(1, [title]);
  ws.mergeCells(1, 1, 1, 10);
  ws.getRow(1).font = { bold: true, size: 14 };
  ws.getRow(2).font = { bold: true };
  for (const r of rows) {
    ws.addRow([
      beijing(r.at),
      r.userName,
      OPERATION_VIAS[r.via as OperationVia]?.[0] ?? r.via,
      r.actingFor ?? '',
      r.unitName ?? '',
      r.objectType,
      r.objectLabel ?? r.objectId ?? '',
      r.action,
      r.changes ?? '',
      r.source ?? '',
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
