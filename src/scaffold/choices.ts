import { tz } from '@date-fns/tz';
import { addWeeks } from 'date-fns/addWeeks';
import { PlanError } from '../errors.js';
import type { Post } from '../loading/post.js';
import type { Project } from '../loading/project.js';
import { NETWORK_IDS, type NetworkId } from '../loading/schemas/index.js';
import { resolveTime } from '../loading/time.js';
import { profileFor } from '../networks/index.js';
import { isScheduled } from '../rules/plan/schedule.js';
import { dayKey, describeDay, describeMoment, weekEnd, weekStart } from '../rules/plan/time.js';

/** One thing `plan new` filled in without asking, and why: said to the person, so nothing is chosen silently. */
export interface Choice {
  field: string;
  /** What it wrote, as the file has it. */
  value: string;
  why: string;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
// How far ahead a free slot is looked for before giving up on "a day with no post yet".
const SEARCH_DAYS = 26 * 7;
const DEFAULT_TIME = '09:00';

/** The enabled networks a list names (ids or labels, any case), or by default those that publish text alone (or all, with an image). */
export function chooseNetworks(list: readonly string[] | undefined, project: Project, withMedia: boolean, flag = '--networks'): { networks: NetworkId[]; choice?: Choice } {
  const enabled = NETWORK_IDS.filter((id) => project.networks.data?.[id]);
  if (list === undefined || list.length === 0) {
    const networks = withMedia ? enabled : enabled.filter((id) => !profileFor(id).media.required);
    if (networks.length === 0) throw new PlanError(`plans/networks.yaml enables no network that publishes ${withMedia ? 'posts' : 'text alone'}: name the networks with ${flag}`);
    const why = withMedia ? 'every network plans/networks.yaml turns on' : 'the networks plans/networks.yaml turns on that publish text without an image';
    return { networks, choice: { field: 'networks', value: networks.join(', '), why } };
  }
  const networks: NetworkId[] = [];
  const unknown: string[] = [];
  for (const name of list) {
    const id = NETWORK_IDS.find((candidate) => candidate === name.trim().toLowerCase() || profileFor(candidate).label.toLowerCase() === name.trim().toLowerCase());
    if (id && enabled.includes(id)) networks.push(id);
    else unknown.push(name.trim());
  }
  if (unknown.length > 0) throw new PlanError(`${flag}: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not turned on in plans/networks.yaml (turned on: ${enabled.map((id) => profileFor(id).label).join(', ') || 'none'})`);
  return { networks: [...new Set(networks)] };
}

/** A publish time as "YYYY-MM-DD HH:MM" in practice time. */
export interface PickedTime {
  text: string;
  instant: Date;
  choice?: Choice;
}

/**
 * The next posting slot (the networks' `slots` in plans/networks.yaml) after `now`, on a day none of
 * the networks has a post yet, in practice time. Without slots: 09:00 on the next such day.
 */
export function nextFreeSlot(project: Project, posts: readonly Post[], networks: readonly NetworkId[], now: Date): PickedTime {
  const timeZone = project.timeZone;
  const slots = slotsOf(project, networks);
  const taken = new Set(posts.filter((post) => post.publishAt && (post.frontmatter.networks ?? []).some((n) => networks.includes(n))).map((post) => dayKey(post.publishAt!.instant, timeZone)));
  const [year, month, day] = dayKey(now, timeZone).split('-').map(Number) as [number, number, number];
  for (let offset = 0; offset <= SEARCH_DAYS; offset++) {
    const date = new Date(Date.UTC(year, month - 1, day + offset));
    const weekday = WEEKDAYS[date.getUTCDay()]!;
    const times = slots.length > 0 ? slots.filter((slot) => slot.day === weekday) : [{ day: weekday, time: DEFAULT_TIME, networks: [] }];
    for (const slot of times) {
      const [hour, minute] = slot.time.split(':').map(Number) as [number, number];
      const instant = resolveTime({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour, minute, dateOnly: false }, timeZone).instant;
      if (instant <= now || taken.has(dayKey(instant, timeZone))) continue;
      const text = `${date.toISOString().slice(0, 10)} ${slot.time}`;
      const why =
        slots.length > 0
          ? `the next posting slot (${slot.day} ${slot.time}, ${slot.networks.map((n) => profileFor(n).label).join(', ')}) on a day with no post on these networks yet: ${describeMoment(instant, timeZone)}`
          : `plans/networks.yaml gives these networks no posting slots: ${DEFAULT_TIME} on the next day with no post on them yet, ${describeDay(instant, timeZone)}`;
      return { text, instant, choice: { field: 'publish_at', value: text, why } };
    }
  }
  throw new PlanError(`every day of the next ${SEARCH_DAYS / 7} weeks already has a post on these networks: give the time with --at`);
}

interface Slot {
  day: string;
  time: string;
  networks: NetworkId[];
}

/** The posting slots of the networks, each once with the networks that have it, in time order within a day. */
function slotsOf(project: Project, networks: readonly NetworkId[]): Slot[] {
  const slots = new Map<string, Slot>();
  for (const network of networks) {
    for (const written of project.networks.data?.[network]?.slots ?? []) {
      const [day, time] = written.split(' ') as [string, string];
      const slot = slots.get(written) ?? { day, time, networks: [] };
      slot.networks.push(network);
      slots.set(written, slot);
    }
  }
  return [...slots.values()].sort((a, b) => a.time.localeCompare(b.time));
}

/**
 * The objective a list names (id or label, any case); by default the one furthest below its share
 * of the ready posts in the mix window (plans/objectives.yaml) that ends with the post's week.
 */
export function chooseObjective(named: string | undefined, project: Project, posts: readonly Post[], at: Date, flag = '--objective'): { objective?: string; choice?: Choice } {
  const plan = project.objectives.data;
  const objectives = Object.entries(plan?.objectives ?? {});
  if (named !== undefined && named.trim() !== '') {
    const wanted = named.trim().toLowerCase();
    const found = objectives.find(([id, objective]) => id.toLowerCase() === wanted || objective.label.toLowerCase() === wanted);
    if (!found) throw new PlanError(`${flag}: "${named.trim()}" is not an objective in plans/objectives.yaml (${objectives.map(([id, o]) => `${id}: ${o.label}`).join('; ') || 'it defines none'})`);
    return { objective: found[0] };
  }
  if (!plan || objectives.length === 0) return {};
  const timeZone = project.timeZone;
  const to = weekEnd(weekStart(at, timeZone), timeZone);
  const from = addWeeks(to, -plan.mix.window_weeks, { in: tz(timeZone) });
  const counted = posts.filter(isScheduled).filter((post) => post.publishAt.instant >= from && post.publishAt.instant < to && Object.hasOwn(plan.objectives, post.frontmatter.objective ?? ''));
  const count = (id: string) => counted.filter((post) => post.frontmatter.objective === id).length;
  const percent = (id: string) => (counted.length === 0 ? 0 : (count(id) * 100) / counted.length);
  const [id, objective] = objectives.reduce((best, next) => (next[1].share - percent(next[0]) > best[1].share - percent(best[0]) ? next : best));
  const span = `the ${plan.mix.window_weeks} week${plan.mix.window_weeks === 1 ? '' : 's'} to ${describeDay(new Date(to.getTime() - 1), timeZone)}`;
  const why =
    counted.length === 0
      ? `no ready post has an objective in ${span} yet: this is the one with the largest share (${objective.share}%)`
      : `furthest below its share in ${span}: ${count(id)} of ${counted.length} ready posts (${Math.round(percent(id))}%) against ${objective.share}%`;
  return { objective: id, choice: { field: 'objective', value: id, why } };
}

/** The audience segments a list names (ids or labels, any case); none when not given: the file then lists them as a hint. */
export function chooseAudience(list: readonly string[] | undefined, project: Project, flag = '--audience'): string[] {
  if (!list || list.length === 0) return [];
  const segments = Object.entries(project.audiences.data?.segments ?? {});
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const name of list) {
    const wanted = name.trim().toLowerCase();
    const found = segments.find(([id, segment]) => id.toLowerCase() === wanted || segment.label.toLowerCase() === wanted);
    if (found) ids.push(found[0]);
    else unknown.push(name.trim());
  }
  if (unknown.length > 0) throw new PlanError(`${flag}: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not an audience in plans/audiences.yaml (${segments.map(([id, s]) => `${id}: ${s.label}`).join('; ') || 'it defines none'})`);
  return [...new Set(ids)];
}

/** A comma-separated list as people type it: "X, Facebook" → ["X", "Facebook"]. */
export function splitList(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const items = text.split(',').map((item) => item.trim()).filter(Boolean);
  return items.length > 0 ? items : undefined;
}
