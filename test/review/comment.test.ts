import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { COMMENT_MAX_BYTES, REVIEW_MARKER } from '../../src/formats/review-markdown.js';
import { removeTempRepos } from '../helpers/repo.js';
import { startFakeGithub, type FakeGithub } from './fake-github.js';
import { makePullRequest } from './pull-request.js';
import { runReview } from './run.js';

const TOKEN = 'ghs_fakeTokenThatMustNeverBePrinted0001';
const dir = mkdtempSync(path.join(tmpdir(), 'plan-review-comment-'));
const fakes: FakeGithub[] = [];

afterEach(async () => {
  for (const fake of fakes.splice(0)) {
    expect(fake.server.violations).toEqual([]);
    await fake.close();
  }
});
afterAll(() => {
  removeTempRepos();
  rmSync(dir, { recursive: true, force: true });
});

const repo = makePullRequest();

function eventFile(name: string, payload: object): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify(payload));
  return file;
}

const PULL_REQUEST_EVENT = eventFile('pull_request.json', { action: 'synchronize', number: 7, pull_request: { number: 7, head: { ref: 'update-posts' }, base: { ref: 'main' } } });

async function fakeGithub(options: { prefix?: string; readOnly?: boolean } = {}): Promise<FakeGithub> {
  const fake = await startFakeGithub({ token: TOKEN, ...options });
  fakes.push(fake);
  return fake;
}

function actionsEnv(fake: FakeGithub, extra: Record<string, string> = {}): Record<string, string> {
  return { GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: 'cedar-valley/posts', GITHUB_EVENT_PATH: PULL_REQUEST_EVENT, GITHUB_EVENT_NAME: 'pull_request', GITHUB_API_URL: fake.apiUrl, ...extra };
}

function expectNoToken(...outputs: string[]): void {
  for (const output of outputs) expect(output).not.toContain(TOKEN);
}

describe('plan review --comment', () => {
  it('creates the sticky comment once, then updates it in place', async () => {
    // A GitHub Enterprise Server API lives under /api/v3: GITHUB_API_URL is honoured as given.
    const fake = await fakeGithub({ prefix: '/api/v3' });
    fake.seed('cedar-valley', 'posts', 7, 'Looks good to me, but please check the flu post.');

    const first = await runReview(repo.root, { comment: true }, actionsEnv(fake));
    expect(first.stderr).toBe('');
    expect(first.code).toBe(1);
    const [, created] = fake.comments('cedar-valley', 'posts', 7);
    expect(first.stdout).toBe(`Review comment created on pull request #7: ${created!.html_url}\n`);
    expect(created!.body.startsWith(`${REVIEW_MARKER}\n`)).toBe(true);
    expect(created!.body).toContain('Walk-in flu shots today');

    repo.write('content/2029/walk-in-today.md', readFileSync(path.join(repo.root, 'content/2029/walk-in-today.md'), 'utf8').replace('5 pm', '6 pm'));
    const second = await runReview(repo.root, { comment: true }, actionsEnv(fake));
    expect(second.stdout).toBe(`Review comment updated on pull request #7: ${created!.html_url}\n`);
    const comments = fake.comments('cedar-valley', 'posts', 7);
    expect(comments).toHaveLength(2);
    expect(comments[1]!.id).toBe(created!.id);
    expect(comments[1]!.body).toContain('until 6 pm');
    // Each run reads the pull request's approval (plan.config.yaml requires one), then writes the comment.
    const approval = ['GET /api/v3/repos/cedar-valley/posts/pulls/7', 'GET /api/v3/repos/cedar-valley/posts/pulls/7/reviews', 'GET /api/v3/repos/cedar-valley/posts/pulls/7/commits'];
    expect(fake.server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      ...approval,
      'GET /api/v3/repos/cedar-valley/posts/issues/7/comments',
      'POST /api/v3/repos/cedar-valley/posts/issues/7/comments',
      ...approval,
      'GET /api/v3/repos/cedar-valley/posts/issues/7/comments',
      `PATCH /api/v3/repos/cedar-valley/posts/issues/comments/${created!.id}`,
    ]);
    expect(created!.body).toContain('✋ **Approval** ([#7](https://github.com/cedar-valley/posts/pull/7)): Waiting for a review by dr-natarajan (pull request \\#7 has no approval from them yet).');
    expectNoToken(first.stdout, second.stdout);
  });

  it('finds its comment on a later page, and never edits a reply that quotes it', async () => {
    const fake = await fakeGithub();
    for (let i = 0; i < 130; i++) fake.seed('cedar-valley', 'posts', 7, `Comment ${i}`);
    fake.seed('cedar-valley', 'posts', 7, `> ${REVIEW_MARKER}\n> ## 📋 Post review\n\nWhy does the flu post publish today?`);
    fake.seed('cedar-valley', 'posts', 7, `${REVIEW_MARKER}\nold review`, 'github-actions[bot]');
    const run = await runReview(repo.root, { comment: true }, actionsEnv(fake));
    expect(run.stdout).toMatch(/^Review comment updated on pull request #7/);
    const comments = fake.comments('cedar-valley', 'posts', 7);
    expect(comments).toHaveLength(132);
    expect(comments[130]!.body).toMatch(/^> <!-- plan-review -->/);
    expect(comments[131]!.body).toContain('Walk-in flu shots today');
  });

  it('writes the whole review to the job summary, and keeps the comment under 60 KB', async () => {
    const fake = await fakeGithub();
    const summary = path.join(dir, 'summary.md');
    writeFileSync(summary, '');
    await runReview(repo.root, { comment: true }, actionsEnv(fake, { GITHUB_STEP_SUMMARY: summary }));
    const [comment] = fake.comments('cedar-valley', 'posts', 7);
    expect(Buffer.byteLength(comment!.body)).toBeLessThan(COMMENT_MAX_BYTES);
    expect(readFileSync(summary, 'utf8')).toBe(comment!.body);
  });

  it('exits 2 with what to do when there is no token, before any work', async () => {
    const run = await runReview(repo.root, { comment: true }, { GITHUB_REPOSITORY: 'cedar-valley/posts', GITHUB_EVENT_PATH: PULL_REQUEST_EVENT });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^plan: plan review --comment needs a GitHub token in GITHUB_TOKEN\. In the workflow step add "env: GITHUB_TOKEN: \$\{\{ secrets\.GITHUB_TOKEN \}\}"/);
  });

  it('exits 2 when the run is not for a pull request', async () => {
    const fake = await fakeGithub();
    const push = eventFile('push.json', { ref: 'refs/heads/main', commits: [] });
    const run = await runReview(repo.root, { comment: true }, actionsEnv(fake, { GITHUB_EVENT_PATH: push, GITHUB_EVENT_NAME: 'push' }));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('plan: plan review --comment comments on pull requests, but this run (a "push" event) is not for one: run it from a workflow "on: pull_request"\n');
    expect(fake.server.requests).toEqual([]);
  });

  it('explains a token that may not write comments (a pull request from a fork), without printing it', async () => {
    const fake = await fakeGithub({ readOnly: true });
    const run = await runReview(repo.root, { comment: true }, actionsEnv(fake));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/GitHub did not let this token write the review comment on pull request #7 of cedar-valley\/posts \(403: Resource not accessible by integration\)\. Give the job "permissions: pull-requests: write"/);
    expectNoToken(run.stdout, run.stderr);
  });

  it('says the token was refused, without printing it', async () => {
    const fake = await fakeGithub();
    const run = await runReview(repo.root, { comment: true }, actionsEnv(fake, { GITHUB_TOKEN: 'ghs_expiredTokenAlsoNeverPrinted' }));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('plan: GitHub refused the token in GITHUB_TOKEN (401: Bad credentials): check that the workflow passes a valid token\n');
    expect(run.stderr).not.toContain('ghs_expired');
    fake.server.violations.splice(0);
  });

  it('says GitHub cannot be reached', async () => {
    const fake = await fakeGithub();
    const apiUrl = fake.apiUrl;
    await fake.close();
    fakes.splice(0);
    const run = await runReview(repo.root, { comment: true }, actionsEnv(fake, { GITHUB_API_URL: apiUrl }));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^plan: could not reach the GitHub API at 127\.0\.0\.1:\d+ \(ECONNREFUSED\): the review comment was not written\n$/);
  });
});
