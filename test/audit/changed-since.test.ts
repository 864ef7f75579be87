import { afterAll, describe, expect, it } from 'vitest';
import { auditJson, makeRepo, post, removeTempRepos, runPlan, STACK_FRAME } from '../helpers/repo.js';

afterAll(removeTempRepos);

const BAD = (id: string) => post({ id, networks: '[tiktok]' });

/** main: two posts with errors; a branch changes one, adds one and leaves the other alone. */
function repoWithBranch() {
  const repo = makeRepo({ 'content/old-bad.md': BAD('old-bad'), 'content/old-edited.md': BAD('old-edited') }, { git: true });
  repo.git('checkout', '--quiet', '-b', 'feature');
  repo.write('content/old-edited.md', BAD('old-edited').replace('Wash', 'Please wash'));
  repo.write('content/new.md', BAD('new'));
  repo.commit('feature work');
  return repo;
}

const files = (findings: { file: string }[]) => [...new Set(findings.map((f) => f.file))];

describe('plan audit --changed-since', () => {
  it('reports only the posts changed since the merge base', async () => {
    const repo = repoWithBranch();
    const report = await auditJson(repo, ['--changed-since', 'main']);
    expect(report.posts).toBe(2);
    expect(files(report.findings)).toEqual(['content/new.md', 'content/old-edited.md']);
    expect(report.run.code).toBe(1);
  });

  it('ignores what changed on the other branch after the merge base', async () => {
    const repo = repoWithBranch();
    repo.git('checkout', '--quiet', 'main');
    repo.write('content/main-only.md', BAD('main-only'));
    repo.commit('main moves on');
    repo.git('checkout', '--quiet', 'feature');
    const report = await auditJson(repo, ['--changed-since', 'main']);
    expect(files(report.findings)).toEqual(['content/new.md', 'content/old-edited.md']);
  });

  it('includes uncommitted and untracked posts, and leaves deleted ones out', async () => {
    const repo = repoWithBranch();
    repo.write('content/draft.md', BAD('draft'));
    repo.write('content/old-bad.md', BAD('old-bad').replace('Wash', 'Do wash'));
    repo.remove('content/new.md');
    const report = await auditJson(repo, ['--changed-since', 'main']);
    expect(files(report.findings)).toEqual(['content/draft.md', 'content/old-bad.md', 'content/old-edited.md']);
  });

  it('audits every post when the configuration or a plan changed', async () => {
    const repo = repoWithBranch();
    repo.write('plans/networks.yaml', 'x: { account: "@testpractice" }\n');
    repo.commit('drop facebook');
    const report = await auditJson(repo, ['--changed-since', 'main']);
    expect(report.posts).toBe(3);
    expect(files(report.findings)).toEqual(['content/new.md', 'content/old-bad.md', 'content/old-edited.md']);
  });

  it('reports nothing, with exit 0, when no post changed', async () => {
    const repo = repoWithBranch();
    const report = await auditJson(repo, ['--changed-since', 'HEAD']);
    expect(report.posts).toBe(0);
    expect(report.findings).toEqual([]);
    expect(report.run.code).toBe(0);
  });

  it('keeps checks that need every post: a new post reusing an old id', async () => {
    const repo = repoWithBranch();
    repo.write('content/copy.md', post({ id: 'old-bad' }));
    const report = await auditJson(repo, ['--changed-since', 'main']);
    expect(report.findings).toContainEqual(expect.objectContaining({ file: 'content/copy.md', rule: 'schema/duplicate-id', message: expect.stringContaining('content/old-bad.md') }));
    expect(files(report.findings)).not.toContain('content/old-bad.md');
  });

  it('works from a content repository inside a larger git repository', async () => {
    const outer = makeRepo({ 'README.md': 'monorepo\n', 'site/plan.config.yaml': 'practice:\n  name: T\n  timezone: UTC\n' }, { config: null, plans: false, git: true });
    outer.write('site/content/new.md', post({ objective: 'none' }));
    const run = await runPlan(['audit', '--format', 'json', '--changed-since', 'main'], { cwd: `${outer.root}/site` });
    const report = JSON.parse(run.stdout) as { posts: number; findings: { file: string }[] };
    expect(report.posts).toBe(1);
    expect(files(report.findings)).toEqual(['content/new.md']);
  });

  it.each([
    ['an unknown ref', ['--changed-since', 'no-such-branch'], /^plan: git does not know "no-such-branch": fetch it first/],
    ['a ref with no shared history', ['--changed-since', 'orphan'], /^plan: "orphan" and HEAD share no history in this clone/],
  ])('exits 2 on %s', async (_, args, message) => {
    const repo = repoWithBranch();
    repo.git('checkout', '--quiet', '--orphan', 'orphan');
    repo.commit('unrelated');
    repo.git('checkout', '--quiet', 'feature');
    const run = await runPlan(['audit', ...args], { cwd: repo.root });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it('exits 2 outside a git repository', async () => {
    const repo = makeRepo({ 'content/a.md': post() });
    const run = await runPlan(['audit', '--changed-since', 'main'], { cwd: repo.root, env: { GIT_CEILING_DIRECTORIES: repo.root.replace(/\/[^/]+$/, '') } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is not inside a git repository: --changed-since and review need one\n$/);
  });
});
