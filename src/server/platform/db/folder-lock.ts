import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { StartupError } from './startup-error.ts';

/**
 * One process owns an embedded data folder. PGlite has no lock of its own: two processes on one
 * folder each think they own the files and destroy the database between them. The owner writes
 * `gongwu.lock` (created exclusively) with its pid, host and start time, and the port of its
 * owner channel when it is a server (owner-channel.ts); a lock left by a process that is gone
 * (same host, pid not alive) is taken over.
 */
export const LOCK_FILE = 'gongwu.lock';

export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
  /** What holds it: 'server' (answers CLI commands on `adminPort`) or a command name. */
  role: string;
  adminPort?: number;
}

export class FolderBusyError extends StartupError {
  constructor(
    readonly dir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `数据文件夹 ${dir} 正由另一个进程使用（${describe(holder)}）；同一文件夹只能由一个进程打开`,
      `the data folder ${dir} is in use by another process (${describe(holder)}); one folder, one process`,
    );
  }
}

function describe(h: LockHolder): string {
  return `pid ${h.pid}, host ${h.host}, ${h.role}, since ${h.startedAt}`;
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The holder of the folder if a live process holds it (another host's holder counts as live). */
export function liveHolder(dir: string): LockHolder | undefined {
  const holder = readHolder(dir);
  if (!holder) return undefined;
  if (holder.host !== os.hostname()) return holder;
  return pidAlive(holder.pid) ? holder : undefined;
}

function readHolder(dir: string): LockHolder | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, LOCK_FILE), 'utf8')) as LockHolder;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    // Half-written or garbage: nobody can be named; treat as left behind.
    return { pid: -1, host: os.hostname(), startedAt: '?', role: '?' };
  }
}

export interface FolderLock {
  holder: LockHolder;
  /** Rewrites the lock with more about the holder (the owner channel's port). */
  update(extra: Partial<LockHolder>): void;
  release(): void;
}

const readOnly = (dir: string, err: unknown) => {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM') {
    return new StartupError(
      `数据文件夹 ${dir} 不可写（${code}），请检查权限或磁盘`,
      `the data folder ${dir} is not writable (${code}); check its permissions or the disk`,
    );
  }
  return undefined;
};

export function acquireFolderLock(dir: string, role: string): FolderLock {
  const file = path.join(dir, LOCK_FILE);
  const holder: LockHolder = { pid: process.pid, host: os.hostname(), startedAt: new Date().toISOString(), role };
  const write = (flag: 'wx' | 'w') => fs.writeFileSync(file, JSON.stringify(holder) + '\n', { flag, mode: 0o644 });
  for (let attempt = 0; ; attempt++) {
    try {
      write('wx');
      break;
    } catch (err) {
      const ro = readOnly(dir, err);
      if (ro) throw ro;
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 20) throw err;
    }
    const current = liveHolder(dir);
    if (current) throw new FolderBusyError(dir, current);
    takeOver(dir, file);
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    try {
      if (readHolder(dir)?.pid === process.pid) fs.unlinkSync(file);
    } catch {
      /* already gone */
    }
  };
  process.on('exit', release);
  return {
    holder,
    update(extra) {
      Object.assign(holder, extra);
      write('w');
    },
    release,
  };
}

/**
 * Removes a lock left behind by a dead process. Two processes may find the same stale lock; the
 * takeover is guarded by an exclusive directory so only one removes it, and the other then finds
 * the winner's live lock.
 */
function takeOver(dir: string, file: string): void {
  const guard = path.join(dir, `${LOCK_FILE}.takeover`);
  try {
    fs.mkdirSync(guard);
  } catch (err) {
    const ro = readOnly(dir, err);
    if (ro) throw ro;
    // Another process is taking over (or died doing so ten seconds ago): wait for it, then look again.
    try {
      if (Date.now() - fs.statSync(guard).mtimeMs > 10_000) fs.rmdirSync(guard);
    } catch {
      /* gone meanwhile */
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    return;
  }
  try {
    if (!liveHolder(dir)) fs.rmSync(file, { force: true });
  } finally {
    fs.rmdirSync(guard);
  }
}
