import type { z } from 'zod';
import { LIST_KINDS, type ExportRequest, type ListKind, type ListRow } from '../../../shared/reports.contracts.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import type { JobHandler } from '../../platform/jobs/job.runner.ts';
import { writeListXlsx, writeSummaryXlsx, periodText } from './report.excel.ts';
import * as svc from './reports.service.ts';

const PAGE = 5000;

/** Builds a report's Excel file in the background; the scope is the requester's, captured at request time. */
export const reportExportJob: JobHandler = async ({ job, database, progress, filePath }) => {
  const p = job.params as z.infer<typeof ExportRequest> & { actor: Pick<Actor, 'userId' | 'grants' | 'scopes'> };
  const actor = { ...p.actor, username: '', displayName: '', unitId: null, via: 'session' } as Actor;
  const q = database.db;
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
  const kind = p.report as ListKind;
  const first = await svc.list(q, actor, kind, f, 1, 1);
  const total = first.total;
  progress(0, total, '导出中');
  async function* pages(): AsyncIterable<ListRow[]> {
    for (let page = 1; (page - 1) * PAGE < total; page++) yield (await svc.list(q, actor, kind, f, page, PAGE)).items;
  }
  const file = filePath(`${LIST_KINDS[kind][0]}_${periodText(f)}.xlsx`);
  const unitName = f.unitId ? (first.items[0]?.unitName ?? '') : '全部单位';
  await writeListXlsx(file, kind, f, unitName, pages(), first.totals, (n) => progress(n, total));
  return { fileName: file, message: `${total} 项` };
};
