import { postStates, type Calendar, type CalendarPost, type NetworkState, type Observance, type PublicationState } from '../calendar/index.js';
import type { NetworkId } from '../loading/schemas/index.js';
import { addDays } from '../util/dates.js';
import { profileFor } from '../networks/index.js';

export interface IcsOptions {
  /** DTSTAMP: when the file was made. */
  now: Date;
  toolVersion: string;
}

// Posting is a moment; a quarter of an hour shows up as a block in calendar apps.
const EVENT_MINUTES = 15;
const MAX_LINE_OCTETS = 75;
const REFRESH = 'PT3H';

/**
 * `plan calendar --format ics`: an iCalendar file (RFC 5545) with one event per post and network, at
 * its time in UTC, and an all-day event per observance. Event ids are made from the post's id and the
 * network alone, so every run on every machine gives the same ones: a calendar app that subscribes
 * to the file (or imports it again) updates its events instead of adding them twice.
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
    // How often a subscribed calendar app should fetch the file again (RFC 7986, and Outlook's name for it).
    `REFRESH-INTERVAL;VALUE=DURATION:${REFRESH}`,
    `X-PUBLISHED-TTL:${REFRESH}`,
    ...calendar.weeks.flatMap((week) => week.posts.flatMap((post) => postStates(post).flatMap((state) => postEvent(post, state, calendar, stamp)))),
    ...calendar.observances.flatMap((observance) => observanceEvent(observance, calendar, stamp)),
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

// A published post is done; a missed, failed or expired one will not go out; a draft, a held one or one whose outcome is unknown may.
const EVENT_STATUS: Record<PublicationState, 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED'> = {
  planned: 'CONFIRMED',
  due: 'CONFIRMED',
  published: 'CONFIRMED',
  draft: 'TENTATIVE',
  held: 'TENTATIVE',
  unknown: 'TENTATIVE',
  missed: 'CANCELLED',
  failed: 'CANCELLED',
  expired: 'CANCELLED',
};

const SUMMARY_PREFIX: Record<PublicationState, string> = {
  planned: '',
  due: 'Due now: ',
  published: 'Published: ',
  draft: 'Draft: ',
  held: 'Held: ',
  unknown: 'Check: ',
  missed: 'Missed: ',
  failed: 'Failed: ',
  expired: 'Expired: ',
};

function postEvent(post: CalendarPost, state: NetworkState, calendar: Calendar, stamp: string): string[] {
  const start = new Date(post.at);
  const network = profileFor(state.network).label;
  const url = state.url ?? post.link;
  return [
    'BEGIN:VEVENT',
    `UID:${text(postUid(post.id, state.network, calendar))}`,
    `DTSTAMP:${stamp}`,
    `DTSTART:${utc(start)}`,
    `DTEND:${utc(new Date(start.getTime() + EVENT_MINUTES * 60_000))}`,
    `SUMMARY:${text(`${SUMMARY_PREFIX[state.state]}${post.title} (${network})`)}`,
    `DESCRIPTION:${text(description(post, state, calendar))}`,
    `CATEGORIES:${text(network)}`,
    `STATUS:${EVENT_STATUS[state.state]}`,
    ...(url ? [`URL:${url}`] : []),
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

function description(post: CalendarPost, state: NetworkState, calendar: Calendar): string {
  const network = profileFor(state.network).label;
  return [
    stateLine(state, network, `${post.time} (${calendar.timeZone})`),
    ...(state.detail ? [`Why: ${state.detail}`] : []),
    ...(post.objectiveLabel ? [`Objective: ${post.objectiveLabel}`] : []),
    ...(post.link ? [`Link in the post: ${post.link}`] : []),
    `File: ${post.file}`,
  ].join('\n');
}

function stateLine(state: NetworkState, network: string, time: string): string {
  switch (state.state) {
    case 'published':
      return `Published on ${network}${state.url ? `: ${state.url}` : ''}`;
    case 'draft':
      return `Draft for ${network} at ${time}: it will not publish until it is marked ready.`;
    case 'planned':
      return `Publishes on ${network} at ${time}.`;
    case 'due':
      return `Due on ${network} since ${time}: the next publish run sends it.`;
    case 'missed':
      return `Missed on ${network}: it was due at ${time} and was not published.`;
    case 'held':
      return `Held back on ${network}: it will not publish at ${time} until this is resolved.`;
    case 'failed':
      return `Failed on ${network}: the network refused it.`;
    case 'unknown':
      return `Not known whether it went out on ${network}: check the account.`;
    case 'expired':
      return `Expired: it will not be published on ${network}.`;
  }
}

/**
 * The event id of a post on a network: the network and the post's id (percent-encoded), at the
 * practice's domain. Network names hold no "-", so no two posts and networks give the same id.
 */
export function postUid(id: string, network: NetworkId, calendar: Pick<Calendar, 'domain' | 'practice'>): string {
  return `post-${network}-${encodeURIComponent(id)}@${uidDomain(calendar)}`;
}

/** The practice's web domain, or (without a website in plan.config.yaml) a name made from the practice's. */
function uidDomain(calendar: Pick<Calendar, 'domain' | 'practice'>): string {
  if (calendar.domain) return calendar.domain;
  return `${slug(calendar.practice) || 'plan'}.invalid`;
}

function slug(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

function observanceEvent(observance: Observance, calendar: Calendar, stamp: string): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${text(`observance-${observance.start}-${slug(observance.name)}@${uidDomain(calendar)}`)}`,
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
