import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execSync } from 'node:child_process';
import { Command, CommanderError } from 'commander';
import { buildApp } from './app.ts';
import { configProblems, loadConfig, type Config } from './platform/config.ts';
import { openDatabase, query, sql, type Database } from './platform/db/engine.ts';
import { migrate } from './platform/db/migrate.ts';
import { backupDatabase, restoreDatabase } from './platform/db/backup.ts';
import { FolderBusyError, liveHolder } from './platform/db/folder-lock.ts';
import { runOnOwner, startOwnerChannel, type CommandIo } from './platform/db/owner-channel.ts';
import { StartupError } from './platform/db/startup-error.ts';
import { loadModules, type CliContext } from './platform/module.ts';
import { seedDemo } from './seed.ts';
import { openOperation, runOperation } from './platform/oplog/oplog.context.ts';

const log = (msg: string) => console.log(msg);
// 'small' (a few records per unit) makes a quick database for the browser suite and trials.
const demoScale = (): 'demo' | 'small' => (process.env.GONGWU_DEMO_SCALE === 'small' ? 'small' : 'demo');

/** Commands that never reach the data folder through a running server. */
const LOCAL_ONLY = new Set(['start', 'serve', 'bench', 'help']);

function checkedConfig(): Config {
  const config = loadConfig();
  const problems = configProblems(config);
  if (problems.length) throw StartupError.lines(problems);
  return config;
}

/**
 * Where a command's database comes from: opened here (migrated; the command closes it), or, when
 * the command runs inside the server that owns the folder, the server's own open database.
 */
type Source = { kind: 'local'; command: string } | { kind: 'server'; config: Config; database: Database; io: CommandIo };

function contextFor(source: Source): CliContext {
  if (source.kind === 'server') {
    const { config, database, io } = source;
    return { open: async () => ({ config, database: { ...database, close: async () => undefined } }), log: (m) => io.out(`${m}\n`) };
  }
  return {
    log,
    async open() {
      const config = checkedConfig();
      // A command is long work: it gets the jobs' statement limit, not the requests'.
      const database = await openDatabase({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        log,
        role: source.command,
        limits: { ...config.db, statementTimeoutMs: config.db.jobStatementTimeoutMs },
      });
      await migrate(database, log);
      return { config, database };
    },
  };
}

async function assertPortFree(config: Config): Promise<void> {
  if (config.port === 0) return;
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', (err: NodeJS.ErrnoException) => reject(portError(config, err)));
    probe.listen({ port: config.port, host: config.host, exclusive: true }, () => probe.close(() => resolve()));
  });
}

function portError(config: Config, err: NodeJS.ErrnoException): Error {
  if (err.code === 'EADDRINUSE')
    return new StartupError(
      `端口 ${config.port} 已被占用（另一个程序或另一个公物服务器）；请用 PORT 指定其他端口`,
      `port ${config.port} is already in use; choose another with PORT`,
    );
  if (err.code === 'EACCES')
    return new StartupError(
      `无权使用端口 ${config.port}；请用 PORT 指定 1024 以上的端口`,
      `no permission to use port ${config.port}; choose one above 1024 with PORT`,
    );
  if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND')
    return new StartupError(`HOST ${config.host} 不是本机地址`, `HOST ${config.host} is not an address of this machine`);
  return err;
}

async function serve(opts: { seed: boolean; build: boolean }) {
  // What can be checked without touching anything comes first: settings, then the port.
  const config = checkedConfig();
  await assertPortFree(config);
  if (opts.build && !fs.existsSync(path.join(config.webDir, 'index.html'))) {
    log('Building the web app (first start only)…');
    try {
      execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
    } catch {
      throw new StartupError(
        '网页应用构建失败（见上文）；请在项目目录运行 npx vite build',
        'building the web app failed (see above); run npx vite build in the project folder',
      );
    }
  }
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, log, role: 'server', limits: config.db });
  let channel: Awaited<ReturnType<typeof startOwnerChannel>> | undefined;
  try {
    await migrate(database, log);
    if (opts.seed) await seedDemo(database, log, { onlyIfEmpty: true, scale: demoScale() });
    const { app } = await buildApp(config, database);
    // A promise nobody awaited that fails (most likely while the database is away) is logged; the
    // server stays up rather than dropping every other request with it.
    process.on('unhandledRejection', (err) => app.log.error({ err }, 'unhandled rejection'));
    if (database.folderLock) {
      channel = await startOwnerChannel(config.dataDir, database.folderLock, (argv, io) =>
        runProgram(argv, { kind: 'server', config, database, io }),
      );
    }
    const shutdown = async () => {
      await channel?.close();
      await app.close();
      await database.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void shutdown());
    process.on('SIGTERM', () => void shutdown());
    await app.listen({ port: config.port, host: config.host }).catch((err: NodeJS.ErrnoException) => {
      throw portError(config, err);
    });
  } catch (err) {
    await channel?.close();
    await database.close();
    throw err;
  }
  log(`Gongwu is serving on http://localhost:${config.port} (engine: ${database.engine}; API docs at /api/docs)`);
}

async function buildProgram(source: Source): Promise<Command> {
  const ctx = contextFor(source);
  const program = new Command('gongwu').description('Gongwu 公物 — state-owned asset management for government office compounds');
  if (source.kind === 'server') {
    // Inside the server: commander must neither print to the server's console nor exit it.
    program.exitOverride().configureOutput({ writeOut: source.io.out, writeErr: source.io.err });
  }
  const refuseInServer = (what: string) => {
    if (source.kind === 'server')
      throw new StartupError(
        `服务器正在运行（它持有数据文件夹），不能再${what}；请先停止服务器`,
        `the server is running (it holds the data folder); stop it before you ${what === '启动' ? 'start another' : 'restore'}`,
      );
  };

  program
    .command('start')
    .description('build the web app if needed, migrate, load demo data on an empty database, and serve')
    .action(() => {
      refuseInServer('启动');
      return serve({ seed: true, build: true });
    });
  program
    .command('serve')
    .description('migrate and serve the API and the web app')
    .action(() => {
      refuseInServer('启动');
      return serve({ seed: false, build: false });
    });
  program
    .command('migrate')
    .description('bring the database schema up to date')
    .action(async () => {
      const { database } = await ctx.open();
      await database.close();
      ctx.log('migrated');
    });
  program
    .command('seed-demo')
    .description('load the demo data (on an empty database)')
    .option('--force', 'load even if data exists')
    .action(async (o: { force?: boolean }) => {
      const { database } = await ctx.open();
      await seedDemo(database, ctx.log, { onlyIfEmpty: !o.force, scale: demoScale() });
      await database.close();
    });

  program
    .command('backup')
    .description('write a logical backup (gzip JSON lines, readable by either engine) to <file>; consistent while the server runs')
    .argument('<file>')
    .action(async (file: string) => {
      const target = path.resolve(file);
      if (!fs.existsSync(path.dirname(target)))
        throw new StartupError(
          `备份目标文件夹不存在：${path.dirname(target)}`,
          `the folder for the backup does not exist: ${path.dirname(target)}`,
        );
      const { database } = await ctx.open();
      try {
        const s = await backupDatabase(database, target);
        ctx.log(`backed up ${s.rows} rows of ${s.tables} tables to ${file} (${(s.bytes / 1024 / 1024).toFixed(1)} MB)`);
      } finally {
        await database.close();
      }
    });
  program
    .command('restore')
    .description('load a backup into an empty, migrated database (all or nothing); stop the server first')
    .argument('<file>')
    .option('--force', 'replace the contents of a database that holds data')
    .action(async (file: string, o: { force?: boolean }) => {
      refuseInServer('恢复备份');
      if (!fs.existsSync(file) || !fs.statSync(file).isFile())
        throw new StartupError(`备份文件不存在：${file}，未做任何改动`, `no backup file at ${file}; nothing was changed`);
      const { database } = await ctx.open();
      try {
        // PostgreSQL: a running server would write between the tables' emptying and the load, or read half.
        const servers =
          database.engine === 'postgres'
            ? await query<{ n: number }>(
                database.db,
                sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'gongwu-server' AND pid <> pg_backend_pid()`,
              )
            : [{ n: 0 }];
        if (servers[0].n > 0)
          throw new StartupError(
            '有公物服务器正连接着该数据库；恢复备份前请先停止服务器，未做任何改动',
            'a Gongwu server is connected to this database; stop it before restoring; nothing was changed',
          );
        const s = await restoreDatabase(database, file, { force: o.force });
        ctx.log(`restored ${s.rows} rows of ${s.tables} tables from ${file}`);
      } catch (err) {
        if (err instanceof StartupError) throw err;
        process.exitCode = 1;
        console.error(`restore failed, nothing was changed: ${(err as Error).message}`);
      } finally {
        await database.close();
      }
    });

  for (const mod of await loadModules()) mod.cli?.(program, ctx);
  return program;
}

// Commands that serve, build or copy the database write no operation-log entries of their own.
const UNLOGGED_COMMANDS = new Set(['start', 'serve', 'migrate', 'seed-demo', 'backup', 'restore', 'help']);

/**
 * 操作日志: a command that writes runs as one operation of the person at the terminal (the
 * command's words only: an option may carry a password). Serving and benchmarks are not one.
 */
function cliOperation(argv: string[]) {
  const words: string[] = [];
  for (const a of argv) {
    if (a.startsWith('-')) break;
    words.push(a);
  }
  if (!words.length || UNLOGGED_COMMANDS.has(words[0]) || words.includes('bench')) return openOperation('cli');
  let who = 'cli';
  try {
    who = os.userInfo().username;
  } catch {
    /* no account name on this system */
  }
  return openOperation(`cli ${words.slice(0, 3).join(' ')}`, {
    userId: null,
    userName: who,
    unitId: null,
    via: 'cli',
    actingFor: `命令行 gongwu ${words.slice(0, 3).join(' ')}`,
  });
}

/** Runs one command line in this process (the server's owner channel calls it too). */
async function runProgram(argv: string[], source: Source): Promise<number> {
  const program = await buildProgram(source);
  try {
    await runOperation(cliOperation(argv), () => program.parseAsync(argv, { from: 'user' }));
    return Number(process.exitCode ?? 0);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof StartupError && source.kind === 'server') {
      source.io.err(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const command = argv.find((a) => !a.startsWith('-')) ?? 'help';
  const wantsHelp = argv.includes('-h') || argv.includes('--help') || argv.includes('-V') || argv.includes('--version');
  // The embedded engine has one owner. When a live server holds the folder, the command is run by
  // that server on its open database; any other live holder (another command) means wait.
  if (!LOCAL_ONLY.has(command) && !wantsHelp && !process.env.DATABASE_URL) {
    const dir = loadConfig().dataDir;
    const holder = fs.existsSync(dir) ? liveHolder(dir) : undefined;
    if (holder) {
      if (holder.role !== 'server' || !holder.adminPort) throw new FolderBusyError(dir, holder);
      if (command === 'restore')
        throw new StartupError(
          `服务器（pid ${holder.pid}）正在使用数据文件夹 ${dir}；恢复备份前请先停止服务器，未做任何改动`,
          `the server (pid ${holder.pid}) holds ${dir}; stop it before restoring; nothing was changed`,
        );
      process.exitCode = await runOnOwner(dir, holder, argv);
      return;
    }
  }
  const code = await runProgram(argv, { kind: 'local', command });
  if (code) process.exitCode = code;
}

try {
  await main();
} catch (err) {
  // What the operator must fix: one line, no stack trace.
  if (!(err instanceof StartupError)) throw err;
  console.error(err.message);
  process.exitCode = 1;
  // A refused start may leave handles (a database pool) open; nothing is left to do.
  setTimeout(() => process.exit(1), 100).unref();
}
