import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_FILES } from '../../test/helpers/rules.js';
import { makeRepo, removeTempRepos, runPlan, STACK_FRAME } from '../../test/helpers/repo.js';

afterAll(removeTempRepos);


const POST = `---
title: Handwashing
publish_at: 2030-01-07 09:00
networks: [x, linkedin]
objective: education
status: draft
variants:
  x: Wash your hands for 20 seconds. 👏
---
Wash your hands for twenty seconds, about as long as it takes to hum a short song twice.
Use soap and warm water.
Dry them with a clean towel.
Scrub the backs of your hands and between your fingers too.
`;

describe('plan preview', () => {
  const repo = makeRepo({ ...DEFAULT_FILES, 'content/wash.md': POST });

  it('prints one block per network with count, limit and the see-more cut', async () => {
    const run = await runPlan(['preview', 'content/wash.md'], { cwd: repo.root });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('── X ── 34 of 280 weighted characters · from the x variant\nWash your hands for 20 seconds. 👏\n');
    const linkedin = run.stdout.slice(run.stdout.indexOf('── LinkedIn ──'));
    expect(linkedin).toMatch(/Dry them with a clean towel\.\n┄┄ see more ┄┄.*\nScrub the backs/);
  });

  it('prints JSON for one network, found by post id', async () => {
    const run = await runPlan(['preview', 'wash', '--network', 'x', '--format', 'json'], { cwd: repo.root });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { networks: { network: string; count: number; limit: number; text: string }[] };
    expect(json.networks).toEqual([expect.objectContaining({ network: 'x', count: 34, limit: 280, text: 'Wash your hands for 20 seconds. 👏' })]);
  });

  it('exits 2 with one clear line for an unknown post or network', async () => {
    for (const args of [['preview', 'content/nope.md'], ['preview', 'wash', '--network', 'myspace'], ['preview', 'wash', '--network', 'facebook']]) {
      const run = await runPlan(args, { cwd: repo.root });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^plan: .+\n$/);
      expect(run.stderr).not.toMatch(STACK_FRAME);
    }
  });

  it('exits 1 when the post has errors', async () => {
    repo.write('content/long.md', POST.replace('x: Wash your hands for 20 seconds. 👏', `x: ${'a'.repeat(281)}`));
    const run = await runPlan(['preview', 'content/long.md', '--network', 'x'], { cwd: repo.root });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('X counts 281 of 280 weighted characters');
  });
});
