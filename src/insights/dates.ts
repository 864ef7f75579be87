/** Calendar dates ("2026-11-30") and clock hours in the practice's time zone, for weeks and posting times. */

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** Days since 1970-01-01 of a `YYYY-MM-DD` date, or undefined when it is not a real date. */
export function dayNumber(date: string): number | undefined {
  const match = DATE.exec(date);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  return ms / DAY_MS;
}

export function addDays(date: string, days: number): string {
  return new Date((dayNumber(date)! + days) * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both counted: 2026-12-01 to 2026-12-07 is 7. */
export function daysIn(from: string, to: string): number {
  return dayNumber(to)! - dayNumber(from)! + 1;
}

/** Monday is 0, Sunday 6. */
export function weekdayIndex(date: string): number {
  // 1970-01-01 was a Thursday.
  return (((dayNumber(date)! + 3) % 7) + 7) % 7;
}

/** The Monday of the week (Monday to Sunday) holding `date`. */
export function mondayOf(date: string): string {
  return addDays(date, -weekdayIndex(date));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The practice's calendar date and hour (0–23) of an instant. */
export function localTime(instant: Date, timeZone: string): { date: string; hour: number } {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour) };
}
