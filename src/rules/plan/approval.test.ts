import { describe, expect, it } from 'vitest';
import { DEFAULT_FILES, post, runOn } from '../../../test/helpers/rules.js';
import { approval } from './approval.js';

const postWith = (fields: string) => post(`title: Post\npublish_at: 2026-12-07 09:00\nnetworks: [x]\n${fields}`);

describe('plan/approval', () => {
  it('is an error for a ready post without approved_by when the config requires approval', async () => {
    const { findings } = await runOn([approval], { 'content/a.md': postWith('status: ready') });
    expect(findings).toEqual([expect.objectContaining({ rule: 'plan/approval', severity: 'error', line: 5, message: expect.stringContaining('has no approved_by') })]);
  });

  it('accepts approved and draft posts', async () => {
    const { findings } = await runOn([approval], {
      'content/a.md': postWith('status: ready\napproved_by: Dr. Priya Natarajan'),
      'content/b.md': postWith('status: draft'),
    });
    expect(findings).toEqual([]);
  });

  it('does nothing when the config does not require approval', async () => {
    const config = DEFAULT_FILES['plan.config.yaml']!.replace('required: true', 'required: false');
    const { findings } = await runOn([approval], { 'plan.config.yaml': config, 'content/a.md': postWith('status: ready') });
    expect(findings).toEqual([]);
  });
});
