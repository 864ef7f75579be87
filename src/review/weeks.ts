import { buildCalendar, localDateTime, mondayOf } from '../calendar/index.js';
import type { Post } from '../loading/post.js';
import type { Project } from '../loading/project.js';
import type { DeletedPost, ReviewedPost, ReviewWeek } from './types.js';

/** The weeks the pull request's posts fall in (deleted ones too: a deletion can open a cadence gap), as the calendar counts them. */
export function affectedWeeks(project: Project, allPosts: readonly Post[], posts: readonly ReviewedPost[], deleted: readonly DeletedPost[]): ReviewWeek[] {
  const dated = [
    ...posts.map((p) => ({ file: p.file, title: p.title, at: p.publishAt?.utc, change: p.change })),
    ...deleted.map((p) => ({ file: p.file, title: undefined, at: p.publishAt?.utc, change: 'deleted' as const })),
  ].flatMap(({ at, ...rest }) => (at ? [{ ...rest, ...localDateTime(new Date(at), project.timeZone) }] : []));
  const mondays = [...new Set(dated.map((p) => mondayOf(p.date)))].sort();
  return mondays.map((monday) => {
    const [week] = buildCalendar({ project, posts: allPosts, from: monday, weeks: 1 }).weeks;
    return {
      start: week!.start,
      end: week!.end,
      networks: week!.networks.map(({ network, posts: count, target, gap }) => ({ network, posts: count, ...(target === undefined ? {} : { target }), gap })),
      posts: dated
        .filter((p) => p.date >= week!.start && p.date <= week!.end)
        .sort((a, b) => `${a.date} ${a.time}`.localeCompare(`${b.date} ${b.time}`))
        .map(({ file, title, date, time, change }) => ({ file, ...(title ? { title } : {}), date, time, change })),
    };
  });
}
