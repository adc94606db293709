// Finding a free resource by time, capacity and equipment; finishing early; the month's charge lines
// the settlement reads; resource photos. The clock is pinned (never slept); figures worked out by hand.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AvailabilityView, ChargeLines } from '../../../shared/sharing.contracts.ts';
import type { Client, TestApp } from '../../testing/test-app.ts';
import { demoTestApp, signIn, unitId } from '../../testing/world.ts';
import { sharingClock } from './booking.service.ts';

const NOW = new Date('2027-03-01T08:00:00+08:00'); // Monday
const TUE = '2027-03-02';
const at = (day: string, hm: string) => `${day}T${hm}:00+08:00`;
const pin = (iso: string) => {
  sharingClock.now = () => new Date(iso);
};
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('finding, finishing early, charging', { timeout: 120_000 }, () => {
  let t: TestApp;
  let officer: Client;
  let staff1: Client;
  let admin1: Client;
  let staff2: Client;
  let u01: string;
  let u02: string;
  const ids: Record<string, string> = {};
  const realNow = sharingClock.now;

  const resource = async (code: string, over: Record<string, unknown>) => {
    const res = await officer.post('/api/sharing/resources', {
      code,
      name: `会议室${code}`,
      kind: 'room',
      openFrom: '08:00',
      openTo: '20:00',
      openDays: [1, 2, 3, 4, 5, 6, 7],
      slotMinutes: 30,
      ...over,
    });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  };
  const book = async (c: Client, resourceId: string, from: string, to: string) =>
    c.post('/api/bookings', { resourceId, startsAt: at(TUE, from), endsAt: at(TUE, to), title: '处务会' });
  const search = async (from: string, to: string, minCapacity: number, equipment: string): Promise<AvailabilityView> => {
    const q = new URLSearchParams({ startsAt: at(TUE, from), endsAt: at(TUE, to), minCapacity: String(minCapacity), equipment });
    const res = await staff1.get(`/api/sharing/available?${q}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    t = await demoTestApp();
    officer = await signIn(t, 'officer');
    staff1 = await signIn(t, 'u01-staff');
    admin1 = await signIn(t, 'u01-admin');
    staff2 = await signIn(t, 'u02-staff');
    u01 = await unitId(t, '11001');
    u02 = await unitId(t, '11002');
    sharingClock.now = () => NOW;
    // A: 20 seats with both pieces, ¥60 an hour, 30 minutes kept free after each booking.
    ids.A = await resource('S1', { capacity: 20, equipment: ['全息投影', '同声传译'], feePerHourFen: 6000, bufferMinutes: 30 });
    // B: both pieces but 8 seats. C: 30 seats, interpretation only, sealed on Tuesday.
    ids.B = await resource('S2', { capacity: 8, equipment: ['全息投影', '同声传译'] });
    ids.C = await resource('S3', { capacity: 30, equipment: ['同声传译'], blackoutDates: [TUE] });
    // F: ¥60 an hour, 10 minutes' buffer, for the early finish.
    ids.F = await resource('S4', { capacity: 6, equipment: ['白板'], feePerHourFen: 6000, bufferMinutes: 10 });
  }, 300_000);
  afterAll(async () => {
    sharingClock.now = realNow;
    await t?.close();
  });

  it('finds the rooms free on Tuesday 09:00–10:00 for 10 people with interpretation: A, and C named as sealed', async () => {
    const r = await search('09:00', '10:00', 10, '同声传译');
    expect(r.items.map((i) => [i.name, i.capacity, i.chargeFen])).toEqual([['会议室S1', 20, 6000]]);
    expect(r.unavailable).toEqual([{ id: ids.C, name: '会议室S3', reason: expect.stringContaining('封存日') }]);
    // Every piece named must be there: C lacks the holographic projector.
    const both = await search('09:00', '10:00', 10, '全息投影，同声传译');
    expect([both.items.map((i) => i.name), both.unavailable]).toEqual([['会议室S1'], []]);
  });

  it("keeps A's buffer on both sides: free after a booking ending 08:30 (+30), taken before one starting 10:00", async () => {
    expect((await book(staff2, ids.A, '08:00', '08:30')).statusCode).toBe(201);
    expect((await search('09:00', '10:00', 10, '全息投影')).items.map((i) => i.name)).toEqual(['会议室S1']);
    expect((await book(staff2, ids.A, '10:00', '11:00')).statusCode).toBe(201);
    const r = await search('09:00', '10:00', 10, '全息投影');
    expect([r.items, r.unavailable]).toEqual([[], [{ id: ids.A, name: '会议室S1', reason: '该时段已被预订' }]]);
    expect((await search('09:00', '09:30', 10, '全息投影')).items.map((i) => i.name)).toEqual(['会议室S1']);
  });

  it('finishes a meeting under way at 09:40:20: it ends 09:41, the rest is free after the 10-minute buffer, 41 minutes charged', async () => {
    const mine = await book(staff1, ids.F, '09:00', '11:00');
    expect(mine.statusCode, mine.body).toBe(201);
    ids.b1 = mine.json().items[0].id;
    expect((await book(staff2, ids.F, '10:00', '11:00')).statusCode).toBe(409);
    // Not yet started: finishing is refused (cancel instead).
    expect((await staff1.post(`/api/bookings/${ids.b1}/finish`)).statusCode).toBe(409);
    pin(`${TUE}T09:40:20+08:00`);
    expect((await staff2.post(`/api/bookings/${ids.b1}/finish`)).statusCode).toBe(404);
    const done = await staff1.post(`/api/bookings/${ids.b1}/finish`);
    expect(done.statusCode, done.body).toBe(200);
    expect([done.json().endsAt, done.json().finishedAt, done.json().chargeFen]).toEqual([
      '2027-03-02T01:41:00.000Z',
      '2027-03-02T01:40:20.000Z',
      4100,
    ]);
    expect((await book(staff2, ids.F, '10:00', '11:00')).statusCode).toBe(201);
    expect((await staff1.post(`/api/bookings/${ids.b1}/finish`)).statusCode).toBe(409);
    sharingClock.now = () => NOW;
  });

  it("writes March's charge lines per unit and resource: u01 S4 ¥41; u02 S1 ¥90, S4 ¥60; ¥191 in all", async () => {
    expect((await admin1.post('/api/sharing/charges', { month: '2027-03' })).statusCode).toBe(403);
    const res = await officer.post('/api/sharing/charges', { month: '2027-03' });
    expect(res.statusCode, res.body).toBe(200);
    const lines = (res.json() as ChargeLines).items.filter((l) => [ids.A, ids.F].includes(l.resourceId));
    expect(lines.map((l) => [l.unitId, l.resourceName, l.bookings, l.minutes, l.feeFen, l.amountFen])).toEqual([
      [u01, '会议室S4', 1, 41, 4100, 4100],
      [u02, '会议室S1', 2, 90, 9000, 9000],
      [u02, '会议室S4', 1, 60, 6000, 6000],
    ]);
    expect((res.json() as ChargeLines).totalFen).toBe(19_100);
    // Run again: the month's lines are replaced, not added to.
    const again = (await officer.post('/api/sharing/charges', { month: '2027-03' })).json() as ChargeLines;
    expect(again.items.length).toBe((res.json() as ChargeLines).items.length);
    // A unit sees its own lines only.
    const own = (await admin1.get('/api/sharing/charges?month=2027-03')).json() as ChargeLines;
    expect([own.items.every((l) => l.unitId === u01), own.byUnit.map((u) => u.unitId)]).toEqual([true, [u01]]);
    const xlsx = await admin1.get('/api/sharing/charges.xlsx?month=2027-03');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    // Once the settlement has taken a line, the month is not rewritten.
    await t.database.db.execute(sql`update sharing_charge_lines set settled_at = now() where month = '2027-03-01' and unit_id = ${u01}`);
    const settled = await officer.post('/api/sharing/charges', { month: '2027-03' });
    expect([settled.statusCode, settled.json().message]).toEqual([409, '2027-03 的收费明细已结算，不能重新生成']);
  });

  it('shows photos of a resource; only the asset office adds them, eight at most', async () => {
    const photo = { contentType: 'image/png', base64: PNG, caption: '主席台' };
    expect((await staff1.post(`/api/sharing/resources/${ids.A}/photos`, photo)).statusCode).toBe(403);
    const added = await officer.post(`/api/sharing/resources/${ids.A}/photos`, photo);
    expect(added.statusCode, added.body).toBe(201);
    const img = await staff1.get(`/api/sharing/photos/${added.json().id}`);
    expect([img.statusCode, img.headers['content-type'], img.rawPayload.equals(Buffer.from(PNG, 'base64'))]).toEqual([
      200,
      'image/png',
      true,
    ]);
    expect((await search('09:00', '09:30', 10, '全息投影')).items[0].photoIds).toEqual([added.json().id]);
    for (let i = 1; i < 8; i++) expect((await officer.post(`/api/sharing/resources/${ids.A}/photos`, photo)).statusCode).toBe(201);
    const ninth = await officer.post(`/api/sharing/resources/${ids.A}/photos`, photo);
    expect([ninth.statusCode, ninth.json().message]).toEqual([422, '每个资源最多 8 张照片，请先删除旧照片']);
    expect((await officer.delete(`/api/sharing/photos/${added.json().id}`)).statusCode).toBe(200);
    expect((await staff1.get(`/api/sharing/resources/${ids.A}/photos`)).json().items).toHaveLength(7);
  });
});
