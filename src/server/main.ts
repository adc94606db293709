import fs from 'node:fs';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { Command } from 'commander';
import { buildApp } from './app.ts';
import { loadConfig } from './platform/config.ts';
import { openDatabase, type Database } from './platform/db/engine.ts';
import { migrate } from './platform/db/migrate.ts';
import { backupDatabase, restoreDatabase } from './platform/db/backup.ts';
import { loadModules, type CliContext } from './platform/module.ts';
import { seedDemo } from './seed.ts';

const log = (msg: string) => console.log(msg);
// 'small' (a few records per unit) makes a quick database for the browser suite and trials.
const demoScale = (): 'demo' | 'small' => (process.env.GONGWU_DEMO_SCALE === 'small' ? 'small' : 'demo');

async function open(): Promise<{ config: ReturnType<typeof loadConfig>; database: Database }> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log });
  await migrate(database);
  return { config, database };
}

async function serve(opts: { seed: boolean; build: boolean }) {
  const config = loadConfig();
  if (opts.build && !fs.existsSync(path.join(config.webDir, 'index.html'))) {
    log('Building the web app (first start only)…');
    execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
  }
  const { database } = await open();
  if (opts.seed) await seedDemo(database, log, { onlyIfEmpty: true, scale: demoScale() });
  const { app } = await buildApp(config, database);
  const shutdown = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  await app.listen({ port: config.port, host: config.host });
  log(`Gongwu is serving on http://localhost:${config.port} (engine: ${database.engine}; API docs at /api/docs)`);
}

const program = new Command('gongwu').description('Gongwu 公物 — state-owned asset management for government office compounds');

program.command('start').description('build the web app if needed, migrate, load demo data on an empty database, and serve').action(() => serve({ seed: true, build: true }));
program.command('serve').description('migrate and serve the API and the web app').action(() => serve({ seed: false, build: false }));
program.command('migrate').description('bring the database schema up to date').action(async () => {
  const { database } = await open();
  await database.close();
  log('migrated');
});
program.command('seed-demo').description('load the demo data (on an empty database)').option('--force', 'load even if data exists').action(async (o: { force?: boolean }) => {
  const { database } = await open();
  await seedDemo(database, log, { onlyIfEmpty: !o.force, scale: demoScale() });
  await database.close();
});

program.command('backup').description('write a logical backup (gzip JSON lines, readable by either engine) to <file>').argument('<file>').action(async (file: string) => {
  const { database } = await open();
  try {
    const s = await backupDatabase(database, file);
    log(`backed up ${s.rows} rows of ${s.tables} tables to ${file} (${(s.bytes / 1024 / 1024).toFixed(1)} MB)`);
  } finally {
    await database.close();
  }
});
program.command('restore').description('load a backup into an empty, migrated database (all or nothing)').argument('<file>')
  .option('--force', 'replace the contents of a database that holds data').action(async (file: string, o: { force?: boolean }) => {
    const { database } = await open();
    try {
      const s = await restoreDatabase(database, file, { force: o.force });
      log(`restored ${s.rows} rows of ${s.tables} tables from ${file}`);
    } catch (err) {
      process.exitCode = 1;
      console.error(`restore failed, nothing was changed: ${(err as Error).message}`);
    } finally {
      await database.close();
    }
  });

const ctx: CliContext = { open, log };
for (const mod of await loadModules()) mod.cli?.(program, ctx);

await program.parseAsync(process.argv);
