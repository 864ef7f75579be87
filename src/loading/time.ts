import { tzOffset } from '@date-fns/tz';
import type { WrittenDateTime } from './schemas/dates.js';

/** A written time placed on the timeline; `clock` says how the practice's clock treats it. */
export interface ResolvedTime {
  instant: Date;
  /** `gap`: the local time is skipped when clocks spring forward; `repeated`: it happens twice in the fall. */
  clock: 'normal' | 'gap' | 'repeated';
}

const DAY_MS = 86_400_000;

/** The calendar year of an instant in `timeZone`. */
export function yearIn(instant: Date, timeZone: string): number {
  return new Date(instant.getTime() + tzOffset(timeZone, instant) * 60_000).getUTCFullYear();
}

/**
 * Resolves a written date and time: with its own offset when it has one, otherwise as local time in
 * `timeZone`. A skipped local time moves forward by the jump (02:30 → 03:30); a repeated one takes
 * the first occurrence. A date without a time is the start of that day, or its end when `endOfDay`.
 */
export function resolveTime(written: WrittenDateTime, timeZone: string, endOfDay = false): ResolvedTime {
  const hour = written.dateOnly && endOfDay ? 23 : written.hour;
  const minute = written.dateOnly && endOfDay ? 59 : written.minute;
  const wallClock = Date.UTC(written.year, written.month - 1, written.day, hour, minute);
  if (written.offsetMinutes !== undefined) return { instant: new Date(wallClock - written.offsetMinutes * 60_000), clock: 'normal' };

  const offsetAt = (ms: number) => tzOffset(timeZone, new Date(ms));
  const offsets = [...new Set([offsetAt(wallClock - DAY_MS), offsetAt(wallClock + DAY_MS)])];
  const fits = offsets.map((offset) => wallClock - offset * 60_000).filter((ms, i) => offsetAt(ms) === offsets[i]);
  if (fits.length === 0) return { instant: new Date(wallClock - offsets[0]! * 60_000), clock: 'gap' };
  const first = Math.min(...fits);
  return { instant: new Date(first), clock: fits.length > 1 ? 'repeated' : 'normal' };
}
