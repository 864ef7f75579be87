import { describe, expect, it } from 'vitest';
import { metricsFromTexts, type MetricsSnapshot } from '../loading/metrics.js';
import { parsePost, type Post } from '../loading/post.js';
import type { Project } from '../loading/project.js';
import { recordFromTexts, type RecordEntry } from '../loading/record.js';
import type { NetworkId, ObjectivesPlan } from '../loading/schemas/index.js';
import { bestTimes, MIN_SAMPLE } from './best-time.js';
import { engagementOf } from './figures.js';
import { publicationsOf } from './publications.js';
import { buildInsights, defaultPeriod } from './report.js';

const TZ = 'America/New_York';
const objectives: ObjectivesPlan = {
  objectives: {
    'new-patients': { label: 'Attract new patients', share: 40, target: { metric: 'clicks', per_month: 100 } },
    education: { label: 'Patient education', share: 60, target: { metric: 'reach', per_month: 1000 } },
  },
  mix: { window_weeks: 4, tolerance: 15 },
};
const project = {
  timeZone: TZ,
  objectives: { data: objectives },
  audiences: { data: { segments: { parents: { label: 'Parents' }, seniors: { label: 'Seniors' } } } },
} as unknown as Project;

function post(id: string, objective: string, audience: string[]): Post {
  return parsePost(`content/${id}.md`, `---\ntitle: ${id} title\npublish_at: 2026-12-01 09:00\nnetworks: [x, facebook]\nobjective: ${objective}\naudience: [${audience.join(', ')}]\nid: ${id}\n---\nText.\n`, TZ);
}

function entry(postId: string, network: NetworkId, state: RecordEntry['state'], at: string): RecordEntry {
  return { post: postId, network, state, at, fingerprint: 'sha256:0', file: `content/${postId}.md`, ...(state === 'published' ? { remoteId: `${postId}-${network}` } : {}) };
}

function snapshot(postId: string, network: NetworkId, at: string, metrics: MetricsSnapshot['metrics']): MetricsSnapshot {
  return { post: postId, network, remoteId: `${postId}-${network}`, at, metrics };
}

const posts = [post('flu', 'new-patients', ['parents', 'seniors']), post('hands', 'education', ['parents'])];
const record = recordFromTexts([
  {
    source: 'ledger',
    text: [
      entry('flu', 'x', 'attempting', '2026-12-01T14:00:00Z'),
      entry('flu', 'x', 'published', '2026-12-01T14:00:05Z'),
      entry('flu', 'facebook', 'published', '2026-12-01T14:00:06Z'),
      // Sunday 11:30 pm in New York is Monday in UTC: the week of Nov 30 still holds it.
      entry('hands', 'facebook', 'published', '2026-12-07T04:30:00Z'),
      entry('hands', 'x', 'failed', '2026-12-07T04:30:00Z'),
      entry('gone', 'x', 'published', '2026-12-02T15:00:00Z'),
    ]
      .map((e) => JSON.stringify(e))
      .join('\n'),
  },
]);
const snapshots = [
  snapshot('flu', 'x', '2026-12-02T06:00:00Z', { impressions: 100, reactions: 1 }),
  snapshot('flu', 'x', '2026-12-09T06:00:00Z', { impressions: 300, reactions: 6, comments: 1, clicks: 9 }),
  snapshot('flu', 'facebook', '2026-12-09T06:00:00Z', { impressions: 500, reach: 400, reactions: 10, clicks: 20 }),
  snapshot('hands', 'facebook', '2026-12-14T06:00:00Z', { impressions: 200, reach: 150, reactions: 4 }),
];

function report(from = '2026-11-30', to = '2026-12-13') {
  return buildInsights({ project, posts, record, snapshots, from, to, titleOf: (p) => p.frontmatter.title });
}

describe('buildInsights', () => {
  it('counts every publication the record shows published, with its latest figures, deleted posts too', () => {
    const { networks, posts: shown } = report();
    expect(networks.map((n) => [n.network, n.posts, n.publications, n.measured])).toEqual([
      ['x', 2, 2, 1],
      ['facebook', 2, 2, 2],
    ]);
    expect(networks[0]!.metrics).toEqual({ impressions: 300, reactions: 6, comments: 1, clicks: 9 });
    expect(shown.find((p) => p.post === 'gone')).toMatchObject({ title: 'gone', file: 'content/gone.md', publications: [{ network: 'x', metrics: {} }] });
  });

  it('leaves a metric no network gave absent, and sums the rest', () => {
    const education = report().objectives.find((o) => o.objective === 'education')!;
    expect(education.metrics).toEqual({ impressions: 200, reach: 150, reactions: 4 });
    expect(education.metrics.clicks).toBeUndefined();
  });

  it('measures each objective against its target spread over the period, and its share of posts against the plan', () => {
    const [newPatients, education, none] = report().objectives;
    // 14 days of 100 clicks a month.
    expect(newPatients!.target).toEqual({ metric: 'clicks', per_month: 100, expected: 46, actual: 29, ratio: 0.63 });
    expect(newPatients!.share).toEqual({ planned: 40, actual: 33.3 });
    expect(education!.target).toMatchObject({ metric: 'reach', actual: 150 });
    expect(none).toMatchObject({ objective: '(none)', label: 'No objective', posts: 1 });
  });

  it('says nothing of progress where no network gives the target metric', () => {
    const withoutClicks = buildInsights({ project, posts, record, snapshots: snapshots.map((s) => ({ ...s, metrics: { reactions: 1 } })), from: '2026-11-30', to: '2026-12-13', titleOf: () => undefined });
    expect(withoutClicks.objectives[0]!.target).toEqual({ metric: 'clicks', per_month: 100, expected: 46 });
  });

  it('counts a post in each audience it names', () => {
    expect(report().audiences.map((a) => [a.audience, a.label, a.posts, a.publications])).toEqual([
      ['parents', 'Parents', 2, 3],
      ['seniors', 'Seniors', 1, 2],
    ]);
  });

  it('gives every week of the period, Monday to Sunday in practice time, empty ones too', () => {
    const weeks = report('2026-11-30', '2026-12-20').weeks;
    expect(weeks.map((w) => [w.week, w.publications])).toEqual([
      ['2026-11-30', 4],
      ['2026-12-07', 0],
      ['2026-12-14', 0],
    ]);
    expect(weeks[0]!.networks.map((n) => n.network)).toEqual(['x', 'facebook']);
    expect(weeks[0]!.objectives.map((o) => o.objective)).toEqual(['new-patients', 'education', '(none)']);
  });

  it('reports on the posts published in the period only', () => {
    expect(report('2026-12-07', '2026-12-13').posts).toEqual([]);
  });
});

describe('engagementOf', () => {
  it("takes the network's own engagements, else adds up the interactions it gives", () => {
    expect(engagementOf({ engagements: 12, reactions: 50 })).toBe(12);
    expect(engagementOf({ reactions: 5, comments: 2, shares: 1, impressions: 900 })).toBe(8);
    expect(engagementOf({ impressions: 900 })).toBeUndefined();
  });
});

describe('bestTimes', () => {
  const DAY = 86_400_000;
  /** Publications on X at Wednesdays 12:00 New York time, their figures read `after` ms later. */
  function wednesdays(count: number, engagement: (i: number) => number, after = 8 * DAY) {
    const lines: RecordEntry[] = [];
    const shots: MetricsSnapshot[] = [];
    for (let i = 0; i < count; i++) {
      const at = new Date(Date.parse('2026-12-02T17:00:00Z') + i * 7 * DAY);
      lines.push(entry(`p${i}`, 'x', 'published', at.toISOString()));
      shots.push(snapshot(`p${i}`, 'x', new Date(at.getTime() + after).toISOString(), { reactions: engagement(i) }));
    }
    return publicationsOf(recordFromTexts([{ source: 'l', text: lines.map((l) => JSON.stringify(l)).join('\n') }]), [], shots, TZ);
  }

  it(`gives the median of a weekday and hour only once ${MIN_SAMPLE} publications rest on it`, () => {
    expect(bestTimes(wednesdays(MIN_SAMPLE - 1, (i) => i))).toEqual([{ network: 'x', settled: MIN_SAMPLE - 1, cells: [{ weekday: 'Wed', hour: 12, posts: MIN_SAMPLE - 1 }] }]);
    expect(bestTimes(wednesdays(MIN_SAMPLE, (i) => [4, 1, 9, 3, 7][i]!))[0]!.cells).toEqual([{ weekday: 'Wed', hour: 12, posts: MIN_SAMPLE, median: 4 }]);
  });

  it('leaves out figures read less than a week after publishing', () => {
    expect(bestTimes(wednesdays(MIN_SAMPLE, () => 3, 2 * DAY))).toEqual([]);
  });
});

describe('defaultPeriod', () => {
  it('is the four weeks before this one and this week so far, in practice time', () => {
    expect(defaultPeriod(new Date('2026-12-10T03:00:00Z'), TZ)).toEqual({ from: '2026-11-09', to: '2026-12-09' });
  });
});

describe('metricsFromTexts', () => {
  it('reads each snapshot once wherever it was kept, keeps only figures that are counts, and names damaged lines', () => {
    const line = JSON.stringify(snapshot('flu', 'x', '2026-12-09T06:00:00Z', { impressions: 3, reach: -1, clicks: 'many' as unknown as number }));
    const file = metricsFromTexts([
      { source: 'branch', text: `${line}\n` },
      { source: 'working tree', text: `${line}\n{"post":"flu"\n\n` },
    ]);
    expect(file.snapshots).toEqual([snapshot('flu', 'x', '2026-12-09T06:00:00Z', { impressions: 3 })]);
    expect(file.damaged).toEqual([{ source: 'working tree', line: 2 }]);
  });
});
