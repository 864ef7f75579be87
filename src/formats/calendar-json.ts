import type { Calendar } from '../calendar/index.js';

/** `plan calendar --format json`: the calendar as computed, with a version for scripts. */
export function formatCalendarJson(calendar: Calendar): string {
  return `${JSON.stringify({ version: 1, ...calendar }, null, 2)}\n`;
}
