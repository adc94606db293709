import crypto from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase, query, sql } from './engine.ts';
import { migrate } from './migrate.ts';

// Two servers (or a server and `gongwu migrate`) starting on one fresh PostgreSQL database.
describe.runIf(!!process.env.TEST_DATABASE_URL)('migrations on PostgreSQL', () => {
  it('taken by two processes at once run one after the other, and both succeed', async () => {
    const adminUrl = process.env.TEST_DATABASE_URL!;
    const name = `gongwu_t_mig_${crypto.randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const a = await openDatabase({ databaseUrl: url.toString(), dataDir: 'memory://', poolSize: 3 });
    const b = await openDatabase({ databaseUrl: url.toString(), dataDir: 'memory://', poolSize: 3 });
    const said: string[] = [];
    try {
      await Promise.all([migrate(a, (m) => said.push(m)), migrate(b, (m) => said.push(m))]);
      const applied = await query<{ n: number }>(a.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      expect(applied[0].n).toBe(1);
      expect(said).toEqual(['另一个进程正在迁移数据库，等待其完成 / another process is migrating the database; waiting for it']);
      // And once more, on a database already up to date: nothing to do, no error.
      await migrate(b);
    } finally {
      await a.close();
      await b.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
