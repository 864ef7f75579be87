import { describe, expect, it } from 'vitest';
import { DEFAULT_FILES, post, runOn } from '../../../test/helpers/rules.js';
import { cadence } from './cadence.js';

const NETWORKS = 'x:\n  account: "@a"\n  cadence: { min_per_week: 2 }\nfacebook: { page_id: "1" }\n';
// Wednesday Dec 2, 2026: the first week checked starts Monday Dec 7.
const NOW = '2026-12-02T15:00:00Z';

const xPost = (when: string, status = 'ready', networks = 'x') =>
  post(`title: Post\npublish_at: ${when}\nnetworks: [${networks}]\nstatus: ${status}\napproved_by: Dr. Priya Natarajan`, `Text for ${when}.`);

describe('plan/cadence', () => {
  it('reports a week one below min_per_week on the cadence line, and not a week exactly at it', async () => {
    const { findings } = await runOn(
      [cadence],
      {
        'plans/networks.yaml': NETWORKS,
        'content/a.md': xPost('2026-12-07 09:00'),
        'content/b.md': xPost('2026-12-13 23:30'),
        'content/c.md': xPost('2026-12-14 09:00'),
        'content/d.md': xPost('2026-12-21 09:00'),
        'content/e.md': xPost('2026-12-24 09:00'),
      },
      NOW,
    );
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'plan/cadence',
        severity: 'warning',
        file: 'plans/networks.yaml',
        line: 3,
        network: 'x',
        message: 'the week of Mon Dec 14 has 1 ready X post; the plan asks for at least 2: add X posts to that week or move some into it',
      }),
    ]);
  });

  it('counts a draft as a gap, and says it is there', async () => {
    const { findings } = await runOn(
      [cadence],
      {
        'plans/networks.yaml': NETWORKS,
        'content/a.md': xPost('2026-12-07 09:00'),
        'content/b.md': xPost('2026-12-08 09:00', 'draft'),
      },
      NOW,
    );
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('has 1 ready X post (and 1 draft, which will not publish until marked ready)')]);
  });

  it('checks neither the week under way nor weeks after the last ready post', async () => {
    const { findings } = await runOn(
      [cadence],
      {
        'plans/networks.yaml': NETWORKS,
        'content/a.md': xPost('2026-12-07 09:00'),
        'content/b.md': xPost('2026-12-08 09:00'),
        'content/later.md': xPost('2027-01-04 09:00', 'draft'),
      },
      NOW,
    );
    expect(findings).toEqual([]);
  });

  it('reports each empty week between now and the last ready post', async () => {
    const { findings } = await runOn(
      [cadence],
      { 'plans/networks.yaml': NETWORKS, 'content/a.md': xPost('2026-12-21 09:00', 'ready', 'x, facebook') },
      NOW,
    );
    expect(findings.map((f) => f.message.slice(0, 33))).toEqual([
      'the week of Mon Dec 7 has 0 ready',
      'the week of Mon Dec 14 has 0 read',
      'the week of Mon Dec 21 has 1 read',
    ]);
  });

  it('leaves out posts whose file turns the rule off', async () => {
    const config = `${DEFAULT_FILES['plan.config.yaml']}overrides:\n  - files: ["content/archive/**"]\n    rules: { plan/cadence: off }\n`;
    const { findings } = await runOn(
      [cadence],
      {
        'plan.config.yaml': config,
        'plans/networks.yaml': NETWORKS,
        'content/a.md': xPost('2026-12-07 09:00'),
        'content/archive/b.md': xPost('2026-12-08 09:00'),
      },
      NOW,
    );
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('the week of Mon Dec 7 has 1 ready X post')]);
  });

  it('does not count a ready post that expires before it is due', async () => {
    const expiring = post('title: Post\npublish_at: 2026-12-08 09:00\nexpires: 2026-12-07 09:00\nnetworks: [x]\nstatus: ready\napproved_by: Dr. Priya Natarajan');
    const { findings } = await runOn(
      [cadence],
      { 'plans/networks.yaml': NETWORKS, 'content/a.md': xPost('2026-12-07 09:00'), 'content/b.md': expiring },
      NOW,
    );
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('has 1 ready X post')]);
  });

  it('ends a week at Sunday midnight practice time across the fall-back change', async () => {
    const { findings } = await runOn(
      [cadence],
      {
        'plans/networks.yaml': NETWORKS,
        'content/a.md': xPost('2026-10-26 09:00'),
        // Sunday Nov 1, 23:30 EST: a week of 7 × 24 hours from Monday Oct 26 00:00 EDT would end at 23:00
        'content/b.md': xPost('2026-11-01 23:30'),
        'content/c.md': xPost('2026-11-02 09:00'),
        'content/d.md': xPost('2026-11-04 09:00'),
      },
      '2026-10-20T12:00:00Z',
    );
    expect(findings).toEqual([]);
  });
});
