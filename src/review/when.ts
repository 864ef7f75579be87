import type { When } from './types.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'always' });

/** A moment in the practice's time, in UTC, and relative to the review's clock. */
export function describeWhen(instant: Date, timeZone: string, now: Date): When {
  return {
    utc: instant.toISOString(),
    local: practiceTime(instant, timeZone),
    relative: relativeTime(instant, now),
    past: instant.getTime() <= now.getTime(),
  };
}

/** "Sat Dec 5, 2026, 9:00 AM EST" */
export function practiceTime(instant: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      year: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.weekday} ${parts.month} ${parts.day}, ${parts.year}, ${parts.hour}:${parts.minute} ${parts.dayPeriod} ${parts.timeZoneName}`;
}

/** "14:00 UTC" style for one line: "2026-12-05 14:00 UTC". */
export function utcTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** "in 3 days", "5 hours ago", "in 20 minutes", "now". */
export function relativeTime(instant: Date, now: Date): string {
  const diff = instant.getTime() - now.getTime();
  const size = Math.abs(diff);
  if (size < MINUTE) return 'now';
  if (size < HOUR) return relative.format(Math.trunc(diff / MINUTE), 'minute');
  if (size < 2 * DAY) return relative.format(Math.trunc(diff / HOUR), 'hour');
  return relative.format(Math.trunc(diff / DAY), 'day');
}
