import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_FILES, post } from '../../test/helpers/rules.js';
import { loadProject } from '../loading/project.js';
import { buildCalendar, type Calendar } from './index.js';
import { loadPosts } from '../loading/posts.js';

const roots: string[] = [];
afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

const PLANS = {
  'plans/networks.yaml': 'x: { account: "@a", cadence: { min_per_week: 2 } }\nfacebook: { page_id: "1", cadence: { min_per_week: 1 } }\nlinkedin: { organization: "urn:li:organization:1" }\n',
  'plans/objectives.yaml': 'objectives:\n  education: { label: Patient education, share: 50 }\n  community-health: { label: Community health, share: 50 }\nmix: { window_weeks: 2, tolerance: 15 }\n',
  'plans/observances.yaml': 'observances:\n  - { name: World AIDS Day, date: "12-01" }\n  - { name: Safe Toys Month, month: 12 }\n',
};

async function calendarOf(files: Record<string, string>, from = '2026-11-30', weeks = 3): Promise<Calendar> {
  const root = await mkdtemp(path.join(tmpdir(), 'plan-calendar-'));
  roots.push(root);
  for (const [file, text] of Object.entries({ ...DEFAULT_FILES, ...PLANS, ...files })) {
    await mkdir(path.dirname(path.join(root, file)), { recursive: true });
    await writeFile(path.join(root, file), text);
  }
  const project = await loadProject(root);
  return buildCalendar({ project, posts: await loadPosts(root, project.timeZone), from, weeks });
}

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
});
