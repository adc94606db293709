import type { GongwuModule } from '../../platform/module.ts';
import { DEPRECIATION_LEDGER_PROBLEMS, LEDGER_PROBLEMS, REPORT_LEDGER_PROBLEMS } from '../../../shared/assets.contracts.ts';
import { auditRoutes } from './audit.routes.ts';
import { verifyLedger } from './ledger.queries.ts';

/** The auditor's tools: verification of the tamper-evident card ledger. */
export const module: GongwuModule = {
  name: 'audit',
  order: 80,
  routes: auditRoutes,
  cli(program, ctx) {
    const audit = program.commands.find((c) => c.name() === 'audit') ?? program.command('audit').description('内审 audit');
    audit
      .command('verify')
      .description('verify every card ledger hash chain; exit code 1 if any card fails')
      .action(async () => {
        const { database } = await ctx.open();
        try {
          const res = await verifyLedger(database.db, { maxFailures: 100_000 });
          ctx.log(
            `Checked ${res.checkedEvents} events of ${res.checkedCards} cards, ${res.depreciation.checkedEntries} depreciation entries and ${res.reports?.checkedFilings ?? 0} locked reports in ${(res.durationMs / 1000).toFixed(1)} s.`,
          );
          if (res.ok) {
            ctx.log('OK: every card ledger chain, the depreciation ledger and the locked reports are intact.');
            return;
          }
          if (res.failedCards)
            ctx.log(
              `FAILED: ${res.failedCards} card(s) — altered ${res.counts.altered}, removed ${res.counts.removed}, reordered ${res.counts.reordered}.`,
            );
          for (const f of res.failures) {
            ctx.log(
              `  ${f.cardNo ?? f.cardId}  from seq ${f.firstBadSeq ?? '?'}: ${f.problems.map((p) => `${p} (${LEDGER_PROBLEMS[p][0]})`).join(', ')}`,
            );
          }
          if (res.depreciation.failures.length) ctx.log(`FAILED: ${res.depreciation.failures.length} depreciation ledger problem(s).`);
          for (const f of res.depreciation.failures) {
            ctx.log(
              `  ${f.month}  ${f.cardNo ?? f.cardId ?? `unit ${f.unitId}`}: ${f.problem} (${DEPRECIATION_LEDGER_PROBLEMS[f.problem][0]})`,
            );
          }
          const bad = res.reports?.failures ?? [];
          if (bad.length) ctx.log(`FAILED: ${bad.length} locked report problem(s).`);
          for (const f of bad) ctx.log(`  report ${f.month} of unit ${f.unitId}: ${f.problem} (${REPORT_LEDGER_PROBLEMS[f.problem][0]})`);
          process.exitCode = 1;
        } finally {
          await database.close();
        }
      });
  },
};
