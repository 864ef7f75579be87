import { pointRange } from '../loading/source.js';
import type { SuppressedFinding } from '../rules/types.js';
import { changedLinesOf, reviewFinding, type ReviewContext } from './context.js';
import { authorOfLine } from '../loading/git.js';
import { phiHider } from '../audit/hide.js';
import { holdsPost } from '../audit/due.js';
import type { Alerts, PostAlert, ReviewedPost, SuppressedPhi } from './types.js';
import { accountChangesOf } from './accounts.js';
import { CONTENT_DIR } from '../loading/posts.js';
import { isPhiRule } from '../rules/types.js';

/** The loud part of a review: what publishes on merge or is already too late, what blocks publishing, and every PHI finding someone turned off. */
export async function alertsOf(posts: readonly ReviewedPost[], context: ReviewContext): Promise<Alerts> {
  return {
    accountChanges: await accountChangesOf(context),
    publishOnMerge: posts.filter((p) => p.outlook.kind === 'on-merge').map(postAlert),
    missed: posts.filter((p) => p.outlook.kind === 'missed').map(postAlert),
    blocking: blockingErrors(posts, context),
    suppressedPhi: await suppressedPhi(posts, context),
  };
}

function postAlert(post: ReviewedPost): PostAlert {
  return {
    file: post.file,
    id: post.id,
    ...(post.title ? { title: post.title } : {}),
    publishAt: post.publishAt!,
    networks: post.outlook.networks,
    message: post.outlook.message,
  };
}

/** Errors of the reviewed posts, and of the configuration and plans, which stop everything. */
function blockingErrors(posts: readonly ReviewedPost[], context: ReviewContext): Alerts['blocking'] {
  const blocking: Alerts['blocking'] = [];
  const planErrors = context.audit.findings.filter((f) => !f.file.startsWith(`${CONTENT_DIR}/`) && holdsPost(f));
  for (const file of [...new Set(planErrors.map((f) => f.file))]) {
    const changed = changedLinesOf(context, file);
    blocking.push({ file, errors: planErrors.filter((f) => f.file === file).map((f) => reviewFinding(f, changed)) });
  }
  for (const post of posts) {
    const errors = [...post.findings, ...post.networks.flatMap((n) => n.findings)].filter(holdsPost);
    if (errors.length > 0) blocking.push({ file: post.file, ...(post.title ? { title: post.title } : {}), errors: errors.sort((a, b) => a.line - b.line || a.column - b.column) });
  }
  return blocking;
}

async function suppressedPhi(posts: readonly ReviewedPost[], context: ReviewContext): Promise<SuppressedPhi[]> {
  const titles = new Map(posts.map((p) => [p.file, p.title]));
  const found = context.audit.suppressed.filter((f) => titles.has(f.file) && isPhiRule(f.rule));
  return Promise.all(found.map((finding) => describeSuppressed(finding, titles.get(finding.file), context)));
}

async function describeSuppressed(finding: SuppressedFinding, title: string | undefined, context: ReviewContext): Promise<SuppressedPhi> {
  const author = await authorOfLine(context.root, finding.file, finding.suppression.line);
  const reason = hideInReason(finding, context);
  return {
    file: finding.file,
    ...(title ? { title } : {}),
    rule: finding.rule,
    line: finding.line,
    network: finding.network,
    message: finding.message,
    reason,
    suppressionLine: finding.suppression.line,
    suppressedBy: author ?? null,
  };
}

/** A reason may repeat what the finding matched ("Jane agreed to be named"): hidden like the post's text. */
function hideInReason(finding: SuppressedFinding, context: ReviewContext): string {
  const post = context.audit.posts.find((p) => p.file === finding.file);
  if (!post) return finding.suppression.reason;
  const phi = [...context.audit.findings, ...context.audit.suppressed].filter((f) => f.file === finding.file && isPhiRule(f.rule));
  return phiHider(post, context.audit.project, phi).field(finding.suppression.reason, pointRange(finding.suppression.line));
}
