import { describe, expect, it } from 'vitest';
import { IsoDate, IsoMonth, isCalendarDate, isCalendarMonth } from './dates.ts';
import { CardInput } from './assets.contracts.ts';
import { documentTypeSpec } from './workflow.contracts.ts';
import { Month } from './finance.contracts.ts';

describe('calendar dates and months', () => {
  it('accepts real days from 1900 to 2200, including 29 February of leap years', () => {
    expect(['1900-01-01', '2024-02-29', '2000-02-29', '2026-12-31', '2200-12-31'].filter((d) => !isCalendarDate(d))).toEqual([]);
  });

  it('refuses days that do not exist, year 0000, years out of range and other shapes', () => {
    const bad = [
      '2026-02-30',
      '2025-02-29',
      '1900-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-01-00',
      '0000-01-01',
      '1899-12-31',
      '2201-01-01',
      '9999-12-31',
      '2026-1-5',
      '2026-01-05T00:00:00Z',
      ' 2026-01-05',
      '2026-01-05\u0000',
      '',
      '20260105',
    ];
    expect(bad.filter((d) => isCalendarDate(d))).toEqual([]);
    expect(bad.filter((d) => IsoDate.safeParse(d).success)).toEqual([]);
  });

  it('accepts months 01–12 in range and refuses 0000-01, 2026-13 and 2026-00', () => {
    expect(['1900-01', '2026-12', '2200-06'].every(isCalendarMonth)).toBe(true);
    expect(['0000-01', '2026-13', '2026-00', '2201-01', '2026-1', '2026-01-01'].filter((m) => IsoMonth.safeParse(m).success)).toEqual([]);
  });

  it('is the rule of card fields, document payloads and depreciation months', () => {
    expect(CardInput.shape.acquiredOn.safeParse('2026-02-30').success).toBe(false);
    const lending = documentTypeSpec('lending').payload;
    expect(lending.safeParse({ periodTo: '2026-02-30' }).success).toBe(false);
    expect(lending.safeParse({ periodTo: '2026-02-28' }).success).toBe(true);
    expect(Month.safeParse('0000-01').success).toBe(false);
  });
});
