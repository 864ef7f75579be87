import type { Calendar, CalendarPost, Observance } from '../calendar/index.js';
import { addDays } from '../calendar/dates.js';
import { profileFor } from '../networks/index.js';

export interface IcsOptions {
  /** DTSTAMP: when the file was made. */
  now: Date;
  toolVersion: string;
}

// Posting is a moment; a quarter of an hour shows up as a block in calendar apps.
const EVENT_MINUTES = 15;
const MAX_LINE_OCTETS = 75;

/**
 * `plan calendar --format ics`: an iCalendar file (RFC 5545) with one event per post, at its time in
 * UTC, and an all-day event per observance. Event ids stay the same from run to run, so importing
 * the file again updates the events instead of adding them twice.
 */
export function formatCalendarIcs(calendar: Calendar, options: IcsOptions): string {
  const stamp = utc(options.now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//plan//plan calendar ${options.toolVersion}//EN`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${text(`${calendar.practice || 'plan'} social posts`)}`,
    ...calendar.weeks.flatMap((week) => week.posts.flatMap((post) => postEvent(post, calendar, stamp))),
    ...calendar.observances.flatMap((observance) => observanceEvent(observance, calendar, stamp)),
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

function postEvent(post: CalendarPost, calendar: Calendar, stamp: string): string[] {
  const start = new Date(post.at);
  const networks = post.networks.map((n) => profileFor(n).label);
  const description = [
    `Publishes on ${networks.join(', ')} at ${post.time} (${calendar.timeZone}).`,
    `Status: ${post.status === 'ready' ? 'ready' : 'draft (will not publish until it is marked ready)'}`,
    ...(post.objectiveLabel ? [`Objective: ${post.objectiveLabel}`] : []),
    `File: ${post.file}`,
  ].join('\n');
  return [
    'BEGIN:VEVENT',
    `UID:${text(`post-${post.id}@${calendar.domain ?? 'plan'}`)}`,
    `DTSTAMP:${stamp}`,
    `DTSTART:${utc(start)}`,
    `DTEND:${utc(new Date(start.getTime() + EVENT_MINUTES * 60_000))}`,
    `SUMMARY:${text(post.status === 'draft' ? `Draft: ${post.title}` : post.title)}`,
    `DESCRIPTION:${text(description)}`,
    `CATEGORIES:${networks.map(text).join(',')}`,
    `STATUS:${post.status === 'ready' ? 'CONFIRMED' : 'TENTATIVE'}`,
    ...(post.link ? [`URL:${post.link}`] : []),
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

function observanceEvent(observance: Observance, calendar: Calendar, stamp: string): string[] {
  const slug = observance.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return [
    'BEGIN:VEVENT',
    `UID:${text(`observance-${observance.start}-${slug}@${calendar.domain ?? 'plan'}`)}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${compact(observance.start)}`,
    // An all-day event ends on the day after its last day.
    `DTEND;VALUE=DATE:${compact(addDays(observance.end, 1))}`,
    `SUMMARY:${text(observance.name)}`,
    'CATEGORIES:Observance',
    ...(observance.link ? [`URL:${observance.link}`] : []),
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

/** A TEXT value: backslashes, semicolons, commas and line breaks escaped. */
function text(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

function utc(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

function compact(date: string): string {
  return date.replace(/-/g, '');
}

/** Folds a content line into lines of at most 75 octets, never inside a character; each continuation starts with a space. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    const limit = parts.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}
