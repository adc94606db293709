import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../testing/test-db.ts';
import type { Database } from './db/engine.ts';
import { withTx } from './db/tx.ts';
import { pgCode } from './db/db-errors.ts';
import { AppError, toErrorBody } from './errors.ts';

/** Real errors from the engine, wrapped by drizzle as the services see them. */
describe('database errors reaching the error handler', () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
    await database.db.execute(sql`CREATE TABLE probe (id int PRIMARY KEY, n int CHECK (n >= 0), parent int REFERENCES probe (id))`);
    await database.db.execute(sql`INSERT INTO probe (id, n) VALUES (1, 1)`);
  });
  afterAll(async () => {
    await database.close();
  });

  const failure = async (statement: ReturnType<typeof sql>) => {
    try {
      await withTx(database.db, (tx) => tx.execute(statement));
    } catch (err) {
      const { status, body, unexpected } = toErrorBody(err);
      return { code: pgCode(err), status, error: body.error, unexpected, leaks: /probe|pkey|INSERT|select/i.test(body.message) };
    }
    throw new Error('the statement did not fail');
  };

  it('reads the SQLSTATE through the wrapping error and maps clashes to 409 and bad data to 400, without internals', async () => {
    expect(await failure(sql`INSERT INTO probe (id) VALUES (1)`)).toEqual({
      code: '23505',
      status: 409,
      error: 'conflict',
      unexpected: false,
      leaks: false,
    });
    expect(await failure(sql`INSERT INTO probe (id, parent) VALUES (2, 99)`)).toEqual({
      code: '23503',
      status: 409,
      error: 'conflict',
      unexpected: false,
      leaks: false,
    });
    expect(await failure(sql`INSERT INTO probe (id, n) VALUES (3, -1)`)).toEqual({
      code: '23514',
      status: 400,
      error: 'validation',
      unexpected: false,
      leaks: false,
    });
    expect(await failure(sql`SELECT ${'2026-02-30'}::date`)).toEqual({
      code: '22008',
      status: 400,
      error: 'validation',
      unexpected: false,
      leaks: false,
    });
    expect(await failure(sql`SELECT ${'abc'}::int`)).toEqual({
      code: '22P02',
      status: 400,
      error: 'validation',
      unexpected: false,
      leaks: false,
    });
    expect(await failure(sql`SELECT ${'99999999999'}::int`)).toEqual({
      code: '22003',
      status: 400,
      error: 'validation',
      unexpected: false,
      leaks: false,
    });
    expect((await failure(sql`SELECT ${'a\u0000b'}::text`)).status).toBe(400);
  });

  it('leaves other failures as 500s', async () => {
    expect(await failure(sql`SELECT * FROM no_such_table`)).toMatchObject({ code: '42P01', status: 500, unexpected: true });
  });

  it('maps a serialization failure and a deadlock to a 409 asking to retry', () => {
    for (const code of ['40001', '40P01']) {
      const wrapped = Object.assign(new Error('Failed query'), { cause: Object.assign(new Error('could not serialize'), { code }) });
      expect(toErrorBody(wrapped)).toMatchObject({ status: 409, body: { error: 'conflict', message: expect.stringContaining('重试') } });
    }
  });
});

describe('an error in the English UI', () => {
  it('carries a message given in both languages in the caller’s language', () => {
    const err = new AppError('rule_violation', { zh: '超出配置标准', en: 'Over the configuration standard' });
    expect(toErrorBody(err, 'zh').body.message).toBe('超出配置标准');
    expect(toErrorBody(err, 'en').body.message).toBe('Over the configuration standard');
  });

  it('turns a Chinese-only message into the error’s English text with the Chinese specifics after it', () => {
    expect(toErrorBody(new AppError('busy', '资产 11001-2024-000001 已在调拨单 DB-2026-0001 中'), 'en').body.message).toBe(
      'The asset is already in another open document — 资产 11001-2024-000001 已在调拨单 DB-2026-0001 中',
    );
    expect(toErrorBody(new AppError('not_found'), 'en').body.message).toBe('Not found');
    expect(toErrorBody(new Error('boom'), 'en').body.message).toBe('Internal server error');
  });
});
