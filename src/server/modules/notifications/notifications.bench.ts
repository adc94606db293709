// `gongwu notifications bench`: one notification to N people (the figure: 3,000 ≤ 2 s) until
// every open stream shows it. One API process on a fresh database: N accounts, each signed in (a
// session row), each with its bell's stream open over real HTTP (opened --concurrency at a time, and
// any stream that fails to open is reported with what it got); then notify() in its transaction,
// and the time from before it until the last stream received the notification. The stream hub polls
// the table every NOTIFY_STREAM_MS (1 s by default), so the figure is at most one interval plus the
// poll and the writes.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import type { Command } from 'commander';
import { sql } from 'drizzle-orm';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../platform/config.ts';
import { query } from '../../platform/db/engine.ts';
import { withTx } from '../../platform/db/tx.ts';
import type { CliContext } from '../../platform/module.ts';
import { loadModules } from '../../platform/module.ts';
import { openFreshBenchDatabase } from '../demo/index.ts';
import { notify } from './notify.service.ts';

interface Options {
  users: string;
  concurrency: string;
  runs: string;
  intervalMs: string;
  engineUrl?: string;
}

const TARGET_MS = 2_000;

/**
 * An open stream: `opened` resolves when its first 'unread' event arrives, or when it fails or ends
 * first (then `problem` says what it got: status, the start of what it read, or the error);
 * `seen` resolves when a notification whose title holds `marker` arrives.
 */
function openStream(port: number, token: string) {
  let buffer = '';
  let waiting: { marker: string; resolve: (at: number) => void } | null = null;
  const state = { ok: false, problem: '' };
  let ready!: () => void;
  const opened = new Promise<void>((r) => {
    ready = r;
  });
  const fail = (problem: string) => {
    if (state.ok || state.problem) return;
    state.problem = problem;
    ready();
  };
  const req = http.get(
    {
      host: '127.0.0.1',
      port,
      path: '/api/notifications/stream',
      headers: { accept: 'text/event-stream', cookie: `gw_session=${token}` },
      agent: false,
    },
    (res) => {
      if (res.statusCode !== 200) fail(`status ${res.statusCode} (${res.headers['content-type']})`);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        if (!state.ok && buffer.includes('event: unread')) {
          state.ok = true;
          ready();
        }
        if (waiting && buffer.includes(waiting.marker)) {
          const w = waiting;
          waiting = null;
          w.resolve(performance.now());
        }
        if (buffer.length > 64_000) buffer = buffer.slice(-8_000);
      });
      res.on('end', () => fail(`status ${res.statusCode}, ended after ${JSON.stringify(buffer.slice(0, 120))}`));
    },
  );
  req.on('error', (e) => fail(`error ${e.message}`));
  return {
    opened,
    state,
    seen: (marker: string) =>
      new Promise<number>((resolve) => {
        if (buffer.includes(marker)) resolve(performance.now());
        else waiting = { marker, resolve };
      }),
    close: () => req.destroy(),
  };
}

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)];

export function notificationsBenchCli(program: Command, ctx: CliContext) {
  const cmd =
    program.commands.find((c) => c.name() === 'notifications') ?? program.command('notifications').description('通知 notifications');
  cmd
    .command('bench')
    .description('time one notification to N people until every open stream shows it')
    .option('--users <n>', 'people told, each with an open stream', '3000')
    .option('--runs <n>', 'notifications timed', '5')
    .option('--concurrency <n>', 'streams being opened at the same moment', '200')
    .option('--interval-ms <n>', "the stream hub's poll interval (NOTIFY_STREAM_MS)", '1000')
    .option('--engine-url <url>', 'PostgreSQL server (drops and creates gongwu_bench_notify); default: PGlite in a temporary folder')
    .action(async (o: Options) => {
      const n = Number(o.users);
      const url = o.engineUrl ?? process.env.DATABASE_URL ?? undefined;
      const { database, where, cleanup } = await openFreshBenchDatabase(url, ctx.log, { reuse: false, name: 'gongwu_bench_notify' });
      const db = database.db;
      const streams: ReturnType<typeof openStream>[] = [];
      try {
        for (const mod of await loadModules()) if (mod.name === 'org') await mod.seedDemo?.(database, ctx.log, { scale: 'small' });
        ctx.log(
          `Notification fan-out benchmark on ${where}, ${os.cpus().length} cores (load average ${os.loadavg()[0].toFixed(2)}): ${n.toLocaleString('en')} people, one process`,
        );
        // The accounts and their sessions in one statement each (a sign-in per person would time the password hash).
        const [unit] = await query<{ id: string }>(db, sql`SELECT id::text FROM units WHERE kind = 'unit' ORDER BY code LIMIT 1`);
        await db.execute(sql`INSERT INTO users (username, display_name, password_hash, unit_id)
          SELECT 'bench-n' || g, '通知' || g, 'bench-no-sign-in', ${unit.id}::uuid FROM generate_series(1, ${n}) g`);
        await db.execute(sql`INSERT INTO sessions (id, user_id, csrf_token, expires_at)
          SELECT encode(sha256(convert_to('bench-token-' || u.username, 'UTF8')), 'hex'), u.id, 'bench', now() + interval '1 day'
          FROM users u WHERE u.username LIKE 'bench-n%'`);
        const people = await query<{ id: string; username: string }>(
          db,
          sql`SELECT id::text, username FROM users WHERE username LIKE 'bench-n%' ORDER BY username`,
        );
        const config = loadConfig(
          {},
          { dataDir: 'memory://', webDir: '/nonexistent', logLevel: 'warn', notifyStreamMs: Number(o.intervalMs) },
        );
        const { app } = await buildApp(config, database, { logger: false, startJobs: false });
        await app.listen({ host: '127.0.0.1', port: 0 });
        const port = (app.server.address() as AddressInfo).port;
        const t0 = performance.now();
        // Opened in waves of --concurrency at once, as an office signs in at nine; each wave waits for
        // every first event (or failure) of the one before.
        const wave = Math.max(1, Number(o.concurrency));
        for (let i = 0; i < people.length; i += wave) {
          const batch = people.slice(i, i + wave).map((p) => openStream(port, `bench-token-${p.username}`));
          streams.push(...batch);
          await Promise.all(batch.map((s) => s.opened));
        }
        const failed = streams.filter((s) => !s.state.ok);
        const sockets = await new Promise<number>((r) => app.server.getConnections((_e, c) => r(c)));
        ctx.log(
          `  ${(streams.length - failed.length).toLocaleString('en')} streams open, ${wave} at a time (${Math.round(performance.now() - t0)} ms; the server holds ${sockets.toLocaleString('en')} sockets)`,
        );
        if (failed.length) {
          const why = new Map<string, number>();
          for (const s of failed) why.set(s.state.problem, (why.get(s.state.problem) ?? 0) + 1);
          for (const [problem, count] of why) ctx.log(`  ${count} streams failed: ${problem}`);
          throw new Error(`${failed.length} of ${streams.length} streams did not get their first event`);
        }

        const runs: { total: number; commit: number; p50: number; p95: number }[] = [];
        for (let i = 0; i < Number(o.runs); i++) {
          const marker = `基准通知${i}-${Date.now()}`;
          const seen = streams.map((s) => s.seen(marker));
          const start = performance.now();
          await withTx(db, (tx) =>
            notify(tx, {
              event: 'document_submitted',
              unitId: unit.id,
              title: marker,
              link: '/inbox',
              users: people.map((p) => p.id),
            }),
          );
          const committed = performance.now() - start;
          const at = (await Promise.all(seen)).map((x) => x - start).sort((a, b) => a - b);
          runs.push({
            total: Math.round(at[at.length - 1]),
            commit: Math.round(committed),
            p50: Math.round(pct(at, 50)),
            p95: Math.round(pct(at, 95)),
          });
          ctx.log(`  run ${i + 1}: committed in ${Math.round(committed)} ms, every stream in ${Math.round(at[at.length - 1])} ms`);
          // Off the poll's beat, so the runs sample where in the interval the commit falls.
          await new Promise((r) => setTimeout(r, 300 + ((i * 377) % 700)));
        }
        const totals = runs.map((r) => r.total).sort((a, b) => a - b);
        const result = {
          engine: database.engine,
          people: n,
          intervalMs: Number(o.intervalMs),
          runs,
          p50: pct(totals, 50),
          max: totals[totals.length - 1],
          targetMs: TARGET_MS,
          loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
        };
        console.log(JSON.stringify(result, null, 2));
        ctx.log(`| scenario | p50 ms | max ms | target ms |\n|---|---|---|---|`);
        ctx.log(
          `| one notification to ${n.toLocaleString('en')} open streams (${database.engine}, poll ${o.intervalMs} ms) | ${result.p50} | ${result.max} | ≤ ${TARGET_MS} |`,
        );
        for (const s of streams) s.close();
        await app.close();
      } finally {
        for (const s of streams) s.close();
        await database.close();
        await cleanup();
      }
    });
}
