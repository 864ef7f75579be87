import { describe, expect, it } from 'vitest';
import { post, runOn } from '../../../test/helpers/rules.js';
import { slots } from './slots.js';

const NETWORKS = 'x: { account: "@a", slots: ["Mon 09:00", "Wed 12:00"] }\nfacebook: { page_id: "1" }\n';
const NOW = '2026-12-01T15:00:00Z';

async function findingsAt(publishAt: string, networks = 'x, facebook') {
  const { findings } = await runOn([slots], { 'plans/networks.yaml': NETWORKS, 'content/a.md': post(`title: Post\npublish_at: ${publishAt}\nnetworks: [${networks}]`) }, NOW);
  return findings;
}

describe('plan/slots', () => {
  it("is an info finding for a time outside a network's slots", async () => {
    expect(await findingsAt('2026-12-08 09:00')).toEqual([
      expect.objectContaining({
        rule: 'plan/slots',
        severity: 'info',
        line: 3,
        network: 'x',
        message: "this post goes out at Tue 09:00, outside the plan's posting slots for X (Mon 09:00, Wed 12:00): fine if you meant it, otherwise move it to a slot",
      }),
    ]);
  });

  it('accepts a slot, a network without slots, and a time already past', async () => {
    expect(await findingsAt('2026-12-07 09:00')).toEqual([]);
    expect(await findingsAt('2026-12-08 09:00', 'facebook')).toEqual([]);
    expect(await findingsAt('2026-11-24 09:00')).toEqual([]);
  });
});
