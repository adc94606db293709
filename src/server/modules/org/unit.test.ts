import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../platform/db/engine.ts';
import type { TestApp } from '../../testing/test-app.ts';
import { idOf, demoTestApp, signIn, unitId } from '../../testing/world.ts';

describe('units and departments', () => {
  let t: TestApp;
  let u01: string;
  let u02: string;
  beforeAll(async () => {
    t = await demoTestApp();
    u01 = await unitId(t, '11001');
    u02 = await unitId(t, '11002');
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists every unit to the committee, sorted by code, with staff counts', async () => {
    const officer = await signIn(t, 'officer');
    const res = await officer.get('/api/units?pageSize=50');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(4);
    expect(body.items.map((u: { code: string }) => u.code)).toEqual(['000', '11001', '11002', '11003']);
    expect(body.items[1]).toMatchObject({ name: '北京市发展和改革委员会', staffCount: 5, departmentCount: 2 });
  });

  it('shows a unit user only its own unit; another unit answers 404', async () => {
    const admin = await signIn(t, 'u01-admin');
    const list = (await admin.get('/api/units')).json();
    expect(list.items.map((u: { id: string }) => u.id)).toEqual([u01]);
    expect((await admin.get(`/api/units/${u01}`)).statusCode).toBe(200);
    expect((await admin.get(`/api/units/${u02}`)).statusCode).toBe(404);
  });

  it('searches units by a name fragment', async () => {
    const officer = await signIn(t, 'officer');
    const body = (await officer.get(`/api/units?q=${encodeURIComponent('财政')}`)).json();
    expect(body.items.map((u: { code: string }) => u.code)).toEqual(['11002']);
  });

  it('creates and updates a unit, refusing a duplicate code with 409 naming the field', async () => {
    const officer = await signIn(t, 'officer');
    const created = await officer.post('/api/units', { code: '11090', name: '北京市测试局' });
    expect(created.statusCode).toBe(201);
    const dup = await officer.post('/api/units', { code: '11001', name: '重复' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toContain('单位编码');
    expect(dup.json().fields).toHaveProperty('code');
    const upd = await officer.put(`/api/units/${created.json().id}`, { code: '11090', name: '北京市测试局（改）', classified: true });
    expect(upd.statusCode).toBe(200);
    expect((await officer.get(`/api/units/${created.json().id}`)).json()).toMatchObject({ name: '北京市测试局（改）', classified: true });
  });

  it('names the bad field when a unit is invalid', async () => {
    const officer = await signIn(t, 'officer');
    const res = await officer.post('/api/units', { code: 'abc', name: '' });
    expect(res.statusCode).toBe(400);
    expect(res.json().fields).toHaveProperty('code');
    expect(res.json().fields).toHaveProperty('name');
  });

  it('refuses unit changes to a unit admin with 403', async () => {
    const admin = await signIn(t, 'u01-admin');
    expect((await admin.post('/api/units', { code: '11091', name: 'x' })).statusCode).toBe(403);
    expect((await admin.put(`/api/units/${u01}`, { code: '11001', name: 'x' })).statusCode).toBe(403);
  });

  it('lets a unit admin add, rename and deactivate its own departments', async () => {
    const admin = await signIn(t, 'u01-admin');
    const created = await admin.post(`/api/units/${u01}/departments`, { name: '装备财务处', sort: 50 });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await admin.put(`/api/departments/${id}`, { name: '装备处', sort: 50 })).statusCode).toBe(200);
    expect((await admin.post(`/api/departments/${id}/deactivate`)).statusCode).toBe(200);
    const active = (await admin.get(`/api/units/${u01}/departments`)).json().items.map((d: { name: string }) => d.name);
    expect(active).not.toContain('装备处');
    const all = (await admin.get(`/api/units/${u01}/departments?includeInactive=true`)).json().items;
    expect(all.find((d: { id: string }) => d.id === id)).toMatchObject({ name: '装备处', active: false });
  });

  it('refuses a department name already used in the unit with 409', async () => {
    const admin = await signIn(t, 'u01-admin');
    const res = await admin.post(`/api/units/${u01}/departments`, { name: '办公室' });
    expect(res.statusCode).toBe(409);
    expect(res.json().message).toContain('办公室');
    // The same name in another unit is fine.
    const officer = await signIn(t, 'officer');
    expect((await officer.post(`/api/units/${await unitId(t, '11003')}/departments`, { name: '装备处' })).statusCode).toBe(201);
  });

  it("answers 404 when a unit admin reads or changes another unit's departments, and changes nothing", async () => {
    const other = await signIn(t, 'u02-admin');
    const deptOf01 = await idOf(t, 'departments', sql`unit_id = ${u01} and name = '办公室'`);
    expect((await other.get(`/api/units/${u01}/departments`)).statusCode).toBe(404);
    expect((await other.post(`/api/units/${u01}/departments`, { name: '渗透处' })).statusCode).toBe(404);
    expect((await other.put(`/api/departments/${deptOf01}`, { name: '改名' })).statusCode).toBe(404);
    expect((await other.post(`/api/departments/${deptOf01}/deactivate`)).statusCode).toBe(404);
    const [row] = await query<{ name: string; active: boolean }>(
      t.database.db,
      sql`select name, active from departments where id = ${deptOf01}`,
    );
    expect(row).toEqual({ name: '办公室', active: true });
    const [{ n }] = await query<{ n: number }>(t.database.db, sql`select count(*)::int as n from departments where name = '渗透处'`);
    expect(n).toBe(0);
  });

  it('refuses department changes to plain staff with 403', async () => {
    const staff = await signIn(t, 'u01-staff');
    expect((await staff.post(`/api/units/${u01}/departments`, { name: '某处' })).statusCode).toBe(403);
  });
});
