import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXED_NOW, makeRepo, post, removeTempRepos, runPlan } from '../helpers/repo.js';

afterAll(removeTempRepos);

/** 12 posts with an error each, and one post with 11 unused suppressions (warnings). */
function crowdedRepo() {
  const files: Record<string, string> = {};
  for (let i = 1; i <= 12; i++) files[`content/e${String(i).padStart(2, '0')}.md`] = post({ networks: '[tiktok]' });
  const comments = Array.from({ length: 11 }, (_, i) => `<!-- plan-disable-next-line schema/unknown-id -- reason ${i} -->\nline ${i}`);
  files['content/w.md'] = post({}, `${comments.join('\n')}\n`);
  return makeRepo(files);
}

describe('plan audit --format github', () => {
  it('annotates 10 findings of each kind, errors first, and says how many more there are', async () => {
    const run = await runPlan(['audit', '--format', 'github', '--now', FIXED_NOW], { cwd: crowdedRepo().root });
    expect(run.code).toBe(1);
    const lines = run.stdout.trimEnd().split('\n');
    const kinds = lines.filter((l) => l.startsWith('::')).map((l) => l.slice(2, l.indexOf(' ')));
    expect(kinds).toEqual([...Array(10).fill('error'), ...Array(10).fill('warning')]);
    expect(lines.slice(-2)).toEqual([
      '3 more findings not annotated (GitHub shows 10 of each kind per step): see the job summary or run "plan audit" locally.',
      '13 posts checked: 23 problems (12 errors, 11 warnings)',
    ]);
  });

  it('appends the full list to $GITHUB_STEP_SUMMARY when it is set', async () => {
    const repo = crowdedRepo();
    const summary = path.join(repo.root, 'step-summary.md');
    repo.write('step-summary.md', '## earlier step\n');
    const run = await runPlan(['audit', '--format', 'github', '--now', FIXED_NOW], { cwd: repo.root, env: { GITHUB_STEP_SUMMARY: summary } });
    expect(run.code).toBe(1);
    const text = readFileSync(summary, 'utf8');
    expect(text.startsWith('## earlier step\n## plan audit\n')).toBe(true);
    expect(text.match(/^\| \d+:\d+ \| 🛑 error /gm)).toHaveLength(12);
    expect(text.match(/^\| \d+:\d+ \| ⚠️ warning /gm)).toHaveLength(11);
    expect(text).toContain('13 posts checked: 23 problems (12 errors, 11 warnings)');
  });

  it('escapes a file name and a message so that they cannot break the command', async () => {
    const repo = makeRepo({ 'content/50%, off: now.md': post({ status: '"100%,\\r\\nx: y"' }) });
    const run = await runPlan(['audit', '--format', 'github', '--now', FIXED_NOW], { cwd: repo.root });
    const annotation = run.stdout.split('\n')[0]!;
    expect(annotation).toMatch(/^::error file=content\/50%25%2C off%3A now\.md,line=6,col=9,endLine=6,endColumn=\d+,title=schema\/frontmatter::status is not one of: draft, ready%0A/);
  });
});
