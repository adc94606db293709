// The embedded engine's own thread (see pglite-thread.ts). Plain JavaScript: a worker thread does
// not go through the TypeScript loader. One PGlite instance; messages are queries, scripts and
// transactions (begin … end), each answered with { id, result } or { id, error }.
import fs from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';

const raw = (v) => v;
const baseParsers = { 20: (v) => Number(v), 1700: (v) => Number(v), 1082: raw };

let pglite;
const transactions = new Map(); // tx id → { tx, end(commit) }

function errorOf(err) {
  const out = { message: err?.message ?? String(err) };
  for (const k of Object.keys(err ?? {})) {
    const v = err[k];
    if (v === undefined || typeof v === 'function' || k === 'query' || k === 'params' || k === 'queryOptions') continue;
    out[k] = typeof v === 'object' && v !== null ? String(v) : v;
  }
  return out;
}

function options(o) {
  if (!o) return undefined;
  const parsers = { ...baseParsers };
  for (const oid of o.rawOids ?? []) parsers[oid] = raw;
  return { rowMode: o.rowMode, parsers };
}

async function handle(m) {
  const target = m.tx ? transactions.get(m.tx)?.tx : pglite;
  switch (m.op) {
    case 'open':
      pglite = await PGlite.create({
        dataDir: workerData.dataDir,
        // A memory database started from a dump (the tests' migrated one) instead of a fresh cluster.
        loadDataDir: workerData.loadFrom ? new Blob([fs.readFileSync(workerData.loadFrom)]) : undefined,
        extensions: { pg_trgm, btree_gist },
        parsers: baseParsers,
        pgliteWasmModule: workerData.wasm?.pglite,
        initdbWasmModule: workerData.wasm?.initdb,
      });
      await pglite.exec(workerData.settings);
      return null;
    case 'ping':
      return null;
    case 'query': {
      if (!target) throw new Error('transaction already ended');
      const r = await target.query(m.sql, m.params, options(m.options));
      return { rows: r.rows, fields: r.fields, affectedRows: r.affectedRows };
    }
    case 'exec': {
      if (!target) throw new Error('transaction already ended');
      const r = await target.exec(m.sql);
      return r.map((x) => ({ rows: x.rows, fields: x.fields, affectedRows: x.affectedRows }));
    }
    case 'begin': {
      // The transaction holds PGlite (its own lock) until 'end'; queries tagged with its id run inside it.
      const entry = {};
      let begun;
      const ready = new Promise((r) => {
        begun = r;
      });
      entry.outcome = pglite.transaction(
        (tx) =>
          new Promise((commit, rollback) => {
            entry.tx = tx;
            entry.end = (ok) => (ok ? commit() : rollback(new Error('rollback')));
            begun();
          }),
      );
      entry.outcome.catch(() => undefined);
      transactions.set(m.txId, entry);
      await Promise.race([ready, entry.outcome]);
      return null;
    }
    case 'end': {
      const t = transactions.get(m.tx);
      transactions.delete(m.tx);
      if (!t?.end) return null;
      t.end(m.commit);
      try {
        await t.outcome;
      } catch (err) {
        // A failed COMMIT (a deferred constraint) is the caller's error; a rollback asked for is not.
        if (m.commit) throw err;
      }
      return null;
    }
    case 'dump':
      return new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer());
    case 'close':
      await pglite.close();
      return null;
    default:
      throw new Error(`unknown op ${m.op}`);
  }
}

parentPort.on('message', (m) => {
  handle(m).then(
    (result) => parentPort.postMessage({ id: m.id, result }),
    (err) => parentPort.postMessage({ id: m.id, error: errorOf(err) }),
  );
});
