import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Review } from '../../src/review/index.js';
import { makeRepo, post, removeTempRepos } from '../helpers/repo.js';
import { makePullRequest } from './pull-request.js';
import { runReview } from './run.js';

const clones: string[] = [];
afterAll(() => {
  removeTempRepos();
  for (const dir of clones) rmSync(dir, { recursive: true, force: true });
});

const GIT_ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: GIT_ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

async function reviewJson(cwd: string, base = 'main'): Promise<Review> {
  const run = await runReview(cwd, { format: 'json', base });
  if (run.stderr) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Review;
}

describe('plan review: what the pull request changed', () => {
  it('includes uncommitted edits and new files, as a local run is being edited', async () => {
    const repo = makeRepo({ 'content/a.md': post({ title: 'A' }) }, { git: true });
    repo.write('content/a.md', post({ title: 'A, edited' }));
    repo.write('content/b.md', post({ title: 'B' }));
    const review = await reviewJson(repo.root);
    expect(review.posts.map((p) => [p.file, p.change, p.title])).toEqual([
      ['content/a.md', 'changed', 'A, edited'],
      ['content/b.md', 'added', 'B'],
    ]);
  });

  it('leaves out what changed on the base branch after the pull request branched', async () => {
    const repo = makeRepo({ 'content/a.md': post() }, { git: true });
    repo.git('checkout', '--quiet', '-b', 'feature');
    repo.write('content/mine.md', post({ title: 'Mine' }));
    repo.commit('feature');
    repo.git('checkout', '--quiet', 'main');
    repo.write('content/theirs.md', post({ title: 'Theirs' }));
    repo.commit('main moves on');
    repo.git('checkout', '--quiet', 'feature');
    expect((await reviewJson(repo.root)).posts.map((p) => p.file)).toEqual(['content/mine.md']);
  });

  it('says so, with exit 0, when no post changed', async () => {
    const repo = makeRepo({ 'content/a.md': post() }, { git: true });
    const run = await runReview(repo.root);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('This pull request changes no posts.');
  });

  it('exits 2 with how to fix it when the base is not known', async () => {
    const repo = makeRepo({ 'content/a.md': post() }, { git: true });
    const run = await runReview(repo.root, { base: 'origin/main' });
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toMatch(/^plan: git does not know "origin\/main": fetch it first \(on a shallow CI checkout: git fetch --depth=100 origin main\)/);
  });

  it('works on a shallow CI checkout once the base is fetched deep enough', async () => {
    const origin = makePullRequest();
    const dir = mkdtempSync(path.join(tmpdir(), 'plan-shallow-'));
    clones.push(dir);
    git(dir, 'clone', '--quiet', '--depth=1', '--branch', 'update-posts', `file://${origin.root}`, 'checkout');
    const checkout = path.join(dir, 'checkout');

    const missing = await runReview(checkout, { base: 'origin/main' });
    expect(missing.stderr).toMatch(/git does not know "origin\/main": fetch it first/);

    git(checkout, 'fetch', '--quiet', '--depth=1', 'origin', 'main:refs/remotes/origin/main');
    const tooShallow = await runReview(checkout, { base: 'origin/main' });
    expect(tooShallow.stderr).toMatch(/"origin\/main" and HEAD share no history in this clone: fetch more of it \(git fetch --deepen=100/);

    git(checkout, 'fetch', '--quiet', '--deepen=100', 'origin');
    const review = await reviewJson(checkout, 'origin/main');
    const local = await reviewJson(origin.root);
    expect(review.posts).toEqual(local.posts);
    expect(review.deleted).toEqual(local.deleted);
  });

  it('exits 2 outside a git repository', async () => {
    const repo = makeRepo({ 'content/a.md': post() });
    const run = await runReview(repo.root, {}, { GIT_CEILING_DIRECTORIES: path.dirname(repo.root) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is not inside a git repository/);
  });
});
