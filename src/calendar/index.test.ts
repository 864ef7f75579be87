import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_FILES, post } from '../../test/helpers/rules.js';
import { loadProject } from '../loading/project.js';
import { buildCalendar, postStates, type Calendar } from './index.js';
import { loadPosts } from '../loading/posts.js';
import { audit } from '../audit/index.js';
import { HIDDEN } from '../audit/hide.js';

const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

const PLANS = {
  'plans/networks.yaml': 'x: { account: "@a", cadence: { min_per_week: 2 } }\nfacebook: { page_id: "1", cadence: { min_per_week: 1 } }\nlinkedin: { organization: "urn:li:organization:1" }\n',
  'plans/objectives.yaml': 'objectives:\n  education: { label: Patient education, share: 50 }\n  community-health: { label: Community health, share: 50 }\nmix: { window_weeks: 2, tolerance: 15 }\n',
  'plans/observances.yaml': 'observances:\n  - { name: World AIDS Day, date: "12-01" }\n  - { name: Safe Toys Month, month: 12 }\n',
};

async function repoOf(files: Record<string, string>): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'plan-calendar-'));
  roots.push(root);
  for (const [file, text] of Object.entries({ ...DEFAULT_FILES, ...PLANS, ...files })) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  return root;
}

async function calendarOf(files: Record<string, string>, from = '2026-11-30', weeks = 3): Promise<Calendar> {
  const root = await repoOf(files);
  const project = await loadProject(root);
  return buildCalendar({ project, posts: await loadPosts(root, project.timeZone), from, weeks });
}

/** The calendar as plan calendar builds it: with the audit's findings and the publish record, at `now`. */
async function judgedCalendarOf(files: Record<string, string>, now: Date): Promise<Calendar & { suppressedRules: string[] }> {
  const result = await audit({ cwd: await repoOf(files), now });
  const { project, posts, record, findings, suppressed } = result;
  const calendar = buildCalendar({ project, posts, from: '2026-11-30', weeks: 3, facts: { record, findings, suppressed, now } });
  return { ...calendar, suppressedRules: suppressed.map((f) => `${f.file} ${f.rule}`) };
}

const titled = (title: string, when: string, networks: string, status: string) =>
  post(`title: ${title}\npublish_at: ${when}\nnetworks: [${networks}]\nobjective: education\nstatus: ${status}`);
const at = (when: string, networks: string, status = 'ready') => post(`title: ${when}\npublish_at: ${when}\nnetworks: [${networks}]\nobjective: education\nstatus: ${status}`);

describe('buildCalendar', () => {
  it('puts posts in Monday-to-Sunday weeks in practice time and counts them per network against the cadence', async () => {
    const calendar = await calendarOf({
      'content/a.md': at('2026-11-30 09:00', 'x, facebook'),
      'content/b.md': at('2026-12-06 23:30', 'x', 'draft'),
      'content/c.md': at('2026-12-07 00:30', 'x, linkedin'),
      'content/d.md': at('2026-12-07T03:00:00Z', 'x'),
      'content/e.md': at('2026-12-21 09:00', 'x'),
    });
    expect(calendar.from).toBe('2026-11-30');
    expect(calendar.to).toBe('2026-12-20');
    expect(calendar.networks).toEqual(['x', 'linkedin', 'facebook']);
    expect(calendar.weeks.map((w) => w.posts.map((p) => p.file))).toEqual([['content/a.md', 'content/d.md', 'content/b.md'], ['content/c.md'], []]);
    expect(calendar.weeks[0]!.posts[1]).toMatchObject({ date: '2026-12-06', time: '22:00', at: '2026-12-07T03:00:00.000Z' });
    expect(calendar.weeks[0]!.networks).toEqual([
      { network: 'x', posts: 3, drafts: 1, target: 2, gap: false },
      { network: 'linkedin', posts: 0, drafts: 0, gap: false },
      { network: 'facebook', posts: 1, drafts: 0, target: 1, gap: false },
    ]);
    expect(calendar.weeks[1]!.networks.filter((n) => n.gap).map((n) => n.network)).toEqual(['x', 'facebook']);
    expect(calendar.gaps).toBe(4);
  });

  it('lists observances by week, marking those that began before it', async () => {
    const calendar = await calendarOf({});
    expect(calendar.weeks[0]!.observances.map((o) => [o.name, o.ongoing])).toEqual([
      ['Safe Toys Month', false],
      ['World AIDS Day', false],
    ]);
    expect(calendar.weeks[1]!.observances.map((o) => [o.name, o.ongoing])).toEqual([['Safe Toys Month', true]]);
  });

  it('measures the objective mix in windows of the plan', async () => {
    const calendar = await calendarOf({
      'content/a.md': at('2026-11-30 09:00', 'x'),
      'content/b.md': at('2026-12-01 09:00', 'x'),
      'content/c.md': at('2026-12-02 09:00', 'x').replace('objective: education', 'objective: community-health'),
      'content/d.md': at('2026-12-03 09:00', 'x').replace('objective: education\n', ''),
      'content/e.md': at('2026-12-15 09:00', 'x'),
    });
    const [first, second] = calendar.mix!.windows;
    expect(first).toMatchObject({ start: '2026-11-30', end: '2026-12-13', weeks: 2, posts: 4, unassigned: 1 });
    expect(first!.objectives).toEqual([
      { id: 'education', label: 'Patient education', target: 50, posts: 2, share: 67, drift: 17, off: true },
      { id: 'community-health', label: 'Community health', target: 50, posts: 1, share: 33, drift: -17, off: true },
    ]);
    expect(second).toMatchObject({ start: '2026-12-14', end: '2026-12-20', weeks: 1, posts: 1 });
  });

  it('lists posts it cannot place, and does not count posts the config keeps out of the cadence', async () => {
    const calendar = await calendarOf({
      'plan.config.yaml': `${DEFAULT_FILES['plan.config.yaml']}overrides:\n  - files: ["content/archive/**"]\n    rules: { plan/cadence: off }\n`,
      'content/archive/old.md': at('2026-12-01 09:00', 'x'),
      'content/broken.md': at('2026-12-40 09:00', 'x'),
    });
    expect(calendar.weeks[0]!.posts.map((p) => [p.file, p.counted])).toEqual([['content/archive/old.md', false]]);
    expect(calendar.weeks[0]!.networks[0]).toMatchObject({ posts: 0, gap: true });
    expect(calendar.skipped).toEqual([{ file: 'content/broken.md', reason: 'no valid publish_at' }]);
  });

  it('gives each post its state per network from the record and the due policy, and counts them', async () => {
    const calendar = await judgedCalendarOf(
      {
        'content/a.md': titled('Flu shots are here', '2026-11-30 09:00', 'x, facebook', 'ready\napproved_by: Dr. Priya Natarajan'),
        'content/b.md': titled('Walk-in clinic', '2026-12-09 09:00', 'x', 'ready'),
        'content/c.md': titled('Winter walks', '2026-12-10 09:00', 'x', 'draft'),
        '.plan/ledger.jsonl': `${JSON.stringify({ post: 'a', network: 'x', state: 'published', at: '2026-11-30T14:00:04Z', fingerprint: 'sha256:0', file: 'content/a.md', url: 'https://x.com/cedarvalleyhealth/status/9' })}\n`,
      },
      new Date('2026-12-07T15:00:00Z'),
    );
    const [a, b, c] = calendar.weeks.flatMap((w) => w.posts);
    expect(a!.states).toEqual([
      { network: 'x', state: 'published', url: 'https://x.com/cedarvalleyhealth/status/9', publishedAt: '2026-11-30T14:00:04Z' },
      { network: 'facebook', state: 'missed', detail: expect.any(String) },
    ]);
    // approved_by is a note: the calendar does not read approvals from GitHub, so it does not judge them.
    expect(b!.states).toEqual([{ network: 'x', state: 'planned' }]);
    expect(postStates(c!)).toEqual([{ network: 'x', state: 'draft' }]);
    expect(calendar.states).toEqual({ published: 1, missed: 1, planned: 1, draft: 1 });
    expect([calendar.now, calendar.today]).toEqual(['2026-12-07T15:00:00.000Z', '2026-12-07']);
  });

  it('hides in titles and links what a PHI finding covers, suppressed or not, as plan review does', async () => {
    const link = (url: string) => `draft\nlink: ${url}`;
    const calendar = await judgedCalendarOf(
      {
        'content/a.md': titled('Happy 95th birthday to our patient Margaret Olsen', '2026-12-03 09:00', 'x', link('https://www.gofundme.com/f/help-margaret-olsen')),
        'content/b.md': `# plan-disable-next-line phi/name -- reviewed with the patient's family\n${titled('Get well soon, Margaret Olsen', '2026-12-03 10:00', 'x', link('https://cedarvalleyhealth.com/flu'))}`.replace(/^(# .*)\n---\n/, '---\n$1\n'),
      },
      new Date('2026-12-01T12:00:00Z'),
    );
    const [a, b] = calendar.weeks[0]!.posts;
    expect(calendar.suppressedRules).toEqual(['content/b.md phi/name']);
    expect(a).toMatchObject({ title: `Happy ${HIDDEN} birthday to our patient ${HIDDEN}`, link: HIDDEN, hidden: true });
    expect(JSON.stringify(calendar.weeks)).not.toMatch(/Margaret|Olsen|gofundme/);
    expect(b!.title).toBe(`Get well soon, ${HIDDEN}`);
    expect(b!.link).toBe('https://cedarvalleyhealth.com/flu');
    expect(b!.hidden).toBe(true);
  });
});

