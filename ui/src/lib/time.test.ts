import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, formatDay, localToday } from './time';

describe('days', () => {
  it('formats a day as the banner shows it', () => {
    expect(formatDay('2026-09-12')).toBe('12 Sep 2026');
    expect(formatDay('2026-01-01')).toBe('1 Jan 2026');
  });

  it('steps through days across month and year ends', () => {
    expect(addDays('2026-08-19', 13)).toBe('2026-09-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-08-19', '2026-11-28')).toBe(101);
    expect(daysBetween('2026-11-28', '2026-08-19')).toBe(-101);
    expect(addDays('2026-08-19', daysBetween('2026-08-19', '2026-10-25'))).toBe('2026-10-25');
  });

  it('gives today in local time', () => {
    expect(localToday(new Date(2026, 8, 5, 23, 30))).toBe('2026-09-05');
  });
});
