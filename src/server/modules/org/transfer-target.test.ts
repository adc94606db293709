import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../platform/db/engine.ts';
import type { TestApp } from '../../testing/test-app.ts';
import { demoTestApp, signIn, unitId } from '../../testing/world.ts';

describe('the receiving side of a transfer', () => {
  let t: TestApp;
  let u02: string;
  beforeAll(async () => {
    t = await demoTestApp();
    u02 = await unitId(t, '11002');
  });
  afterAll(async () => {
    await t.close();
  });

  it("lists every active unit to a unit's document writer, though its own unit list shows one", async () => {
    const admin = await signIn(t, 'u01-admin');
    const own = (await admin.get('/api/units?pageSize=500')).json();
    expect(own.total).toBe(1);
    const res = await admin.get('/api/transfer-targets');
    expect(res.statusCode).toBe(200);
    const [{ n }] = await query<{ n: number }>(t.database.db, sql`select count(*)::int as n from units where active`);
    expect(res.json().items).toHaveLength(n);
    expect(res.json().items.map((u: { code: string }) => u.code)).toContain('11002');
  });

  it("offers another unit's active departments, staff and rooms with names only", async () => {
    const admin = await signIn(t, 'u01-admin');
    const res = await admin.get(`/api/transfer-targets/${u02}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const counts = await query<{ d: number; s: number; r: number }>(
      t.database.db,
      sql`select (select count(*)::int from departments where unit_id = ${u02} and active) as d,
                 (select count(*)::int from staff where unit_id = ${u02} and active) as s,
                 (select count(*)::int from rooms where unit_id = ${u02}) as r`,
    );
    expect([body.departments.length, body.staff.length, body.rooms.length]).toEqual([counts[0].d, counts[0].s, counts[0].r]);
    expect(body.staff.length).toBeGreaterThan(0);
    expect(body.rooms.length).toBeGreaterThan(0);
    // Nothing beyond what a form needs: no phone, rank or occupants.
    expect(Object.keys(body.staff[0]).sort()).toEqual(['departmentId', 'departmentName', 'employeeNo', 'id', 'name']);
    expect(Object.keys(body.rooms[0]).sort()).toEqual(['buildingName', 'code', 'id', 'name']);
    expect(body.unit).toEqual({ id: u02, code: '11002', name: expect.any(String) });
  });

  it('answers 404 for an inactive or unknown unit, and 403 to a role that writes no documents', async () => {
    const admin = await signIn(t, 'u01-admin');
    await query(t.database.db, sql`update units set active = false where code = '11003'`);
    const u03 = await unitId(t, '11003');
    expect((await admin.get(`/api/transfer-targets/${u03}`)).statusCode).toBe(404);
    expect((await admin.get('/api/transfer-targets/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await admin.get('/api/transfer-targets')).json().items.map((u: { code: string }) => u.code)).not.toContain('11003');
    await query(t.database.db, sql`update units set active = true where code = '11003'`);
    const leader = await signIn(t, 'u01-leader');
    expect((await leader.get(`/api/transfer-targets/${u02}`)).statusCode).toBe(403);
  });
});
