import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../platform/db/engine.ts';
import { openTestDatabase } from '../../testing/test-db.ts';
import { createTestApp, type TestApp } from '../../testing/test-app.ts';
import { DEMO_PASSWORD } from './org.seed-data.ts';
import { seedOrg } from './org.seed.ts';

// Only the org part of the demo: the full demo of every module is another test's business.
describe('the demo organisation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ database: await openTestDatabase() });
    await seedOrg(t.database, () => undefined, { scale: 'demo' });
  });
  afterAll(async () => {
    await t.close();
  });

  const count = async (q: ReturnType<typeof sql>) => (await query<{ n: number }>(t.database.db, q))[0].n;

  it('has the committee and 26 units coded 11001–11026', async () => {
    const units = await query<{ code: string; kind: string; name: string }>(
      t.database.db,
      sql`select code, kind, name from units order by code`,
    );
    expect(units).toHaveLength(27);
    expect(units[0]).toEqual({ code: '000', kind: 'committee', name: '北京市人民政府机关事务管理委员会' });
    expect(units.slice(1).map((u) => u.code)).toEqual(Array.from({ length: 26 }, (_, i) => `110${String(i + 1).padStart(2, '0')}`));
    expect(new Set(units.map((u) => u.name)).size).toBe(27);
  });

  it('has 5–10 departments per unit and about 3,000 staff, ~10 % at bureau level, ~95 % on establishment', async () => {
    const perUnit = await query<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from departments d join units u on u.id = d.unit_id where u.kind = 'unit' group by u.id`,
    );
    expect(perUnit.every((r) => r.n >= 5 && r.n <= 10)).toBe(true);
    const total = await count(sql`select count(*)::int as n from staff`);
    expect(total).toBeGreaterThan(2800);
    expect(total).toBeLessThan(3300);
    const bureau = await count(sql`select count(*)::int as n from staff where rank in ('bureau_head', 'bureau_deputy')`);
    expect(bureau / total).toBeGreaterThan(0.07);
    expect(bureau / total).toBeLessThan(0.13);
    expect(await count(sql`select count(*)::int as n from staff where rank in ('municipal_head', 'municipal_deputy')`)).toBeGreaterThan(0);
    const est = await count(sql`select count(*)::int as n from staff where on_establishment`);
    expect(est / total).toBeGreaterThan(0.9);
  });

  it('has 5 compounds and about 1,500 rooms, two machine rooms of 1,050 m², every office occupied', async () => {
    expect(await count(sql`select count(*)::int as n from compounds`)).toBe(5);
    const rooms = await count(sql`select count(*)::int as n from rooms`);
    expect(rooms).toBeGreaterThan(1400);
    expect(rooms).toBeLessThan(1650);
    const machine = await query<{ usable_area: number }>(t.database.db, sql`select usable_area from rooms where type = 'machine_room'`);
    expect(machine.map((r) => Number(r.usable_area))).toEqual([1050, 1050]);
    expect(await count(sql`select count(*)::int as n from rooms where type = 'office' and (usable_area < 9 or usable_area > 60)`)).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from rooms r where type = 'office' and not exists (select 1 from room_occupants o where o.room_id = r.id)`,
      ),
    ).toBe(0);
    expect(
      await count(
        sql`select count(*)::int as n from room_occupants o join rooms r on r.id = o.room_id join staff s on s.id = o.staff_id where r.unit_id <> s.unit_id`,
      ),
    ).toBe(0);
  });

  it('lets the demo sign-ins log in with the demo password, each bound to staff of its unit', async () => {
    for (const username of ['admin', 'officer', 'finance', 'auditor', 'u01-admin', 'u13-finance', 'u26-leader', 'u24-staff']) {
      await expect(t.as(username, DEMO_PASSWORD), username).resolves.toBeTruthy();
    }
    expect(await count(sql`select count(*)::int as n from users where username like 'u%-%'`)).toBe(104);
    expect(
      await count(
        sql`select count(*)::int as n from users u join staff s on s.id = u.staff_id where u.unit_id is not null and s.unit_id <> u.unit_id`,
      ),
    ).toBe(0);
    const leader = await signIn('u05-leader');
    expect((await leader.get('/api/units')).json().items).toHaveLength(1);
  });

  const signIn = (u: string) => t.as(u, DEMO_PASSWORD);
});
