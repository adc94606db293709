import { describe, expect, it } from 'vitest';
import { addClockMinutes, clockMinutes, stepClock } from './sla.rules.ts';

// 2027-03-05 is a Friday; business hours 09:00–18:00 Beijing time, Monday to Friday.
const at = (s: string) => new Date(`${s}+08:00`);
const local = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('SLA clocks', () => {
  it('moves a business-hours deadline over the weekend: Friday 17:30 + 60 min is Monday 09:30', () => {
    expect(local(addClockMinutes(at('2027-03-05T17:30'), 60, 'business'))).toBe('2027-03-08 09:30');
    expect(clockMinutes(at('2027-03-05T17:30'), at('2027-03-08T09:30'), 'business')).toBe(60);
  });

  it('moves it over a night: Tuesday 17:50 + 30 min is Wednesday 09:20', () => {
    expect(local(addClockMinutes(at('2027-03-02T17:50'), 30, 'business'))).toBe('2027-03-03 09:20');
    expect(clockMinutes(at('2027-03-02T17:50'), at('2027-03-03T09:20'), 'business')).toBe(30);
  });

  it('starts the clock of a fault reported on Saturday at Monday 09:00', () => {
    expect(local(addClockMinutes(at('2027-03-06T10:00'), 60, 'business'))).toBe('2027-03-08 10:00');
    expect(clockMinutes(at('2027-03-06T10:00'), at('2027-03-08T08:59'), 'business')).toBe(0);
  });

  it('counts a 16-hour business resolution across two nights and a weekend to the minute', () => {
    // Thursday 16:00: 2 h Thursday, 9 h Friday, 5 h Monday → Monday 14:00.
    expect(local(addClockMinutes(at('2027-03-04T16:00'), 960, 'business'))).toBe('2027-03-08 14:00');
    expect(clockMinutes(at('2027-03-04T16:00'), at('2027-03-08T14:01'), 'business')).toBe(961);
  });

  it('counts every minute on a 24×7 priority', () => {
    expect(local(addClockMinutes(at('2027-03-05T17:30'), 60, '24x7'))).toBe('2027-03-05 18:30');
    expect(clockMinutes(at('2027-03-05T17:30'), at('2027-03-08T09:30'), '24x7')).toBe(3840);
  });

  it('flags a step done after its deadline, and an open step once its deadline has passed', () => {
    const reported = at('2027-03-05T17:30');
    const due = at('2027-03-08T09:30');
    expect(stepClock(reported, due, at('2027-03-08T09:30'), at('2027-03-09T00:00'), 'business')).toMatchObject({
      minutes: 60,
      breached: false,
    });
    expect(stepClock(reported, due, at('2027-03-08T09:31'), at('2027-03-09T00:00'), 'business')).toMatchObject({
      minutes: 61,
      breached: true,
    });
    expect(stepClock(reported, due, null, at('2027-03-08T09:00'), 'business')).toMatchObject({ minutes: 30, breached: false });
    expect(stepClock(reported, due, null, at('2027-03-08T09:45'), 'business')).toMatchObject({ minutes: 75, breached: true });
  });
});
