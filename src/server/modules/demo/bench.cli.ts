import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../app.ts';
import type { Actor } from '../../platform/auth/actor.ts';
import { loadConfig } from '../../platform/config.ts';
import { query } from '../../platform/db/engine.ts';
import { loadModules, type CliContext } from '../../platform/module.ts';
import {
  BENCH_PASSWORD,
  createBenchCustodian,
  createBenchUsers,
  openFreshBenchDatabase,
  withoutSecondaryIndexes,
} from './bench.database.ts';
import { benchTakeoverMonth, FINANCE_TARGETS, financeScenarios, type FinanceMeasured } from './bench.finance.ts';
import { REPORT_SET_TARGETS, reportSetMarkdown, reportSetScenarios } from './bench.reportset.ts';
import { WORKSPACE_TARGETS, workspaceScenarios } from './bench.workspace.ts';
import { CARD_PAGE_TARGETS, cardPageScenarios } from './bench.cardpage.ts';
import { BULK_TARGETS, bulkMarkdown, bulkScenarios, type BulkMeasured } from './bench.bulk.ts';
import { ioScenarios, markdown, readScenarios, TARGETS, type IoMeasured } from './bench.scenarios.ts';
import { generateCards } from './card-generator.ts';
import { declareTakeover } from '../finance/index.ts';
import { runLoad } from './bench.load.ts';
import { COUNT_TARGETS, countScenarios, type CountMeasured } from './bench.counts.ts';
import { SHARING_TARGETS, sharingMarkdown, sharingScenarios, type SharingMeasured } from './bench.sharing.ts';
import { POOL_TARGETS, poolMarkdown, poolScenarios, type PoolMeasured } from './bench.pool.ts';

interface BenchOptions {
  cards: string;
  engineUrl?: string;
  runs: string;
  eventsPerCard: string;
  importRows: string;
  io: boolean;
  finance: boolean;
  counts: boolean;
  sharing: boolean;
  resources: string;
  bookingDays: string;
  pool: boolean;
  reportSet: boolean;
  bulk: boolean;
  listings: string;
  months: string;
  reads: boolean;
  overStandard: boolean;
  database?: string;
  out?: string;
  reuse?: boolean;
  dir?: string;
}

/**
 * `gongwu bench`: a fresh database (PostgreSQL `gongwu_bench` when a URL is given or DATABASE_URL
 * is set, otherwise PGlite in a temporary folder), the demo organisation and catalogue, N generated
 * cards with their ledgers, then timed reads through the API and beside them the same queries
 * without HTTP, then a year of monthly depreciation (its last month timed, with a re-run), the
 * asset summary of those twelve months and its Excel file, then import and export. Prints JSON and
 * markdown tables with the targets per engine.
 */
async function runBench(o: BenchOptions, log: (m: string) => void) {
  const cards = Math.max(1, Number(o.cards));
  const runs = Math.min(500, Math.max(5, Number(o.runs)));
  const url = o.engineUrl ?? process.env.DATABASE_URL ?? undefined;
  const started = Date.now();
  const { database, where, cleanup } = await openFreshBenchDatabase(url, log, { reuse: !!o.reuse, dir: o.dir, name: o.database });
  const engine = database.engine;
  log(`Benchmark on ${where}: ${cards.toLocaleString('en')} cards on ${os.cpus().length} cores`);
  try {
    let gen: { cards: number; events: number };
    let generateSeconds: number | null = null;
    if (o.reuse) {
      // The data of an earlier run (its schema as it was; the finance scenarios depreciate the months after its last run).
      [gen] = await query<{ cards: number; events: number }>(
        database.db,
        sql`SELECT (SELECT count(*) FROM cards)::int AS cards, (SELECT count(*) FROM card_events)::int AS events`,
      );
      log(`Reusing ${gen.cards.toLocaleString('en')} cards and ${gen.events.toLocaleString('en')} events`);
    } else {
      for (const mod of await loadModules()) {
        if (mod.seedDemo && (mod.name === 'org' || mod.name === 'catalog')) await mod.seedDemo(database, log, { scale: 'demo' });
      }
      const t0 = Date.now();
      const takeoverMonth = benchTakeoverMonth(Number(o.months));
      gen = await withoutSecondaryIndexes(
        database.db,
        ['cards', 'card_search', 'card_events'],
        () =>
          generateCards(database.db, {
            cards,
            eventsPerCard: Number(o.eventsPerCard),
            batchSize: engine === 'postgres' ? 100_000 : 50_000,
            log,
            takeoverMonth,
          }),
        log,
      );
      // The books are taken over part-depreciated (期初建账) as of the month before the runs begin.
      await declareTakeover(
        database.db,
        (await query<{ id: string }>(database.db, sql`SELECT DISTINCT unit_id AS id FROM cards`)).map((u) => u.id),
        takeoverMonth,
      );
      generateSeconds = Math.round((Date.now() - t0) / 1000);
      log(`Generated ${gen.cards.toLocaleString('en')} cards and ${gen.events.toLocaleString('en')} events in ${generateSeconds} s`);
    }

    // The unit user is the largest unit's: the most a unit's search has to sift.
    const [unit] = await query<{ id: string }>(
      database.db,
      sql`SELECT unit_id AS id FROM cards GROUP BY unit_id ORDER BY count(*) DESC, unit_id LIMIT 1`,
    );
    const users = await createBenchUsers(database.db, unit.id);
    const config = loadConfig({}, { dataDir: 'memory://', webDir: '/nonexistent', logLevel: 'warn' });
    const { app } = await buildApp(config, database, { logger: false, startJobs: false });
    await app.ready();
    const signIn = async (username: string) => {
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: BENCH_PASSWORD } });
      if (login.statusCode !== 200) throw new Error(`bench sign-in failed: ${login.statusCode} ${login.body}`);
      return login.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
    };
    const cookie = await signIn('bench-office');
    const office: Actor = {
      userId: users.office,
      username: 'bench-office',
      displayName: 'bench-office',
      unitId: null,
      grants: [{ role: 'asset_office', unitId: null }],
      via: 'session',
    };
    const unitUser = {
      cookie: await signIn('bench-unit'),
      actor: {
        userId: users.unitAdmin,
        username: 'bench-unit',
        displayName: 'bench-unit',
        unitId: unit.id,
        grants: [{ role: 'unit_admin', unitId: unit.id }],
        via: 'session',
      } satisfies Actor,
    };
    log('Timing reads…');
    const reads = o.reads
      ? await readScenarios({ app, database, cookie, office, unitUser, runs, targets: TARGETS[engine], overStandard: o.overStandard })
      : [];
    if (o.reads) {
      log('Timing the workspace…');
      const custodian = (await createBenchCustodian(database.db, unit.id)) ? await signIn('bench-custodian') : null;
      reads.push(
        ...(await workspaceScenarios(app, { office: cookie, unitAdmin: unitUser.cookie, custodian }, runs, WORKSPACE_TARGETS[engine])),
      );
      log('Timing 200-row card pages…');
      reads.push(...(await cardPageScenarios(app, { office: cookie, unitAdmin: unitUser.cookie }, runs, CARD_PAGE_TARGETS[engine])));
      for (const r of reads.slice(-6)) log(`  ${r.scenario}: p95 ${r.p95} ms (target ${r.target} ms)`);
    }
    const finance: FinanceMeasured[] = o.finance
      ? await financeScenarios(database, office, FINANCE_TARGETS[engine], Number(o.months), log)
      : [];
    const io: IoMeasured[] = o.io
      ? await ioScenarios(database, Number(o.importRows), log)
      : [{ scenario: 'import / export', rows: null, seconds: null, peakRssMb: null, note: 'not measured (--no-io)' }];
    const counts: CountMeasured[] = o.counts ? await countScenarios(database, office, COUNT_TARGETS[engine], log) : [];
    for (const c of counts) log(`  ${c.scenario}: ${c.seconds} s (target ${c.target ?? '—'} s)${c.note ? `; ${c.note}` : ''}`);
    const sharing: SharingMeasured[] = o.sharing
      ? await sharingScenarios(
          database,
          { resources: Number(o.resources), days: Number(o.bookingDays), runs, bursts: 5, targets: SHARING_TARGETS[engine] },
          log,
        )
      : [];
    const bulk: BulkMeasured[] = o.bulk
      ? await bulkScenarios(app, database, { id: unit.id, cookie: unitUser.cookie }, BULK_TARGETS[engine], log)
      : [];
    const pool: PoolMeasured[] = o.pool ? await poolScenarios(database, office, POOL_TARGETS[engine], runs, Number(o.listings), log) : [];
    const reportSet: FinanceMeasured[] = o.reportSet ? await reportSetScenarios(database, REPORT_SET_TARGETS[engine], log) : [];
    for (const r of reportSet) log(`  ${r.scenario}: ${r.seconds} s (target ${r.target} s)`);
    await app.close();

    const result = {
      engine,
      where: where.replace(/ \/tmp\/.*$/, ' (temporary folder)'),
      cores: os.cpus().length,
      node: process.version,
      cards: gen.cards,
      events: gen.events,
      generateSeconds,
      totalSeconds: Math.round((Date.now() - started) / 1000),
      date: new Date().toISOString(),
      reads,
      finance,
      io,
      counts,
      sharing,
      pool,
      reportSet,
      bulk,
    };
    const countTable = counts.length
      ? [
          `| count scenario (${engine}) | seconds | target s | note |`,
          '| --- | ---: | ---: | --- |',
          ...counts.map(
            (c) =>
              `| ${c.scenario} | ${c.seconds} | ${c.target === null ? '—' : `${c.target} ${c.seconds <= c.target ? '✓' : '✗'}`} | ${c.note ?? ''} |`,
          ),
        ].join('\n')
      : '';
    const table = [
      markdown(engine, gen.cards, gen.events, reads, io, finance),
      countTable,
      sharing.length ? sharingMarkdown(engine, sharing) : '',
      poolMarkdown(pool),
      reportSetMarkdown(engine, reportSet),
      bulkMarkdown(engine, bulk),
    ]
      .filter(Boolean)
      .join('\n\n');
    console.log(JSON.stringify(result, null, 2));
    console.log(`\n${table}\n`);
    const outFile = o.out ?? path.join('bench', 'results', `${engine}-${gen.cards}.json`);
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    fs.writeFileSync(outFile, JSON.stringify({ ...result, table }, null, 2));
    log(`Wrote ${outFile}`);
  } finally {
    await database.close();
    await cleanup();
  }
}

export function benchCli(program: Command, ctx: CliContext) {
  program
    .command('bench')
    .description(
      'generate N cards with ledgers in a fresh database and time list, search, card page, depreciation, asset summary, import and export',
    )
    .option('--cards <n>', 'number of cards to generate', '1000000')
    .option(
      '--engine-url <url>',
      'PostgreSQL server to create the fresh --database on (default: DATABASE_URL, else PGlite in a temp folder)',
    )
    .option('--runs <n>', 'timed requests per scenario', '30')
    .option('--events-per-card <n>', 'average ledger events per card', '5')
    .option('--import-rows <n>', 'rows in the import file', '100000')
    .option('--no-reads', 'skip the list, search and card page scenarios')
    .option('--no-over-standard', 'skip the over-standard list among the reads')
    .option('--no-io', 'skip the import and export scenarios')
    .option('--no-counts', 'skip the physical count scenarios (start over every card, a 5,000-scan sync, a burst, the result, the close)')
    .option('--no-sharing', 'skip the bookings scenarios (week grid over --resources rooms with a year of bookings, a request, bursts)')
    .option('--resources <n>', 'bookable rooms for the bookings scenarios', '200')
    .option('--booking-days <n>', 'days of bookings for the bookings scenarios, half before today', '365')
    .option('--no-pool', 'skip the idle pool scenarios (catalogue search, matching a configuration line, the evaluation of every unit)')
    .option('--listings <n>', 'pool listings to seed for the pool scenarios', '50000')
    .option('--no-report-set', 'skip the monthly report set scenarios (each table of last month for every unit, and its workbook)')
    .option('--no-bulk', 'skip the bulk action scenario (10,000 ticked cards of the largest unit: confirmation, then the drafts)')
    .option('--no-finance', 'skip the depreciation run, its re-run, the asset summary and its Excel export')
    .option(
      '--months <n>',
      'months of depreciation to run, all units, month by month; the last is timed with its re-run, then the summary of the twelve months ending with it',
      '12',
    )
    .option(
      '--reuse',
      'no generation: the database of an earlier run (PostgreSQL --database, or the PGlite --dir); the finance scenarios depreciate its next --months months',
    )
    .option('--database <name>', 'PostgreSQL: the database to create (or reuse) on the server', 'gongwu_bench')
    .option('--dir <folder>', 'PGlite: keep the database in this folder (for --reuse) instead of a temporary one')
    .option('--out <file>', 'where to write the JSON result (default bench/results/<engine>-<cards>.json)')
    .option(
      '--load',
      "instead: the demo, a server in a child process and --clients signed-in clients for --seconds with an office's mix (bench.load.ts)",
    )
    .option('--clients <n>', 'with --load: concurrent clients', '50')
    .option('--seconds <n>', 'with --load: duration', '60')
    .option(
      '--per-kind <n>',
      "with --load: first each kind of the mix n times, one request at a time, with the server's and PostgreSQL's CPU per request of each",
    )
    .action((o: BenchOptions & { load?: boolean; clients: string; seconds: string; perKind?: string }) =>
      o.load
        ? runLoad(
            {
              clients: Number(o.clients),
              seconds: Number(o.seconds),
              url: o.engineUrl ?? process.env.DATABASE_URL ?? undefined,
              out: o.out,
              // --database's default names the scale benchmark's database; the load scenario keeps its own.
              database: o.database === 'gongwu_bench' ? undefined : o.database,
              dir: o.dir,
              reuse: o.reuse,
              perKind: o.perKind ? Number(o.perKind) : undefined,
            },
            ctx.log,
          ).then(() => undefined)
        : runBench(o, ctx.log),
    );
}
