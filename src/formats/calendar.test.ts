import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { Calendar, CalendarPost } from '../calendar/index.js';
import { formatCalendarIcs } from './calendar-ics.js';
import { formatCalendarJson } from './calendar-json.js';
import { formatCalendarTable } from './calendar-table.js';

const POST: CalendarPost = {
  id: 'flu-shots-2026',
  file: 'content/2026/12/flu.md',
  title: 'Flu shots; walk-ins, too \\ no appointment',
  status: 'ready',
  at: '2026-12-01T14:00:00.000Z',
  date: '2026-12-01',
  time: '09:00',
  networks: ['x', 'facebook'],
  objective: 'education',
  objectiveLabel: 'Patient éducation 💉 for every family in the valley, young and old alike',
  link: 'https://cedarvalleyhealth.com/flu',
  counted: true,
};
const DRAFT: CalendarPost = { ...POST, id: '2026/12/walk', file: 'content/2026/12/walk.md', title: 'Walking group', status: 'draft', at: '2026-12-09T17:00:00.000Z', date: '2026-12-09', time: '12:00', networks: ['x'] };

const CALENDAR: Calendar = {
  practice: 'Cedar Valley Family Health',
  domain: 'cedarvalleyhealth.com',
  timeZone: 'America/New_York',
  from: '2026-11-30',
  to: '2026-12-13',
  networks: ['x', 'facebook'],
  weeks: [
    {
      start: '2026-11-30',
      end: '2026-12-06',
      posts: [POST],
      networks: [
        { network: 'x', posts: 1, drafts: 0, target: 2, gap: true },
        { network: 'facebook', posts: 1, drafts: 0, gap: false },
      ],
      objectives: { education: 1 },
      observances: [
        { name: 'Safe Toys Month', start: '2026-12-01', end: '2026-12-31', kind: 'month', ongoing: false },
        { name: 'World AIDS Day', start: '2026-12-01', end: '2026-12-01', kind: 'day', ongoing: false, link: 'https://www.who.int' },
      ],
    },
    {
      start: '2026-12-07',
      end: '2026-12-13',
      posts: [DRAFT],
      networks: [
        { network: 'x', posts: 1, drafts: 1, target: 2, gap: true },
        { network: 'facebook', posts: 0, drafts: 0, gap: false },
      ],
      objectives: { education: 1 },
      observances: [{ name: 'Safe Toys Month', start: '2026-12-01', end: '2026-12-31', kind: 'month', ongoing: true }],
    },
  ],
  mix: {
    windowWeeks: 4,
    tolerance: 15,
    windows: [
      {
        start: '2026-11-30',
        end: '2026-12-13',
        weeks: 2,
        posts: 2,
        unassigned: 0,
        objectives: [
          { id: 'education', label: 'Patient education', target: 30, posts: 2, share: 100, drift: 70, off: true },
          { id: 'new-patients', label: 'Attract new patients', target: 70, posts: 0, share: 0, drift: -70, off: true },
        ],
      },
    ],
  },
  observances: [
    { name: 'Safe Toys Month', start: '2026-12-01', end: '2026-12-31', kind: 'month' },
    { name: 'World AIDS Day', start: '2026-12-01', end: '2026-12-01', kind: 'day', link: 'https://www.who.int' },
  ],
  gaps: 2,
  skipped: [{ file: 'content/broken.md', reason: 'no valid publish_at' }],
};

const ics = () => formatCalendarIcs(CALENDAR, { now: new Date('2026-11-28T12:00:00Z'), toolVersion: '0.1.0' });

describe('calendar ics', () => {
  it('parses with a real iCalendar parser: one event per post at its UTC time, all-day observances', () => {
    const calendar = new ICAL.Component(ICAL.parse(ics()));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    const events = calendar.getAllSubcomponents('vevent').map((v) => ({ event: new ICAL.Event(v), component: v }));
    expect(events).toHaveLength(4);
    const [post, draft, toys, aids] = events;

    expect(post!.event.uid).toBe('post-flu-shots-2026@cedarvalleyhealth.com');
    expect(post!.event.summary).toBe(POST.title);
    expect(post!.event.startDate.toJSDate().toISOString()).toBe('2026-12-01T14:00:00.000Z');
    expect(post!.event.endDate.toJSDate().toISOString()).toBe('2026-12-01T14:15:00.000Z');
    expect(post!.event.description).toContain('Publishes on X, Facebook at 09:00 (America/New_York).\nStatus: ready\nObjective: Patient éducation 💉');
    expect(post!.component.getFirstProperty('categories')!.getValues()).toEqual(['X', 'Facebook']);
    expect(post!.component.getFirstPropertyValue('status')).toBe('CONFIRMED');
    expect(post!.component.getFirstPropertyValue('url')).toBe('https://cedarvalleyhealth.com/flu');
    expect(post!.component.getFirstPropertyValue('dtstamp')!.toString()).toBe('2026-11-28T12:00:00Z');

    expect(draft!.event.summary).toBe('Draft: Walking group');
    expect(draft!.component.getFirstPropertyValue('status')).toBe('TENTATIVE');

    expect(toys!.event.startDate.isDate).toBe(true);
    expect(toys!.event.startDate.toString()).toBe('2026-12-01');
    expect(toys!.event.endDate.toString()).toBe('2027-01-01');
    expect(aids!.event.endDate.toString()).toBe('2026-12-02');
    expect(aids!.event.uid).toBe('observance-2026-12-01-world-aids-day@cedarvalleyhealth.com');
  });

  it('ends lines with CRLF and folds them at 75 octets without splitting a character', () => {
    const text = ics();
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    const lines = text.split('\r\n').slice(0, -1);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    expect(text).toContain('SUMMARY:Flu shots\\; walk-ins\\, too \\\\ no appointment');
  });

  it('gives each post the same event id on every run, so a new import updates it', () => {
    const later = formatCalendarIcs(CALENDAR, { now: new Date('2027-01-01T00:00:00Z'), toolVersion: '0.1.0' });
    const uids = (text: string) => text.split('\r\n').filter((l) => l.startsWith('UID:'));
    expect(uids(later)).toEqual(uids(ics()));
  });
});

describe('calendar table', () => {
  const table = formatCalendarTable(CALENDAR, { color: false });

  it('shows a grid of weeks × networks with gap cells marked', () => {
    expect(table).toContain('Week of  X         Facebook\nNov 30   1/2 gap   1\nDec 7    1/2* gap  0\n');
  });

  it('lists each week with its observances, posts, drafts and gaps', () => {
    expect(table).toContain('Week of Mon Nov 30 to Sun Dec 6\n  ◆ Safe Toys Month (December)\n  ◆ World AIDS Day (Dec 1)\n');
    expect(table).toContain('  Tue Dec 1   09:00  Flu shots; walk-ins, too \\ no appointment  X, Facebook\n');
    expect(table).toContain('  Wed Dec 9   12:00  Walking group  X  (draft)\n');
    expect(table).not.toMatch(/Week of Mon Dec 7[^\n]*\n  ◆ Safe Toys/);
    expect(table).toContain('  Below target: X 1 of 2\n');
  });

  it('shows the objective mix against the plan, and the posts it could not place', () => {
    expect(table).toContain('  Patient education       2  100%  target 30%  off by +70 points (more than 15)\n');
    expect(table).toContain('Not shown: 1 post without a valid publish_at or networks');
  });

  it('prints colour only when asked', () => {
    expect(table).not.toContain('\u001b[');
    expect(formatCalendarTable(CALENDAR, { color: true })).toContain('\u001b[');
  });
});

describe('calendar json', () => {
  it('is the calendar with a version', () => {
    const json = JSON.parse(formatCalendarJson(CALENDAR)) as Calendar & { version: number };
    expect(json.version).toBe(1);
    expect(json.weeks[0]!.networks[0]).toEqual({ network: 'x', posts: 1, drafts: 0, target: 2, gap: true });
    expect(json.weeks[1]!.posts[0]!.status).toBe('draft');
  });
});
