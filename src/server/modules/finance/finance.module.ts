import { sql } from 'drizzle-orm';
import type { GongwuModule } from '../../platform/module.ts';
import { query } from '../../platform/db/engine.ts';
import { AppError } from '../../platform/errors.ts';
import { Month } from '../../../shared/finance.contracts.ts';
import { depreciationRoutes } from './depreciation.routes.ts';
import { periodRoutes } from './period.routes.ts';
import { runMonthForUnits } from './depreciation.service.ts';
import { closeMonthForUnits } from './period.service.ts';
import { fenToYuan } from '../../../shared/money.ts';

export const module: GongwuModule = {
  name: 'finance',
  order: 60,
  routes: async (app) => { await depreciationRoutes(app); await periodRoutes(app); },
  jobs: {
    'depreciation.run': async ({ job, database, progress }) => {
      const p = job.params as { month: string; unitIds: string[] };
      const result = await runMonthForUnits(database.db, p.unitIds, p.month, job.createdBy, (done, total, msg) => progress(done, total, msg), p.unitIds.length === 1);
      return { result, message: `${p.month}：${result.units.filter((u) => !u.skipped).length} 个单位已计提` };
    },
  },
  cli(program, ctx) {
    const dep = program.commands.find((c) => c.name() === 'depreciation') ?? program.command('depreciation').description('折旧 depreciation');
    dep.command('run').description('run a month\'s depreciation for every unit, or one (--unit CODE)')
      .requiredOption('--month <YYYY-MM>', 'the month')
      .option('--unit <code>', 'one unit by its code')
      .action(async (o: { month: string; unit?: string }) => {
        const parsed = Month.safeParse(o.month);
        if (!parsed.success) return dep.error(`--month: expected YYYY-MM, got "${o.month}"`);
        const month = parsed.data;
        const { database } = await ctx.open();
        try {
          const units = await query<{ id: string; code: string }>(database.db, sql`
            SELECT id, code FROM units WHERE active ${o.unit ? sql`AND code = ${o.unit}` : sql``} ORDER BY sort, code`);
          if (o.unit && units.length === 0) return dep.error(`--unit: no unit with code ${o.unit}`);
          const started = Date.now();
          const res = await runMonthForUnits(database.db, units.map((u) => u.id), month, null, (done, total, msg) => {
            if (msg) ctx.log(`  [${done}/${total}] ${msg}`);
          }, !!o.unit).catch((err: unknown) => {
            if (err instanceof AppError) dep.error(`${o.unit}: ${err.message}`);
            throw err;
          });
          for (const u of res.units) {
            const code = units.find((x) => x.id === u.unitId)?.code;
            ctx.log(u.skipped ? `${code}: skipped (${u.skipped})` : `${code}: ${u.cardCount} cards, ${fenToYuan(u.totalFen ?? 0)} yuan`);
          }
          ctx.log(`${month}: total ${fenToYuan(res.totalFen)} yuan in ${((Date.now() - started) / 1000).toFixed(1)} s`);
        } finally {
          await database.close();
        }
      });
    dep.command('close').description('close a month (结账) for every unit, or one (--unit CODE); units that cannot close are listed with the reason')
      .requiredOption('--month <YYYY-MM>', 'the month')
      .option('--unit <code>', 'one unit by its code')
      .action(async (o: { month: string; unit?: string }) => {
        const parsed = Month.safeParse(o.month);
        if (!parsed.success) return dep.error(`--month: expected YYYY-MM, got "${o.month}"`);
        const { database } = await ctx.open();
        try {
          const units = await query<{ id: string; code: string }>(database.db, sql`
            SELECT id, code FROM units WHERE active ${o.unit ? sql`AND code = ${o.unit}` : sql``} ORDER BY sort, code`);
          if (o.unit && units.length === 0) return dep.error(`--unit: no unit with code ${o.unit}`);
          const res = await closeMonthForUnits(database.db, null, units.map((u) => u.id), parsed.data, false);
          for (const u of res.units) {
            const code = units.find((x) => x.id === u.unitId)?.code;
            ctx.log(u.closed ? `${code}: ${parsed.data} closed` : `${code}: not closed (${u.skipped})`);
          }
          if (res.units.some((u) => !u.closed)) process.exitCode = 1;
        } finally {
          await database.close();
        }
      });
  },
};
