// Approval from the pull request, end to end: posts reach main through pull requests that people open,
// review and merge on a strict fake of GitHub over a real git repository; `plan publish` (as the
// publish job runs it, in a fresh clone) and `plan review` (as the pull-request job runs it) read the
// approvals from GitHub's API.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReviewCommand } from '../../src/cli/commands/review.js';
import type { RecordEntry } from '../../src/loading/record.js';
import type { Review } from '../../src/review/index.js';
import { runCommand } from '../helpers/command.js';
import { runPlan } from '../helpers/repo.js';
import { git, makeWorld, TOKEN, type Person, type World } from './world.js';

const NOW = '2030-01-07T14:30:00Z';
let texts = 0;

function post(title: string): string {
  return `---\ntitle: ${title}\npublish_at: 2030-01-07 09:00\nnetworks: [mastodon]\nobjective: education\nstatus: ready\napproved_by: Dr. Priya Natarajan\n---\n${title}: wash your hands often, tip ${++texts}.\n`;
}

// As the publish job runs it: the built CLI (publishers load as separate modules), in a fresh clone.
const publish = (cwd: string, env: Record<string, string | undefined>, flags: { dryRun?: boolean } = {}) => runPlan(['publish', '--now', NOW, ...(flags.dryRun ? ['--dry-run'] : [])], { cwd, env });

function record(cwd: string): RecordEntry[] {
  return readFileSync(path.join(cwd, '.plan/ledger.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as RecordEntry);
}

describe('plan publish with approval from the pull request', () => {
  let world: World;
  const pr: Record<string, number> = {};

  /** A post brought to main through a pull request `opener` opens, reviewed by `review`, then merged. */
  function throughPullRequest(file: string, author: Person, opener: Person, review: (number: number) => void, how: 'merge' | 'squash' = 'squash'): number {
    const branch = path.basename(file, '.md');
    world.commit(branch, { [file]: post(branch) }, author);
    const pull = world.github.openPullRequest(branch, opener, `Post: ${branch}`);
    review(pull.number);
    world.github.merge(pull.number, how);
    pr[file] = pull.number;
    return pull.number;
  }

  beforeAll(async () => {
    world = await makeWorld({});
    const { github } = world;
    throughPullRequest('content/approved.md', 'alice', 'alice', (n) => {
      // More than a page of comments before the approval: the approval is on the second page.
      for (let i = 0; i < 105; i++) github.review(n, 'bob', 'COMMENTED');
      github.review(n, 'dr-natarajan', 'APPROVED');
    });
    throughPullRequest('content/by-the-team.md', 'alice', 'alice', (n) => github.review(n, 'carol', 'APPROVED'), 'merge');
    // The reviewer wrote the post herself; someone else opened the pull request.
    throughPullRequest('content/own-post.md', 'dr-natarajan', 'bob', (n) => github.review(n, 'dr-natarajan', 'APPROVED'));
    throughPullRequest(
      'content/changed-after.md',
      'alice',
      'alice',
      (n) => {
        github.review(n, 'dr-natarajan', 'APPROVED');
        world.commit('changed-after', { 'content/changed-after.md': post('changed-after, now with a new last line') }, 'alice');
      },
      'merge',
    );
    throughPullRequest('content/not-listed.md', 'alice', 'alice', (n) => github.review(n, 'bob', 'APPROVED'));
    throughPullRequest('content/dismissed.md', 'alice', 'alice', (n) => github.dismiss(github.review(n, 'dr-natarajan', 'APPROVED').id));
    // Straight onto main, as someone with the right to push there might.
    world.commit('main', { 'content/pushed.md': post('pushed') }, 'alice');
  }, 120_000);

  afterAll(async () => {
    expect(world.github.server.violations).toEqual([]);
    expect(world.mastodon.violations).toEqual([]);
    await world.close();
  });

  it('publishes what a listed reviewer (or a member of a listed team) approved, holds the rest with the reason, and names the approver in the record', async () => {
    const job = world.clone();
    const run = await publish(job, world.env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n');
    const line = (file: string) => lines.find((l) => l.includes(`mastodon: ${file}`));
    expect(line('content/approved.md')).toMatch(/^PUBLISHED mastodon: content\/approved\.md → http/);
    expect(line('content/by-the-team.md')).toMatch(/^PUBLISHED /);
    expect(line('content/own-post.md')).toBe(
      `BLOCKED  mastodon: content/own-post.md: not approved: pull request #${pr['content/own-post.md']} was approved only by its author (dr-natarajan): someone who did not write it must approve it, one of dr-natarajan or a member of @cedarvalley/compliance`,
    );
    expect(line('content/changed-after.md')).toBe(
      `BLOCKED  mastodon: content/changed-after.md: not approved: dr-natarajan approved pull request #${pr['content/changed-after.md']}, but it changed after that approval and was merged without a new one: change the post in a new pull request that dr-natarajan or a member of @cedarvalley/compliance approves`,
    );
    expect(line('content/not-listed.md')).toBe(
      `BLOCKED  mastodon: content/not-listed.md: not approved: pull request #${pr['content/not-listed.md']} was approved by bob, who is not among the reviewers in plan.config.yaml: it was merged without a review by one of dr-natarajan or a member of @cedarvalley/compliance`,
    );
    expect(line('content/dismissed.md')).toMatch(/^BLOCKED  mastodon: content\/dismissed\.md: not approved: the approval of pull request #\d+ by dr-natarajan was dismissed/);
    expect(line('content/pushed.md')).toMatch(
      /^BLOCKED  mastodon: content\/pushed\.md: not approved: its last change \(commit [0-9a-f]{7} by alice\) reached main without a pull request, so no one approved it: change it in a pull request that dr-natarajan or a member of @cedarvalley\/compliance approves$/,
    );
    expect(lines.at(-2)).toBe('published 2, failed 0, unknown 0, missed 0, held 0, blocked 5, not sent 0');
    expect(world.mastodon.posts.map((p) => p.text)).toEqual([expect.stringContaining('approved: wash your hands'), expect.stringContaining('by-the-team: wash your hands')]);

    const published = record(job).filter((e) => e.state === 'published');
    const url = (file: string) => `${world.github.serverUrl}/cedarvalley/posts/pull/${pr[file]}`;
    expect(published).toEqual([
      expect.objectContaining({ post: 'approved', approvedBy: 'dr-natarajan', pullRequest: url('content/approved.md') }),
      expect.objectContaining({ post: 'by-the-team', approvedBy: 'carol', pullRequest: url('content/by-the-team.md') }),
    ]);
    expect(run.stdout).not.toContain(TOKEN);
  });

  it('asks GitHub once per post per run, and reads the history GitHub has, not the clone', async () => {
    const before = world.github.server.requests.length;
    // A fresh clone without the first job's record: every post is due again.
    const job = world.clone();
    await publish(job, world.env, { dryRun: true });
    const asked = world.github.server.requests.slice(before).filter((r) => r.path.endsWith('/commits') && r.query.get('path'));
    expect(asked.map((r) => r.query.get('path')).sort()).toEqual(Object.keys(pr).concat('content/pushed.md').sort());
    expect(new Set(asked.map((r) => r.query.get('sha')))).toEqual(new Set([git(job, 'rev-parse', 'HEAD').trim()]));
  });

  it('holds a post whose file differs from the commit GitHub approved, and one on a commit GitHub does not have', async () => {
    const job = world.clone();
    const file = path.join(job, 'content/not-listed.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('wash your hands', 'wash your hands well'));
    git(job, '-c', 'user.name=alice', '-c', 'user.email=alice@cedarvalley.example', 'commit', '--quiet', '-am', 'Edit without a pull request');
    writeFileSync(path.join(job, 'content/dismissed.md'), `${readFileSync(path.join(job, 'content/dismissed.md'), 'utf8')}\nOne more line.\n`);
    const run = await publish(job, world.env, { dryRun: true });
    expect(run.stdout).toContain('BLOCKED  mastodon: content/dismissed.md: not approved: it has changes that are not committed, so what would be sent is not what was approved\n');
    expect(run.stdout).toMatch(/BLOCKED {2}mastodon: content\/not-listed\.md: not approved: commit [0-9a-f]{7}, checked out here, is not on GitHub \(cedarvalley\/posts\), so no pull request can have approved it: push it through a pull request first\n/);
  });

  it('never publishes a post that needs approval from a run without GitHub, and says so on each', async () => {
    const job = world.clone();
    const requests = world.github.server.requests.length;
    const run = await publish(job, { ...world.env, GITHUB_TOKEN: undefined, GITHUB_REPOSITORY: undefined }, { dryRun: true });
    expect(run.code).toBe(1);
    const reason =
      "not approved: plan.config.yaml requires a listed reviewer's approval in a pull request, and only GitHub can say who approved: this run has no GITHUB_TOKEN and GITHUB_REPOSITORY, so it publishes no post that needs approval (the publish workflow on GitHub does)";
    expect(run.stdout).toContain(`BLOCKED  mastodon: content/own-post.md: ${reason}\n`);
    expect(run.stdout).not.toContain('WOULD SEND');
    expect(world.github.server.requests.length).toBe(requests);
  });

  it('holds every post with the reason when GitHub refuses the token, without printing it', async () => {
    const job = world.clone();
    const run = await publish(job, { ...world.env, GITHUB_TOKEN: 'ghs_revokedTokenAlsoNeverPrinted99' }, { dryRun: true });
    expect(run.stdout).toContain(
      'BLOCKED  mastodon: content/pushed.md: not approved: its approval could not be checked on GitHub, so it waits for the next run: GitHub refused the token in GITHUB_TOKEN (401: Bad credentials): check that the workflow passes a valid token\n',
    );
    expect(run.stdout).not.toContain('ghs_revoked');
    world.github.server.violations.splice(0);
  });
});

describe('plan review shows the pull request\'s approval', () => {
  let world: World;
  let job: string;
  let number: number;
  let event: string;

  beforeAll(async () => {
    world = await makeWorld({});
    world.commit('new-post', { 'content/new-post.md': post('new-post') }, 'alice');
    number = world.github.openPullRequest('new-post', 'alice', 'A new post').number;
    job = world.clone();
    git(job, 'checkout', '--quiet', 'new-post');
    event = path.join(world.root, 'event.json');
    writeFileSync(event, JSON.stringify({ action: 'submitted', pull_request: { number } }));
  }, 60_000);

  afterAll(async () => {
    expect(world.github.server.violations).toEqual([]);
    await world.close();
  });

  const review = async (format: 'json' | 'markdown', env: Record<string, string> = { ...world.env, GITHUB_EVENT_PATH: event }) =>
    runCommand({ cwd: job, env }, (context) => runReviewCommand({ base: 'origin/main', format, now: NOW }, context));

  it('waits for a listed reviewer who did not write it, then shows who approved', async () => {
    const waiting = JSON.parse((await review('json')).stdout) as Review;
    expect(waiting.approval).toEqual({
      state: 'waiting',
      message: `waiting for a review by one of dr-natarajan or a member of @cedarvalley/compliance (pull request #${number} has no approval from them yet)`,
      pullRequest: { number, url: `${world.github.serverUrl}/cedarvalley/posts/pull/${number}` },
    });
    expect(waiting.posts[0]!.approval).toEqual(waiting.approval);
    expect(waiting.posts[0]!.outlook.kind).toBe('on-merge');

    const markdown = (await review('markdown')).stdout;
    expect(markdown).toContain(`✋ **Approval** ([#${number}](${world.github.serverUrl}/cedarvalley/posts/pull/${number})): Waiting for a review by one of dr-natarajan or a member of @\u2060cedarvalley/compliance`);
    expect(markdown).toContain('· ready · ✋ waiting for approval · approved\\_by note: Dr. Priya Natarajan');

    world.github.review(number, 'alice', 'APPROVED');
    expect((JSON.parse((await review('json')).stdout) as Review).approval?.message).toBe(
      `pull request #${number} was approved only by its author (alice): someone who did not write it must approve it, one of dr-natarajan or a member of @cedarvalley/compliance`,
    );
    world.github.review(number, 'dr-natarajan', 'APPROVED');
    const approved = JSON.parse((await review('json')).stdout) as Review;
    expect(approved.approval).toMatchObject({ state: 'approved', by: 'dr-natarajan', message: "approved by dr-natarajan on the pull request's last commit" });
    expect((await review('markdown')).stdout).toContain('· ready · ✅ approved by dr-natarajan ·');

    world.commit('new-post', { 'content/new-post.md': post('new-post, edited') }, 'alice');
    expect((JSON.parse((await review('json')).stdout) as Review).approval).toMatchObject({ state: 'waiting', message: expect.stringMatching(/^dr-natarajan approved an earlier version of pull request #\d+; it changed after that approval/) });
  });

  it('says when it cannot check: a run with no token, or not for a pull request', async () => {
    const { GITHUB_TOKEN: _token, ...noToken } = world.env;
    const local = JSON.parse((await review('json', noToken)).stdout) as Review;
    expect(local.approval).toEqual({
      state: 'unchecked',
      message: "not checked here (no GITHUB_TOKEN: plan review reads the pull request's reviews in its GitHub workflow); plan publish checks again, before anything is published, that one of dr-natarajan or a member of @cedarvalley/compliance approved it",
    });
    const noEvent = JSON.parse((await review('json', world.env)).stdout) as Review;
    expect(noEvent.approval?.message).toMatch(/^not checked here \(this run is not for a pull request\)/);
  });
});
