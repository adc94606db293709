import { describe, expect, it } from 'vitest';
import { openDatabase, query, sql } from './engine.ts';

// node-postgres has one option for opening a connection and for waiting for a free one; a burst
// larger than the pool must queue for the pool-wait limit, not fail after the connect timeout.
describe.runIf(!!process.env.TEST_DATABASE_URL)('a burst of queries larger than the pool', () => {
  const burst = async (poolWaitMs: number) => {
    const database = await openDatabase({
      databaseUrl: process.env.TEST_DATABASE_URL,
      dataDir: 'memory://',
      poolSize: 2,
      // The connect timeout leaves room for a loaded machine to open a connection; the queue is four times it.
      limits: { connectTimeoutMs: 500, poolWaitMs },
    });
    try {
      return await Promise.allSettled(Array.from({ length: 16 }, () => query(database.db, sql`select pg_sleep(0.25)`)));
    } finally {
      await database.close();
    }
  };

  it('waits for a free connection past the connect timeout (16 queries of 0.25 s on 2 connections: 2 s in the queue, 0.5 s to connect)', async () => {
    const results = await burst(20_000);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(16);
  });

  it('gives up after the pool-wait limit', async () => {
    const results = await burst(300);
    expect(results.filter((r) => r.status === 'rejected').length).toBeGreaterThan(0);
  });

  it('answers the health check on a connection of its own while every pooled one is busy', async () => {
    const database = await openDatabase({ databaseUrl: process.env.TEST_DATABASE_URL, dataDir: 'memory://', poolSize: 2 });
    try {
      const busy = Promise.all([1, 2, 3].map(() => query(database.db, sql`select pg_sleep(1.5)`))).then(() => 'queries');
      const first = await Promise.race([database.ping!().then(() => 'ping'), busy]);
      expect(first).toBe('ping');
      await busy;
    } finally {
      await database.close();
    }
  });
});
