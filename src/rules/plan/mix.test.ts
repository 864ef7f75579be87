import { describe, expect, it } from 'vitest';
import { post, runOn } from '../../../test/helpers/rules.js';
import { mix } from './mix.js';

const objectives = (windowWeeks: number, tolerance: number) => `objectives:
  education: { label: Patient education, share: 50 }
  community-health: { label: Community health, share: 50 }
mix: { window_weeks: ${windowWeeks}, tolerance: ${tolerance} }
`;
const NOW = '2026-12-02T15:00:00Z';

const objectivePost = (when: string, objective: string, status = 'ready') =>
  post(`title: Post\npublish_at: ${when}\nnetworks: [facebook]\nobjective: ${objective}\nstatus: ${status}\napproved_by: Dr. Priya Natarajan`, `Text ${when}`);

// Week of Dec 7: three education posts and one community-health post, 25 points off a 50% share.
const LOPSIDED_WEEK = {
  'content/a.md': objectivePost('2026-12-07 09:00', 'education'),
  'content/b.md': objectivePost('2026-12-08 09:00', 'education'),
  'content/c.md': objectivePost('2026-12-09 09:00', 'education'),
  'content/d.md': objectivePost('2026-12-10 09:00', 'community-health'),
};

describe('plan/mix', () => {
  it('is silent when a share drifts by exactly the tolerance', async () => {
    const { findings } = await runOn([mix], { 'plans/objectives.yaml': objectives(1, 25), ...LOPSIDED_WEEK }, NOW);
    expect(findings).toEqual([]);
  });

  it('reports a share one point past the tolerance on its line of plans/objectives.yaml', async () => {
    const { findings } = await runOn([mix], { 'plans/objectives.yaml': objectives(1, 24), ...LOPSIDED_WEEK }, NOW);
    expect(findings.map((f) => [f.file, f.line, f.severity, f.message])).toEqual([
      [
        'plans/objectives.yaml',
        2,
        'warning',
        'in the week of Mon Dec 7, 3 of 4 ready posts (75%) are for "education" (Patient education); ' +
          'the plan\'s share is 50% give or take 24 points: plan fewer "education" posts then, or more of the others',
      ],
      ['plans/objectives.yaml', 3, 'warning', expect.stringContaining('1 of 4 ready posts (25%) are for "community-health"')],
    ]);
  });

  it('reports one finding for a stretch of overlapping windows that drift, naming the worst', async () => {
    const files = {
      ...LOPSIDED_WEEK,
      'content/e.md': objectivePost('2026-12-14 09:00', 'education'),
      'content/f.md': objectivePost('2026-12-21 09:00', 'education'),
    };
    const { findings } = await runOn([mix], { 'plans/objectives.yaml': objectives(2, 20), ...files }, NOW);
    expect(findings.map((f) => f.message.split(' (')[0])).toEqual([
      'in the 2 weeks from Mon Dec 14 to Sun Dec 27, 2 of 2 ready posts',
      'in the 2 weeks from Mon Dec 14 to Sun Dec 27, 0 of 2 ready posts',
    ]);
  });

  it('looks at the whole span when it is shorter than a window, and leaves drafts out', async () => {
    const files = { ...LOPSIDED_WEEK, 'content/e.md': objectivePost('2026-12-11 09:00', 'community-health', 'draft') };
    const { findings } = await runOn([mix], { 'plans/objectives.yaml': objectives(4, 24), ...files }, NOW);
    expect(findings.map((f) => f.message.split(' (')[0])).toEqual([
      'in the week of Mon Dec 7, 3 of 4 ready posts',
      'in the week of Mon Dec 7, 1 of 4 ready posts',
    ]);
  });
});
