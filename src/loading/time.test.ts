import { describe, expect, it } from 'vitest';
import { readDateTime, type WrittenDateTime } from './schemas/dates.js';
import { resolveTime } from './time.js';

const NEW_YORK = 'America/New_York';

function written(text: string): WrittenDateTime {
  const read = readDateTime(text);
  if (typeof read === 'string') throw new Error(read);
  return read;
}

const resolve = (text: string, timeZone = NEW_YORK, endOfDay = false) => resolveTime(written(text), timeZone, endOfDay);

describe('resolveTime', () => {
  it('reads a local time in the practice timezone, in winter and in summer', () => {
    expect(resolve('2026-01-15 09:00')).toEqual({ instant: new Date('2026-01-15T14:00:00Z'), clock: 'normal' });
    expect(resolve('2026-07-15 09:00')).toEqual({ instant: new Date('2026-07-15T13:00:00Z'), clock: 'normal' });
  });

  it('moves a time skipped when clocks spring forward ahead by the jump: 02:30 becomes 03:30 EDT', () => {
    const result = resolve('2026-03-08 02:30');
    expect(result.clock).toBe('gap');
    expect(result.instant.toISOString()).toBe('2026-03-08T07:30:00.000Z');
  });

  it('treats the times either side of the spring-forward gap as normal', () => {
    expect(resolve('2026-03-08 01:59')).toEqual({ instant: new Date('2026-03-08T06:59:00Z'), clock: 'normal' });
    expect(resolve('2026-03-08 03:00')).toEqual({ instant: new Date('2026-03-08T07:00:00Z'), clock: 'normal' });
  });

  it('takes the first of a time that happens twice when clocks fall back (01:30 EDT)', () => {
    const result = resolve('2026-11-01 01:30');
    expect(result.clock).toBe('repeated');
    expect(result.instant.toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });

  it('treats the times either side of the fall-back hour as normal', () => {
    expect(resolve('2026-11-01 00:59')).toEqual({ instant: new Date('2026-11-01T04:59:00Z'), clock: 'normal' });
    expect(resolve('2026-11-01 02:00')).toEqual({ instant: new Date('2026-11-01T07:00:00Z'), clock: 'normal' });
  });

  it('uses the offset written in the text, whatever the practice timezone', () => {
    expect(resolve('2026-03-08 02:30-05:00')).toEqual({ instant: new Date('2026-03-08T07:30:00Z'), clock: 'normal' });
    expect(resolve('2026-10-06T09:00Z')).toEqual({ instant: new Date('2026-10-06T09:00:00Z'), clock: 'normal' });
    expect(resolve('2026-10-06 09:00+0200').instant.toISOString()).toBe('2026-10-06T07:00:00.000Z');
  });

  it('reads a date without a time as the start of the day, or its end for an expiry', () => {
    expect(resolve('2026-10-06').instant.toISOString()).toBe('2026-10-06T04:00:00.000Z');
    expect(resolve('2026-10-06', NEW_YORK, true).instant.toISOString()).toBe('2026-10-07T03:59:00.000Z');
  });

  it('never reports a gap or a repeat in a timezone without daylight saving', () => {
    expect(resolve('2026-03-08 02:30', 'UTC')).toEqual({ instant: new Date('2026-03-08T02:30:00Z'), clock: 'normal' });
    expect(resolve('2026-11-01 01:30', 'America/Phoenix').clock).toBe('normal');
  });
});

describe('readDateTime', () => {
  it('reads the forms a post may use', () => {
    expect(written('2026-10-06 09:00')).toEqual({ year: 2026, month: 10, day: 6, hour: 9, minute: 0, dateOnly: false });
    expect(written('2026-10-06T09:00:30')).toMatchObject({ hour: 9, minute: 0, dateOnly: false });
    expect(written('2026-10-06')).toMatchObject({ hour: 0, minute: 0, dateOnly: true });
    expect(written('2026-10-06 09:00-04:00').offsetMinutes).toBe(-240);
  });

  it('explains what is wrong with a date that does not exist', () => {
    expect(readDateTime('2026-02-30 09:00')).toBe('is not a date: February 2026 has 28 days');
    expect(readDateTime('2028-02-29 09:00')).toMatchObject({ day: 29 });
    expect(readDateTime('2026-13-01')).toMatch(/has no month 13/);
    expect(readDateTime('2026-10-06 24:00')).toMatch(/is not a time of day/);
    expect(readDateTime('next Tuesday')).toMatch(/write it as YYYY-MM-DD HH:MM/);
  });
});
