import { describe, expect, it } from 'vitest';
import { bookingRefusal, chargeFen, local, openMinutesInMonth, type ResourceRules } from './booking.rules.ts';

const room: ResourceRules = {
  name: '会议室',
  kind: 'room',
  active: true,
  capacity: 10,
  openFrom: 8 * 60,
  openTo: 18 * 60,
  openDays: [1, 2, 3, 4, 5],
  slotMinutes: 30,
  bufferMinutes: 0,
  minNoticeMinutes: 0,
  maxAheadDays: 60,
  maxMinutes: 480,
  allowedUnitIds: null,
  allowedRoles: null,
  blackoutDates: [],
};
const NOW = new Date('2027-03-01T08:00:00+08:00');
const span = (from: string, to: string) => ({ startsAt: new Date(from), endsAt: new Date(to), unitId: 'u' });

describe('booking rules', () => {
  it('reads instants in the business zone: date, minute of day and ISO weekday', () => {
    expect(local(new Date('2027-03-07T16:30:00Z'))).toEqual({ date: '2027-03-08', minute: 30, weekday: 1 });
    expect(local(new Date('2027-03-07T15:59:00Z'))).toEqual({ date: '2027-03-07', minute: 23 * 60 + 59, weekday: 7 });
  });

  it('accepts a booking that ends at closing time and refuses one a slot later', () => {
    expect(bookingRefusal(room, span('2027-03-02T17:00:00+08:00', '2027-03-02T18:00:00+08:00'), NOW)).toBeNull();
    expect(bookingRefusal(room, span('2027-03-02T17:30:00+08:00', '2027-03-02T18:30:00+08:00'), NOW)?.message).toContain('08:00–18:00');
  });

  it('lets a vehicle open all day run past midnight, and keeps a room to one day', () => {
    const car = { ...room, kind: 'vehicle', openFrom: 0, openTo: 1440, openDays: [1, 2, 3, 4, 5, 6, 7], maxMinutes: 1440 };
    expect(bookingRefusal(car, span('2027-03-02T20:00:00+08:00', '2027-03-03T02:00:00+08:00'), NOW)).toBeNull();
    expect(bookingRefusal(car, span('2027-03-02T20:00:00+08:00', '2027-03-03T00:00:00+08:00'), NOW)).toBeNull();
    expect(
      bookingRefusal({ ...room, maxMinutes: 1440 }, span('2027-03-02T17:00:00+08:00', '2027-03-03T09:00:00+08:00'), NOW)?.message,
    ).toContain('同一天');
  });

  it('refuses a trip whose second day is sealed', () => {
    const car = { ...room, openFrom: 0, openTo: 1440, openDays: [1, 2, 3, 4, 5, 6, 7], maxMinutes: 1440, blackoutDates: ['2027-03-03'] };
    expect(bookingRefusal(car, span('2027-03-02T20:00:00+08:00', '2027-03-03T02:00:00+08:00'), NOW)?.message).toContain('2027-03-03 停用');
  });

  it('counts the open minutes of a month over open weekdays that are not sealed', () => {
    expect(openMinutesInMonth(room, '2027-02')).toBe(20 * 600);
    expect(openMinutesInMonth({ ...room, blackoutDates: ['2027-02-01', '2027-02-06'] }, '2027-02')).toBe(19 * 600);
  });

  it('charges the hourly rate for the minutes, half a fen rounded up', () => {
    expect(chargeFen(12345, 50)).toBe(10288);
    expect(chargeFen(12345, 90)).toBe(18518);
    expect(chargeFen(5000, 30)).toBe(2500);
    expect(chargeFen(0, 600)).toBe(0);
  });
});
