import type { Metrics, MetricsSnapshot } from '../loading/metrics.js';
import type { Post } from '../loading/post.js';
import type { Project } from '../loading/project.js';
import type { PublishRecord } from '../loading/record.js';
import { NETWORK_IDS, type MetricName, type NetworkId } from '../loading/schemas/index.js';
import { profileFor } from '../networks/index.js';
import { bestTimes, type BestTimes } from './best-time.js';
import { addDays, daysIn, localTime, mondayOf } from './dates.js';
import { addMetrics, engagementOf, Tally, type Figures } from './figures.js';
import { publicationsOf, type Publication } from './publications.js';

/** Days in an average month, to spread a monthly target over a period. */
const DAYS_PER_MONTH = 365.25 / 12;
/** Weeks shown when no period is given: these full weeks before the current one, and the current one so far. */
export const DEFAULT_WEEKS_BACK = 4;

export interface InsightsInput {
  project: Project;
  posts: readonly Post[];
  record: PublishRecord;
  snapshots: readonly MetricsSnapshot[];
  /** First and last day of the period, practice dates (both counted). */
  from: string;
  to: string;
  /** A post's title as outputs may show it (what a PHI finding covers hidden), or undefined to show its id. */
  titleOf: (post: Post) => string | undefined;
}

/** Progress toward an objective's monthly target over the period. */
export interface TargetProgress {
  metric: MetricName;
  per_month: number;
  /** The monthly target spread over the days of the period. */
  expected: number;
  /** What the objective's publications earned of the metric; absent when no network gave it. */
  actual?: number;
  /** actual ÷ expected, when both are known and expected is not 0. */
  ratio?: number;
}

export interface ObjectiveFigures extends Figures {
  objective: string;
  label: string;
  /** The planned share of posts (plans/objectives.yaml) and the share of the period's posts it had. */
  share: { planned?: number; actual: number };
  target?: TargetProgress;
}

export interface NetworkFigures extends Figures {
  network: NetworkId;
  label: string;
}

export interface AudienceFigures extends Figures {
  audience: string;
  label: string;
}

export interface WeekFigures extends Figures {
  /** The week's Monday. */
  week: string;
  networks: NetworkFigures[];
  objectives: { objective: string; label: string; posts: number; publications: number; engagement?: number }[];
}

export interface PostFigures {
  post: string;
  file: string;
  title: string;
  objective?: string;
  audiences: string[];
  publications: {
    network: NetworkId;
    publishedAt: string;
    url?: string;
    /** When the figures were read; absent while none were. */
    measuredAt?: string;
    metrics: Metrics;
    engagement?: number;
  }[];
  metrics: Metrics;
  engagement?: number;
}

export interface InsightsReport {
  version: 1;
  from: string;
  to: string;
  timeZone: string;
  objectives: ObjectiveFigures[];
  networks: NetworkFigures[];
  audiences: AudienceFigures[];
  weeks: WeekFigures[];
  posts: PostFigures[];
  bestTimes: BestTimes[];
  /** When the newest figures in the report were read. */
  measuredUntil?: string;
}

/** The default period: DEFAULT_WEEKS_BACK full weeks before the current one, and the current week up to today. */
export function defaultPeriod(now: Date, timeZone: string): { from: string; to: string } {
  const today = localTime(now, timeZone).date;
  return { from: addDays(mondayOf(today), -7 * DEFAULT_WEEKS_BACK), to: today };
}

/** What the posts published in the period earned, per objective, network, audience, week and post. */
export function buildInsights(input: InsightsInput): InsightsReport {
  const { project, from, to } = input;
  const everything = publicationsOf(input.record, input.posts, input.snapshots, project.timeZone);
  const inPeriod = everything.filter((p) => p.date >= from && p.date <= to);
  const measuredUntil = inPeriod.map((p) => p.snapshot?.at).filter((at): at is string => at !== undefined).sort().pop();
  return {
    version: 1,
    from,
    to,
    timeZone: project.timeZone,
    objectives: objectiveFigures(inPeriod, project, daysIn(from, to)),
    networks: networkFigures(inPeriod),
    audiences: audienceFigures(inPeriod, project),
    weeks: weekFigures(inPeriod, from, to, project),
    posts: postFigures(inPeriod, input),
    bestTimes: bestTimes(everything),
    ...(measuredUntil ? { measuredUntil } : {}),
  };
}

function tallyBy<K extends string>(publications: readonly Publication[], keysOf: (p: Publication) => readonly K[]): Map<K, Tally> {
  const tallies = new Map<K, Tally>();
  for (const publication of publications) {
    for (const key of keysOf(publication)) {
      const tally = tallies.get(key) ?? new Tally();
      tallies.set(key, tally);
      tally.add(publication.post, publication.snapshot?.metrics);
    }
  }
  return tallies;
}

/** Every planned objective (with nothing when it had no posts), then any other objective posts named. */
function objectiveFigures(publications: readonly Publication[], project: Project, days: number): ObjectiveFigures[] {
  const planned = project.objectives.data?.objectives ?? {};
  const tallies = tallyBy(publications, (p) => [p.objective ?? '(none)']);
  const totalPosts = new Set(publications.map((p) => p.post)).size;
  const ids = [...new Set([...Object.keys(planned), ...tallies.keys()])];
  return ids.map((objective) => {
    const plan = planned[objective];
    const figures = (tallies.get(objective) ?? new Tally()).figures();
    const target = plan?.target ? progress(plan.target, figures.metrics, days) : undefined;
    return {
      objective,
      label: plan?.label ?? (objective === '(none)' ? 'No objective' : `${objective} (not in plans/objectives.yaml)`),
      ...figures,
      share: { ...(plan ? { planned: plan.share } : {}), actual: totalPosts === 0 ? 0 : round((figures.posts / totalPosts) * 100, 1) },
      ...(target ? { target } : {}),
    };
  });
}

function progress(target: { metric: MetricName; per_month: number }, metrics: Metrics, days: number): TargetProgress {
  const expected = round((target.per_month * days) / DAYS_PER_MONTH, 1);
  const actual = metrics[target.metric];
  return {
    metric: target.metric,
    per_month: target.per_month,
    expected,
    ...(actual !== undefined ? { actual } : {}),
    ...(actual !== undefined && expected > 0 ? { ratio: round(actual / expected, 3) } : {}),
  };
}

/** In the order plan lists networks everywhere, so tables and charts line up. */
function networkFigures(publications: readonly Publication[]): NetworkFigures[] {
  return [...tallyBy(publications, (p) => [p.network])]
    .sort(([a], [b]) => NETWORK_IDS.indexOf(a) - NETWORK_IDS.indexOf(b))
    .map(([network, tally]) => ({ network, label: profileFor(network).label, ...tally.figures() }));
}

/** A post counts in each audience it names, so the audiences' figures overlap. */
function audienceFigures(publications: readonly Publication[], project: Project): AudienceFigures[] {
  const segments = project.audiences.data?.segments ?? {};
  return [...tallyBy(publications, (p) => p.audiences)].map(([audience, tally]) => ({
    audience,
    label: segments[audience]?.label ?? audience,
    ...tally.figures(),
  }));
}

/** Every week of the period, those without publications too, so a chart shows the gaps. */
function weekFigures(publications: readonly Publication[], from: string, to: string, project: Project): WeekFigures[] {
  const weeks: WeekFigures[] = [];
  for (let week = mondayOf(from); week <= to; week = addDays(week, 7)) {
    const sunday = addDays(week, 6);
    const those = publications.filter((p) => p.date >= week && p.date <= sunday);
    const total = tallyBy(those, () => ['all']).get('all') ?? new Tally();
    const objectives = objectiveFigures(those, project, 7)
      .filter((o) => o.publications > 0)
      .map(({ objective, label, posts, publications, engagement }) => ({ objective, label, posts, publications, ...(engagement !== undefined ? { engagement } : {}) }));
    weeks.push({ week, ...total.figures(), networks: networkFigures(those), objectives });
  }
  return weeks;
}

function postFigures(publications: readonly Publication[], input: InsightsInput): PostFigures[] {
  const byId = new Map(input.posts.map((post) => [post.id, post]));
  const grouped = new Map<string, Publication[]>();
  for (const publication of publications) grouped.set(publication.post, [...(grouped.get(publication.post) ?? []), publication]);
  return [...grouped].map(([id, those]) => {
    const post = byId.get(id);
    const first = those[0]!;
    const metrics: Metrics = {};
    let engagement: number | undefined;
    const shown = those.map((p) => {
      const figures = p.snapshot?.metrics ?? {};
      addMetrics(metrics, figures);
      const own = engagementOf(figures);
      if (own !== undefined) engagement = (engagement ?? 0) + own;
      return {
        network: p.network,
        publishedAt: p.publishedAt.toISOString(),
        ...(p.url ? { url: p.url } : {}),
        ...(p.snapshot ? { measuredAt: p.snapshot.at } : {}),
        metrics: figures,
        ...(own !== undefined ? { engagement: own } : {}),
      };
    });
    return {
      post: id,
      file: first.file,
      title: (post && input.titleOf(post)) ?? id,
      ...(first.objective ? { objective: first.objective } : {}),
      audiences: first.audiences,
      publications: shown,
      metrics,
      ...(engagement !== undefined ? { engagement } : {}),
    };
  });
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
