import { GithubClient, GithubError, type CallPurpose } from './client.js';

/** A pull request as messages and the record name it. */
export interface PullRequestRef {
  number: number;
  url: string;
}

/** Whether a change was approved as plan.config.yaml requires: by whom and in which pull request, or why not. */
export type ChangeApproval =
  | { approved: true; by: string; pullRequest: PullRequestRef }
  | { approved: false; reason: string; pullRequest?: PullRequestRef };

interface GithubUser {
  login: string;
}

interface CommitItem {
  sha: string;
  author: GithubUser | null;
  commit: { author: { name?: string; date?: string } | null };
}

interface PullRequestItem {
  number: number;
  html_url: string;
  user: GithubUser | null;
  merged_at?: string | null;
  head: { sha: string };
  base: { ref: string; repo?: { default_branch?: string } | null };
}

interface ReviewItem {
  user: GithubUser | null;
  state: string;
  commit_id: string | null;
}

/** What the reviews of a pull request come to, before it is put in words. */
type Verdict =
  | { kind: 'approved'; by: string[] }
  | { kind: 'changed-after'; by: string[] }
  | { kind: 'dismissed'; by: string[] }
  | { kind: 'author-only'; by: string[] }
  | { kind: 'not-listed'; by: string[] }
  | { kind: 'none' };

/** The reviews and authors of one pull request, read once per run. */
interface PullRequestFacts {
  pull: PullRequestItem;
  ref: PullRequestRef;
  /** Who opened it and who wrote its commits (GitHub logins, lower case). */
  authors: Set<string>;
  reviews: ReviewItem[];
}

// Only these states change where a reviewer stands; a comment after an approval leaves the approval standing.
const STANDING_STATES = new Set(['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED']);

/**
 * Reads from GitHub whether changes were approved in a pull request by someone in approval.reviewers
 * (GitHub users, or `@org/team` members) who did not write them: the review state APPROVED, not
 * dismissed, on the pull request's last commit. Everything asked is remembered for the run.
 */
export class ApprovalChecker {
  private readonly pulls = new Map<string, Promise<PullRequestItem[]>>();
  private readonly facts = new Map<number, Promise<PullRequestFacts>>();
  private readonly members = new Map<string, Promise<boolean>>();
  private readonly users: Set<string>;
  private readonly teams: { org: string; slug: string; name: string }[];

  constructor(
    private readonly api: GithubClient,
    private readonly reviewers: readonly string[],
  ) {
    this.users = new Set(reviewers.filter((r) => !r.includes('/')).map((r) => r.replace(/^@/, '').toLowerCase()));
    this.teams = reviewers.filter((r) => r.includes('/')).map((r) => {
      const [org, slug] = r.replace(/^@/, '').split('/') as [string, string];
      return { org, slug, name: `@${org}/${slug}` };
    });
  }

  /** "dr-natarajan or a member of @cedarvalley/compliance" */
  get reviewersText(): string {
    return describeReviewers(this.reviewers);
  }

  /**
   * The approval of the change that last touched `path` (relative to the repository) as of commit `ref`:
   * it must have reached `branch` through a merged pull request that was approved.
   */
  async ofFile(path: string, ref: string, branch: string): Promise<ChangeApproval> {
    const short = ref.slice(0, 7);
    const commits = await this.api.find<CommitItem[]>(`${this.api.repoPath}/commits?sha=${encodeURIComponent(ref)}&path=${encodeURIComponent(path)}&per_page=1`, this.purpose(`read the history of ${path}`)).catch(unlessUnknownCommit);
    if (commits === undefined) return { approved: false, reason: `commit ${short}, checked out here, is not on GitHub (${this.api.name}), so no pull request can have approved it: push it through a pull request first` };
    const last = commits[0];
    if (!last) return { approved: false, reason: `GitHub has no commit of ${path} as of commit ${short}: commit it and bring it to ${branch} through a pull request` };
    const merged = (await this.pullRequestsOf(last.sha)).filter((pull) => pull.merged_at && pull.base.ref === (pull.base.repo?.default_branch ?? branch));
    if (merged.length === 0) {
      const who = last.author?.login ?? last.commit.author?.name ?? 'someone';
      return { approved: false, reason: `its last change (commit ${last.sha.slice(0, 7)} by ${who}) reached ${branch} without a pull request, so no one approved it: change it in a pull request that ${this.reviewersText} approves` };
    }
    let first: ChangeApproval | undefined;
    for (const pull of merged) {
      const approval = await this.judge(pull, { merged: true, extraAuthor: last.author?.login });
      if (approval.approved) return approval;
      first ??= approval;
    }
    return first!;
  }

  /** Where an open pull request stands: approved on its last commit by a listed reviewer who did not write it, or whom it waits for. */
  async ofPullRequest(number: number): Promise<ChangeApproval> {
    const pull = await this.api.get<PullRequestItem>(`${this.api.repoPath}/pulls/${number}`, this.purpose(`read pull request #${number}`, `pull request #${number} of ${this.api.name}`));
    return this.judge(pull, { merged: false });
  }

  private async judge(pull: PullRequestItem, context: { merged: boolean; extraAuthor?: string }): Promise<ChangeApproval> {
    const facts = await this.factsOf(pull);
    const authors = new Set(facts.authors);
    if (context.extraAuthor) authors.add(context.extraAuthor.toLowerCase());
    const verdict = await this.verdictOf(facts, authors);
    if (verdict.kind === 'approved') return { approved: true, by: verdict.by.join(', '), pullRequest: facts.ref };
    return { approved: false, reason: this.explain(verdict, facts.ref, context.merged), pullRequest: facts.ref };
  }

  private async verdictOf(facts: PullRequestFacts, authors: Set<string>): Promise<Verdict> {
    const standing = latestStanding(facts.reviews);
    const approvedNow: string[] = [];
    const stale: string[] = [];
    const dismissed: string[] = [];
    const byAuthors: string[] = [];
    const notListed: string[] = [];
    for (const [login, review] of standing) {
      if (review.state === 'CHANGES_REQUESTED') continue;
      if (authors.has(login.toLowerCase())) {
        if (review.state === 'APPROVED') byAuthors.push(login);
        continue;
      }
      if (!(await this.isReviewer(login))) {
        if (review.state === 'APPROVED') notListed.push(login);
        continue;
      }
      if (review.state === 'DISMISSED') dismissed.push(login);
      else if (review.commit_id === facts.pull.head.sha) approvedNow.push(login);
      else stale.push(login);
    }
    if (approvedNow.length > 0) return { kind: 'approved', by: approvedNow };
    if (stale.length > 0) return { kind: 'changed-after', by: stale };
    if (dismissed.length > 0) return { kind: 'dismissed', by: dismissed };
    if (byAuthors.length > 0 && notListed.length === 0) return { kind: 'author-only', by: byAuthors };
    if (notListed.length > 0) return { kind: 'not-listed', by: notListed };
    return { kind: 'none' };
  }

  private explain(verdict: Exclude<Verdict, { kind: 'approved' }>, pull: PullRequestRef, merged: boolean): string {
    const pr = `pull request #${pull.number}`;
    const needed = this.reviewersText;
    switch (verdict.kind) {
      case 'changed-after':
        return merged
          ? `${names(verdict.by)} approved ${pr}, but it changed after that approval and was merged without a new one: change the post in a new pull request that ${needed} approves`
          : `${names(verdict.by)} approved an earlier version of ${pr}; it changed after that approval: waiting for a new review by ${oneOf(needed)}`;
      case 'dismissed':
        return `the approval of ${pr} by ${names(verdict.by)} was dismissed: ${merged ? `change the post in a new pull request that ${needed} approves` : `waiting for a review by ${oneOf(needed)}`}`;
      case 'author-only':
        return `${pr} was approved only by its author (${names(verdict.by)}): someone who did not write it must approve it, ${oneOf(needed)}`;
      case 'not-listed':
        return `${pr} was approved by ${names(verdict.by)}, who ${verdict.by.length === 1 ? 'is' : 'are'} not among the reviewers in plan.config.yaml: ${merged ? `it was merged without a review by ${oneOf(needed)}` : `waiting for a review by ${oneOf(needed)}`}`;
      case 'none':
        return merged ? `${pr} was merged without an approval by ${oneOf(needed)}` : `waiting for a review by ${oneOf(needed)} (${pr} has no approval from them yet)`;
    }
  }

  private pullRequestsOf(sha: string): Promise<PullRequestItem[]> {
    let found = this.pulls.get(sha);
    if (!found) {
      found = this.api.list<PullRequestItem>(`${this.api.repoPath}/commits/${sha}/pulls`, this.purpose(`find the pull request of commit ${sha.slice(0, 7)}`));
      this.pulls.set(sha, found);
    }
    return found;
  }

  private factsOf(pull: PullRequestItem): Promise<PullRequestFacts> {
    let found = this.facts.get(pull.number);
    if (!found) {
      found = this.readFacts(pull);
      this.facts.set(pull.number, found);
    }
    return found;
  }

  private async readFacts(pull: PullRequestItem): Promise<PullRequestFacts> {
    const base = `${this.api.repoPath}/pulls/${pull.number}`;
    const [reviews, commits] = await Promise.all([
      this.api.list<ReviewItem>(`${base}/reviews`, this.purpose(`read the reviews of pull request #${pull.number}`)),
      this.api.list<CommitItem>(`${base}/commits`, this.purpose(`read the commits of pull request #${pull.number}`)),
    ]);
    const logins = [pull.user?.login, ...commits.map((c) => c.author?.login)].filter((login): login is string => !!login);
    return { pull, ref: { number: pull.number, url: pull.html_url }, authors: new Set(logins.map((l) => l.toLowerCase())), reviews };
  }

  private async isReviewer(login: string): Promise<boolean> {
    if (this.users.has(login.toLowerCase())) return true;
    for (const team of this.teams) if (await this.isMember(team, login)) return true;
    return false;
  }

  /** An active member of the team (GitHub counts members of its child teams too); 404 means not one. */
  private isMember(team: { org: string; slug: string; name: string }, login: string): Promise<boolean> {
    const key = `${team.name}\n${login.toLowerCase()}`;
    let found = this.members.get(key);
    if (!found) {
      const path = `/orgs/${encodeURIComponent(team.org)}/teams/${encodeURIComponent(team.slug)}/memberships/${encodeURIComponent(login)}`;
      const purpose = this.purpose(`read whether ${login} is a member of ${team.name}`);
      purpose.forbidden = `A team in approval.reviewers needs a token that may read the organization's teams: give the workflow step one as GITHUB_TOKEN (e.g. "\${{ secrets.PLAN_GITHUB_TOKEN }}", a token with read:org).`;
      found = this.api.find<{ state?: string }>(path, purpose).then((membership) => membership?.state === 'active');
      this.members.set(key, found);
    }
    return found;
  }

  private purpose(doing: string, missing?: string): CallPurpose {
    return { doing, failed: `could not ${doing}`, ...(missing ? { missing } : {}) };
  }
}

/** The standing review of each reviewer: their last one that approved, asked for changes or was dismissed. */
function latestStanding(reviews: readonly ReviewItem[]): Map<string, ReviewItem> {
  const standing = new Map<string, ReviewItem>();
  for (const review of reviews) {
    if (!review.user || !STANDING_STATES.has(review.state)) continue;
    standing.set(review.user.login, review);
  }
  return standing;
}

/** A commit GitHub does not have: its listing answers 404 or 422 ("No commit found for SHA"). */
function unlessUnknownCommit(error: unknown): undefined {
  if (error instanceof GithubError && error.status === 422) return undefined;
  throw error;
}

/** "dr-natarajan or a member of @cedarvalley/compliance" */
export function describeReviewers(reviewers: readonly string[]): string {
  const parts = reviewers.map((r) => (r.includes('/') ? `a member of ${r.startsWith('@') ? r : `@${r}`}` : r.replace(/^@/, '')));
  if (parts.length === 0) return 'no one (approval.reviewers in plan.config.yaml is empty)';
  if (parts.length === 1) return parts[0]!;
  return `${parts.slice(0, -1).join(', ')} or ${parts[parts.length - 1]}`;
}

function oneOf(reviewers: string): string {
  return reviewers.includes(' or ') ? `one of ${reviewers}` : reviewers;
}

function names(logins: readonly string[]): string {
  if (logins.length <= 1) return logins[0] ?? '';
  return `${logins.slice(0, -1).join(', ')} and ${logins[logins.length - 1]}`;
}

