/** Calendar dates ("2026-11-30") in the practice's time zone, and the little arithmetic the calendar and the results need. */

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

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

export function fromDayNumber(days: number): string {
  return new Date(days * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(dayNumber(date)! + days);
}

export function daysBetween(from: string, to: string): number {
  return dayNumber(to)! - dayNumber(from)!;
}

/** Monday is 0, Sunday 6. */
export function weekdayIndex(date: string): number {
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counting Monday as 0.
  return (((dayNumber(date)! + 3) % 7) + 7) % 7;
}

/** The Monday of the week (Monday to Sunday, as cadence counts) holding `date`. */
export function mondayOf(date: string): string {
  return addDays(date, -weekdayIndex(date));
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The practice's calendar date and clock time of an instant. */
export function localDateTime(instant: Date, timeZone: string): { date: string; time: string } {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}
