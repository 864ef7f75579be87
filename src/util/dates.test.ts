import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, daysBetween, localDateTime, mondayOf } from './dates.js';

describe('calendar dates', () => {
  it('finds the Monday of a week, Monday to Sunday', () => {
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(mondayOf('2026-12-06')).toBe('2026-11-30');
    expect(mondayOf('2026-12-07')).toBe('2026-12-07');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
    expect(mondayOf('1969-12-31')).toBe('1969-12-29');
  });

  it('refuses dates that do not exist', () => {
    expect(dayNumber('2026-02-29')).toBeUndefined();
    expect(dayNumber('2028-02-29')).toBeDefined();
    expect(dayNumber('2026-13-01')).toBeUndefined();
    expect(dayNumber('12/01/2026')).toBeUndefined();
  });

  it('counts days across months and years', () => {
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(daysBetween('2026-11-30', '2027-01-04')).toBe(35);
  });

  it('gives the practice date and time of an instant, across a daylight-saving change', () => {
    expect(localDateTime(new Date('2026-12-01T14:00:00Z'), 'America/New_York')).toEqual({ date: '2026-12-01', time: '09:00' });
    expect(localDateTime(new Date('2026-07-01T13:00:00Z'), 'America/New_York')).toEqual({ date: '2026-07-01', time: '09:00' });
    expect(localDateTime(new Date('2026-12-01T03:30:00Z'), 'America/New_York')).toEqual({ date: '2026-11-30', time: '22:30' });
  });
});
