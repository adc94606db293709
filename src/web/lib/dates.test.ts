import { describe, expect, it } from 'vitest';
import { formatDateTime } from './dates.ts';

describe('formatDateTime', () => {
  it('shows a moment in Beijing time as YYYY-MM-DD HH:mm, whatever the zone it came in', () => {
    expect(formatDateTime('2026-03-01T16:30:59Z')).toBe('2026-03-02 00:30');
    expect(formatDateTime('2026-03-02T00:30:59+08:00', true)).toBe('2026-03-02 00:30:59');
  });
  it('shows nothing for no moment or a broken one', () => {
    expect(formatDateTime(null)).toBe('');
    expect(formatDateTime('not a time')).toBe('');
  });
});
