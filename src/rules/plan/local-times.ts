import { tzOffset } from '@date-fns/tz';
import type { Post } from '../../loading/post.js';
import type { ResolvedTime } from '../../loading/time.js';
import type { PostCheckContext } from '../types.js';
import { offsetSuffix } from './time.js';

const DAY_MS = 86_400_000;

export type TimeField = 'publish_at' | 'expires';

/** The post's times still to come: a time already past is history. */
export function timesAhead({ post, now }: PostCheckContext): [TimeField, ResolvedTime][] {
  const times: [TimeField, ResolvedTime | undefined][] = [
    ['publish_at', post.publishAt],
    ['expires', post.expires],
  ];
  return times.filter((entry): entry is [TimeField, ResolvedTime] => entry[1] !== undefined && entry[1].instant >= now);
}

/** A time field as written, in quotes: `"2027-03-14 02:30"`. */
export function written(post: Post, field: TimeField): string {
  return `"${post.frontmatter[field]?.trim() ?? ''}"`;
}

/** The written date and time with the offset clocks have after falling back, e.g. "2026-11-01T01:30-05:00". */
export function secondOccurrence(post: Post, field: TimeField, timeZone: string, time: ResolvedTime): string {
  const text = post.frontmatter[field]?.trim() ?? '';
  const [date, clock] = text.split(/[ T]/);
  const after = tzOffset(timeZone, new Date(time.instant.getTime() + DAY_MS));
  return `"${date}T${clock?.slice(0, 5) ?? '00:00'}${offsetSuffix(after)}"`;
}
