import { sql } from 'drizzle-orm';
import { query } from '../../platform/db/engine.ts';
import { seedDemo } from '../../seed.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { DEMO_PASSWORD } from './org.seed-data.ts';

/** A test app on a fresh database loaded with the small demo (committee + units 01–03). */
export async function orgTestApp(): Promise<TestApp> {
  const t = await createTestApp();
  await seedDemo(t.database, () => undefined, { onlyIfEmpty: false, scale: 'small' });
  return t;
}

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
