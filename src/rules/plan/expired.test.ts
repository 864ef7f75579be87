import { describe, expect, it } from 'vitest';
import { post, runOn } from '../../../test/helpers/rules.js';
import { expired } from './expired.js';

const NOW = '2026-12-10T15:00:00Z';

async function findingsFor(fields: string) {
  const { findings } = await runOn([expired], { 'content/a.md': post(`title: Post\nnetworks: [x]\napproved_by: Dr. Priya Natarajan\n${fields}`) }, NOW);
  return findings;
}

describe('plan/expired', () => {
  it('warns about a post that expires before it is due', async () => {
    const findings = await findingsFor('publish_at: 2026-12-20 09:00\nexpires: 2026-12-19 17:00\nstatus: draft');
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'plan/expired',
        severity: 'warning',
        line: 6,
        message: 'this post expires Sat Dec 19, 5:00 pm, before it is due (Sun Dec 20, 9:00 am), so it will never be published: move expires after publish_at',
      }),
    ]);
  });

  it('warns about a ready post that expired without being published', async () => {
    const findings = await findingsFor('publish_at: 2026-12-01 09:00\nexpires: 2026-12-05\nstatus: ready');
    expect(findings.map((f) => f.message)).toEqual([
      'this ready post expired Sat Dec 5, 11:59 pm without being published, so it never will be: delete it, set it back to draft, or set a later expires',
    ]);
  });

  it('leaves expired drafts and posts not yet expired alone', async () => {
    expect(await findingsFor('publish_at: 2026-12-01 09:00\nexpires: 2026-12-05\nstatus: draft')).toEqual([]);
    expect(await findingsFor('publish_at: 2026-12-01 09:00\nexpires: 2026-12-12\nstatus: ready')).toEqual([]);
  });
});
