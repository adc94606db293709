// Check-in by QR, the no-show release at the right minute (the clock pinned, never slept), and the
// quotas per unit and per person, with figures worked out by hand.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { query } from '../../platform/db/engine.ts';
import type { Client, TestApp } from '../../testing/test-app.ts';
import { demoTestApp, signIn, unitId } from '../../testing/world.ts';
import { quotaPeriodOf } from './booking-quota.ts';
import { releaseNoShows } from './booking-use.service.ts';
import { sharingClock } from './booking.service.ts';

const NOW = new Date('2027-03-01T08:00:00+08:00'); // Monday
const at = (day: string, hm: string) => `${day}T${hm}:00+08:00`;
const TUE = '2027-03-02';
const WED = '2027-03-03';
const pin = (iso: string) => {
  sharingClock.now = () => new Date(iso);
};

describe('using a booking and the quotas', { timeout: 120_000 }, () => {
  let t: TestApp;
  let officer: Client;
  let staff1: Client;
  let admin1: Client;
  let staff2: Client;
  let u01: string;
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
  const book = async (c: Client, resourceId: string, day: string, from: string, to: string, over: Record<string, unknown> = {}) =>
    c.post('/api/bookings', { resourceId, startsAt: at(day, from), endsAt: at(day, to), title: '处务会', ...over });
  const statusOf = async (id: string) =>
    (await query<{ status: string }>(t.database.db, sql`select status from bookings where id = ${id}::uuid`))[0].status;
  const bookingsOn = async (resourceId: string) =>
    (await query<{ n: number }>(t.database.db, sql`select count(*)::int as n from bookings where resource_id = ${resourceId}::uuid`))[0].n;

  beforeAll(async () => {
    t = await demoTestApp();
    officer = await signIn(t, 'officer');
    staff1 = await signIn(t, 'u01-staff');
    admin1 = await signIn(t, 'u01-admin');
    staff2 = await signIn(t, 'u02-staff');
    u01 = await unitId(t, '11001');
    sharingClock.now = () => NOW;
  }, 300_000);
  afterAll(async () => {
    sharingClock.now = realNow;
    await t?.close();
  });

  describe('check-in by the QR code and the no-show release', () => {
    let room: string;
    let early: string;
    let late: string;

    beforeAll(async () => {
      sharingClock.now = () => NOW;
      room = await resource('QR1', { checkinGraceMinutes: 10 });
      early = (await book(staff1, room, TUE, '09:00', '10:00')).json().items[0].id;
      late = (await book(staff1, room, TUE, '11:00', '12:00')).json().items[0].id;
    });

    it('opens check-in 15 minutes before the start: refused at 08:44, offered and taken at 08:45', async () => {
      pin(at(TUE, '08:44'));
      expect((await staff1.get(`/api/sharing/resources/${room}/check-in`)).json().booking).toBeNull();
      const refused = await staff1.post(`/api/sharing/resources/${room}/check-in`);
      expect(refused.statusCode).toBe(409);
      expect(refused.json().message).toBe('「会议室QR1」现在没有本单位可签到的预订（开始前 15 分钟起至开始后 10 分钟可签到）');
      pin(at(TUE, '08:45'));
      expect((await staff1.get(`/api/sharing/resources/${room}/check-in`)).json().booking.id).toBe(early);
      // Another unit's person at the same door finds nothing of theirs.
      expect((await staff2.post(`/api/sharing/resources/${room}/check-in`)).statusCode).toBe(409);
      const done = await staff1.post(`/api/sharing/resources/${room}/check-in`);
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json()).toMatchObject({ id: early, checkedInAt: new Date(at(TUE, '08:45')).toISOString() });
    });

    it('releases the unattended 11:00 booking at 11:10 exactly, not at 11:09, and keeps the checked-in one', async () => {
      expect(await releaseNoShows(t.database.db, new Date(at(TUE, '11:09')))).toEqual({ released: 0 });
      expect(await statusOf(late)).toBe('confirmed');
      pin(at(TUE, '11:10'));
      expect((await staff1.post(`/api/sharing/resources/${room}/check-in`)).statusCode).toBe(409);
      expect(await releaseNoShows(t.database.db, new Date(at(TUE, '11:10')))).toEqual({ released: 1 });
      expect([await statusOf(early), await statusOf(late)]).toEqual(['confirmed', 'no_show']);
      const events = await query<{ kind: string }>(
        t.database.db,
        sql`select kind from sharing_events where booking_id = ${late}::uuid order by id`,
      );
      expect(events.map((e) => e.kind)).toEqual(['create', 'no_show']);
      // The rest of its slot is free at once.
      const taken = await book(staff2, room, TUE, '11:30', '12:00');
      expect(taken.statusCode, taken.body).toBe(201);
      // A second sweep finds nothing more.
      expect(await releaseNoShows(t.database.db, new Date(at(TUE, '11:11')))).toEqual({ released: 0 });
    });

    it('counts the no-show in the usage, outside the booked hours and the charge', async () => {
      const usage = (await officer.get('/api/sharing/usage?month=2027-03')).json();
      const row = usage.rows.find((r: { unitId: string; resourceId: string }) => r.unitId === u01 && r.resourceId === room);
      expect([row.bookings, row.noShows, row.minutes]).toEqual([1, 1, 60]);
    });
  });

  describe('quotas per unit and per person', () => {
    let room: string;

    it('puts an instant in its Monday week and its calendar month (business zone)', () => {
      expect(quotaPeriodOf('week', new Date('2027-03-07T23:30:00+08:00'))).toMatchObject({ from: '2027-03-01', to: '2027-03-08' });
      expect(quotaPeriodOf('week', new Date('2027-03-07T16:00:00Z'))).toMatchObject({ from: '2027-03-08', to: '2027-03-15' });
      expect(quotaPeriodOf('month', new Date('2027-03-31T16:30:00Z'))).toMatchObject({ from: '2027-04-01', to: '2027-05-01' });
    });

    it('refuses a quota without its period, naming the field', async () => {
      const res = await officer.post('/api/sharing/resources', { code: 'Q0', name: '配额', kind: 'room', unitQuotaMinutes: 180 });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('quotaPeriod');
    });

    it('holds a person to 2 hours and a unit to 3 hours a week, with a clear message and nothing written', async () => {
      sharingClock.now = () => NOW;
      room = await resource('Q1', { quotaPeriod: 'week', unitQuotaMinutes: 180, personQuotaMinutes: 120 });
      expect((await book(staff1, room, TUE, '09:00', '11:00')).statusCode).toBe(201);
      const person = await book(staff1, room, WED, '09:00', '09:30');
      expect(person.statusCode).toBe(422);
      expect(person.json().message).toBe(
        '「会议室Q1」每人每周最多预订 2 小时：您2027-03-01 起的一周已预订 2 小时，本次 0.5 小时，超出配额',
      );
      expect(await bookingsOn(room)).toBe(1);
      // A colleague of the same unit has an hour of the unit's three left.
      expect((await book(admin1, room, WED, '09:00', '10:00')).statusCode).toBe(201);
      const unit = await book(admin1, room, WED, '10:00', '10:30');
      expect(unit.statusCode).toBe(422);
      expect(unit.json().message).toBe(
        '「会议室Q1」每个单位每周最多预订 3 小时：本单位2027-03-01 起的一周已预订 3 小时，本次 0.5 小时，超出配额',
      );
      expect(await bookingsOn(room)).toBe(2);
      // Another unit has its own quota; next week is a new period.
      expect((await book(staff2, room, WED, '13:00', '15:00')).statusCode).toBe(201);
      expect((await book(staff1, room, '2027-03-09', '09:00', '11:00')).statusCode).toBe(201);
    });

    it('checks each weekly occurrence in its own week and refuses the whole series, naming the week', async () => {
      // Unit 02's person has their 2 hours in the week of 03-15 already; a weekly half hour from 03-10 breaks in its second week.
      expect((await book(staff2, room, '2027-03-16', '13:00', '15:00')).statusCode).toBe(201);
      const before = await bookingsOn(room);
      const broken = await book(staff2, room, '2027-03-10', '16:00', '16:30', { repeatWeeks: 1 });
      expect(broken.statusCode).toBe(422);
      expect(broken.json().message).toBe(
        '「会议室Q1」每人每周最多预订 2 小时：您2027-03-15 起的一周已预订 2 小时，本次 0.5 小时，超出配额',
      );
      expect(await bookingsOn(room)).toBe(before);
      expect((await book(staff2, room, '2027-03-10', '16:00', '16:30', { repeatWeeks: 0 })).statusCode).toBe(201);
    });

    it('refuses an extension beyond the quota', async () => {
      const [row] = await query<{ id: string }>(
        t.database.db,
        sql`select id::text from bookings where resource_id = ${room}::uuid and starts_at = ${at(TUE, '09:00')}::timestamptz`,
      );
      const res = await staff1.put(`/api/bookings/${row.id}/time`, { startsAt: at(TUE, '09:00'), endsAt: at(TUE, '11:30') });
      expect(res.statusCode).toBe(422);
      // The unit's other hour (admin's) and this one's 2.5 make 3.5 of the unit's 3.
      expect(res.json().message).toBe(
        '「会议室Q1」每个单位每周最多预订 3 小时：本单位2027-03-01 起的一周已预订 1 小时，本次 2.5 小时，超出配额',
      );
    });
  });
});
