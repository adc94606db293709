import type { Db, Queryable, Tx } from './engine.ts';
import { currentOperation, writeOperation } from '../oplog/oplog.context.ts';

/**
 * One mutation, one transaction: the change and its ledger events commit together or not at all.
 * Called inside a transaction already, it joins it (a savepoint) so services compose.
 * Inside an operation (a request that writes, a job, a command) the outermost one also writes the
 * operation-log entry (platform/oplog), so the entry commits with the change.
 */
export async function withTx<T>(q: Queryable, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const op = currentOperation();
  if (!op?.who || op.depth > 0) return (q as Db).transaction(fn);
  op.depth++;
  try {
    let done: (() => void) | undefined;
    const out = await (q as Db).transaction(async (tx) => {
      const result = await fn(tx);
      done = await writeOperation(tx, op);
      return result;
    });
    done?.();
    return out;
  } finally {
    op.depth--;
  }
}
