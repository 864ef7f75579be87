import type { Project } from '../../loading/project.js';
import type { NetworkId } from '../../loading/schemas/index.js';
import { profileFor } from '../../networks/index.js';
import { docsUrl } from '../messages.js';
import { defineRule, type ProjectCheckContext } from '../types.js';
import { isScheduled, postsCountedBy, type TimedPost } from './schedule.js';
import { dayKey, dayStart, describeDay } from './time.js';

const messages = {
  tooMany: 'this is {{network}} post number {{number}} on {{day}} (after {{earlier}}); the plan allows at most {{maximum}} a day: move it to another day',
};

export const maxPerDay = defineRule({
  meta: {
    id: 'plan/max-per-day',
    severity: 'warning',
    docs: {
      description: 'More ready posts on a network in one day (practice time) than its cadence.max_per_day in plans/networks.yaml; reported on the posts past the limit, from today on.',
      why: 'Several posts from one account on the same day compete with each other for the same followers\' attention, and a crowded feed gets muted. plans/networks.yaml says how many a day each account should get; this finds the days that hold more.',
      url: docsUrl('plan/max-per-day'),
    },
    messages,
  },
  checkProject(context) {
    const { project, now } = context;
    const today = dayStart(now, project.timeZone);
    const upcoming = postsCountedBy(context)
      .filter(isScheduled)
      .filter((post) => post.publishAt.instant >= today)
      .sort(byTime);
    for (const [network, maximum] of dailyMaximums(project)) {
      for (const sameDay of byDay(upcoming.filter((post) => post.frontmatter.networks?.includes(network)), project.timeZone)) {
        for (let index = maximum; index < sameDay.length; index++) reportExtra(context, network, maximum, sameDay, index);
      }
    }
  },
});

function dailyMaximums(project: Project): [NetworkId, number][] {
  return Object.entries(project.networks.data ?? {}).flatMap(([network, account]) => {
    const maximum = account?.cadence?.max_per_day;
    return maximum ? [[network as NetworkId, maximum] as [NetworkId, number]] : [];
  });
}

function byDay(posts: readonly TimedPost[], timeZone: string): TimedPost[][] {
  const days = new Map<string, TimedPost[]>();
  for (const post of posts) {
    const key = dayKey(post.publishAt.instant, timeZone);
    days.set(key, [...(days.get(key) ?? []), post]);
  }
  return [...days.values()];
}

function reportExtra({ project, report }: ProjectCheckContext<keyof typeof messages>, network: NetworkId, maximum: number, sameDay: TimedPost[], index: number): void {
  const post = sameDay[index]!;
  const label = profileFor(network).label;
  const day = describeDay(post.publishAt.instant, project.timeZone);
  const earlier = sameDay.slice(0, index).map((other) => other.file);
  const data = { network: label, number: index + 1, day, earlier: earlier.join(', '), maximum };
  report({ file: post.file, messageId: 'tooMany', data, range: post.locate(['publish_at']), network });
}

function byTime(a: TimedPost, b: TimedPost): number {
  return a.publishAt.instant.getTime() - b.publishAt.instant.getTime() || a.file.localeCompare(b.file);
}
