import { businessMonth } from '../../platform/clock.ts';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import pg from 'pg';

/**
 * `gongwu bench --load`: the demo on a fresh database, a server in a child process (as in
 * production), and N signed-in clients in a closed loop with an office's mix: card list 25 %,
 * search 15 %, card page 20 %, inbox 15 %, dashboard 15 %, edits 10 % (asset administrators edit a
 * card's note). Beside them a probe on a thread of its own asks /api/health (and / when the web app is built) every
 * 100 ms; a third of the way in, a depreciation run for every unit starts, and the probe's
 * latency while it runs is reported apart. RSS is the server process's, sampled each second.
 */
export interface LoadOptions {
  clients: number;
  seconds: number;
  url?: string;
  out?: string;
  /** PostgreSQL: the database to create (default gongwu_load); PGlite: a folder to keep instead of a temporary one. */
  database?: string;
  dir?: string;
  /** Time the data of an earlier run again (with --database or --dir): no new database, no seeding. */
  reuse?: boolean;
  /** Before the load: each kind of the mix this many times, one request at a time, with its CPU per request. */
  perKind?: number;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const DEMO_PASSWORD = 'Gongwu@2026';
const KINDS = ['list', 'search', 'card', 'inbox', 'dashboard', 'edit'] as const;
type Kind = (typeof KINDS)[number];
const WORDS = ['电脑', '空调', '打印', '桌', '椅', '联想', '柜', '车'];

const pct = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : null;
const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const r = (v: number | null) => (v === null ? null : Math.round(v));
  return { n: s.length, p50: r(pct(s, 50)), p95: r(pct(s, 95)), p99: r(pct(s, 99)), max: r(s.at(-1) ?? null) };
};

function gongwu(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  // GONGWU_LOAD_NODE_ARGS: node options for the server alone, e.g. "--cpu-prof --cpu-prof-dir=prof".
  const nodeArgs = (process.env.GONGWU_LOAD_NODE_ARGS ?? '').split(' ').filter(Boolean);
  return spawn(process.execPath, [...nodeArgs, path.join(root, 'bin', 'gongwu.js'), ...args], {
    env: { ...process.env, ...env },
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function freshEnv(
  o: LoadOptions,
  log: (m: string) => void,
): Promise<{ env: NodeJS.ProcessEnv; cleanup: () => Promise<void>; where: string }> {
  if (o.url) {
    const name = o.database ?? 'gongwu_load';
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
    if (!o.reuse) {
      const admin = new pg.Client({ connectionString: o.url });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
    }
    const target = new URL(o.url);
    target.pathname = `/${name}`;
    return { env: { DATABASE_URL: target.toString() }, where: `PostgreSQL ${target.host}/${name}`, cleanup: async () => undefined };
  }
  if (o.dir) {
    fs.mkdirSync(o.dir, { recursive: true });
    return { env: { GONGWU_DATA_DIR: path.resolve(o.dir), DATABASE_URL: '' }, where: `PGlite in ${o.dir}`, cleanup: async () => undefined };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongwu-load-'));
  log(`PGlite in ${dir}`);
  return {
    env: { GONGWU_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '' },
    where: 'PGlite (temporary folder)',
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

const rssOf = (pid: number) => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
};

/** CPU seconds (user + system) a process has used, from /proc; null where there is no /proc. */
const cpuOf = (pid: number) => {
  try {
    // The fields after the command's parenthesis: utime and stime are the 12th and 13th, in clock ticks (100 a second).
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
};

/** CPU seconds of the PostgreSQL backends connected to `database` (those alive at both readings compare). */
const backendsCpu = (database: string | undefined) => {
  const out = new Map<number, number>();
  if (!database) return out;
  let pids: string[] = [];
  try {
    pids = fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return out;
  }
  for (const pid of pids) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.startsWith('postgres: ') || !cmd.includes(` ${database} `)) continue;
      const cpu = cpuOf(Number(pid));
      if (cpu !== null) out.set(Number(pid), cpu);
    } catch {
      /* gone meanwhile */
    }
  }
  return out;
};

let calls = 0;

interface Session {
  cookie: string;
  csrf: string;
  username: string;
}

async function signIn(base: string, username: string): Promise<Session> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`sign-in ${username}: ${res.status} ${await res.text()}`);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken, username };
}

/** Every 100 ms until the deadline: GET /api/health (and / when the web app is built), timed on a worker thread. */
function probeOnOwnThread(
  base: string,
  deadline: number,
  hasWeb: boolean,
): Promise<{ health: { at: number; status: number; ms: number }[]; static: { at: number; ms: number }[] }> {
  const code = `
    const { parentPort, workerData: { base, deadline, hasWeb } } = require('node:worker_threads');
    const timed = async (url) => {
      const t0 = performance.now();
      try {
        const res = await fetch(base + url, { signal: AbortSignal.timeout(30000) });
        await res.arrayBuffer();
        return { status: res.status, ms: performance.now() - t0 };
      } catch {
        return { status: 0, ms: performance.now() - t0 };
      }
    };
    (async () => {
      const out = { health: [], static: [] };
      while (Date.now() < deadline) {
        const at = Date.now();
        out.health.push({ at, ...(await timed('/api/health')) });
        if (hasWeb) out.static.push({ at: Date.now(), ms: (await timed('/')).ms });
        await new Promise((r) => setTimeout(r, 100));
      }
      parentPort.postMessage(out);
    })();
  `;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { base, deadline, hasWeb } });
    worker.once('message', (m) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

async function call(
  base: string,
  s: Session | null,
  method: string,
  url: string,
  body?: unknown,
): Promise<{ status: number; ms: number; json?: unknown }> {
  const t0 = performance.now();
  calls++;
  try {
    const res = await fetch(`${base}${url}`, {
      method,
      headers: { ...(s ? { cookie: s.cookie, 'x-csrf-token': s.csrf } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, ms: performance.now() - t0, json };
  } catch {
    return { status: 0, ms: performance.now() - t0 };
  }
}

/** One request of the mix (an edit is the card's GET and its PATCH, timed together). */
async function request(base: string, s: Session, kind: Kind, card: { id: string } | undefined): Promise<Awaited<ReturnType<typeof call>>> {
  if (kind === 'list') return call(base, s, 'GET', `/api/cards?page=${1 + Math.floor(Math.random() * 3)}&pageSize=50`);
  if (kind === 'search')
    return call(base, s, 'GET', `/api/cards?q=${encodeURIComponent(WORDS[Math.floor(Math.random() * WORDS.length)])}&pageSize=50`);
  if (kind === 'card') return card ? call(base, s, 'GET', `/api/cards/${card.id}`) : call(base, s, 'GET', '/api/cards?pageSize=20');
  if (kind === 'inbox') return call(base, s, 'GET', '/api/inbox');
  if (kind === 'dashboard') return call(base, s, 'GET', '/api/dashboard');
  const current = await call(base, s, 'GET', `/api/cards/${card!.id}`);
  const version = (current.json as { version?: number })?.version ?? 1;
  const r = await call(base, s, 'PATCH', `/api/cards/${card!.id}`, { expectVersion: version, note: `负载测试 ${Date.now()}` });
  return { ...r, ms: r.ms + current.ms };
}

/**
 * Each kind of the mix n times, one request at a time spread over the clients that may make it: the
 * server's and PostgreSQL's CPU milliseconds per request of that kind (an edit counts its GET and PATCH as
 * one), and its median wall time. Nothing else runs meanwhile, so the figures are the kind's own.
 */
async function cpuPerKind(
  base: string,
  serverPid: number,
  pgDatabase: string | undefined,
  sessions: Session[],
  cardsOf: Map<string, { id: string }[]>,
  n: number,
  log: (m: string) => void,
) {
  const dashboardOk = new Set<string>();
  for (const s of sessions) if ((await call(base, s, 'GET', '/api/dashboard')).status === 200) dashboardOk.add(s.username);
  const out: Record<string, { n: number; server: number | null; postgres: number | null; p50: number | null; failed: number }> = {};
  for (const kind of KINDS) {
    const who = sessions.filter((s) =>
      kind === 'edit'
        ? s.username.endsWith('-admin') && cardsOf.get(s.username)!.length
        : kind === 'dashboard'
          ? dashboardOk.has(s.username)
          : true,
    );
    if (!who.length) continue;
    const server0 = cpuOf(serverPid);
    const backends0 = backendsCpu(pgDatabase);
    const ms: number[] = [];
    let failed = 0;
    for (let i = 0; i < n; i++) {
      const s = who[i % who.length];
      const cards = cardsOf.get(s.username)!;
      const r = await request(base, s, kind, cards[Math.floor(Math.random() * cards.length)]);
      if (r.status >= 200 && r.status < 300) ms.push(r.ms);
      else failed++;
    }
    let pgSeconds = 0;
    for (const [pid, after] of backendsCpu(pgDatabase)) pgSeconds += after - (backends0.get(pid) ?? 0);
    const serverSeconds = server0 === null ? null : cpuOf(serverPid)! - server0;
    const per = (seconds: number | null) => (seconds === null ? null : Math.round((seconds * 1e5) / n) / 100);
    out[kind] = { n, server: per(serverSeconds), postgres: pgDatabase ? per(pgSeconds) : null, p50: stats(ms).p50, failed };
    log(`${kind}: ${JSON.stringify(out[kind])}`);
  }
  return out;
}

export async function runLoad(o: LoadOptions, log: (m: string) => void): Promise<unknown> {
  const { env, cleanup, where } = await freshEnv(o, log);
  const port = 20000 + Math.floor(Math.random() * 20000);
  const serverEnv = { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', GONGWU_DEMO_SCALE: 'demo' };
  if (!o.reuse) {
    log('Loading the demo data…');
    const seeded = spawnSync(process.execPath, [path.join(root, 'bin', 'gongwu.js'), 'seed-demo'], {
      env: { ...process.env, ...serverEnv },
      cwd: root,
      encoding: 'utf8',
    });
    if (seeded.status !== 0) throw new Error(`seed-demo failed: ${seeded.stderr}`);
  }
  const server = gongwu(['serve'], serverEnv);
  let serverOut = '';
  server.stdout!.on('data', (d) => {
    serverOut += d;
  });
  server.stderr!.on('data', (d) => {
    serverOut += d;
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; !serverOut.includes('Gongwu is serving'); i++) {
      if (server.exitCode !== null || i > 600) throw new Error(`the server did not start: ${serverOut}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const engine = ((await call(base, null, 'GET', '/api/health')).json as { engine: string }).engine;
    // Clients: each unit's asset administrator (who also edits), then its staff.
    const names = Array.from(
      { length: o.clients },
      (_, i) => `u${String((i % 26) + 1).padStart(2, '0')}-${Math.floor(i / 26) % 2 === 0 ? 'admin' : 'staff'}`,
    );
    // Ten at a time: fifty password checks at once on a busy machine can outlast the pool's wait limit.
    const sessions: Session[] = [];
    for (let i = 0; i < names.length; i += 10) sessions.push(...(await Promise.all(names.slice(i, i + 10).map((n) => signIn(base, n)))));
    const cardsOf = new Map<string, { id: string }[]>();
    for (const s of sessions) {
      const r = await call(base, s, 'GET', '/api/cards?pageSize=50');
      cardsOf.set(s.username, (r.json as { items?: { id: string }[] })?.items ?? []);
    }
    const officer = await signIn(base, 'officer'); // the committee's asset office runs every unit's month
    const pgDatabase = engine === 'postgres' ? new URL(env.DATABASE_URL!).pathname.slice(1) : undefined;
    const perKind = o.perKind ? await cpuPerKind(base, server.pid!, pgDatabase, sessions, cardsOf, o.perKind, log) : undefined;

    const latencies = new Map<Kind, number[]>(KINDS.map((k) => [k, []]));
    const errors: Record<string, number> = {};
    const health: number[] = [];
    const healthDuringJob: number[] = [];
    const staticMs: number[] = [];
    const staticDuringJob: number[] = [];
    const rss: number[] = [];
    let refused = 0;
    let job: { started?: number; finished?: number; status?: string; note?: string } = {};
    const load1 = os.loadavg()[0];
    const deadline = Date.now() + o.seconds * 1000;
    const hasWeb = (await call(base, null, 'GET', '/')).status === 200;

    const client = async (s: Session) => {
      const cards = cardsOf.get(s.username)!;
      const canEdit = s.username.endsWith('-admin');
      // Each one asks for what its role may see: a role without the dashboard opens its inbox instead.
      const canDashboard = (await call(base, s, 'GET', '/api/dashboard')).status === 200;
      while (Date.now() < deadline) {
        // Reads 25:15:20:15:15; administrators edit one request in five, about a tenth of all.
        const x = Math.random() * 90;
        let kind: Kind =
          canEdit && Math.random() < 0.2 ? 'edit' : x < 25 ? 'list' : x < 40 ? 'search' : x < 60 ? 'card' : x < 75 ? 'inbox' : 'dashboard';
        if (kind === 'edit' && cards.length === 0) kind = 'card';
        if (kind === 'dashboard' && !canDashboard) kind = 'inbox';
        const card = cards[Math.floor(Math.random() * cards.length)];
        const r = await request(base, s, kind, card);
        if (r.status >= 200 && r.status < 300) latencies.get(kind)!.push(r.ms);
        else if (kind === 'edit' && r.status === 409) {
          // A card the rules keep from editing (disposed, in an open document): a refusal, not an
          // error; the client leaves it alone from now on.
          refused++;
          cards.splice(cards.indexOf(card), 1);
        } else {
          const key = `${kind} ${r.status} ${(r.json as { error?: string } | undefined)?.error ?? ''}`.trim();
          errors[key] = (errors[key] ?? 0) + 1;
        }
      }
    };
    // The probe runs on a thread of its own: on the load generator's thread its timings would include
    // the queue of fifty clients' responses waiting to be read there, not only the server's.
    const probe = async () => {
      const samples = await probeOnOwnThread(base, deadline, hasWeb);
      for (const h of samples.health) {
        if (h.status !== 200) errors[`health ${h.status}`] = (errors[`health ${h.status}`] ?? 0) + 1;
        else {
          health.push(h.ms);
          if (job.started && h.at >= job.started && h.at <= (job.finished ?? Infinity)) healthDuringJob.push(h.ms);
        }
      }
      for (const s of samples.static) {
        staticMs.push(s.ms);
        if (job.started && s.at >= job.started && s.at <= (job.finished ?? Infinity)) staticDuringJob.push(s.ms);
      }
    };
    const sampler = async () => {
      while (Date.now() < deadline) {
        const v = rssOf(server.pid!);
        if (v) rss.push(v);
        await new Promise((r) => setTimeout(r, 1000));
      }
    };
    const background = async () => {
      await new Promise((r) => setTimeout(r, (o.seconds * 1000) / 3));
      const month = businessMonth();
      const started = await call(base, officer, 'POST', '/api/depreciation/runs', { month });
      const id = (started.json as { jobId?: string })?.jobId;
      if (!id) {
        job = { note: `depreciation run not started: ${started.status} ${JSON.stringify(started.json)}` };
        return;
      }
      job = { started: Date.now() };
      while (Date.now() < deadline + 120_000) {
        const j = await call(base, officer, 'GET', `/api/jobs/${id}`);
        const status = (j.json as { status?: string })?.status;
        if (status === 'succeeded' || status === 'failed') {
          job.status = status;
          break;
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      job.finished = Date.now();
    };
    log(`${o.clients} clients for ${o.seconds} s on ${where}…`);
    // CPU per request: the server's, the load generator's (this process with the probe's thread) and
    // PostgreSQL's backends for this database — on a shared machine these hold better than timings.
    const cpu0 = { server: cpuOf(server.pid!), generator: process.cpuUsage(), backends: backendsCpu(pgDatabase) };
    const calls0 = calls;
    const t0 = Date.now();
    await Promise.all([...sessions.map(client), probe(), sampler(), background()]);
    const elapsed = (Date.now() - t0) / 1000;
    const served = calls - calls0 + health.length + staticMs.length;
    const serverCpu = cpu0.server === null ? null : cpuOf(server.pid!)! - cpu0.server;
    const generatorUsage = process.cpuUsage(cpu0.generator);
    let backendSeconds = 0;
    for (const [pid, after] of backendsCpu(pgDatabase)) backendSeconds += after - (cpu0.backends.get(pid) ?? 0);
    const perRequest = (seconds: number | null) => (seconds === null ? null : Math.round((seconds * 1e5) / served) / 100);
    const all = [...latencies.values()].flat();
    const result = {
      scenario: 'load',
      engine,
      where,
      clients: o.clients,
      seconds: o.seconds,
      cores: os.cpus().length,
      loadAverageBefore: Math.round(load1 * 100) / 100,
      loadAverageAfter: Math.round(os.loadavg()[0] * 100) / 100,
      requests: all.length,
      reqPerSecond: Math.round(all.length / elapsed),
      latencyMs: stats(all),
      perKind: Object.fromEntries([...latencies].map(([k, v]) => [k, stats(v)])),
      errors,
      refusedEdits: refused,
      healthMs: stats(health),
      healthDuringJobMs: stats(healthDuringJob),
      staticMs: hasWeb ? stats(staticMs) : null,
      staticDuringJobMs: hasWeb ? stats(staticDuringJob) : null,
      depreciationRun: job.started
        ? { seconds: ((job.finished ?? Date.now()) - job.started) / 1000, status: job.status ?? 'unfinished' }
        : job.note,
      rssMb: { max: Math.max(...rss), last: rss.at(-1) ?? null },
      // Every request the server answered in the window (the clients', the probe's, the job's polls).
      cpuMsPerRequest: {
        requests: served,
        server: perRequest(serverCpu),
        generator: perRequest((generatorUsage.user + generatorUsage.system) / 1e6),
        postgres: engine === 'postgres' ? perRequest(backendSeconds) : undefined,
      },
      ...(perKind ? { cpuMsPerKind: perKind } : {}),
      pgliteThread: engine === 'pglite' ? process.env.GONGWU_PGLITE_THREAD !== 'off' : undefined,
      date: new Date().toISOString(),
    };
    const outFile =
      o.out ??
      path.join(
        'bench',
        'results',
        `load-${engine}${engine === 'pglite' && process.env.GONGWU_PGLITE_THREAD === 'off' ? '-mainthread' : ''}.json`,
      );
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    fs.writeFileSync(outFile, JSON.stringify(result, null, 2));
    log(JSON.stringify(result, null, 2));
    log(`Wrote ${outFile}`);
    return result;
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => (server.exitCode !== null ? r(null) : server.once('exit', r)));
    await cleanup();
  }
}
