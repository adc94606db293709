import { LIST_KINDS, QUOTA_REPORT, ExportRequest, type ListKind } from '../../../shared/reports.contracts.ts';
import { unitScope } from '../../platform/auth/actor.ts';
import { askerOf, defineJob } from '../../platform/jobs/job.kinds.ts';
import { writeListXlsx, writeSummaryXlsx, periodText } from './report.excel.ts';
import { writeQuotaXlsx } from './quota.excel.ts';
import { quotaReport } from './quota.service.ts';
import * as svc from './reports.service.ts';
import { issuerName } from './summary.queries.ts';

/** Builds a report's Excel file in the background, in the scope of whoever asked (their roles as the job runs). */
export const reportExportJob = defineJob(ExportRequest, async ({ params: p, actor: asker, database, progress, filePath }) => {
  const actor = askerOf(asker);
  const q = database.db;
  // 制表人 on the cover: the person who asked for the file (the actor carries their display name).
  const f = p.filter;
  if (p.report === 'summary' || p.report === 'pack') {
    progress(0, 1, '汇总中');
    if (p.report === 'summary') {
      const view = await svc.summary(q, actor, f);
      const file = filePath(`资产情况表_${periodText(f)}.xlsx`);
      await writeSummaryXlsx(file, view);
      progress(1, 1);
      return { fileName: file, message: `${view.rows.length} 行` };
    }
    const pk = await svc.pack(q, actor, f.to, f.unitId, f.from.slice(5) === '01' && f.to.slice(5) === '12');
    const file = filePath(`资产月报_${periodText(f)}.xlsx`);
    await writeSummaryXlsx(file, pk.summary, pk.annual ? '资产年报' : '资产月报', pk);
    progress(1, 1);
    return { fileName: file };
  }
  if (p.report === 'quota') {
    progress(0, 1, '汇总中');
    const view = await quotaReport(q, actor, { unitId: f.unitId, showAll: p.showAll ?? false });
    const file = filePath(`${QUOTA_REPORT[0]}_${view.asOf}.xlsx`);
    await writeQuotaXlsx(file, view, p.showAll ?? false);
    progress(1, 1);
    return { fileName: file, message: `${view.items.length} 行` };
  }
  const kind = p.report as ListKind;
  const list = await svc.listChunks(q, actor, kind, f);
  progress(0, list.total, '导出中');
  const file = filePath(`${LIST_KINDS[kind][0]}_${periodText(f)}.xlsx`);
  const unitName = await issuerName(q, unitScope(actor, 'report.read'), f.unitId);
  await writeListXlsx(file, kind, f, unitName, list.chunks(), list.totals, (n) => progress(n, list.total));
  return { fileName: file, message: `${list.total} 项` };
});
