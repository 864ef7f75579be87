import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import type { Calendar, CalendarPost } from '../calendar/index.js';
import { formatCalendarIcs, postUid } from './calendar-ics.js';
import { formatCalendarJson } from './calendar-json.js';
import { formatCalendarTable } from './calendar-table.js';
import { formatCalendarHtml } from './calendar-html.js';

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
  states: [
    { network: 'x', state: 'published', url: 'https://x.com/cedarvalleyhealth/status/1', publishedAt: '2026-12-01T14:00:04Z' },
    { network: 'facebook', state: 'missed', detail: 'more than 24 hours late: plan publish does not send it' },
  ],
};
const DRAFT: CalendarPost = {
  ...POST,
  id: '2026/12/walk',
  file: 'content/2026/12/walk.md',
  title: 'Walking group',
  status: 'draft',
  at: '2026-12-09T17:00:00.000Z',
  date: '2026-12-09',
  time: '12:00',
  networks: ['x'],
  states: [{ network: 'x', state: 'draft' }],
};
const HELD: CalendarPost = {
  ...POST,
  id: '2026/12/hours',
  file: 'content/2026/12/hours.md',
  title: 'Holiday hours',
  at: '2026-12-10T15:00:00.000Z',
  date: '2026-12-10',
  time: '10:00',
  states: [
    { network: 'x', state: 'planned' },
    { network: 'facebook', state: 'held', detail: 'not approved: approved_by is required by plan.config.yaml' },
  ],
};

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
      posts: [DRAFT, HELD],
      networks: [
        { network: 'x', posts: 2, drafts: 1, target: 2, gap: false },
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
  gaps: 1,
  now: '2026-12-07T15:00:00.000Z',
  today: '2026-12-07',
  states: { published: 1, missed: 1, held: 1, planned: 1, draft: 1 },
  skipped: [{ file: 'content/broken.md', reason: 'no valid publish_at' }],
};

const ics = () => formatCalendarIcs(CALENDAR, { now: new Date('2026-11-28T12:00:00Z'), toolVersion: '0.1.0' });

describe('calendar ics', () => {
  const events = () =>
    new ICAL.Component(ICAL.parse(ics()))
      .getAllSubcomponents('vevent')
      .map((component) => ({ event: new ICAL.Event(component), component, status: component.getFirstPropertyValue('status') }));

  it('parses with a real iCalendar parser: one event per post and network at its UTC time, all-day observances', () => {
    const calendar = new ICAL.Component(ICAL.parse(ics()));
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    const all = events();
    expect(all.map(({ event }) => event.summary)).toEqual([
      'Published: Flu shots; walk-ins, too \\ no appointment (X)',
      'Missed: Flu shots; walk-ins, too \\ no appointment (Facebook)',
      'Draft: Walking group (X)',
      'Holiday hours (X)',
      'Held: Holiday hours (Facebook)',
      'Safe Toys Month',
      'World AIDS Day',
    ]);
    const [published, , , , , toys, aids] = all;
    expect(published!.event.startDate.toJSDate().toISOString()).toBe('2026-12-01T14:00:00.000Z');
    expect(published!.event.endDate.toJSDate().toISOString()).toBe('2026-12-01T14:15:00.000Z');
    expect(published!.component.getFirstProperty('categories')!.getValues()).toEqual(['X']);
    expect(published!.component.getFirstPropertyValue('dtstamp')!.toString()).toBe('2026-11-28T12:00:00Z');
    expect(toys!.event.startDate.isDate).toBe(true);
    expect(toys!.event.startDate.toString()).toBe('2026-12-01');
    expect(toys!.event.endDate.toString()).toBe('2027-01-01');
    expect(aids!.event.endDate.toString()).toBe('2026-12-02');
    expect(aids!.event.uid).toBe('observance-2026-12-01-world-aids-day@cedarvalleyhealth.com');
  });

  it('marks published posts with their link, missed ones cancelled, drafts and held ones tentative', () => {
    const [published, missed, draft, planned, held] = events();
    expect(published!.status).toBe('CONFIRMED');
    expect(published!.component.getFirstPropertyValue('url')).toBe('https://x.com/cedarvalleyhealth/status/1');
    expect(published!.event.description).toContain('Published on X: https://x.com/cedarvalleyhealth/status/1\n');
    expect(published!.event.description).toContain('Objective: Patient éducation 💉');
    expect(published!.event.description).toContain('Link in the post: https://cedarvalleyhealth.com/flu\nFile: content/2026/12/flu.md');
    expect(missed!.status).toBe('CANCELLED');
    expect(missed!.event.description).toContain('Missed on Facebook: it was due at 09:00 (America/New_York) and was not published.\nWhy: more than 24 hours late');
    expect(missed!.component.getFirstPropertyValue('url')).toBe('https://cedarvalleyhealth.com/flu');
    expect(draft!.status).toBe('TENTATIVE');
    expect(planned!.status).toBe('CONFIRMED');
    expect(held!.status).toBe('TENTATIVE');
    expect(held!.event.description).toContain('Why: not approved: approved_by is required by plan.config.yaml');
  });

  it('ends lines with CRLF and folds them at 75 octets without splitting a character', () => {
    const text = ics();
    expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    const lines = text.split('\r\n').slice(0, -1);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    expect(lines.some((line) => line.startsWith(' '))).toBe(true);
    expect(text).toContain('SUMMARY:Published: Flu shots\\; walk-ins\\, too \\\\ no appointment (X)');
  });

  it('gives each post on each network an event id of its own that is the same on every run and machine', () => {
    const later = formatCalendarIcs(CALENDAR, { now: new Date('2027-01-01T00:00:00Z'), toolVersion: '0.2.0' });
    const uids = (text: string) => new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('uid'));
    expect(uids(later)).toEqual(uids(ics()));
    expect(uids(ics()).slice(0, 5)).toEqual([
      'post-x-flu-shots-2026@cedarvalleyhealth.com',
      'post-facebook-flu-shots-2026@cedarvalleyhealth.com',
      'post-x-2026%2F12%2Fwalk@cedarvalleyhealth.com',
      'post-x-2026%2F12%2Fhours@cedarvalleyhealth.com',
      'post-facebook-2026%2F12%2Fhours@cedarvalleyhealth.com',
    ]);
    expect(new Set(uids(ics())).size).toBe(7);
  });

  it('makes event ids from the practice name when it has no website', () => {
    expect(postUid('a-b', 'x', { practice: 'Cedar Valley Family Health' })).toBe('post-x-a-b@cedar-valley-family-health.invalid');
    expect(postUid('a', 'x', { practice: '' })).toBe('post-x-a@plan.invalid');
  });

  it('shows a ready post as planned and a draft as tentative when the calendar has no states', () => {
    const bare: Calendar = { ...CALENDAR, weeks: CALENDAR.weeks.map((w) => ({ ...w, posts: w.posts.map(({ states: _states, ...post }) => post) })) };
    const statuses = new ICAL.Component(ICAL.parse(formatCalendarIcs(bare, { now: new Date(), toolVersion: '0.1.0' })))
      .getAllSubcomponents('vevent')
      .slice(0, 5)
      .map((v) => v.getFirstPropertyValue('status'));
    expect(statuses).toEqual(['CONFIRMED', 'CONFIRMED', 'TENTATIVE', 'CONFIRMED', 'CONFIRMED']);
  });
});

describe('calendar table', () => {
  const table = formatCalendarTable(CALENDAR, { color: false });

  it('shows a grid of weeks × networks with gap cells marked, after a count of the states', () => {
    expect(table).toContain('On each network: 1 published, 1 missed, 1 held, 1 planned, 1 draft\n');
    expect(table).toContain('Week of  X        Facebook\nNov 30   1/2 gap  1\nDec 7    2/2*     0\n');
  });

  it('lists each week with its observances, posts, drafts and gaps', () => {
    expect(table).toContain('Week of Mon Nov 30 to Sun Dec 6\n  ◆ Safe Toys Month (December)\n  ◆ World AIDS Day (Dec 1)\n');
    expect(table).toContain('  Wed Dec 9   12:00  Walking group  X  (draft)\n');
    expect(table).not.toMatch(/Week of Mon Dec 7[^\n]*\n  ◆ Safe Toys/);
    expect(table).toContain('  Below target: X 1 of 2\n');
  });

  it('says where each post stands on its networks, and why one is held', () => {
    expect(table).toContain('  Tue Dec 1   09:00  Flu shots; walk-ins, too \\ no appointment  X, Facebook  (published on X; missed on Facebook)\n');
    expect(table).toContain('  Thu Dec 10  10:00  Holiday hours  X, Facebook  (held on Facebook)\n      held on Facebook: not approved: approved_by is required by plan.config.yaml\n');
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
  it('is the calendar with a version: the fields it always had, and each post\'s states', () => {
    const json = JSON.parse(formatCalendarJson(CALENDAR)) as Calendar & { version: number };
    expect(json.version).toBe(1);
    expect(json.weeks[0]!.networks[0]).toEqual({ network: 'x', posts: 1, drafts: 0, target: 2, gap: true });
    expect(json.weeks[1]!.posts[0]).toMatchObject({ id: '2026/12/walk', status: 'draft', date: '2026-12-09', time: '12:00', networks: ['x'], counted: true });
    expect(json.weeks[0]!.posts[0]!.states).toEqual(POST.states);
    expect(json.states).toEqual({ published: 1, missed: 1, held: 1, planned: 1, draft: 1 });
  });
});

describe('calendar html', () => {
  const html = formatCalendarHtml(CALENDAR, { toolVersion: '0.1.0' });

  it('is one page that fetches and runs nothing', () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
    expect(html).not.toMatch(/<script|<link |<img |<iframe|@import|url\(/i);
  });

  it('writes text from posts and plans as text, never as markup', () => {
    const hostile: Calendar = { ...CALENDAR, practice: 'A & B <Clinic>', weeks: [{ ...CALENDAR.weeks[0]!, posts: [{ ...POST, title: '<script>alert("x")</script> & "more"' }] }] };
    const page = formatCalendarHtml(hostile, { toolVersion: '0.1.0' });
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;more&quot;');
    expect(page).toContain('<h1>A &amp; B &lt;Clinic&gt; <span class="sub">social posts</span></h1>');
    expect(page).not.toContain('<script>');
  });

  it('puts each post on its day with a chip per network that carries its state', () => {
    expect(html).toMatch(/<td class="day past" data-date="2026-12-01">.*data-id="flu-shots-2026"/s);
    expect(html).toContain('data-network="x" data-state="published"');
    expect(html).toContain('<a href="https://x.com/cedarvalleyhealth/status/1">X</a>');
    expect(html).toContain('data-network="facebook" data-state="held"');
    expect(html).toContain('<li class="note s-held">Held on Facebook: not approved: approved_by is required by plan.config.yaml</li>');
    expect(html).toContain('<td class="day today" data-date="2026-12-07">');
  });
});
