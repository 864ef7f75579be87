import type { Post } from '../loading/post.js';
import type { Project } from '../loading/project.js';
import type { NetworkId, ObjectivesPlan } from '../loading/schemas/index.js';
import { phiHider } from '../audit/hide.js';
import type { PublishRecord } from '../loading/record.js';
import { SeverityResolver } from '../rules/severity.js';
import { isPhiRule, type Finding } from '../rules/types.js';
import { countStates, statesOf, type NetworkState, type PublicationState } from './states.js';
import { addDays, daysBetween, localDateTime } from '../util/dates.js';
import { observancesBetween, type Observance } from './observances.js';

export { mondayOf, dayNumber, localDateTime } from '../util/dates.js';
export type { Observance } from './observances.js';
export { PUBLICATION_STATES, statesOf, countStates, type NetworkState, type PublicationState, type StateFacts } from './states.js';

/** A post as the calendar shows it; times are the practice's. */
export interface CalendarPost {
  id: string;
  file: string;
  title: string;
  status: 'draft' | 'ready';
  /** The publish time in UTC, ISO 8601. */
  at: string;
  date: string;
  time: string;
  networks: NetworkId[];
  objective?: string;
  /** The objective's label in plans/objectives.yaml. */
  objectiveLabel?: string;
  link?: string;
  /** False where plan.config.yaml turns `plan/cadence` off for the file (an archive): listed, not counted. */
  counted: boolean;
  /** True when a PHI finding covers part of the title or link, shown as █████. */
  hidden?: true;
  /** Where the post stands on each of its networks (with the record and the audit's findings). */
  states?: NetworkState[];
}

export interface NetworkWeek {
  network: NetworkId;
  /** Posts counted toward the cadence, drafts included. */
  posts: number;
  drafts: number;
  /** `cadence.min_per_week` from plans/networks.yaml. */
  target?: number;
  gap: boolean;
}

export interface CalendarWeek {
  /** Monday and Sunday. */
  start: string;
  end: string;
  posts: CalendarPost[];
  networks: NetworkWeek[];
  /** Posts per objective id this week. */
  objectives: Record<string, number>;
  /** Observances on any day of the week; `ongoing` when it began before this week. */
  observances: (Observance & { ongoing: boolean })[];
}

export interface ObjectiveShare {
  id: string;
  label: string;
  /** Target percent from plans/objectives.yaml. */
  target: number;
  posts: number;
  /** Percent of the window's posts that have an objective of the plan. */
  share: number;
  /** `share - target`, in points. */
  drift: number;
  /** Drifts by more than the plan's tolerance. */
  off: boolean;
}

export interface MixWindow {
  start: string;
  end: string;
  weeks: number;
  posts: number;
  /** Posts without an objective, or with one the plan does not have. */
  unassigned: number;
  objectives: ObjectiveShare[];
}

export interface Calendar {
  practice: string;
  /** The host of the practice's first website, to make calendar event ids unique. */
  domain?: string;
  timeZone: string;
  /** The clock the states were judged at, ISO, and its date in practice time. */
  now?: string;
  today?: string;
  from: string;
  to: string;
  /** The networks of plans/networks.yaml, in its order. */
  networks: NetworkId[];
  weeks: CalendarWeek[];
  /** Undefined without plans/objectives.yaml. */
  mix?: { windowWeeks: number; tolerance: number; windows: MixWindow[] };
  observances: Observance[];
  /** Weeks × networks below the cadence. */
  gaps: number;
  /** How many of the shown posts × networks are in each state. */
  states?: Partial<Record<PublicationState, number>>;
  /** Posts the calendar cannot place, with why. */
  skipped: { file: string; reason: string }[];
}

export interface CalendarRequest {
  project: Project;
  posts: readonly Post[];
  /** A Monday, in practice time. */
  from: string;
  weeks: number;
  /**
   * The publish record and the audit's findings: with them each post carries its state per network,
   * and what a PHI finding covers in its title and link is hidden. Without them (a review counting
   * the weeks it touches) posts carry no states.
   */
  facts?: CalendarFacts;
}

export interface CalendarFacts {
  record: PublishRecord;
  findings: readonly Finding[];
  /** Findings turned off by a plan-disable comment: a PHI finding still hides its text. */
  suppressed: readonly Finding[];
  now: Date;
}

/** The post's state on each network; without the record's facts, a ready post counts as planned. */
export function postStates(post: CalendarPost): NetworkState[] {
  return post.states ?? post.networks.map((network) => ({ network, state: post.status === 'ready' ? 'planned' : 'draft' }));
}

/** Posts by week and network against the plans: cadence gaps, objective mix, observances, and where each post stands. */
export function buildCalendar({ project, posts, from, weeks, facts }: CalendarRequest): Calendar {
  const to = addDays(from, weeks * 7 - 1);
  const networks = enabledNetworks(project);
  const { placed, skipped } = placePosts(project, posts);
  const inRange = placed
    .filter(({ shown }) => shown.date >= from && shown.date <= to)
    .sort((a, b) => a.shown.at.localeCompare(b.shown.at) || a.shown.id.localeCompare(b.shown.id))
    .map(({ post, shown }) => (facts ? withFacts(shown, post, project, facts) : shown));
  const observances = observancesBetween(project.observances.data, from, to);
  const calendarWeeks = Array.from({ length: weeks }, (_, index) => {
    const start = addDays(from, index * 7);
    const weekPosts = inRange.filter((p) => Math.floor(daysBetween(from, p.date) / 7) === index);
    return buildWeek(project, networks, start, weekPosts, observances);
  });
  const objectives = project.objectives.data;
  const website = project.config.data?.practice.websites[0];
  return {
    practice: project.config.data?.practice.name ?? '',
    ...(website ? { domain: new URL(website).hostname } : {}),
    timeZone: project.timeZone,
    ...(facts ? { now: facts.now.toISOString(), today: localDateTime(facts.now, project.timeZone).date } : {}),
    from,
    to,
    networks,
    weeks: calendarWeeks,
    ...(objectives ? { mix: objectiveMix(objectives, calendarWeeks) } : {}),
    observances,
    gaps: calendarWeeks.reduce((sum, week) => sum + week.networks.filter((n) => n.gap).length, 0),
    ...(facts ? { states: countStates(inRange.flatMap((p) => p.states ?? [])) } : {}),
    skipped,
  };
}

function enabledNetworks(project: Project): NetworkId[] {
  return Object.entries(project.networks.data ?? {})
    .filter(([, account]) => account !== undefined)
    .map(([id]) => id as NetworkId);
}

function placePosts(project: Project, posts: readonly Post[]): { placed: { post: Post; shown: CalendarPost }[]; skipped: Calendar['skipped'] } {
  const severities = new SeverityResolver(new Map(), project.config.data);
  const placed: { post: Post; shown: CalendarPost }[] = [];
  const skipped: Calendar['skipped'] = [];
  for (const post of posts) {
    const { title, networks, status, objective, link } = post.frontmatter;
    if (!post.publishAt) skipped.push({ file: post.file, reason: 'no valid publish_at' });
    else if (!networks?.length) skipped.push({ file: post.file, reason: 'no valid networks' });
    else {
      const instant = post.publishAt.instant;
      const objectiveLabel = objective ? project.objectives.data?.objectives[objective]?.label : undefined;
      const shown: CalendarPost = {
        id: post.id,
        file: post.file,
        title: title ?? post.id,
        status: status ?? 'draft',
        at: instant.toISOString(),
        ...localDateTime(instant, project.timeZone),
        networks,
        ...(objective ? { objective } : {}),
        ...(objectiveLabel ? { objectiveLabel } : {}),
        ...(link ? { link } : {}),
        counted: severities.resolve('plan/cadence', post.file) !== 'off',
      };
      placed.push({ post, shown });
    }
  }
  return { placed, skipped };
}

/** The post with its state on each network, and its title and link as every output may show them. */
function withFacts(shown: CalendarPost, post: Post, project: Project, facts: CalendarFacts): CalendarPost {
  const fields = shownFields(post, project, [...facts.findings, ...facts.suppressed]);
  return {
    ...shown,
    ...(fields.title !== undefined ? { title: fields.title } : {}),
    ...(fields.link !== undefined ? { link: fields.link } : {}),
    ...(fields.hidden ? { hidden: true as const } : {}),
    states: statesOf(post, { project, record: facts.record, findings: facts.findings, now: facts.now }),
  };
}

/**
 * A post's title and link as any output may show them, as `plan review` shows them: what a PHI finding
 * covers (turned off by a plan-disable comment or not: pass both) is hidden.
 */
export function shownFields(post: Post, project: Project, findings: readonly Finding[]): { title?: string; link?: string; hidden: boolean } {
  const hider = phiHider(post, project, findings.filter((f) => f.file === post.file && isPhiRule(f.rule)));
  const { title, link } = post.frontmatter;
  return {
    ...(title ? { title: hider.field(title, post.locate(['title'])) } : {}),
    ...(link ? { link: hider.field(link, post.locate(['link'])) } : {}),
    hidden: hider.hidden > 0,
  };
}

function buildWeek(project: Project, networks: NetworkId[], start: string, posts: CalendarPost[], observances: Observance[]): CalendarWeek {
  const end = addDays(start, 6);
  const counted = posts.filter((p) => p.counted);
  const objectives: Record<string, number> = {};
  for (const post of posts) if (post.objective) objectives[post.objective] = (objectives[post.objective] ?? 0) + 1;
  return {
    start,
    end,
    posts,
    networks: networks.map((network) => {
      const on = counted.filter((p) => p.networks.includes(network));
      const target = project.networks.data?.[network]?.cadence?.min_per_week;
      return { network, posts: on.length, drafts: on.filter((p) => p.status === 'draft').length, ...(target === undefined ? {} : { target }), gap: target !== undefined && on.length < target };
    }),
    objectives,
    observances: observances.filter((o) => o.start <= end && o.end >= start).map((o) => ({ ...o, ongoing: o.start < start })),
  };
}

/** The mix in consecutive windows of the plan's `window_weeks`, from the first week shown; the last may be shorter. */
function objectiveMix(plan: ObjectivesPlan, weeks: CalendarWeek[]): NonNullable<Calendar['mix']> {
  const { window_weeks: windowWeeks, tolerance } = plan.mix;
  const windows: MixWindow[] = [];
  for (let first = 0; first < weeks.length; first += windowWeeks) {
    const slice = weeks.slice(first, first + windowWeeks);
    const posts = slice.flatMap((w) => w.posts);
    const planned = posts.filter((p) => p.objective !== undefined && p.objective in plan.objectives);
    const objectives = Object.entries(plan.objectives).map(([id, { label, share: target }]) => {
      const count = planned.filter((p) => p.objective === id).length;
      const share = planned.length === 0 ? 0 : Math.round((count / planned.length) * 100);
      return { id, label, target, posts: count, share, drift: share - target, off: planned.length > 0 && Math.abs(share - target) > tolerance };
    });
    windows.push({ start: slice[0]!.start, end: slice[slice.length - 1]!.end, weeks: slice.length, posts: posts.length, unassigned: posts.length - planned.length, objectives });
  }
  return { windowWeeks, tolerance, windows };
}
