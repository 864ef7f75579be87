import { describe, expect, it } from 'vitest';
import { post, runOn } from '../../../test/helpers/rules.js';
import { objective } from './objective.js';

const postWith = (fields: string) => post(`title: Post\npublish_at: 2026-12-07 09:00\nnetworks: [x]${fields}`);

describe('plan/objective', () => {
  it('warns about a post without an objective, listing the ones the plan has', async () => {
    const { findings } = await runOn([objective], { 'content/a.md': postWith('') });
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'plan/objective',
        severity: 'warning',
        line: 2,
        message: 'this post has no objective: add "objective:" with what it is for, one of education, community-health (see plans/objectives.yaml)',
      }),
    ]);
  });

  it('leaves a written objective to the schema rules, valid or not', async () => {
    const { findings } = await runOn([objective], {
      'content/a.md': postWith('\nobjective: education'),
      'content/b.md': postWith('\nobjective: Education!'),
      'content/c.md': postWith('\nobjective: nutrition'),
    });
    expect(findings).toEqual([]);
  });

  it('does nothing for a practice without objectives, or a post that cannot be read', async () => {
    const none = await runOn([objective], { 'plans/objectives.yaml': null, 'content/a.md': postWith('') });
    expect(none.findings).toEqual([]);
    const broken = await runOn([objective], { 'content/a.md': '---\ntitle: "open\n---\nText\n' });
    expect(broken.findings).toEqual([]);
  });
});
