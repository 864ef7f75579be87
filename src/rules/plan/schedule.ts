import type { Post } from '../../loading/post.js';
import type { ResolvedTime } from '../../loading/time.js';
import type { ProjectCheckContext } from '../types.js';
import { weekEnd, weekStart, weeksFrom } from './time.js';

export type TimedPost = Post & { publishAt: ResolvedTime };

export function hasPublishTime(post: Post): post is TimedPost {
  return post.publishAt !== undefined;
}

/** A ready post with a publish time that comes before its expiry: one that will go out. */
export function isScheduled(post: Post): post is TimedPost {
  if (post.frontmatter.status !== 'ready' || !hasPublishTime(post)) return false;
  return !post.expires || post.expires.instant > post.publishAt.instant;
}

/** A ready post whose publish time has come and that has not expired: what `plan publish` would send now, unless published. */
export function isDueAt(post: Post, now: Date): post is TimedPost {
  if (post.frontmatter.status !== 'ready' || !hasPublishTime(post) || post.publishAt.instant > now) return false;
  return !post.expires || post.expires.instant > now;
}

/**
 * The posts a project check counts: those whose file does not turn the rule off. An override such as
 * `content/archive/**: { plan/cadence: off }` takes those posts out of the count, not only out of the report.
 */
export function postsCountedBy({ posts, isOff }: ProjectCheckContext): Post[] {
  return posts.filter((post) => !isOff(post.file));
}

/**
 * The weeks the plan is checked over: from the first week that has not started yet to the week of the
 * last scheduled post. A week already under way is left out: part of it is history, and its gaps were
 * reported in every audit of the weeks before it.
 */
export function plannedWeeks(posts: readonly TimedPost[], now: Date, timeZone: string): Date[] {
  if (posts.length === 0) return [];
  const last = Math.max(...posts.map((post) => post.publishAt.instant.getTime()));
  const current = weekStart(now, timeZone);
  const first = current.getTime() === now.getTime() ? current : weekEnd(current, timeZone);
  return weeksFrom(first, weekStart(new Date(last), timeZone), timeZone);
}

export function isWithin(post: TimedPost, from: Date, to: Date): boolean {
  const time = post.publishAt.instant.getTime();
  return time >= from.getTime() && time < to.getTime();
}
