// `gongwu sharing bench`: the bookings' scale scenarios alone, on a fresh database of their own
// (the same scenarios `gongwu bench` runs on its database; see demo/bench.sharing.ts).
import os from 'node:os';
import type { Command } from 'commander';
import type { CliContext } from '../../platform/module.ts';
import { loadModules } from '../../platform/module.ts';
import { openFreshBenchDatabase, SHARING_TARGETS, sharingMarkdown, sharingScenarios } from '../demo/index.ts';

interface Options {
  resources: string;
  days: string;
  runs: string;
  bursts: string;
  engineUrl?: string;
}

export function sharingBenchCli(program: Command, ctx: CliContext) {
  const cmd = program.commands.find((c) => c.name() === 'sharing') ?? program.command('sharing').description('共享设施 shared facilities');
  cmd
    .command('bench')
    .description('time the week grid over N resources with a year of bookings, a booking request, and parallel bursts at one slot')
    .option('--resources <n>', 'bookable rooms', '200')
    .option('--days <n>', 'days of bookings, half before today and half after', '365')
    .option('--runs <n>', 'timed calls per scenario', '30')
    .option('--bursts <n>', 'bursts of 100 parallel requests for one slot', '5')
    .option('--engine-url <url>', 'PostgreSQL server (drops and creates gongwu_bench_sharing); default: PGlite in a temporary folder')
    .action(async (o: Options) => {
      const url = o.engineUrl ?? process.env.DATABASE_URL ?? undefined;
      const { database, where, cleanup } = await openFreshBenchDatabase(url, ctx.log, { reuse: false, name: 'gongwu_bench_sharing' });
      try {
        for (const mod of await loadModules()) if (mod.name === 'org') await mod.seedDemo?.(database, ctx.log, { scale: 'small' });
        ctx.log(`Sharing benchmark on ${where}, ${os.cpus().length} cores`);
        const rows = await sharingScenarios(
          database,
          {
            resources: Number(o.resources),
            days: Number(o.days),
            runs: Number(o.runs),
            bursts: Number(o.bursts),
            targets: SHARING_TARGETS[database.engine],
          },
          ctx.log,
        );
        console.log(JSON.stringify({ engine: database.engine, sharing: rows }, null, 2));
        console.log(`\n${sharingMarkdown(database.engine, rows)}\n`);
        if (!rows[3].note?.includes('✓')) process.exitCode = 1;
      } finally {
        await database.close();
        await cleanup();
      }
    });
}
