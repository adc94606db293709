import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../platform/db/engine.ts';
import { pgCode } from '../../platform/db/db-errors.ts';
import type { Client, TestApp } from '../../testing/test-app.ts';
import { demoTestApp, signIn, unitId } from '../../testing/world.ts';
import { sharingClock } from './booking.service.ts';

// The business clock is pinned (not slept): Monday 2027-03-01 08:00 in Beijing.
const NOW = new Date('2027-03-01T08:00:00+08:00');
const at = (day: string, hm: string) => `${day}T${hm}:00+08:00`;
const TUE = '2027-03-02';
const WED = '2027-03-03';

describe('shared facilities: catalogue, bookings, trips and charges', { timeout: 120_000 }, () => {
  let t: TestApp;
  let officer: Client;
  let staff1: Client;
  let staff2: Client;
  let u01: string;
  let u02: string;
  let seq = 0;

  const resource = async (over: Record<string, unknown> = {}) => {
    const res = await officer.post('/api/sharing/resources', {
      code: `T${++seq}`,
      name: `测试会议室${seq}`,
      kind: 'room',
      capacity: 20,
      equipment: ['投影仪'],
      openFrom: '08:00',
      openTo: '20:00',
      openDays: [1, 2, 3, 4, 5, 6, 7],
      slotMinutes: 30,
      maxAheadDays: 60,
      ...over,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; code: string; name: string };
  };
  const book = (c: Client, resourceId: string, day: string, from: string, to: string, over: Record<string, unknown> = {}) =>
    c.post('/api/bookings', { resourceId, startsAt: at(day, from), endsAt: at(day, to), title: '处务会', ...over });
  const count = async (resourceId: string) =>
    (await query<{ n: number }>(t.database.db, sql`select count(*)::int as n from bookings where resource_id = ${resourceId}`))[0].n;

  beforeAll(async () => {
    t = await demoTestApp();
    officer = await signIn(t, 'officer');
    staff1 = await signIn(t, 'u01-staff');
    staff2 = await signIn(t, 'u02-staff');
    u01 = await unitId(t, '11001');
    u02 = await unitId(t, '11002');
    sharingClock.now = () => NOW;
  });
  const realNow = sharingClock.now;
  afterAll(async () => {
    sharingClock.now = realNow;
    await t?.close();
  });
  afterEach(() => {
    sharingClock.now = () => NOW;
  });

  it('lets the asset office register a room of the places, and refuses a unit user (403)', async () => {
    const [room] = await query<{ id: string }>(t.database.db, sql`select id::text from rooms where type = 'meeting' order by code limit 1`);
    const r = await resource({ roomId: room.id, name: '一层会议室' });
    expect((await officer.get(`/api/sharing/resources/${r.id}`)).json().roomId).toBe(room.id);
    const got = (await staff1.get(`/api/sharing/resources/${r.id}`)).json();
    // The room is a record of the unit it is assigned to: a unit user reads the location instead.
    expect(got).toMatchObject({ name: '一层会议室', kind: 'room', roomId: null, openFrom: '08:00', openTo: '20:00', slotMinutes: 30 });
    expect(got.location).toContain('中环办公区');
    expect((await staff1.post('/api/sharing/resources', { code: 'X1', name: 'x', kind: 'room' })).statusCode).toBe(403);
    expect((await officer.post('/api/sharing/resources', { code: r.code, name: 'dup', kind: 'room' })).statusCode).toBe(409);
  });

  it('finds resources by capacity and equipment', async () => {
    await resource({ code: 'BIG1', name: '大会议厅', capacity: 200, equipment: ['同声传译', '投影仪'] });
    const big = (await staff1.get('/api/sharing/resources?minCapacity=150')).json().items;
    expect(big.map((r: { code: string }) => r.code)).toEqual(['BIG1']);
    const interp = (await staff1.get('/api/sharing/resources?equipment=传译')).json().items;
    expect(interp.map((r: { code: string }) => r.code)).toEqual(['BIG1']);
  });

  it('books a slot; the next booking may start when the last ends; an overlap is refused (409) naming the booking in the way', async () => {
    const r = await resource();
    const first = await book(staff1, r.id, TUE, '09:00', '10:00');
    expect(first.statusCode, first.body).toBe(201);
    const b1 = first.json().items[0];
    expect(b1).toMatchObject({ status: 'confirmed', unitId: u01, title: '处务会' });
    expect(b1.bookingNo).toMatch(/^YD2027\d{6}$/);
    expect((await book(staff2, r.id, TUE, '10:00', '11:00')).statusCode).toBe(201);
    expect((await book(staff2, r.id, TUE, '08:00', '09:00')).statusCode).toBe(201);
    const clash = await book(staff2, r.id, TUE, '09:30', '10:30');
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error).toBe('conflict');
    expect(clash.json().message).toContain(b1.bookingNo);
    expect(clash.json().message).toContain('2027-03-02 09:00–10:00');
    expect(await count(r.id)).toBe(3);
  });

  it('keeps the buffer after a booking free, and lets a booking start when the buffer ends', async () => {
    const r = await resource({ slotMinutes: 15, bufferMinutes: 15 });
    expect((await book(staff1, r.id, TUE, '09:00', '10:00')).statusCode).toBe(201);
    expect((await book(staff2, r.id, TUE, '10:00', '10:30')).statusCode).toBe(409);
    expect((await book(staff2, r.id, TUE, '08:15', '09:00')).statusCode).toBe(409);
    expect((await book(staff2, r.id, TUE, '10:15', '10:45')).statusCode).toBe(201);
    // Ends 15 minutes before the next: the buffer fits between them.
    expect((await book(staff2, r.id, TUE, '08:00', '08:45')).statusCode).toBe(201);
  });

  it('gives exactly one of 100 parallel requests for the same slot, the others 409', async () => {
    const r = await resource();
    const clients = [staff1, staff2];
    const res = await Promise.all(Array.from({ length: 100 }, (_, i) => book(clients[i % 2], r.id, WED, '14:00', '15:00')));
    const codes = res.map((x) => x.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(99);
    expect(await count(r.id)).toBe(1);
  });

  it('refuses bookings that break the rules with a clear message (422), writing nothing', async () => {
    const r = await resource({
      minNoticeMinutes: 24 * 60,
      maxAheadDays: 14,
      maxMinutes: 120,
      openDays: [1, 2, 3, 4, 5],
      blackoutDates: ['2027-03-04'],
      capacity: 10,
      allowedUnitIds: [u01, u02],
    });
    const cases: [string, string, string, Record<string, unknown>, string, string][] = [
      ['2027-03-01', '14:00', '15:00', {}, 'startsAt', '须至少提前 1 天预订'],
      ['2027-03-30', '09:00', '10:00', {}, 'startsAt', '最多提前 14 天预订'],
      [WED, '09:00', '12:00', {}, 'endsAt', '每次最长 2 小时'],
      ['2027-03-06', '09:00', '10:00', {}, 'startsAt', '周六不开放'],
      ['2027-03-04', '09:00', '10:00', {}, 'startsAt', '2027-03-04 停用'],
      [WED, '07:00', '08:00', {}, 'startsAt', '开放时间为 08:00–20:00'],
      [WED, '09:10', '10:10', {}, 'startsAt', '按 30 分钟为单位预订'],
      [WED, '09:00', '10:00', { attendees: 12 }, 'attendees', '最多容纳 10 人'],
      [WED, '10:00', '09:00', {}, 'endsAt', '结束时间应晚于开始时间'],
    ];
    for (const [day, from, to, over, field, msg] of cases) {
      const res = await book(staff1, r.id, day, from, to, over);
      expect(res.statusCode, `${day} ${from}`).toBe(422);
      expect(res.json().message, `${day} ${from}`).toContain(msg);
      expect(res.json().fields, `${day} ${from}`).toHaveProperty(field);
    }
    const closed = await resource({ allowedUnitIds: [u02] });
    const refused = await book(staff1, closed.id, WED, '09:00', '10:00');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toContain('不对本单位开放预订');
    expect(await count(r.id)).toBe(0);
    expect(await count(closed.id)).toBe(0);
  });

  it('lets only the roles named book: a unit leader books the hall, staff are refused with the reason and nothing written', async () => {
    const hall = await resource({ allowedRoles: ['unit_leader'] });
    expect((await officer.get(`/api/sharing/resources/${hall.id}`)).json().allowedRoles).toEqual(['unit_leader']);
    const refused = await book(staff1, hall.id, WED, '09:00', '10:00');
    expect(refused.statusCode).toBe(422);
    expect(refused.json().message).toBe(`「${hall.name}」仅限单位负责人预订`);
    expect(await count(hall.id)).toBe(0);
    const free = await staff1.get(
      `/api/sharing/available?startsAt=${encodeURIComponent(at(WED, '09:00'))}&endsAt=${encodeURIComponent(at(WED, '10:00'))}`,
    );
    expect(free.json().unavailable).toContainEqual({
      id: hall.id,
      name: expect.any(String),
      reason: expect.stringContaining('仅限单位负责人'),
    });
    const leader = await signIn(t, 'u01-leader');
    expect((await book(leader, hall.id, WED, '09:00', '10:00')).statusCode).toBe(201);
    expect(await count(hall.id)).toBe(1);
  });

  it('lets the notice period pass with the clock, without sleeping', async () => {
    const r = await resource({ minNoticeMinutes: 120 });
    expect((await book(staff1, r.id, '2027-03-01', '09:30', '10:00')).statusCode).toBe(422);
    sharingClock.now = () => new Date('2027-03-01T07:30:00+08:00');
    expect((await book(staff1, r.id, '2027-03-01', '09:30', '10:00')).statusCode).toBe(201);
  });

  it('holds a slot while approval is pending; approval confirms it, rejection frees it', async () => {
    const r = await resource({ needsApproval: true });
    const held = (await book(staff1, r.id, WED, '09:00', '10:00')).json().items[0];
    expect(held.status).toBe('pending');
    expect((await book(staff2, r.id, WED, '09:00', '10:00')).json().message).toContain('待审批');
    expect((await staff1.post(`/api/bookings/${held.id}/decide`, { approve: true })).statusCode).toBe(403);
    const ok = await officer.post(`/api/bookings/${held.id}/decide`, { approve: true, note: '同意' });
    expect(ok.json()).toMatchObject({ status: 'confirmed', decisionNote: '同意' });
    expect((await officer.post(`/api/bookings/${held.id}/decide`, { approve: true })).statusCode).toBe(409);
    const second = (await book(staff2, r.id, WED, '10:00', '11:00')).json().items[0];
    expect((await officer.post(`/api/bookings/${second.id}/decide`, { approve: false, note: '时段另有安排' })).json().status).toBe(
      'rejected',
    );
    expect((await book(staff1, r.id, WED, '10:00', '11:00')).statusCode).toBe(201);
  });

  it('extends a booking when the time is free and refuses an extension into the next booking; cancelling frees the slot', async () => {
    const r = await resource();
    const mine = (await book(staff1, r.id, WED, '09:00', '10:00')).json().items[0];
    const theirs = (await book(staff2, r.id, WED, '11:00', '12:00')).json().items[0];
    const ext = await staff1.put(`/api/bookings/${mine.id}/time`, { startsAt: at(WED, '09:00'), endsAt: at(WED, '11:00') });
    expect(ext.statusCode, ext.body).toBe(200);
    expect(ext.json()).toMatchObject({ endsAt: '2027-03-03T03:00:00.000Z', version: 2 });
    const over = await staff1.put(`/api/bookings/${mine.id}/time`, { startsAt: at(WED, '09:00'), endsAt: at(WED, '11:30') });
    expect(over.statusCode).toBe(409);
    expect(over.json().message).toContain(theirs.bookingNo);
    expect((await staff1.get(`/api/bookings/${mine.id}`)).json().endsAt).toBe('2027-03-03T03:00:00.000Z');
    expect((await staff2.post(`/api/bookings/${theirs.id}/cancel`, { reason: '会议取消' })).json().status).toBe('cancelled');
    expect((await staff1.put(`/api/bookings/${mine.id}/time`, { startsAt: at(WED, '09:00'), endsAt: at(WED, '11:30') })).statusCode).toBe(
      200,
    );
  });

  it("answers 404 to another unit's booking and shows it on the calendar only as busy", async () => {
    const r = await resource();
    const mine = (await book(staff1, r.id, WED, '15:00', '16:00', { title: '内部会议' })).json().items[0];
    expect((await staff2.get(`/api/bookings/${mine.id}`)).statusCode).toBe(404);
    expect((await staff2.post(`/api/bookings/${mine.id}/cancel`, {})).statusCode).toBe(404);
    expect((await staff2.put(`/api/bookings/${mine.id}/time`, { startsAt: at(WED, '15:00'), endsAt: at(WED, '17:00') })).statusCode).toBe(
      404,
    );
    const list2 = (await staff2.get('/api/bookings?pageSize=500')).json();
    expect(list2.items.every((b: { unitId: string }) => b.unitId === u02)).toBe(true);
    const cal2 = (await staff2.get(`/api/sharing/calendar?date=${WED}&resourceId=${r.id}`)).json();
    expect(cal2.blocks).toEqual([
      expect.objectContaining({ bookingNo: mine.bookingNo, own: false, id: null, title: null, unitName: '市发展改革委' }),
    ]);
    const cal1 = (await staff1.get(`/api/sharing/calendar?date=${WED}&resourceId=${r.id}`)).json();
    expect(cal1.blocks[0]).toMatchObject({ own: true, id: mine.id, title: '内部会议' });
    const all = (await officer.get(`/api/bookings?resourceId=${r.id}`)).json();
    expect(all.total).toBe(1);
    const mineOnly = (await staff1.get('/api/bookings?mine=true&pageSize=500')).json();
    expect(mineOnly.items.map((b: { id: string }) => b.id)).toContain(mine.id);
  });

  it('books weekly: all occurrences or none, listing the ones that collide before saving', async () => {
    const r = await resource();
    const other = (await book(staff2, r.id, '2027-03-16', '09:00', '10:00')).json().items[0];
    const input = { resourceId: r.id, startsAt: at(TUE, '09:00'), endsAt: at(TUE, '10:00'), title: '周例会', repeatWeeks: 3 };
    const check = (await staff1.post('/api/bookings/check', input)).json();
    expect(check.occurrences).toHaveLength(4);
    expect(check.clashes).toEqual([expect.objectContaining({ index: 2, bookingNo: other.bookingNo, title: null })]);
    const refused = await staff1.post('/api/bookings', input);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('1 次（共 4 次）');
    expect(await count(r.id)).toBe(1);
    const ok = await staff1.post('/api/bookings', { ...input, startsAt: at(TUE, '10:00'), endsAt: at(TUE, '11:00') });
    expect(ok.statusCode).toBe(201);
    const items = ok.json().items;
    expect(items.map((b: { startsAt: string }) => b.startsAt.slice(0, 10))).toEqual([
      '2027-03-02',
      '2027-03-09',
      '2027-03-16',
      '2027-03-23',
    ]);
    expect(new Set(items.map((b: { seriesId: string }) => b.seriesId)).size).toBe(1);
  });

  it('dispatches a pooled vehicle and records the mileage and costs at return', async () => {
    const v = await resource({ kind: 'vehicle', name: '红旗 H5', openFrom: '00:00', openTo: '24:00', maxMinutes: 1440, capacity: 4 });
    expect((await book(staff1, v.id, WED, '08:00', '12:00')).json().fields).toHaveProperty('destination');
    const trip = (await book(staff1, v.id, WED, '08:00', '12:00', { destination: '市政府', passengers: 3, title: '送文件' })).json()
      .items[0];
    expect((await officer.post(`/api/bookings/${trip.id}/return`, { odometerIn: 10 })).statusCode).toBe(409);
    const out = await officer.post(`/api/bookings/${trip.id}/dispatch`, { driver: '王师傅', odometerOut: 12000 });
    expect(out.json()).toMatchObject({ driver: '王师傅', odometerOut: 12000 });
    expect((await staff1.post(`/api/bookings/${trip.id}/cancel`, {})).statusCode).toBe(409);
    const low = await officer.post(`/api/bookings/${trip.id}/return`, { odometerIn: 11999 });
    expect(low.statusCode).toBe(422);
    const back = await officer.post(`/api/bookings/${trip.id}/return`, { odometerIn: 12046, fuelLitres: 6.5, tripCostFen: 3550 });
    expect(back.json()).toMatchObject({ odometerIn: 12046, fuelLitres: 6.5, tripCostFen: 3550 });
    const usage = (await staff1.get('/api/sharing/usage?month=2027-03')).json();
    expect(usage.rows.find((x: { resourceId: string }) => x.resourceId === v.id)).toMatchObject({
      unitId: u01,
      bookings: 1,
      minutes: 240,
      km: 46,
      tripCostFen: 3550,
    });
  });

  it('lets the dispatcher assign another pooled vehicle: refused while that one is taken, moved when it is free', async () => {
    // In May: the publication below counts March's dispatched trips and finds April empty.
    const MAY5 = '2027-05-05';
    const opts = { kind: 'vehicle', openFrom: '00:00', openTo: '24:00', maxMinutes: 1440, capacity: 4, maxAheadDays: 90 };
    const asked = await resource({ ...opts, name: '别克 GL8' });
    const other = await resource({ ...opts, name: '大众帕萨特' });
    const trip = (await book(staff1, asked.id, MAY5, '13:00', '15:00', { destination: '档案馆', title: '调档' })).json().items[0];
    const busy = (await book(staff2, other.id, MAY5, '14:00', '16:00', { destination: '税务局', title: '报税' })).json().items[0];
    const refused = await officer.post(`/api/bookings/${trip.id}/dispatch`, { driver: '李师傅', odometerOut: 500, resourceId: other.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain(busy.bookingNo);
    expect((await staff1.get(`/api/bookings/${trip.id}`)).json()).toMatchObject({ resourceId: asked.id, driver: null });
    await staff2.post(`/api/bookings/${busy.id}/cancel`, {});
    const moved = await officer.post(`/api/bookings/${trip.id}/dispatch`, { driver: '李师傅', odometerOut: 500, resourceId: other.id });
    expect(moved.json()).toMatchObject({ resourceId: other.id, resourceName: '大众帕萨特', driver: '李师傅', odometerOut: 500 });
    // The requested vehicle is free again for the trip's time.
    expect((await book(staff2, asked.id, MAY5, '13:00', '15:00', { destination: '市政府', title: '送文件' })).statusCode).toBe(201);
  });

  it("publishes the month's vehicle trips (time, reason, destination, mileage, cost) per unit, and to Excel", async () => {
    // The trip of the test above: u01's, Wednesday 08:00–12:00, 46 km, ¥35.50; a trip not yet dispatched is not published.
    const v = (await staff1.get('/api/sharing/resources?kind=vehicle')).json().items[0] as { id: string };
    expect((await book(staff1, v.id, '2027-03-04', '08:00', '09:00', { destination: '区政府', title: '开会' })).statusCode).toBe(201);
    const mine = (await staff1.get('/api/sharing/trips?month=2027-03')).json();
    expect(mine.items).toEqual([
      {
        bookingNo: expect.stringMatching(/^YD2027\d{6}$/),
        vehicleName: '红旗 H5',
        unitName: expect.any(String),
        personName: expect.any(String),
        reason: '送文件',
        destination: '市政府',
        passengers: 3,
        driver: '王师傅',
        startsAt: new Date(at(WED, '08:00')).toISOString(),
        endsAt: new Date(at(WED, '12:00')).toISOString(),
        km: 46,
        costFen: 3550,
      },
    ]);
    expect(mine.totals).toEqual({ trips: 1, km: 46, costFen: 3550 });
    expect((await staff2.get('/api/sharing/trips?month=2027-03')).json().items).toEqual([]);
    expect((await officer.get('/api/sharing/trips?month=2027-03')).json().totals.trips).toBe(1);
    expect((await staff1.get('/api/sharing/trips?month=2027-04')).json().totals).toEqual({ trips: 0, km: 0, costFen: 0 });
    const xlsx = await officer.get('/api/sharing/trips.xlsx?month=2027-03');
    expect(xlsx.headers['content-type'], xlsx.body).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    const rows = wb
      .getWorksheet('公务用车公示')!
      .getSheetValues()
      .filter(Array.isArray)
      .map((v) => (v as unknown[]).slice(1));
    expect(rows[0][0]).toBe('公务用车使用情况公示 2027-03');
    expect(rows[2].slice(1, 4)).toEqual(['2027-03-03 08:00', '2027-03-03 12:00', '红旗 H5']);
    expect(rows[2].slice(6)).toEqual(['送文件', '市政府', 3, '王师傅', 46, 35.5]);
    expect(rows[3]).toEqual(['合计', '1 次', '', '', '', '', '', '', '', '', 46, 35.5]);
  });

  it('charges each unit the hourly rate for its booked minutes, to the fen, and exports the month to Excel', async () => {
    const r = await resource({ slotMinutes: 10, feePerHourFen: 12345 });
    expect((await book(staff2, r.id, '2027-03-05', '09:00', '09:50')).statusCode).toBe(201); // 12345 × 50/60 = 10287.5 → 10288
    expect((await book(staff2, r.id, '2027-03-05', '10:00', '11:30')).statusCode).toBe(201); // 12345 × 1.5 = 18517.5 → 18518
    const cancelled = (await book(staff2, r.id, '2027-03-05', '14:00', '15:00')).json().items[0];
    await staff2.post(`/api/bookings/${cancelled.id}/cancel`, {});
    // A later change of the rate does not rewrite what was booked (the PUT also resets the hours to 08:00–18:00 on weekdays).
    await officer.put(`/api/sharing/resources/${r.id}`, { code: r.code, name: '改价后', kind: 'room', feePerHourFen: 99999 });
    const usage = (await staff2.get('/api/sharing/usage?month=2027-03')).json();
    const row = usage.rows.find((x: { resourceId: string }) => x.resourceId === r.id);
    expect(row).toMatchObject({ unitId: u02, bookings: 2, minutes: 140, chargeFen: 28806 });
    expect(usage.rows.every((x: { unitId: string }) => x.unitId === u02)).toBe(true);
    const util = usage.utilisation.find((x: { resourceId: string }) => x.resourceId === r.id);
    expect(util).toMatchObject({ bookedMinutes: 140, openMinutes: 23 * 10 * 60 });
    const xlsx = await staff2.get('/api/sharing/usage.xlsx?month=2027-03');
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as never);
    const ws = wb.getWorksheet('使用与收费')!;
    const values = ws.getSheetValues().map((v) => (Array.isArray(v) ? v.slice(1) : v));
    const line = values.find((v) => Array.isArray(v) && v[1] === '改价后') as unknown[];
    expect(line.slice(0, 7)).toEqual(['市财政局', '改价后', '会议室/场地', 2, 140 / 60, 0, 288.06]);
  });

  it('answers 400 naming the field for an impossible date or month, never 500', async () => {
    const bad = await staff1.get('/api/sharing/calendar?date=2027-02-30');
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields)).toContain('date');
    expect((await staff1.get('/api/sharing/usage?month=2027-13')).statusCode).toBe(400);
    const r = await resource();
    const badTime = await staff1.post('/api/bookings', {
      resourceId: r.id,
      startsAt: '2027-02-30T09:00:00+08:00',
      endsAt: at(WED, '10:00'),
      title: 'x',
    });
    expect(badTime.statusCode).toBe(400);
    expect(Object.keys(badTime.json().fields)).toContain('startsAt');
  });
  it('refuses an overlapping row written straight into the table (23P01), and accepts one that starts when the other ends', async () => {
    const db = t.database.db;
    const [{ id: res }] = await query<{ id: string }>(
      db,
      sql`insert into sharing_resources (code, name, kind) values ('RAW', '直写测试', 'room') returning id::text`,
    );
    const row = (no: string, from: string, to: string) => sql`
      insert into bookings (booking_no, resource_id, unit_id, booked_by, person_name, title, starts_at, ends_at, blocked_until, status)
      values (${no}, ${res}, ${u01}, ${u01}, '测试', '直写', ${from}, ${to}, ${to}, 'confirmed')`;
    await db.execute(row('RAW1', '2027-03-02T09:00:00+08:00', '2027-03-02T10:00:00+08:00'));
    await db.execute(row('RAW2', '2027-03-02T10:00:00+08:00', '2027-03-02T11:00:00+08:00'));
    const err = await db.execute(row('RAW3', '2027-03-02T09:59:00+08:00', '2027-03-02T10:01:00+08:00')).catch((e: unknown) => e);
    expect(pgCode(err)).toBe('23P01');
    expect(await count(res)).toBe(2);
  });
});
