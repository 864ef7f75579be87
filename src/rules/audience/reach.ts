import { rankNetworks, reachOf, reachTableFor, type Reach, type ReachTable, type SegmentGroups } from '../../networks/reach.js';
import type { NetworkId } from '../../loading/schemas/index.js';
import { profileFor } from '../../networks/index.js';
import type { Rule } from '../types.js';

export const reach: Rule = {
  meta: {
    id: 'audience/reach',
    severity: 'warning',
    docs: "A post aimed at an audience segment on a network used by fewer than min_reach percent of that group (survey figures, with their source and year), naming the networks that reach it best.",
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
          const message = lowReachMessage({ id, segment, network, found, table, enabled, minReach: plan.min_reach });
          report({ message, range: post.locate(['audience', index]), network });
        }
      }
    });
  },
};

interface LowReach {
  id: string;
  segment: SegmentGroups;
  network: NetworkId;
  found: Reach;
  table: ReachTable;
  enabled: readonly NetworkId[];
  minReach: number;
}

function lowReachMessage({ id, segment, network, found, table, enabled, minReach }: LowReach): string {
  const name = label(network);
  const better = rankNetworks(table, segment, enabled).filter((r) => r.network !== network && r.reach.percent >= minReach);
  const named = better.slice(0, 3).map((r) => `${label(r.network)} (${r.reach.percent}%${r.reach.source === found.source ? '' : `, ${r.reach.source}`})`);
  const alternatives = named.length
    ? `${joinNames(named)} ${named.length === 1 ? 'reaches' : 'reach'} them best`
    : `none of the practice's networks reaches ${minReach}% of them in ${table.name}`;
  return (
    `only ${found.percent}% of ${found.group} use ${name} (${found.source}), less than the plan's min_reach of ${minReach}% ` +
    `for audience "${id}": ${alternatives}. Take ${name} off this post, or "${id}" off its audience`
  );
}

function label(network: NetworkId): string {
  return profileFor(network).label;
}

function joinNames(names: readonly string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
