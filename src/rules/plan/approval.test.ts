import { describe, expect, it } from 'vitest';
import { DEFAULT_FILES, post, runOn } from '../../../test/helpers/rules.js';
import { approval } from './approval.js';

const CONFIG = DEFAULT_FILES['plan.config.yaml']!;
const ready = post('title: Post\npublish_at: 2026-12-07 09:00\nnetworks: [x]\nstatus: ready');

describe('plan/approval', () => {
  it('is an error on plan.config.yaml when approval is required and no reviewer is listed', async () => {
    const { findings } = await runOn([approval], { 'plan.config.yaml': CONFIG.replace(/approval:\n(  .*\n)+/, 'approval:\n  required: true\n  reviewers: []\n'), 'content/a.md': ready });
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'plan/approval', severity: 'error', file: 'plan.config.yaml', line: 12, message: expect.stringContaining('approval.reviewers names no one') }),
    ]);
  });

  it('says nothing about posts: approved_by is a note, and the approval is read from the pull request when publishing', async () => {
    const { findings } = await runOn([approval], { 'content/a.md': ready, 'content/b.md': post('title: Post\npublish_at: 2026-12-08 09:00\nnetworks: [x]\nstatus: ready\napproved_by: me') });
    expect(findings).toEqual([]);
  });

  it('does nothing when the config does not require approval', async () => {
    const { findings } = await runOn([approval], { 'plan.config.yaml': CONFIG.replace(/approval:\n(  .*\n)+/, 'approval:\n  required: false\n'), 'content/a.md': ready });
    expect(findings).toEqual([]);
  });
});
