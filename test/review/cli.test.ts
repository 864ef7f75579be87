// plan review through the real command line.
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempRepos, runPlan } from '../helpers/repo.js';
import { makePullRequest, REVIEW_NOW } from './pull-request.js';

afterAll(removeTempRepos);

describe('plan review on the command line', () => {
  const repo = makePullRequest();

  it('prints the markdown review and exits 1 for error findings', async () => {
    const run = await runPlan(['review', '--base', 'main', '--now', REVIEW_NOW], { cwd: repo.root });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout.startsWith('<!-- plan-review -->\n')).toBe(true);
  });

  it('exits 2 with one line when --base is missing or unknown', async () => {
    const missing = await runPlan(['review'], { cwd: repo.root });
    expect(missing.code).toBe(2);
    const unknown = await runPlan(['review', '--base', 'nope'], { cwd: repo.root });
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toMatch(/^plan: git does not know "nope"/);
  });

  it('exits 2 for --comment without a token', async () => {
    const run = await runPlan(['review', '--base', 'main', '--comment'], { cwd: repo.root, env: { GITHUB_TOKEN: undefined } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^plan: plan review --comment needs a GitHub token in GITHUB_TOKEN/);
  });
});
