import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Approval } from '../audit/due.js';
import type { AuditResult } from '../audit/index.js';
import { ApprovalChecker, GithubClient, GithubError, repositoryFromEnv, type ChangeApproval, type GithubRepository } from '../github/index.js';
import { git } from '../loading/git.js';
import type { Post } from '../loading/post.js';
import { latestEntry } from '../loading/record.js';
import type { NetworkId } from '../loading/schemas/index.js';
import { isDueAt } from '../rules/plan/schedule.js';

export interface ApprovalSettings {
  now: Date;
  env: NodeJS.ProcessEnv;
  network?: NetworkId;
  userAgent: string;
}

/** Where the posts of a run stand with GitHub: the commit checked out, the folder of the content repository in it, the branch. */
interface Checkout {
  head: string;
  /** The content repository's folder inside the git repository ("" at its top, else "posts/"). */
  prefix: string;
  branch: string;
  /** Files (repository paths) that differ from the commit checked out. */
  uncommitted: Set<string>;
}

/**
 * The approval of every post the run may send, asked of GitHub once per post before anything is
 * judged: the pull request that last changed the post (and each image it attaches) must have been
 * approved by a listed reviewer who did not write it. A run that cannot ask GitHub (no token, no
 * repository: a run on someone's own computer) approves nothing. Undefined when approval is not required.
 */
export async function approvalsForRun(result: AuditResult, settings: ApprovalSettings): Promise<Map<string, Approval> | undefined> {
  const approval = result.project.config.data?.approval;
  if (!approval?.required) return undefined;
  const candidates = result.posts.filter((post) => mayBeSent(post, result, settings));
  const approvals = new Map<string, Approval>();
  if (candidates.length === 0) return approvals;
  const found = await whereToAsk(result.project.root, approval.reviewers, settings.env);
  if (typeof found === 'string') {
    for (const post of candidates) approvals.set(post.file, { approved: false, reason: `not approved: ${found}` });
    return approvals;
  }
  const checker = new ApprovalChecker(new GithubClient(found.repository, settings.userAgent, settings.env), approval.reviewers);
  for (const post of candidates) approvals.set(post.file, await approvalOfPost(post, result.project.root, found.checkout, checker));
  return approvals;
}

/** A ready post whose time has come and that the record does not show published everywhere it goes. */
function mayBeSent(post: Post, result: AuditResult, settings: ApprovalSettings): boolean {
  if (!isDueAt(post, settings.now)) return false;
  const networks = (post.frontmatter.networks ?? []).filter((network) => !settings.network || network === settings.network);
  return networks.some((network) => latestEntry(result.record, post.id, network)?.state !== 'published');
}

/** The repository on GitHub and the checkout to read approvals for, or why none can be read this run (said on every post that needs one). */
async function whereToAsk(root: string, reviewers: readonly string[], env: NodeJS.ProcessEnv): Promise<string | { repository: GithubRepository; checkout: Checkout }> {
  if (reviewers.length === 0) return 'plan.config.yaml requires approval, but approval.reviewers names no one who may give it';
  const github = repositoryFromEnv(env);
  if (!github.found) {
    return `plan.config.yaml requires a listed reviewer's approval in a pull request, and only GitHub can say who approved: this run has no ${github.missing.join(' and ')}, so it publishes no post that needs approval (the publish workflow on GitHub does)`;
  }
  try {
    const [head, prefix, branch] = await Promise.all([
      git(root, ['rev-parse', '--verify', 'HEAD']),
      git(root, ['rev-parse', '--show-prefix']),
      git(root, ['rev-parse', '--abbrev-ref', 'HEAD']),
    ]);
    const checkout = { head: head.trim(), prefix: prefix.trim(), branch: env.GITHUB_REF_NAME?.trim() || branch.trim(), uncommitted: await uncommittedFiles(root) };
    return { repository: github.repository, checkout };
  } catch (error) {
    return `its approval is read from the git history, and git could not read it here (${(error as Error).message})`;
  }
}

async function uncommittedFiles(root: string): Promise<Set<string>> {
  const entries = (await git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', '.'])).split('\0');
  const files = new Set<string>();
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index]!;
    if (entry.length < 4) continue;
    files.add(entry.slice(3));
    // A rename or copy ("R  new", then "old") names its old path in the next entry.
    if (/[RC]/.test(entry.slice(0, 2))) files.add(entries[++index] ?? '');
  }
  return files;
}

async function approvalOfPost(post: Post, root: string, checkout: Checkout, checker: ApprovalChecker): Promise<Approval> {
  const media = (post.frontmatter.media ?? []).map((item) => item.file).filter((file) => !file.split('/').includes('..') && existsSync(path.join(root, file)));
  const files = [post.file, ...new Set(media)];
  const uncommitted = files.find((file) => checkout.uncommitted.has(`${checkout.prefix}${file}`));
  if (uncommitted) {
    const what = uncommitted === post.file ? 'it has' : `its image ${uncommitted} has`;
    return { approved: false, reason: `not approved: ${what} changes that are not committed, so what would be sent is not what was approved` };
  }
  let own: ChangeApproval | undefined;
  for (const file of files) {
    const found = await approvalOfFile(`${checkout.prefix}${file}`, checkout, checker);
    if (!found.approved) return { approved: false, reason: `not approved: ${file === post.file ? '' : `its image ${file}: `}${found.reason}` };
    own ??= found;
  }
  const granted = own as Extract<ChangeApproval, { approved: true }>;
  return { approved: true, by: granted.by, pullRequest: granted.pullRequest };
}

async function approvalOfFile(file: string, checkout: Checkout, checker: ApprovalChecker): Promise<ChangeApproval> {
  try {
    return await checker.ofFile(file, checkout.head, checkout.branch);
  } catch (error) {
    if (!(error instanceof GithubError)) throw error;
    return { approved: false, reason: `its approval could not be checked on GitHub, so it waits for the next run: ${error.message}` };
  }
}
