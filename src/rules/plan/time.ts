import { tz, tzOffset } from '@date-fns/tz';
// One module per function: the package's index would load all of date-fns (about 300 modules).
import { addWeeks } from 'date-fns/addWeeks';
import { format } from 'date-fns/format';
import { startOfDay } from 'date-fns/startOfDay';
import { startOfWeek } from 'date-fns/startOfWeek';

// Weeks run Monday to Sunday in practice time, as plans/networks.yaml says.

export function weekStart(instant: Date, timeZone: string): Date {
  return startOfWeek(instant, { weekStartsOn: 1, in: tz(timeZone) });
}

/** The start of every week from the week starting at `first` to the week holding `last`. */
export function weeksFrom(first: Date, last: Date, timeZone: string): Date[] {
  const weeks: Date[] = [];
  for (let week = first; week <= last; week = addWeeks(week, 1, { in: tz(timeZone) })) weeks.push(week);
  return weeks;
}

export function weekEnd(week: Date, timeZone: string): Date {
  return addWeeks(week, 1, { in: tz(timeZone) });
}

export function dayStart(instant: Date, timeZone: string): Date {
  return startOfDay(instant, { in: tz(timeZone) });
}

/** "2026-12-14": one calendar day of the practice. */
export function dayKey(instant: Date, timeZone: string): string {
  return format(instant, 'yyyy-MM-dd', { in: tz(timeZone) });
}

/** "Mon Dec 14" */
export function describeDay(instant: Date, timeZone: string): string {
  return format(instant, 'EEE MMM d', { in: tz(timeZone) });
}

/** "9:00 am" */
export function describeTime(instant: Date, timeZone: string): string {
  return format(instant, 'h:mm aaa', { in: tz(timeZone) });
}

/** "Mon Dec 14, 9:00 am" */
export function describeMoment(instant: Date, timeZone: string): string {
  return `${describeDay(instant, timeZone)}, ${describeTime(instant, timeZone)}`;
}

/** "Mon 09:00", as plans/networks.yaml writes a slot. */
export function slotOf(instant: Date, timeZone: string): string {
  return format(instant, 'EEE HH:mm', { in: tz(timeZone) });
}

/** "UTC-4" */
export function describeOffset(instant: Date, timeZone: string): string {
  const minutes = tzOffset(timeZone, instant);
  const hours = Math.trunc(Math.abs(minutes) / 60);
  const rest = Math.abs(minutes) % 60;
  return `UTC${minutes < 0 ? '-' : '+'}${hours}${rest ? `:${String(rest).padStart(2, '0')}` : ''}`;
}

/** "-05:00", as a publish_at may end. */
export function offsetSuffix(minutes: number): string {
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.trunc(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
