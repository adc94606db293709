import type { Db, Queryable, Tx } from './engine.ts';

/**
 * One mutation, one transaction: the change and its ledger events commit together or not at all.
 * Called inside a transaction already, it joins it (a savepoint) so services compose.
 */
export function withTx<T>(q: Queryable, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return (q as Db).transaction(fn);
}
