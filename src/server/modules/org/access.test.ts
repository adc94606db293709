import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../testing/test-app.ts';
import { idOf, demoTestApp, signIn, unitId } from '../../testing/world.ts';

// Every org route against the two walls: a role without the permission gets 403, and an id of
// another unit's record answers 404 (never 403, so ids cannot be probed).
describe('org routes: permission and unit scope', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await demoTestApp();
    ids.u01 = await unitId(t, '11001');
    ids.dept01 = await idOf(t, 'departments', sql`unit_id = ${ids.u01}`);
    ids.staff01 = await idOf(t, 'staff', sql`employee_no = '110010003'`);
    ids.room01 = await idOf(t, 'rooms', sql`unit_id = ${ids.u01} and type = 'office'`);
    ids.user01 = await idOf(t, 'users', sql`username = 'u01-staff'`);
    ids.floor = await idOf(t, 'floors', sql`level = 1`);
    ids.compound = (
      (await t.database.db.execute(sql`select id from compounds limit 1`)) as unknown as { rows: { id: string }[] }
    ).rows[0].id;
    ids.building = (
      (await t.database.db.execute(sql`select id from buildings limit 1`)) as unknown as { rows: { id: string }[] }
    ).rows[0].id;
  });
  afterAll(async () => {
    await t.close();
  });

  const writes = () =>
    [
      ['POST', '/api/units', { code: '11099', name: 'x' }],
      ['PUT', `/api/units/${ids.u01}`, { code: '11001', name: 'x' }],
      ['POST', `/api/units/${ids.u01}/departments`, { name: 'x' }],
      ['PUT', `/api/departments/${ids.dept01}`, { name: 'x' }],
      ['POST', `/api/departments/${ids.dept01}/deactivate`, {}],
      ['POST', `/api/departments/${ids.dept01}/activate`, {}],
      ['POST', '/api/staff', { unitId: ids.u01, name: 'x', rank: 'below_bureau' }],
      ['PUT', `/api/staff/${ids.staff01}`, { unitId: ids.u01, name: 'x', rank: 'below_bureau' }],
      ['POST', '/api/compounds', { code: 'C99', name: 'x' }],
      ['PUT', `/api/compounds/${ids.compound}`, { code: 'C99', name: 'x' }],
      ['POST', '/api/buildings', { compoundId: ids.compound, code: 'Z', name: 'x' }],
      ['PUT', `/api/buildings/${ids.building}`, { compoundId: ids.compound, code: 'Z', name: 'x' }],
      ['POST', '/api/floors', { buildingId: ids.building, level: 99, name: 'x' }],
      ['PUT', `/api/floors/${ids.floor}`, { buildingId: ids.building, level: 99, name: 'x' }],
      ['POST', '/api/rooms', { floorId: ids.floor, code: 'x1', type: 'office', usableArea: 10 }],
      ['PUT', `/api/rooms/${ids.room01}`, { floorId: ids.floor, code: 'x1', type: 'office', usableArea: 10 }],
      ['POST', `/api/rooms/${ids.room01}/occupants`, { staffId: ids.staff01 }],
      ['DELETE', `/api/rooms/${ids.room01}/occupants/${ids.staff01}`, undefined],
      ['POST', '/api/users', { username: 'xx', displayName: 'x' }],
      ['PATCH', `/api/users/${ids.user01}`, { active: false }],
      ['PUT', `/api/users/${ids.user01}/roles`, { roles: [] }],
      ['POST', `/api/users/${ids.user01}/reset-password`, {}],
    ] as const;

  it('refuses every org change to plain staff with 403', async () => {
    const staff = await signIn(t, 'u01-staff');
    for (const [method, url, body] of writes()) {
      const res = await staff.request(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('refuses the auditor every change (it reads everything, changes nothing)', async () => {
    const auditor = await signIn(t, 'auditor');
    for (const [method, url, body] of writes()) {
      const res = await auditor.request(method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it("answers 404 to every read of another unit's record by id", async () => {
    const other = await signIn(t, 'u02-admin');
    for (const url of [
      `/api/units/${ids.u01}`,
      `/api/units/${ids.u01}/departments`,
      `/api/staff/${ids.staff01}`,
      `/api/rooms/${ids.room01}`,
      `/api/users/${ids.user01}`,
    ]) {
      const res = await other.get(url);
      expect(res.statusCode, url).toBe(404);
    }
  });

  it('answers 401 to anonymous callers', async () => {
    for (const url of ['/api/units', '/api/staff', '/api/rooms', '/api/places/tree', '/api/users', '/api/security-events']) {
      expect((await t.anonymous.get(url)).statusCode, url).toBe(401);
    }
  });
});
