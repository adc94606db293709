// The operation log's one recording point. A write — an /api request that is not a read, a job, a
// command — runs inside an operation context (AsyncLocalStorage). `withTx` (db/tx.ts) writes the
// context's entries inside the outermost transaction, so the entry commits with the change or not
// at all; services add what they know (the object's label, its unit, before → after in words) with
// `describeOperation`. A request that wrote without `withTx` still gets its entry when it answers
// (auth.hook.ts), so a new route is logged without doing anything.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Queryable } from '../db/engine.ts';
import { operationLog } from './oplog.tables.ts';

export type OperationVia = 'web' | 'token' | 'cli' | 'job';

export interface OperationWho {
  userId: string | null;
  userName: string;
  unitId: string | null;
  via: OperationVia;
  actingFor?: string | null;
}

/** What a service knows about the record it changed. Everything is optional: the route fills the rest. */
export interface OperationNote {
  objectType?: string;
  objectId?: string | null;
  objectLabel?: string | null;
  unitId?: string | null;
  action?: string;
  changes?: string | null;
  /** e.g. 「代 张三」 when a delegate decides. */
  actingFor?: string | null;
}

export interface OperationStore {
  who?: OperationWho;
  /** 'POST /api/documents/:id/submit' or 'cli user create'. */
  source: string;
  params: Record<string, string>;
  notes: OperationNote[];
  written: boolean;
  depth: number;
}

const storage = new AsyncLocalStorage<OperationStore>();

/** A new operation (a request, a job, a command); `who` may be set later (the access hook). */
export function openOperation(source: string, who?: OperationWho): OperationStore {
  return { who, source, params: {}, notes: [], written: false, depth: 0 };
}

/** Runs `fn` inside the operation: its transactions write the entry. */
export function runOperation<T>(store: OperationStore, fn: () => T): T {
  return storage.run(store, fn);
}

export function currentOperation(): OperationStore | undefined {
  return storage.getStore();
}

/** Says who is writing (the access hook, once it knows the actor) and the route's parameters. */
export function setOperationWho(who: OperationWho, params?: Record<string, string>): void {
  const store = storage.getStore();
  if (!store) return;
  store.who = who;
  if (params) store.params = params;
}

/** A service adds what it knows about the record it changes; written with the transaction. */
export function describeOperation(note: OperationNote): void {
  storage.getStore()?.notes.push(note);
}

const SKIP = new Set(['api']);
const VERB: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'update', DELETE: 'delete' };

/** The object and action a route names: 'POST /api/documents/:id/submit' → documents, submit. */
export function routeObject(source: string): { objectType: string; action: string } {
  const [method, url = ''] = source.split(' ');
  const words = url
    .split('?')[0]
    .split('/')
    .filter((w) => w && !w.startsWith(':') && !SKIP.has(w));
  const objectType = words[0] ?? 'system';
  const action = words.length > 1 ? words.slice(1).join('.') : (VERB[method] ?? method.toLowerCase());
  return { objectType, action };
}

function rowsOf(store: OperationStore) {
  const who = store.who;
  if (!who) return [];
  const route = routeObject(store.source);
  const objectId = store.params.id ?? Object.values(store.params)[0] ?? null;
  const notes = store.notes.length ? store.notes : store.written ? [] : [{}];
  return notes.map((n) => ({
    userId: who.userId,
    userName: who.userName,
    via: who.via,
    actingFor: n.actingFor ?? who.actingFor ?? null,
    unitId: n.unitId !== undefined ? n.unitId : who.unitId,
    objectType: n.objectType ?? route.objectType,
    objectId: n.objectId !== undefined ? n.objectId : objectId,
    objectLabel: n.objectLabel ?? null,
    action: n.action ?? route.action,
    changes: n.changes ?? null,
    source: store.source,
  }));
}

/**
 * Writes the context's pending entries with `q` (inside the change's transaction). Returns a
 * function to call once that transaction committed, which marks them written.
 */
export async function writeOperation(q: Queryable, store: OperationStore): Promise<() => void> {
  const rows = rowsOf(store);
  const n = store.notes.length;
  if (rows.length) await q.insert(operationLog).values(rows);
  return () => {
    store.notes.splice(0, n);
    if (rows.length) store.written = true;
  };
}

/** After a request answered: its entry, when no transaction wrote one (a route that wrote without withTx). */
export async function flushOperation(q: Queryable, store: OperationStore): Promise<void> {
  if (store.written && !store.notes.length) return;
  const done = await writeOperation(q, store);
  done();
}

/** An entry written on purpose (a command or a job that knows better than its context). */
export async function recordOperation(
  q: Queryable,
  who: OperationWho,
  note: OperationNote & { objectType: string; action: string },
  source?: string,
) {
  await q.insert(operationLog).values({
    userId: who.userId,
    userName: who.userName,
    via: who.via,
    actingFor: note.actingFor ?? who.actingFor ?? null,
    unitId: note.unitId !== undefined ? note.unitId : who.unitId,
    objectType: note.objectType,
    objectId: note.objectId ?? null,
    objectLabel: note.objectLabel ?? null,
    action: note.action,
    changes: note.changes ?? null,
    source: source ?? null,
  });
}
