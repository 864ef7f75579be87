import type { NetworkId } from '../../loading/schemas/index.js';
import { profileFor } from '../../networks/index.js';
import type { Rule } from '../types.js';
import { slotOf } from './time.js';

export const slots: Rule = {
  meta: {
    id: 'plan/slots',
    severity: 'info',
    docs: "A post still to come timed outside the usual posting slots plans/networks.yaml gives its networks: one finding per post.",
  },
  checkPost({ post, project, now, report }) {
    if (!post.publishAt || post.publishAt.instant < now) return;
    const slot = slotOf(post.publishAt.instant, project.timeZone);
    const missed = (post.frontmatter.networks ?? []).filter((network) => {
      const planned = project.networks.data?.[network]?.slots ?? [];
      return planned.length > 0 && !planned.includes(slot);
    });
    if (missed.length === 0) return;
    const network = missed.length === 1 ? { network: missed[0]! } : {};
    report({ message: offSlotMessage(missed, slot, project.networks.data ?? {}), range: post.locate(['publish_at']), ...network });
  },
};

function offSlotMessage(missed: readonly NetworkId[], slot: string, accounts: Partial<Record<NetworkId, { slots?: string[] }>>): string {
  const listed = missed.map((network) => `${profileFor(network).label} (${(accounts[network]?.slots ?? []).join(', ')})`);
  return `this post goes out at ${slot}, outside the plan's posting slots for ${listed.join('; ')}: fine if you meant it, otherwise move it to a slot`;
}
