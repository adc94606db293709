import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { GongwuModule } from '../../platform/module.ts';
import { defineJob } from '../../platform/jobs/job.kinds.ts';
import { query, type Database } from '../../platform/db/engine.ts';
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
  routes: async (app) => {
    await depreciationRoutes(app);
    await periodRoutes(app);
  },
  jobs: {
    'depreciation.run': defineJob(
      z.object({ month: Month, unitIds: z.array(z.string().uuid()) }),
      async ({ job, params: p, database, progress }) => {
        const result = await runMonthForUnits(
          database.db,
          p.unitIds,
          p.month,
          job.createdBy,
          (done, total, msg) => progress(done, total, msg),
          p.unitIds.length === 1,
        );
        return { result, message: `${p.month}：${result.units.filter((u) => !u.skipped).length} 个单位已计提` };
      },
    ),
  },
  cli(program, ctx) {
    const dep =
      program.commands.find((c) => c.name() === 'depreciation') ?? program.command('depreciation').description('折旧 depreciation');
    /** The month and the units (every active one, or the one --unit names) a command acts on, on an open database. */
    const monthCommand = (
      name: string,
      description: string,
      act: (db: Database, month: string, units: { id: string; code: string }[], one: boolean) => Promise<void>,
    ) =>
      dep
        .command(name)
        .description(description)
        .requiredOption('--month <YYYY-MM>', 'the month')
        .option('--unit <code>', 'one unit by its code')
        .action(async (o: { month: string; unit?: string }) => {
          const parsed = Month.safeParse(o.month);
          if (!parsed.success) return dep.error(`--month: expected YYYY-MM, got "${o.month}"`);
          const { database } = await ctx.open();
          try {
            const units = await query<{ id: string; code: string }>(
              database.db,
              sql`
              SELECT id, code FROM units WHERE active ${o.unit ? sql`AND code = ${o.unit}` : sql``} ORDER BY sort, code`,
            );
            if (o.unit && units.length === 0) return dep.error(`--unit: no unit with code ${o.unit}`);
            await act(database, parsed.data, units, !!o.unit);
          } finally {
            await database.close();
          }
        });
    const codeOf = (units: { id: string; code: string }[], id: string) => units.find((x) => x.id === id)?.code;

    monthCommand('run', "run a month's depreciation for every unit, or one (--unit CODE)", async (database, month, units, one) => {
      const started = Date.now();
      const res = await runMonthForUnits(
        database.db,
        units.map((u) => u.id),
        month,
        null,
        (done, total, msg) => {
          if (msg) ctx.log(`  [${done}/${total}] ${msg}`);
        },
        one,
      ).catch((err: unknown) => {
        if (err instanceof AppError) dep.error(`${units[0]?.code}: ${err.message}`);
        throw err;
      });
      for (const u of res.units) {
        ctx.log(
          u.skipped
            ? `${codeOf(units, u.unitId)}: skipped (${u.skipped})`
            : `${codeOf(units, u.unitId)}: ${u.cardCount} cards, ${fenToYuan(u.totalFen ?? 0)} yuan`,
        );
      }
      ctx.log(`${month}: total ${fenToYuan(res.totalFen)} yuan in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
    monthCommand(
      'close',
      'close a month (结账) for every unit, or one (--unit CODE); units that cannot close are listed with the reason',
      async (database, month, units) => {
        const res = await closeMonthForUnits(
          database.db,
          null,
          units.map((u) => u.id),
          month,
          false,
        );
        for (const u of res.units)
          ctx.log(u.closed ? `${codeOf(units, u.unitId)}: ${month} closed` : `${codeOf(units, u.unitId)}: not closed (${u.skipped})`);
        if (res.units.some((u) => !u.closed)) process.exitCode = 1;
      },
    );
  },
};
