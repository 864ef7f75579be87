import type { NetworkId } from '../../loading/schemas/index.js';
import { profileFor } from '../../networks/index.js';
import { docsUrl } from '../messages.js';
import { defineRule } from '../types.js';
import { slotOf } from './time.js';

export const slots = defineRule({
  meta: {
    id: 'plan/slots',
    severity: 'info',
    docs: {
      description: 'A post still to come timed outside the usual posting slots plans/networks.yaml gives its networks: one finding per post.',
      why: "plans/networks.yaml can list each account's usual posting times, the ones its followers are most likely to see. A post timed otherwise is fine when you meant it (a same-day announcement); this note makes sure it was not a slip. It is a note, not a problem.",
      url: docsUrl('plan/slots'),
    },
    messages: {
      offSlot: "this post goes out at {{slot}}, outside the plan's posting slots for {{slots}}: fine if you meant it, otherwise move it to a slot",
    },
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
    report({ messageId: 'offSlot', data: { slot, slots: plannedSlots(missed, project.networks.data ?? {}) }, range: post.locate(['publish_at']), ...network });
  },
});

/** "X (Mon 09:00, Wed 12:00); Facebook (Tue 10:00)" */
function plannedSlots(missed: readonly NetworkId[], accounts: Partial<Record<NetworkId, { slots?: string[] }>>): string {
  return missed.map((network) => `${profileFor(network).label} (${(accounts[network]?.slots ?? []).join(', ')})`).join('; ');
}
