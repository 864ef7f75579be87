import { PLAN_FILES, type Project } from '../../loading/project.js';
import type { NetworkId } from '../../loading/schemas/index.js';
import { profileFor } from '../../networks/index.js';
import { docsUrl } from '../messages.js';
import { defineRule, type ProjectCheckContext } from '../types.js';
import { hasPublishTime, isScheduled, isWithin, plannedWeeks, postsCountedBy, type TimedPost } from './schedule.js';
import { describeDay, weekEnd } from './time.js';

const GAP = 'the week of {{week}} has {{ready}}';
const ASK = '; the plan asks for at least {{minimum}}: add {{network}} posts to that week or move some into it';

const messages = {
  gap: `${GAP}${ASK}`,
  gapWithDrafts: `${GAP} (and {{drafts}}, which will not publish until marked ready)${ASK}`,
};

export const cadence = defineRule({
  meta: {
    id: 'plan/cadence',
    severity: 'warning',
    docs: {
      description: 'A week (Monday to Sunday, practice time) with fewer ready posts on a network than its cadence.min_per_week in plans/networks.yaml: a gap in the calendar. Checked from next week to the week of the last ready post; posts whose file turns this rule off do not count.',
      why: 'An account that goes quiet for a week loses its followers\' attention. plans/networks.yaml says how many posts a week each account should get; this finds the weeks ahead that fall short, counting only posts marked ready (drafts are not published). Fill the week, or set a target the practice can keep.',
      url: docsUrl('plan/cadence'),
    },
    messages,
  },
  checkProject(context) {
    const timed = postsCountedBy(context).filter(hasPublishTime);
    const weeks = plannedWeeks(timed.filter(isScheduled), context.now, context.project.timeZone);
    if (weeks.length === 0) return;
    // Years of history lie before the first planned week: leave them out once, not once per week and network.
    const end = weekEnd(weeks[weeks.length - 1]!, context.project.timeZone);
    const posts = timed.filter((post) => isWithin(post, weeks[0]!, end));
    for (const [network, minimum] of weeklyMinimums(context.project)) {
      for (const week of weeks) checkWeek(context, posts, network, minimum, week);
    }
  },
});

function weeklyMinimums(project: Project): [NetworkId, number][] {
  return Object.entries(project.networks.data ?? {}).flatMap(([network, account]) => {
    const minimum = account?.cadence?.min_per_week;
    return minimum ? [[network as NetworkId, minimum] as [NetworkId, number]] : [];
  });
}

function checkWeek({ project, report }: ProjectCheckContext<keyof typeof messages>, posts: readonly TimedPost[], network: NetworkId, minimum: number, week: Date): void {
  const end = weekEnd(week, project.timeZone);
  const inWeek = posts.filter((post) => post.frontmatter.networks?.includes(network) && isWithin(post, week, end));
  const ready = inWeek.filter(isScheduled).length;
  if (ready >= minimum) return;
  const drafts = inWeek.filter((post) => post.frontmatter.status !== 'ready').length;
  const label = profileFor(network).label;
  const data = { week: describeDay(week, project.timeZone), ready: `${ready} ready ${label} post${ready === 1 ? '' : 's'}`, minimum, network: label };
  const range = project.networks.locate([network, 'cadence', 'min_per_week']);
  if (drafts) report({ file: PLAN_FILES.networks, messageId: 'gapWithDrafts', data: { ...data, drafts: `${drafts} draft${drafts === 1 ? '' : 's'}` }, range, network });
  else report({ file: PLAN_FILES.networks, messageId: 'gap', data, range, network });
}
