import { Chalk, type ChalkInstance } from 'chalk';
import {
  postStates,
  PUBLICATION_STATES,
  type Calendar,
  type CalendarPost,
  type CalendarWeek,
  type MixWindow,
  type NetworkState,
  type NetworkWeek,
  type Observance,
  type PublicationState,
} from '../calendar/index.js';
import { profileFor } from '../networks/index.js';
import { plural } from './types.js';

export interface TableOptions {
  color: boolean;
}

const MAX_TITLE = 48;

/** `plan calendar`: a grid of weeks × networks against the cadence, then each week's posts and observances, then the objective mix. */
export function formatCalendarTable(calendar: Calendar, options: TableOptions): string {
  const paint = new Chalk({ level: options.color ? 1 : 0 });
  const out = [
    paint.bold(`${calendar.practice || 'Posts'}: ${plural(calendar.weeks.length, 'week')} from ${span(calendar.from, calendar.to)} (times in ${calendar.timeZone})`),
    ...(calendar.states ? [`On each network: ${stateSummary(calendar.states)}`] : []),
    '',
    ...grid(calendar, paint),
    '',
  ];
  for (const week of calendar.weeks) out.push(...weekDetails(week, week === calendar.weeks[0], paint), '');
  if (calendar.mix) for (const window of calendar.mix.windows) out.push(...mixLines(window, calendar.mix.tolerance, paint), '');
  if (calendar.skipped.length > 0) {
    out.push(paint.yellow(`Not shown: ${plural(calendar.skipped.length, 'post')} without a valid publish_at or networks (run "plan audit" to see why): ${calendar.skipped.map((s) => s.file).join(', ')}`), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function grid(calendar: Calendar, paint: ChalkInstance): string[] {
  if (calendar.networks.length === 0) return [paint.yellow('No networks in plans/networks.yaml: add the accounts the practice posts to.')];
  const header = ['Week of', ...calendar.networks.map((n) => profileFor(n).label)];
  const rows = calendar.weeks.map((week) => [day(week.start, false), ...week.networks.map(cell)]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[], style: (cell: string, i: number) => string) => cells.map((c, i) => style(c.padEnd(widths[i]!), i)).join('  ').trimEnd();
  const lines = [line(header, (c) => paint.bold(c))];
  calendar.weeks.forEach((week, w) => lines.push(line(rows[w]!, (c, i) => (i > 0 && week.networks[i - 1]!.gap ? paint.yellow(c) : c))));
  const drafts = calendar.weeks.some((w) => w.networks.some((n) => n.drafts > 0));
  lines.push(paint.dim(`posts / weekly target in plans/networks.yaml${drafts ? '; * drafts included' : ''}; "gap": fewer posts than the target`));
  return lines;
}

function cell(network: NetworkWeek): string {
  const count = network.target === undefined ? `${network.posts}` : `${network.posts}/${network.target}`;
  return `${count}${network.drafts > 0 ? '*' : ''}${network.gap ? ' gap' : ''}`;
}

function weekDetails(week: CalendarWeek, first: boolean, paint: ChalkInstance): string[] {
  const lines = [paint.bold(`Week of ${day(week.start, true)} to ${day(week.end, true)}`)];
  // Months and weeks under way are named in the first week shown and where they begin, not in every week.
  const observances = week.observances.filter((o) => first || !o.ongoing);
  for (const observance of observances) lines.push(paint.cyan(`  ◆ ${observanceLabel(observance)}`));
  if (week.posts.length === 0) lines.push(paint.yellow('  No posts planned'));
  const titleWidth = Math.min(MAX_TITLE, Math.max(0, ...week.posts.map((p) => titleOf(p).length)));
  for (const post of week.posts) lines.push(...postLines(post, titleWidth, paint));
  const gaps = week.networks.filter((n) => n.gap);
  if (gaps.length > 0) lines.push(paint.yellow(`  Below target: ${gaps.map((n) => `${profileFor(n.network).label} ${n.posts} of ${n.target}`).join(', ')}`));
  return lines;
}

function postLines(post: CalendarPost, titleWidth: number, paint: ChalkInstance): string[] {
  const states = postStates(post);
  const networks = post.networks.map((n) => profileFor(n).label).join(', ');
  const title = titleOf(post).padEnd(titleWidth);
  const when = `${day(post.date, true).padEnd(10)}  ${post.time}`;
  const notes = [...stateNotes(states), post.counted ? '' : 'not counted'].filter(Boolean).join('; ');
  const text = `  ${when}  ${title}  ${networks}${notes ? `  (${notes})` : ''}`;
  const why = states.filter((s) => s.detail && ACTION_STATES.has(s.state)).map((s) => paint.yellow(`      ${STATE_WORDS[s.state]} on ${profileFor(s.network).label}: ${s.detail}`));
  return [paintState(states, paint)(text), ...why];
}

const STATE_WORDS: Record<PublicationState, string> = {
  planned: 'planned',
  draft: 'draft',
  due: 'due now',
  published: 'published',
  missed: 'missed',
  held: 'held',
  failed: 'failed',
  unknown: 'outcome unknown',
  expired: 'expired',
};
// States a person must act on: their reason is printed under the post.
const ACTION_STATES = new Set<PublicationState>(['held', 'failed', 'unknown']);

/** "published", or "published on X; missed on Facebook" when the networks differ; planned says nothing. */
function stateNotes(states: readonly NetworkState[]): string[] {
  const shown = PUBLICATION_STATES.filter((state) => state !== 'planned' && states.some((s) => s.state === state));
  return shown.map((state) => {
    const on = states.filter((s) => s.state === state);
    return on.length === states.length ? STATE_WORDS[state] : `${STATE_WORDS[state]} on ${on.map((s) => profileFor(s.network).label).join(', ')}`;
  });
}

function paintState(states: readonly NetworkState[], paint: ChalkInstance): (text: string) => string {
  const has = (state: PublicationState) => states.some((s) => s.state === state);
  if (has('missed') || has('failed')) return paint.red;
  if (has('held') || has('unknown')) return paint.yellow;
  if (states.every((s) => s.state === 'published')) return paint.green;
  if (states.every((s) => s.state === 'draft' || s.state === 'expired')) return paint.dim;
  return (text) => text;
}

/** "12 published, 1 missed, 30 planned (posts × networks)", in the order a person acts on them. */
export function stateSummary(counts: Partial<Record<PublicationState, number>>): string {
  const parts = PUBLICATION_STATES.filter((state) => counts[state]).map((state) => `${counts[state]} ${STATE_WORDS[state]}`);
  return parts.length === 0 ? 'no posts' : parts.join(', ');
}

function titleOf(post: CalendarPost): string {
  return post.title.length > MAX_TITLE ? `${post.title.slice(0, MAX_TITLE - 1)}…` : post.title;
}

function mixLines(window: MixWindow, tolerance: number, paint: ChalkInstance): string[] {
  const planned = window.posts - window.unassigned;
  const lines = [paint.bold(`Objective mix, ${day(window.start, false)} to ${day(window.end, false)} (${plural(planned, 'post')} with an objective)`)];
  if (planned === 0) return [...lines, '  No posts with an objective yet'];
  const width = Math.max(...window.objectives.map((o) => o.label.length));
  for (const objective of window.objectives) {
    const figures = `${String(objective.posts).padStart(3)}  ${String(objective.share).padStart(3)}%  target ${objective.target}%`;
    const drift = objective.off ? `  off by ${objective.drift > 0 ? '+' : ''}${objective.drift} points (more than ${tolerance})` : '';
    const text = `  ${objective.label.padEnd(width)}  ${figures}${drift}`;
    lines.push(objective.off ? paint.yellow(text) : text);
  }
  if (window.unassigned > 0) lines.push(paint.dim(`  and ${plural(window.unassigned, 'post')} without an objective of the plan`));
  return lines;
}

function observanceLabel(observance: Observance): string {
  if (observance.kind === 'month') return `${observance.name} (${month(observance.start)})`;
  if (observance.kind === 'day') return `${observance.name} (${day(observance.start, false)})`;
  const end = observance.start.slice(0, 7) === observance.end.slice(0, 7) ? observance.end.slice(8).replace(/^0/, '') : day(observance.end, false);
  return `${observance.name} (${day(observance.start, false)}–${end})`;
}

function span(from: string, to: string): string {
  const fromYear = from.slice(0, 4) === to.slice(0, 4) ? '' : `, ${from.slice(0, 4)}`;
  return `${day(from, true)}${fromYear} to ${day(to, true)}, ${to.slice(0, 4)}`;
}

function day(date: string, weekday: boolean): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-US', { timeZone: 'UTC', month: 'short', day: 'numeric', ...(weekday ? { weekday: 'short' } : {}) }).replace(',', '');
}

function month(date: string): string {
  return new Date(`${date}T00:00:00Z`).toLocaleDateString('en-US', { timeZone: 'UTC', month: 'long' });
}
