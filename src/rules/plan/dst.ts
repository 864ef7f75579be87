import { tzOffset } from '@date-fns/tz';
import type { Post } from '../../loading/post.js';
import type { ResolvedTime } from '../../loading/time.js';
import type { PostCheckContext, Rule } from '../types.js';
import { describeOffset, describeTime, offsetSuffix } from './time.js';

const DAY_MS = 86_400_000;

type TimeField = 'publish_at' | 'expires';

export const dstGap: Rule = {
  meta: {
    id: 'plan/dst-gap',
    severity: 'error',
    docs: 'A publish_at or expires at a local time that does not exist because clocks spring forward that night: says the time it will actually take effect.',
  },
  checkPost(context) {
    for (const [field, time] of timesAhead(context)) {
      if (time.clock !== 'gap') continue;
      const { post, project } = context;
      const actual = `${describeTime(time.instant, project.timeZone)} (${describeOffset(time.instant, project.timeZone)})`;
      const effect = field === 'publish_at' ? `the post would go out at ${actual}` : `the post would expire at ${actual}`;
      const message =
        `${field} ${written(post, field)} does not exist in ${project.timeZone}: clocks spring forward that night and skip that hour, so ` +
        `${effect}. Write the time you mean, outside the skipped hour`;
      context.report({ message, range: post.locate([field]) });
    }
  },
};

export const dstRepeated: Rule = {
  meta: {
    id: 'plan/dst-repeated',
    severity: 'warning',
    docs: 'A publish_at or expires at a local time that happens twice because clocks fall back that night: the first one is used; an offset picks the other.',
  },
  checkPost(context) {
    for (const [field, time] of timesAhead(context)) {
      if (time.clock !== 'repeated') continue;
      const { post, project } = context;
      const first = `${describeTime(time.instant, project.timeZone)} ${describeOffset(time.instant, project.timeZone)}`;
      const message =
        `${field} ${written(post, field)} happens twice in ${project.timeZone} because clocks fall back that night: plan uses the first, ${first}. ` +
        `To mean the second, write ${secondOccurrence(post, field, project.timeZone, time)}`;
      context.report({ message, range: post.locate([field]) });
    }
  },
};

/** The post's times still to come: a time already past is history. */
function timesAhead({ post, now }: PostCheckContext): [TimeField, ResolvedTime][] {
  const times: [TimeField, ResolvedTime | undefined][] = [
    ['publish_at', post.publishAt],
    ['expires', post.expires],
  ];
  return times.filter((entry): entry is [TimeField, ResolvedTime] => entry[1] !== undefined && entry[1].instant >= now);
}

function written(post: Post, field: TimeField): string {
  return `"${post.frontmatter[field]?.trim() ?? ''}"`;
}

/** The written date and time with the offset clocks have after falling back, e.g. "2026-11-01T01:30-05:00". */
function secondOccurrence(post: Post, field: TimeField, timeZone: string, time: ResolvedTime): string {
  const text = post.frontmatter[field]?.trim() ?? '';
  const [date, clock] = text.split(/[ T]/);
  const after = tzOffset(timeZone, new Date(time.instant.getTime() + DAY_MS));
  return `"${date}T${clock?.slice(0, 5) ?? '00:00'}${offsetSuffix(after)}"`;
}
