import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../platform/db/engine.ts';
import type { TestApp } from '../../testing/test-app.ts';
import { idOf, demoTestApp, signIn, unitId } from '../../testing/world.ts';

describe('staff', () => {
  let t: TestApp;
  let u01: string;
  let u02: string;
  let dept01: string;
  beforeAll(async () => {
    t = await demoTestApp();
    u01 = await unitId(t, '11001');
    u02 = await unitId(t, '11002');
    dept01 = await idOf(t, 'departments', sql`unit_id = ${u01} and name = '办公室'`);
  });
  afterAll(async () => {
    await t.close();
  });

  const person = (over: Record<string, unknown> = {}) => ({
    unitId: u01,
    departmentId: dept01,
    name: '张晓明',
    rank: 'below_bureau',
    employeeNo: '110019001',
    onEstablishment: true,
    ...over,
  });

  it('shows a unit admin only the staff of its unit', async () => {
    const admin = await signIn(t, 'u01-admin');
    const body = (await admin.get('/api/staff?pageSize=100')).json();
    expect(body.total).toBe(5);
    expect(body.items.every((s: { unitId: string }) => s.unitId === u01)).toBe(true);
  });

  it('searches by a name fragment or employee number, filters and pages', async () => {
    const officer = await signIn(t, 'officer');
    const [someone] = await query<{ name: string; employee_no: string }>(
      t.database.db,
      sql`select name, employee_no from staff where employee_no = '110020003'`,
    );
    const byName = (await officer.get(`/api/staff?q=${encodeURIComponent(someone.name.slice(1))}`)).json();
    expect(byName.items.map((s: { employeeNo: string }) => s.employeeNo)).toContain('110020003');
    const byNo = (await officer.get('/api/staff?q=110020003')).json();
    expect(byNo.items.map((s: { employeeNo: string }) => s.employeeNo)).toEqual(['110020003']);
    const heads = (await officer.get(`/api/staff?rank=bureau_head&unitId=${u02}`)).json();
    expect(heads.items).toHaveLength(1);
    expect(heads.items[0]).toMatchObject({ rank: 'bureau_head', unitId: u02, unitName: '北京市财政局' });
    const page2 = (await officer.get('/api/staff?pageSize=5&page=2&sort=employeeNo&order=desc')).json();
    expect(page2).toMatchObject({ page: 2, pageSize: 5, total: 18 });
    expect(page2.items).toHaveLength(5);
    const all = (await officer.get('/api/staff?pageSize=100&sort=employeeNo&order=desc')).json().items;
    expect(page2.items.map((s: { id: string }) => s.id)).toEqual(all.slice(5, 10).map((s: { id: string }) => s.id));
  });

  it('rejects an unknown sort column naming the field', async () => {
    const officer = await signIn(t, 'officer');
    const res = await officer.get('/api/staff?sort=password');
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toHaveProperty('sort');
  });

  it('lets a unit admin create and update staff of its unit', async () => {
    const admin = await signIn(t, 'u01-admin');
    const created = await admin.post('/api/staff', person());
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const upd = await admin.put(
      `/api/staff/${id}`,
      person({ name: '张晓明', rank: 'bureau_deputy', onEstablishment: false, title: '副主任' }),
    );
    expect(upd.statusCode).toBe(200);
    expect((await admin.get(`/api/staff/${id}`)).json()).toMatchObject({
      rank: 'bureau_deputy',
      onEstablishment: false,
      title: '副主任',
      departmentName: '办公室',
    });
  });

  it('refuses a duplicate employee number in the unit with 409', async () => {
    const admin = await signIn(t, 'u01-admin');
    const res = await admin.post('/api/staff', person({ employeeNo: '110010002', name: '李四' }));
    expect(res.statusCode).toBe(409);
    expect(res.json().fields).toHaveProperty('employeeNo');
    expect(res.json().message).toContain('工号');
  });

  it('names the bad fields: missing name, unknown rank, a department of another unit', async () => {
    const admin = await signIn(t, 'u01-admin');
    const bad = await admin.post('/api/staff', person({ name: '', rank: 'general' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toHaveProperty('name');
    expect(bad.json().fields).toHaveProperty('rank');
    const dept02 = await idOf(t, 'departments', sql`unit_id = ${u02}`);
    const wrong = await admin.post('/api/staff', person({ departmentId: dept02, employeeNo: '110019002' }));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fields).toHaveProperty('departmentId');
  });

  it("answers 404 when a unit admin reads, updates or adds to another unit's staff, and changes nothing", async () => {
    const other = await signIn(t, 'u02-admin');
    const victim = await idOf(t, 'staff', sql`employee_no = '110010003'`);
    expect((await other.get(`/api/staff/${victim}`)).statusCode).toBe(404);
    expect((await other.put(`/api/staff/${victim}`, person({ unitId: u02, departmentId: null, name: '改名' }))).statusCode).toBe(404);
    expect((await other.post('/api/staff', person({ departmentId: null, employeeNo: '110019009' }))).statusCode).toBe(404);
    const list = (await other.get(`/api/staff?unitId=${u01}`)).json();
    expect(list.total).toBe(0);
    const [row] = await query<{ name: string; unit_id: string }>(t.database.db, sql`select name, unit_id from staff where id = ${victim}`);
    expect(row.unit_id).toBe(u01);
    expect(row.name).not.toBe('改名');
    const [{ n }] = await query<{ n: number }>(t.database.db, sql`select count(*)::int as n from staff where employee_no = '110019009'`);
    expect(n).toBe(0);
  });

  it("moving a person to another unit ends their occupancy of the old unit's office", async () => {
    const officer = await signIn(t, 'officer');
    const id = await idOf(t, 'staff', sql`employee_no = '110010005'`);
    const before = await query<{ n: number }>(t.database.db, sql`select count(*)::int as n from room_occupants where staff_id = ${id}`);
    expect(before[0].n).toBe(1);
    const res = await officer.put(`/api/staff/${id}`, person({ unitId: u02, departmentId: null, employeeNo: '110029005', name: '调动者' }));
    expect(res.statusCode).toBe(200);
    const after = await query<{ n: number }>(t.database.db, sql`select count(*)::int as n from room_occupants where staff_id = ${id}`);
    expect(after[0].n).toBe(0);
  });

  it('refuses staff changes to a role without the right with 403', async () => {
    const leader = await signIn(t, 'u01-leader');
    expect((await leader.post('/api/staff', person({ employeeNo: '110019003' }))).statusCode).toBe(403);
    const finance = await signIn(t, 'finance');
    const victim = await idOf(t, 'staff', sql`employee_no = '110010003'`);
    expect((await finance.put(`/api/staff/${victim}`, person())).statusCode).toBe(403);
  });
});
