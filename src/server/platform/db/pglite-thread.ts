import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * The engine's two WebAssembly modules, compiled once per process and handed to every thread: each
 * thread compiling its own 9 MB module cost about a second of CPU, paid by every test database.
 */
let compiled: Promise<{ pglite: WebAssembly.Module; initdb: WebAssembly.Module }> | undefined;
function wasmModules() {
  compiled ??= (async () => {
    const dist = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    const [pglite, initdb] = await Promise.all(
      ['pglite.wasm', 'initdb.wasm'].map((f) => WebAssembly.compile(fs.readFileSync(path.join(dist, f)))),
    );
    return { pglite, initdb };
  })();
  return compiled;
}

/**
 * PGlite on a thread of its own. The embedded engine is WebAssembly that runs each statement to
 * the end without yielding; on the server's thread a 20,000-row import or a month's depreciation
 * froze every request, the health check and the static files for seconds. Here the engine runs in
 * a worker (pglite.worker.mjs) and this object stands in for the PGlite instance with the part of
 * its interface drizzle and the platform use: query, exec, transaction, close. See
 * docs/decisions.md for the measurements behind the choice.
 */
export interface ThreadResults {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
}
interface QueryOptions {
  rowMode?: 'array' | 'object';
  parsers?: Record<number, unknown>;
}
export interface ThreadTx {
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<ThreadResults>;
  exec(sql: string): Promise<ThreadResults[]>;
}

export class PgliteThread implements ThreadTx {
  private worker: Worker;
  private next = 1;
  private pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private dead?: Error;
  /** When the engine's thread last answered anything. */
  private lastAnswer = Date.now();

  private constructor(dataDir: string | undefined, settings: string, loadFrom: string | undefined, wasm: unknown) {
    // No inherited node flags: the worker is plain JavaScript, and flags such as --input-type or -e
    // (a program started with `node -e`) are refused for a worker file.
    this.worker = new Worker(new URL('./pglite.worker.mjs', import.meta.url), {
      workerData: { dataDir, settings, loadFrom, wasm },
      execArgv: [],
    });
    this.worker.on('message', (m: { id: number; result?: unknown; error?: Record<string, unknown> & { message: string } }) => {
      this.lastAnswer = Date.now();
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.error) p.reject(Object.assign(new Error(m.error.message), m.error));
      else p.resolve(m.result);
    });
    const fail = (err: Error) => {
      this.dead = err;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`the embedded database thread ended (code ${code})`)));
  }

  static async create(dataDir: string | undefined, settings: string, loadFrom?: string): Promise<PgliteThread> {
    const t = new PgliteThread(dataDir, settings, loadFrom, await wasmModules());
    try {
      await t.call('open', {});
    } catch (err) {
      await t.worker.terminate();
      throw err;
    }
    return t;
  }

  private call<T>(op: string, args: Record<string, unknown>): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ id, op, ...args });
    });
  }

  private static wire(options?: QueryOptions) {
    // drizzle passes parsers that keep dates, timestamps and intervals as text: named by type id.
    return options ? { rowMode: options.rowMode, rawOids: Object.keys(options.parsers ?? {}).map(Number) } : undefined;
  }

  query(sql: string, params?: unknown[], options?: QueryOptions, tx?: number): Promise<ThreadResults> {
    return this.call('query', { sql, params: params ?? [], options: PgliteThread.wire(options), tx });
  }

  exec(sql: string, tx?: number): Promise<ThreadResults[]> {
    return this.call('exec', { sql, tx });
  }

  /**
   * Whether the engine is alive, for the health check. Idle, its thread answers a ping at once.
   * Busy, a ping would queue behind every waiting statement (PGlite hands its lock on in
   * microtasks), so the engine counts as alive while it keeps answering: within the last 10 s.
   */
  async ping(): Promise<void> {
    if (this.dead) throw this.dead;
    if (this.pending.size > 0 && Date.now() - this.lastAnswer < 10_000) return;
    await this.call('ping', {});
  }

  async transaction<T>(fn: (tx: ThreadTx) => Promise<T>): Promise<T> {
    const txId = this.next++;
    await this.call('begin', { txId });
    const tx: ThreadTx = {
      query: (sql, params, options) => this.query(sql, params, options, txId),
      exec: (sql) => this.exec(sql, txId),
    };
    let result: T;
    try {
      result = await fn(tx);
    } catch (err) {
      await this.call('end', { tx: txId, commit: false }).catch(() => undefined);
      throw err;
    }
    await this.call('end', { tx: txId, commit: true });
    return result;
  }

  /** The data folder as an uncompressed tarball (PGlite's dump). */
  dump(): Promise<Uint8Array> {
    return this.call('dump', {});
  }

  async close(): Promise<void> {
    if (this.dead) return;
    await this.call('close', {});
    await this.worker.terminate();
  }
}
