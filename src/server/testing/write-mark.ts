import { sql } from 'drizzle-orm';
import { queryOne, type Queryable } from '../platform/db/engine.ts';

/**
 * The engine's transaction-id mark: one past the newest transaction that finished with an id of its
 * own. A transaction is given an id at its first write (of any row, in any table, committed or rolled
 * back), so an unchanged mark means no row was written in between. On PostgreSQL the mark is the
 * server's, moved by every database on it; on the embedded engine only by this one.
 */
export async function writeMark(q: Queryable): Promise<string> {
  const row = await queryOne<{ mark: string }>(q, sql`select pg_snapshot_xmax(pg_current_snapshot())::text as mark`);
  return row!.mark;
}

/**
 * `read` (a digest or fingerprint of the tables) again only when something was written since it was
 * last read: the walker and the fuzzer read the whole database after each of hundreds of refused
 * calls, nearly all of which write nothing. The answer is the same as calling `read` each time.
 */
export function readWhenWritten<T>(q: Queryable, read: () => Promise<T>): () => Promise<T> {
  let last: { mark: string; value: T } | undefined;
  return async () => {
    // The mark first: a write landing during `read` moves it, so the next call reads again.
    const mark = await writeMark(q);
    if (last && last.mark === mark) return last.value;
    last = { mark, value: await read() };
    return last.value;
  };
}
