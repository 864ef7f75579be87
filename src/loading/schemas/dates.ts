import { z } from 'zod';

/** A date and time as written in a post: local ("2026-10-06 09:00") or with an offset. */
export interface WrittenDateTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** Minutes east of UTC when the text gives an offset ("Z", "+02:00"); otherwise practice time. */
  offsetMinutes?: number;
  dateOnly: boolean;
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function readDateTime(text: string): WrittenDateTime | string {
  const match = DATE_TIME.exec(text.trim());
  if (!match) return 'is not a date and time: write it as YYYY-MM-DD HH:MM, e.g. 2026-10-06 09:00';
  const [, y, mo, d, h, mi, s, zone] = match;
  const written: WrittenDateTime = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    dateOnly: h === undefined,
  };
  if (written.month < 1 || written.month > 12) return `has no month ${written.month}: months run 01–12`;
  const daysInMonth = new Date(Date.UTC(written.year, written.month, 0)).getUTCDate();
  if (written.day < 1 || written.day > daysInMonth) return `is not a date: ${monthName(written.month)} ${written.year} has ${daysInMonth} days`;
  if (written.hour > 23 || written.minute > 59 || Number(s ?? 0) > 59) return 'is not a time of day: use 00:00–23:59';
  if (zone) written.offsetMinutes = zone === 'Z' ? 0 : offsetOf(zone);
  return written;
}

function offsetOf(zone: string): number {
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
}

function monthName(month: number): string {
  return new Date(Date.UTC(2000, month - 1, 1)).toLocaleString('en-US', { month: 'long', timeZone: 'UTC' });
}

export const DATE_RULE = 'schema/date';

export const dateTimeText = z.string().superRefine((text, ctx) => {
  const read = readDateTime(text);
  if (typeof read === 'string') ctx.addIssue({ code: 'custom', message: read, params: { rule: DATE_RULE } });
});
