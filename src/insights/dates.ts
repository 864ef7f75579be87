/** Weekdays, spans of days and clock hours in the practice's time zone, for weeks and posting times; the date arithmetic is the calendar's. */
import { daysBetween, localDateTime } from '../util/dates.js';

export { addDays, dayNumber, mondayOf, weekdayIndex } from '../util/dates.js';

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Days from `from` to `to`, both counted: 2026-12-01 to 2026-12-07 is 7. */
export function daysIn(from: string, to: string): number {
  return daysBetween(from, to) + 1;
}

/** The practice's calendar date and hour (0–23) of an instant. */
export function localTime(instant: Date, timeZone: string): { date: string; hour: number } {
  const { date, time } = localDateTime(instant, timeZone);
  return { date, hour: Number(time.slice(0, 2)) };
}
