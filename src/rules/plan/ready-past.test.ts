import { describe, expect, it } from 'vitest';
import { post, runOn } from '../../../test/helpers/rules.js';
import { missed } from './missed.js';
import { readyPast } from './ready-past.js';

// 10:00 am in New York.
const NOW = '2026-12-01T15:00:00Z';

const withFields = (fields: string) => post(`title: Post\nnetworks: [x, facebook]\napproved_by: Dr. Priya Natarajan\n${fields}`);

/** The findings on a post in a change that touches it (a pull request), or outside any change. */
async function messages(fields: string, touched = true) {
  const { findings } = await runOn([readyPast, missed], { 'content/a.md': withFields(fields) }, NOW, touched ? ['content/a.md'] : undefined);
  return findings;
}

describe('plan/ready-past', () => {
  it('is an error for a ready post whose time has just passed, in a change that touches it: it would publish on merge', async () => {
    const findings = await messages('publish_at: 2026-12-01 09:00\nstatus: ready');
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'plan/ready-past',
        severity: 'error',
        line: 5,
        network: null,
        message:
          'this ready post was due Tue Dec 1, 9:00 am, which has passed: it will publish on X, Facebook the moment this change is merged. ' +
          'Set a later publish_at if that is not what you want',
      }),
    ]);
  });

  it('fires at exactly the publish time', async () => {
    expect(await messages('publish_at: 2026-12-01 10:00\nstatus: ready')).toHaveLength(1);
    expect(await messages('publish_at: 2026-12-01 10:01\nstatus: ready')).toEqual([]);
  });

  it('leaves a post just due outside a change to plan/missed, a warning: the next publish run sends it', async () => {
    expect(await messages('publish_at: 2026-12-01 09:00\nstatus: ready', false)).toEqual([
      expect.objectContaining({ rule: 'plan/missed', severity: 'warning', message: expect.stringContaining('does not show it on X, Facebook yet: the next publish run sends it') }),
    ]);
  });

  it('leaves a post more than 24 hours late to plan/missed, a warning, in a change that does not touch it', async () => {
    const findings = await messages('publish_at: 2026-11-30 09:00\nstatus: ready', false);
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'plan/missed', severity: 'warning', message: expect.stringContaining('was not published on X, Facebook: plan publish reports it as missed') }),
    ]);
  });

  it('is an error again for a missed post in a change that touches it', async () => {
    const files = { 'content/a.md': withFields('publish_at: 2026-11-30 09:00\nstatus: ready') };
    const { findings } = await runOn([readyPast, missed], files, NOW, ['content/a.md']);
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'plan/ready-past', severity: 'error', message: expect.stringContaining('more than 24 hours ago: plan publish will report it as missed on X, Facebook') }),
    ]);
  });

  it('leaves drafts and expired posts alone', async () => {
    expect(await messages('publish_at: 2026-12-01 09:00\nstatus: draft')).toEqual([]);
    expect(await messages('publish_at: 2026-12-01 09:00\nstatus: ready\nexpires: 2026-12-01 09:30')).toEqual([]);
  });

  it('leaves out the networks the publish record shows it published on', async () => {
    const entry = (network: string, state: string) =>
      JSON.stringify({ post: 'a', network, state, at: '2026-12-01T14:00:05Z', fingerprint: 'sha256:0', file: 'content/a.md' });
    const ledger = `${entry('x', 'attempting')}\n${entry('x', 'published')}\n${entry('facebook', 'failed')}\n`;
    const files = { 'content/a.md': withFields('publish_at: 2026-12-01 09:00\nstatus: ready'), '.plan/ledger.jsonl': ledger };
    const { findings } = await runOn([readyPast, missed], files, NOW, ['content/a.md']);
    expect(findings.map((f) => f.message)).toEqual([expect.stringContaining('it will publish on Facebook the moment')]);
    const allPublished = `${entry('x', 'published')}\n${entry('facebook', 'published')}\n`;
    expect((await runOn([readyPast, missed], { ...files, '.plan/ledger.jsonl': allPublished }, NOW)).findings).toEqual([]);
  });
});
