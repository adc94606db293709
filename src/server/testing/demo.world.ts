// The small demo as a test world: the real seeder (committee and units 01–03, their people, places,
// accounts and cards), for tests of lists, access and imports that need a populated compound.
import { sql } from 'drizzle-orm';
import { DEMO_PASSWORD } from '../modules/org/org.seed-data.ts';
import { query } from '../platform/db/engine.ts';
import { createTestApp, type TestApp } from './test-app.ts';
import { openTestDatabase } from './test-db.ts';

export { DEMO_PASSWORD };

/** A test app on a fresh database loaded with the small demo (a copy of the run's seeded one). */
export async function demoTestApp(): Promise<TestApp> {
  return createTestApp({ database: await openTestDatabase({ demo: true }) });
}

/** Signs a demo account in (the demo's password). */
export const signIn = (t: TestApp, username: string) => t.as(username, DEMO_PASSWORD);

export async function idOf(
  t: TestApp,
  table: 'units' | 'staff' | 'departments' | 'rooms' | 'users' | 'floors',
  where: ReturnType<typeof sql>,
): Promise<string> {
  const rows = await query<{ id: string }>(t.database.db, sql`select id from ${sql.identifier(table)} where ${where} limit 1`);
  if (!rows[0]) throw new Error(`no ${table} row`);
  return rows[0].id;
}

export const unitId = (t: TestApp, code: string) => idOf(t, 'units', sql`code = ${code}`);
