import { rankNetworks, reachOf, reachTableFor, type Reach, type ReachTable, type SegmentGroups } from '../../networks/reach.js';
import type { NetworkId } from '../../loading/schemas/index.js';
import { profileFor } from '../../networks/index.js';
import { docsUrl } from '../messages.js';
import { defineRule, type MessageData } from '../types.js';

const LOW_REACH =
  'only {{percent}}% of {{group}} use {{network}} ({{source}}), less than the plan\'s min_reach of {{minReach}}% for audience "{{segment}}": ';
const TAKE_OFF = '. Take {{network}} off this post, or "{{segment}}" off its audience';

const messages = {
  lowReach: `${LOW_REACH}{{better}} reaches them best${TAKE_OFF}`,
  lowReachSeveral: `${LOW_REACH}{{better}} reach them best${TAKE_OFF}`,
  lowReachNowhere: `${LOW_REACH}none of the practice's networks reaches {{minReach}}% of them in {{table}}${TAKE_OFF}`,
};

export const reach = defineRule({
  meta: {
    id: 'audience/reach',
    severity: 'warning',
    docs: {
      description: 'A post aimed at an audience segment on a network used by fewer than min_reach percent of that group (survey figures, with their source and year), naming the networks that reach it best.',
      why: "A post meant for seniors does little on a network few seniors use. Survey figures (Pew Research Center's, or the practice's own in plans/audiences.yaml) say how much of each age, income or education group uses each network; this warns when a post's audience is below the plan's min_reach on one of its networks, and says where that audience is.",
      url: docsUrl('audience/reach'),
    },
    messages,
    cacheable: true,
  },
  checkPost({ post, project, report, once }) {
    const plan = project.audiences.data;
    if (!plan) return;
    const table = once('audience/reach-table', () => reachTableFor(plan));
    const enabled = Object.keys(project.networks.data ?? {}) as NetworkId[];
    const networks = (post.frontmatter.networks ?? []).filter((network) => enabled.includes(network));
    (post.frontmatter.audience ?? []).forEach((id, index) => {
      if (!Object.hasOwn(plan.segments, id)) return;
      const segment = plan.segments[id]!;
      for (const network of networks) {
        const found = reachOf(table, segment, network);
        if (found && found.percent < plan.min_reach) {
          const said = lowReachReport({ id, segment, network, found, table, enabled, minReach: plan.min_reach });
          report({ ...said, range: post.locate(['audience', index]), network });
        }
      }
    });
  },
});

interface LowReach {
  id: string;
  segment: SegmentGroups;
  network: NetworkId;
  found: Reach;
  table: ReachTable;
  enabled: readonly NetworkId[];
  minReach: number;
}

function lowReachReport({ id, segment, network, found, table, enabled, minReach }: LowReach): { messageId: keyof typeof messages; data: MessageData } {
  const data = { percent: found.percent, group: found.group, network: label(network), source: found.source, minReach, segment: id };
  const better = rankNetworks(table, segment, enabled).filter((r) => r.network !== network && r.reach.percent >= minReach);
  const named = better.slice(0, 3).map((r) => `${label(r.network)} (${r.reach.percent}%${r.reach.source === found.source ? '' : `, ${r.reach.source}`})`);
  if (named.length === 0) return { messageId: 'lowReachNowhere', data: { ...data, table: table.name } };
  return { messageId: named.length === 1 ? 'lowReach' : 'lowReachSeveral', data: { ...data, better: joinNames(named) } };
}

function label(network: NetworkId): string {
  return profileFor(network).label;
}

function joinNames(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
