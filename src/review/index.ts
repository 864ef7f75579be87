import { auditRepository, countFindings } from '../audit/index.js';
import { findRoot } from '../loading/project.js';
import { alertsOf } from './alerts.js';
import { changedLinesOf, reviewFinding, type ReviewContext } from './context.js';
import { diffSinceBase } from '../loading/git.js';
import { holdsPost } from '../audit/due.js';
import { reviewDeleted, reviewPost } from './post.js';
import { scopeOf, type Scope } from './scope.js';
import type { Review, ReviewedPost, ReviewFinding } from './types.js';
import { affectedWeeks } from './weeks.js';
import { practiceTime } from './when.js';
import { CONTENT_DIR } from '../loading/posts.js';
import { loadRepository } from '../loading/repository.js';
import { approvalOfReview } from './approval.js';
import { packageVersion } from '../util/package.js';

export type * from './types.js';
export type { ReviewContext } from './context.js';
export { diffSinceBase } from '../loading/git.js';
export { HIDDEN } from '../audit/hide.js';

export interface ReviewOptions {
  cwd: string;
  /** The branch the pull request goes into, e.g. origin/main. */
  base: string;
  now: Date;
  /** The environment of the run: which API hosts the publish job may use (PLAN_ALLOW_API_HOSTS), and GitHub's (the pull request's approval). */
  env: NodeJS.ProcessEnv;
  /** The pull request under review, when the run's GitHub event is not about it (a pull request plan itself opened). */
  pullRequest?: number;
  /** Sent to GitHub with every call. */
  userAgent?: string;
}

/** Everything a reviewer of the pull request needs: the posts it adds, changes, renames and deletes, and what will happen to each. */
export async function buildReview(options: ReviewOptions): Promise<Review> {
  const root = await findRoot(options.cwd);
  const diff = await diffSinceBase(root, options.base);
  const repository = await loadRepository(root, { cache: true });
  const changed = new Set(diff.changes.filter((c) => c.status !== 'deleted').map((c) => c.file));
  const audit = await auditRepository(repository, { cwd: root, now: options.now, env: options.env, cache: true, changed });
  const approval = await approvalOfReview({ project: audit.project, env: options.env, userAgent: options.userAgent ?? `plan/${packageVersion()}`, ...(options.pullRequest ? { pullRequest: options.pullRequest } : {}) });
  const context: ReviewContext = { root, audit, diff, now: options.now, env: options.env, ...(approval ? { approval } : {}) };
  return reviewOf(context, options.base);
}

/** The review of what `context` holds: the audit of the working tree, the publish record and the diff against `base`. */
export async function reviewOf(context: ReviewContext, base: string): Promise<Review> {
  const { diff, now } = context;
  const scope = scopeOf(diff.changes, context.audit.posts);
  const posts: ReviewedPost[] = [];
  // One at a time: each preview runs the rules, and a big pull request should not run them all at once.
  for (const entry of scope.posts) posts.push(await reviewPost(entry, context));
  posts.sort(byPublishTime);
  const deleted = [];
  for (const file of scope.deleted) deleted.push(await reviewDeleted(file, context));
  const { project } = context.audit;
  return {
    version: 1,
    base,
    mergeBase: diff.mergeBase,
    now: now.toISOString(),
    nowLocal: practiceTime(now, project.timeZone),
    practice: project.config.data?.practice.name ?? '',
    timeZone: project.timeZone,
    counts: countsOf(posts, deleted.length, scope, context),
    alerts: await alertsOf(posts, context),
    posts,
    deleted,
    planFiles: scope.planFiles,
    planFindings: planFindings(scope, context),
    otherPostsWithErrors: otherPostsWithErrors(scope, context),
    calendar: affectedWeeks(project, context.audit.posts, posts, deleted),
    ...(context.approval ? { approval: context.approval } : {}),
  };
}

/** 1 when a reviewed post or a plan file has an error finding (the exit codes every command shares). */
export function reviewExitCode(review: Review): number {
  return review.counts.error > 0 ? 1 : 0;
}

function byPublishTime(a: ReviewedPost, b: ReviewedPost): number {
  const at = (post: ReviewedPost) => post.publishAt?.utc ?? '9999';
  return at(a).localeCompare(at(b)) || a.file.localeCompare(b.file);
}

/**
 * Findings in the configuration and plans: all of them when the pull request changes a plan, else
 * only errors, which stop every post. (Cadence warnings sit in plans/networks.yaml; the calendar
 * shows those of the weeks the pull request touches.)
 */
function planFindings(scope: Scope, context: ReviewContext): ReviewFinding[] {
  return context.audit.findings
    .filter((f) => !f.file.startsWith(`${CONTENT_DIR}/`) && (scope.planFiles.length > 0 || f.severity === 'error'))
    .map((f) => reviewFinding(f, changedLinesOf(context, f.file)));
}

function countsOf(posts: readonly ReviewedPost[], deleted: number, scope: Scope, context: ReviewContext): Review['counts'] {
  const reviewed = new Set(posts.map((p) => p.file));
  const shown = [...context.audit.findings.filter((f) => reviewed.has(f.file)), ...planFindings(scope, context)];
  const changes = (kind: ReviewedPost['change']) => posts.filter((p) => p.change === kind).length;
  return { added: changes('added'), changed: changes('changed'), renamed: changes('renamed'), deleted, ...countFindings(shown) };
}

/** A change to the plans can break posts the pull request never touched (a network dropped, an audience renamed). */
function otherPostsWithErrors(scope: Scope, context: ReviewContext): Review['otherPostsWithErrors'] {
  if (scope.planFiles.length === 0) return [];
  const reviewed = new Set(scope.posts.map((p) => p.post.file));
  const errors = new Map<string, number>();
  for (const f of context.audit.findings) {
    if (!holdsPost(f) || reviewed.has(f.file) || !f.file.startsWith(`${CONTENT_DIR}/`)) continue;
    errors.set(f.file, (errors.get(f.file) ?? 0) + 1);
  }
  return [...errors].sort(([a], [b]) => a.localeCompare(b)).map(([file, count]) => ({ file, errors: count }));
}
