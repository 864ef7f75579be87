import { PLAN_FILES } from '../../loading/project.js';
import type { ObjectivesPlan } from '../../loading/schemas/index.js';
import { docsUrl } from '../messages.js';
import { defineRule, type ProjectCheckContext } from '../types.js';
import { isScheduled, isWithin, plannedWeeks, postsCountedBy, type TimedPost } from './schedule.js';
import { describeDay, weekEnd } from './time.js';

const DRIFT = 'in {{span}}, {{count}} of {{total}} ready posts ({{percent}}%) are for "{{id}}" ({{label}}); the plan\'s share is {{share}}% give or take {{tolerance}} points: ';

const messages = {
  tooMany: `${DRIFT}plan fewer "{{id}}" posts then, or more of the others`,
  tooFew: `${DRIFT}plan more "{{id}}" posts then`,
};

export const mix = defineRule({
  meta: {
    id: 'plan/mix',
    severity: 'warning',
    docs: {
      description: "An objective's part of the ready posts in a rolling window of mix.window_weeks weeks that is more than mix.tolerance points away from its share in plans/objectives.yaml; one finding per objective for each stretch of drifting windows.",
      why: 'plans/objectives.yaml gives each objective a share of the posts (say 30% education, 20% new patients). Over a few weeks the calendar can drift: all promotion and no education, or the reverse. This compares the ready posts of each window of weeks with the shares, and says which objective is over or under.',
      url: docsUrl('plan/mix'),
    },
    messages,
  },
  checkProject(context) {
    const plan = context.project.objectives.data;
    if (!plan || Object.keys(plan.objectives).length === 0) return;
    const known = (post: TimedPost) => post.frontmatter.objective !== undefined && Object.hasOwn(plan.objectives, post.frontmatter.objective);
    const posts = postsCountedBy(context).filter(isScheduled).filter(known);
    const windows = rollingWindows(plannedWeeks(posts, context.now, context.project.timeZone), plan.mix.window_weeks, context.project.timeZone);
    const tallies = windows.map((window) => tally(window, posts));
    for (const [id, objective] of Object.entries(plan.objectives)) {
      for (const worst of worstOfEachStretch(tallies, id, objective.share, plan.mix.tolerance)) reportDrift(context, plan, id, worst);
    }
  },
});

interface Window {
  from: Date;
  to: Date;
  weeks: number;
}

interface Tally {
  window: Window;
  total: number;
  byObjective: Map<string, number>;
}

interface Drift {
  tally: Tally;
  count: number;
  /** Percentage points above (positive) or below the objective's share. */
  points: number;
}

/** Every run of `size` consecutive weeks; the whole span when it is shorter than that. */
function rollingWindows(weeks: readonly Date[], size: number, timeZone: string): Window[] {
  if (weeks.length === 0) return [];
  const span = Math.min(size, weeks.length);
  return weeks.slice(0, weeks.length - span + 1).map((from, index) => ({ from, to: weekEnd(weeks[index + span - 1]!, timeZone), weeks: span }));
}

function tally(window: Window, posts: readonly TimedPost[]): Tally {
  const byObjective = new Map<string, number>();
  const inside = posts.filter((post) => isWithin(post, window.from, window.to));
  for (const post of inside) byObjective.set(post.frontmatter.objective!, (byObjective.get(post.frontmatter.objective!) ?? 0) + 1);
  return { window, total: inside.length, byObjective };
}

// Windows overlap, so one lopsided week shows in several of them: report the worst of each stretch of
// consecutive windows drifting the same way.
function worstOfEachStretch(tallies: readonly Tally[], id: string, share: number, tolerance: number): Drift[] {
  const worst: Drift[] = [];
  let previous: Drift | undefined;
  for (const tally of tallies) {
    const drift = driftOf(tally, id, share, tolerance);
    if (drift && previous && Math.sign(drift.points) === Math.sign(previous.points)) {
      if (Math.abs(drift.points) > Math.abs(worst[worst.length - 1]!.points)) worst[worst.length - 1] = drift;
    } else if (drift) {
      worst.push(drift);
    }
    previous = drift;
  }
  return worst;
}

function driftOf(tally: Tally, id: string, share: number, tolerance: number): Drift | undefined {
  if (tally.total === 0) return undefined;
  const count = tally.byObjective.get(id) ?? 0;
  const points = (count * 100) / tally.total - share;
  // A small allowance so that a drift of exactly the tolerance, computed in floating point, is not reported.
  return Math.abs(points) > tolerance + 1e-9 ? { tally, count, points } : undefined;
}

function reportDrift({ project, report }: ProjectCheckContext<keyof typeof messages>, plan: ObjectivesPlan, id: string, drift: Drift): void {
  const { window, total } = drift.tally;
  const objective = plan.objectives[id]!;
  const percent = Math.round((drift.count * 100) / total);
  const last = new Date(window.to.getTime() - 1);
  const from = describeDay(window.from, project.timeZone);
  const span = window.weeks === 1 ? `the week of ${from}` : `the ${window.weeks} weeks from ${from} to ${describeDay(last, project.timeZone)}`;
  const data = { span, count: drift.count, total, percent, id, label: objective.label, share: objective.share, tolerance: plan.mix.tolerance };
  report({ file: PLAN_FILES.objectives, messageId: drift.points > 0 ? 'tooMany' : 'tooFew', data, range: project.objectives.locate(['objectives', id, 'share']) });
}
