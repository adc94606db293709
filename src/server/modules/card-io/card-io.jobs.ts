import fs from 'node:fs';
import path from 'node:path';
import { CardFilter } from '../../../shared/assets.contracts.ts';
import type { ImportResult } from '../../../shared/card-io.contracts.ts';
import { z } from 'zod';
import { defineJob } from '../../platform/jobs/job.kinds.ts';
import { exportCards } from './card-export.service.ts';
import { importCards } from './card-import.service.ts';
import { businessToday } from '../../platform/clock.ts';

const stamp = () => businessToday().replace(/-/g, '');

/** 'cards.import': the upload lies beside the job's files; a rejected file ends 'failed' with its report. */
export const importJob = defineJob(z.object({ unitId: z.string().uuid(), upload: z.string().min(1) }), async (ctx) => {
  const { params } = ctx;
  const upload = path.join(path.dirname(ctx.filePath('x')), path.basename(params.upload));
  try {
    const outcome = await importCards(ctx.database, {
      file: upload,
      unitId: params.unitId,
      actorId: ctx.job.createdBy,
      documentId: ctx.job.id,
      reportFile: ctx.filePath('导入错误报告.xlsx'),
      progress: ctx.progress,
    });
    const { allErrors: _all, reportFile, ...result } = outcome;
    if (!result.ok) {
      return {
        failed: true,
        result: result satisfies ImportResult,
        fileName: reportFile ?? undefined,
        message: `导入被拒绝：${result.errorCount} 处错误，未写入任何数据`,
      };
    }
    return {
      result: result satisfies ImportResult,
      message: `已导入 ${result.imported} 张卡片（${result.firstCardNo} – ${result.lastCardNo}）`,
    };
  } finally {
    fs.rmSync(upload, { force: true });
  }
});

/** 'cards.export': the filter and the scope were fixed when the job was started. */
const Scope = z.union([z.literal('all'), z.array(z.string().uuid())]);
export const exportJob = defineJob(z.object({ filter: CardFilter, scope: Scope }), async (ctx) => {
  const { filter, scope } = ctx.params;
  const file = ctx.filePath(`资产卡片-${stamp()}.xlsx`);
  const { rows } = await exportCards(ctx.database.db, file, filter, scope, (n, total) =>
    ctx.progress(n, total, `已导出 ${n} / ${total} 行`),
  );
  return { fileName: file, result: { rows }, message: `已导出 ${rows} 张卡片` };
});
