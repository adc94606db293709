import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../platform/db/engine.ts';
import type { TestApp } from '../../testing/test-app.ts';
import { idOf, demoTestApp, signIn, unitId } from '../../testing/world.ts';

describe('places and rooms', () => {
  let t: TestApp;
  let u01: string;
  let u02: string;
  let floor1: string;
  beforeAll(async () => {
    t = await demoTestApp();
    u01 = await unitId(t, '11001');
    u02 = await unitId(t, '11002');
    floor1 = await idOf(t, 'floors', sql`level = 1`);
  });
  afterAll(async () => {
    await t.close();
  });

  it('gives any signed-in user the compound → building → floor tree', async () => {
    const staff = await signIn(t, 'u01-staff');
    const tree = (await staff.get('/api/places/tree')).json();
    expect(tree).toHaveLength(1);
    expect(tree[0]).toMatchObject({ name: '中环办公区', buildings: [{ name: '1号楼' }] });
    expect(tree[0].buildings[0].floors.map((f: { level: number }) => f.level)).toEqual([1, 2]);
  });

  it('shows a unit user only the rooms assigned to its unit', async () => {
    const staff = await signIn(t, 'u01-staff');
    const body = (await staff.get('/api/rooms?pageSize=100')).json();
    expect(body.total).toBeGreaterThan(0);
    expect(body.items.every((r: { unitId: string }) => r.unitId === u01)).toBe(true);
    const officer = await signIn(t, 'officer');
    expect((await officer.get('/api/rooms?pageSize=100')).json().total).toBe(10);
  });

  it('filters rooms by floor and type and searches by code', async () => {
    const officer = await signIn(t, 'officer');
    const meetings = (await officer.get('/api/rooms?type=meeting')).json();
    expect(meetings.total).toBe(2);
    const onFloor = (await officer.get(`/api/rooms?floorId=${floor1}&sort=code`)).json();
    expect(onFloor.items.map((r: { code: string }) => r.code)).toEqual(['101', '102', '103', '104', '105']);
    const byCode = (await officer.get('/api/rooms?q=204')).json();
    expect(byCode.items.map((r: { code: string }) => r.code)).toEqual(['204']);
  });

  it('creates a room on a floor, copying its building and compound, and refuses a duplicate code in the building', async () => {
    const officer = await signIn(t, 'officer');
    const created = await officer.post('/api/rooms', { floorId: floor1, code: '110', type: 'office', usableArea: 18.5, unitId: u01 });
    expect(created.statusCode).toBe(201);
    const room = (await officer.get(`/api/rooms/${created.json().id}`)).json();
    expect(room).toMatchObject({
      code: '110',
      usableArea: 18.5,
      unitId: u01,
      buildingName: '1号楼',
      compoundName: '中环办公区',
      floorName: '1层',
    });
    const dup = await officer.post('/api/rooms', { floorId: floor1, code: '110', type: 'meeting', usableArea: 40 });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().message).toContain('房间号');
  });

  it('names the bad fields of a room', async () => {
    const officer = await signIn(t, 'officer');
    const res = await officer.post('/api/rooms', { floorId: floor1, code: '', type: 'ballroom', usableArea: -3 });
    expect(res.statusCode).toBe(400);
    expect(Object.keys(res.json().fields)).toEqual(expect.arrayContaining(['code', 'type', 'usableArea']));
  });

  it('assigns and removes occupants of the unit that holds the room', async () => {
    const officer = await signIn(t, 'officer');
    const room = await idOf(t, 'rooms', sql`code = '110'`);
    const mine = await idOf(t, 'staff', sql`employee_no = '110010005'`);
    const foreign = await idOf(t, 'staff', sql`employee_no = '110020005'`);
    expect((await officer.post(`/api/rooms/${room}/occupants`, { staffId: mine })).statusCode).toBe(200);
    const bad = await officer.post(`/api/rooms/${room}/occupants`, { staffId: foreign });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toHaveProperty('staffId');
    expect((await officer.get(`/api/rooms/${room}`)).json().occupants).toEqual([{ staffId: mine, name: expect.any(String) }]);
    expect((await officer.delete(`/api/rooms/${room}/occupants/${mine}`)).statusCode).toBe(200);
    expect((await officer.get(`/api/rooms/${room}`)).json().occupants).toEqual([]);
  });

  it("answers 404 for another unit's room and refuses place changes to unit roles with 403", async () => {
    const other = await signIn(t, 'u02-admin');
    const room = await idOf(t, 'rooms', sql`unit_id = ${u01}`);
    expect((await other.get(`/api/rooms/${room}`)).statusCode).toBe(404);
    expect((await other.get(`/api/rooms?unitId=${u01}`)).json().total).toBe(0);
    expect(
      (await other.put(`/api/rooms/${room}`, { floorId: floor1, code: '999', type: 'office', usableArea: 10, unitId: u02 })).statusCode,
    ).toBe(403);
    expect((await other.post('/api/compounds', { code: 'C09', name: '新办公区' })).statusCode).toBe(403);
    const [row] = await query<{ unit_id: string }>(t.database.db, sql`select unit_id from rooms where id = ${room}`);
    expect(row.unit_id).toBe(u01);
  });

  it('builds a new compound, building and floor, refusing duplicates', async () => {
    const admin = await signIn(t, 'admin');
    const c = await admin.post('/api/compounds', { code: 'C02', name: '槐柏树街办公区', address: '北京市西城区槐柏树街2号' });
    expect(c.statusCode).toBe(201);
    expect((await admin.post('/api/compounds', { code: 'C02', name: '另一个' })).statusCode).toBe(409);
    const b = await admin.post('/api/buildings', { compoundId: c.json().id, code: 'A', name: '1号楼' });
    expect(b.statusCode).toBe(201);
    const f = await admin.post('/api/floors', { buildingId: b.json().id, level: 3, name: '3层' });
    expect(f.statusCode).toBe(201);
    const dupFloor = await admin.post('/api/floors', { buildingId: b.json().id, level: 3, name: '三层' });
    expect(dupFloor.statusCode).toBe(409);
    expect(dupFloor.json().fields).toHaveProperty('level');
    // The same room code in a different building is allowed.
    expect((await admin.post('/api/rooms', { floorId: f.json().id, code: '110', type: 'office', usableArea: 12 })).statusCode).toBe(201);
  });
});
