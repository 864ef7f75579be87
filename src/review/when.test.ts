import { describe, expect, it } from 'vitest';
import { describeWhen, relativeTime } from './when.js';

const NOW = new Date('2026-12-01T15:00:00Z');

describe('describeWhen', () => {
  it('gives practice time with its zone, UTC, and the distance from now', () => {
    expect(describeWhen(new Date('2026-12-04T14:00:00Z'), 'America/New_York', NOW)).toEqual({
      utc: '2026-12-04T14:00:00.000Z',
      local: 'Fri Dec 4, 2026, 9:00 AM EST',
      relative: 'in 2 days',
      past: false,
    });
    expect(describeWhen(new Date('2026-07-04T13:00:00Z'), 'America/New_York', NOW).local).toBe('Sat Jul 4, 2026, 9:00 AM EDT');
  });
});

describe('relativeTime', () => {
  it.each([
    ['2026-12-01T15:00:30Z', 'now'],
    ['2026-12-01T15:20:00Z', 'in 20 minutes'],
    ['2026-12-01T12:00:00Z', '3 hours ago'],
    ['2026-12-02T20:00:00Z', 'in 29 hours'],
    ['2026-12-04T16:00:00Z', 'in 3 days'],
    ['2026-11-20T15:00:00Z', '11 days ago'],
  ])('%s is %s', (at, expected) => {
    expect(relativeTime(new Date(at), NOW)).toBe(expected);
  });
});
