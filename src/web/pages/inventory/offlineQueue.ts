// The phone's local copy of a count: the counter's sheet and the scans not yet sent, in IndexedDB,
// so counting goes on without network and nothing is lost when the page closes. Each scan carries
// the key made here; the server records a key once, so sending a scan again is harmless.
import type { CountSheet, ScanInput } from '../../../shared/inventory.contracts.ts';

export interface QueuedScan extends ScanInput {
  countId: string;
  key: string;
}

const DB = 'gongwu-counts';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => {
      req.result.createObjectStore('scans', { keyPath: 'key' });
      req.result.createObjectStore('sheets', { keyPath: 'countId' });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function run<T>(
  store: 'scans' | 'sheets',
  mode: IDBTransactionMode,
  fn: (s: IDBObjectStore) => IDBRequest<T> | undefined,
): Promise<T> {
  const db = await open();
  return new Promise<T>((resolve, reject) => {
    const tx = db.transaction(store, mode);
    const req = fn(tx.objectStore(store));
    tx.oncomplete = () => {
      db.close();
      resolve(req?.result as T);
    };
    tx.onerror = () => reject(tx.error);
  });
}

export const saveSheet = (sheet: CountSheet) => run('sheets', 'readwrite', (s) => s.put(sheet));
export const loadSheet = (countId: string) => run<CountSheet | undefined>('sheets', 'readonly', (s) => s.get(countId));
export const queueScan = (scan: QueuedScan) => run('scans', 'readwrite', (s) => s.put(scan));
export async function pendingScans(countId: string): Promise<QueuedScan[]> {
  const all = await run<QueuedScan[]>('scans', 'readonly', (s) => s.getAll());
  return all.filter((x) => x.countId === countId);
}
export const dropScans = (keys: string[]) =>
  run('scans', 'readwrite', (s) => {
    for (const k of keys) s.delete(k);
    return undefined;
  });

/** A v4 UUID; crypto.randomUUID exists only on HTTPS pages, getRandomValues everywhere. */
export function newKey(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
