import { describe, expect, it } from 'vitest';
import { post, runOn } from '../../../test/helpers/rules.js';
import { maxPerDay } from './max-per-day.js';

const NETWORKS = 'x:\n  account: "@a"\n  cadence: { max_per_day: 2 }\nfacebook: { page_id: "1" }\n';
const NOW = '2026-12-02T15:00:00Z';

const readyPost = (when: string, networks = 'x', status = 'ready') =>
  post(`title: Post\npublish_at: ${when}\nnetworks: [${networks}]\nstatus: ${status}\napproved_by: Dr. Priya Natarajan`, `Text for ${when}.`);

describe('plan/max-per-day', () => {
  it('reports the post past the limit, naming the earlier ones of that day', async () => {
    const { findings } = await runOn(
      [maxPerDay],
      {
        'plans/networks.yaml': NETWORKS,
        'content/a.md': readyPost('2026-12-07 09:00'),
        'content/b.md': readyPost('2026-12-07 12:00'),
        'content/c.md': readyPost('2026-12-07 15:00', 'x, facebook'),
      },
      NOW,
    );
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'plan/max-per-day',
        file: 'content/c.md',
        line: 3,
        network: 'x',
        message: 'this is X post number 3 on Mon Dec 7 (after content/a.md, content/b.md); the plan allows at most 2 a day: move it to another day',
      }),
    ]);
  });

  it('is silent at exactly the limit, and counts days in practice time', async () => {
    const { findings } = await runOn(
      [maxPerDay],
      {
        'plans/networks.yaml': NETWORKS,
        'content/a.md': readyPost('2026-12-07 09:00'),
        'content/b.md': readyPost('2026-12-07 23:30'),
        // 00:30 in New York is still Dec 8 05:30 UTC, and Dec 8 is another day in practice time
        'content/c.md': readyPost('2026-12-08 00:30'),
        'content/d.md': readyPost('2026-12-07 15:00', 'x', 'draft'),
      },
      NOW,
    );
    expect(findings).toEqual([]);
  });

  it('leaves days already past alone', async () => {
    const files = Object.fromEntries(['09:00', '10:00', '11:00'].map((time, i) => [`content/${i}.md`, readyPost(`2026-12-01 ${time}`)]));
    const { findings } = await runOn([maxPerDay], { 'plans/networks.yaml': NETWORKS, ...files }, NOW);
    expect(findings).toEqual([]);
  });
});
