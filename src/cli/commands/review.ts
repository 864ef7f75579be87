import { formatReviewGithub } from '../../formats/review-github.js';
import { formatReviewJson } from '../../formats/review-json.js';
import { COMMENT_MAX_BYTES, formatReviewMarkdown, REVIEW_MARKER, SUMMARY_MAX_BYTES } from '../../formats/review-markdown.js';
import { pullRequestFromEnv, upsertStickyComment } from '../../github/index.js';
import { buildReview, reviewExitCode, type Review } from '../../review/index.js';
import type { CommandContext } from '../context.js';
import { appendStepSummary, parseNow } from '../options.js';

export interface ReviewFlags {
  base: string;
  format: 'markdown' | 'github' | 'json';
  now?: string;
  comment?: boolean;
}

/**
 * `plan review`: the review on standard output, or with --comment as the pull request's one sticky
 * comment. In GitHub Actions the whole review also goes to the job summary.
 */
export async function runReviewCommand(flags: ReviewFlags, context: CommandContext): Promise<number> {
  // Before the work: a missing token or pull request is a setup problem to report at once.
  const target = flags.comment ? await pullRequestFromEnv(context.env) : undefined;
  const review = await buildReview({ cwd: context.cwd, base: flags.base, now: parseNow(flags.now, context.now), env: context.env });
  if (flags.comment || flags.format !== 'json') await appendStepSummary(context.env, formatReviewMarkdown(review, { maxBytes: SUMMARY_MAX_BYTES }));
  if (target) {
    const body = formatReviewMarkdown(review, { maxBytes: COMMENT_MAX_BYTES, ...jobSummaryUrl(context.env) });
    const comment = await upsertStickyComment(target, REVIEW_MARKER, body, `plan/${context.version}`);
    context.stdout.write(`Review comment ${comment.action} on pull request #${target.number}${comment.url ? `: ${comment.url}` : ''}\n`);
  } else context.stdout.write(render(review, flags.format));
  return reviewExitCode(review);
}

function render(review: Review, format: ReviewFlags['format']): string {
  if (format === 'json') return formatReviewJson(review);
  if (format === 'github') return formatReviewGithub(review);
  return formatReviewMarkdown(review, { maxBytes: COMMENT_MAX_BYTES });
}

/** The page of this workflow run, whose summary holds the whole review. */
function jobSummaryUrl(env: NodeJS.ProcessEnv): { fullReviewUrl?: string } {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: run } = env;
  return server && repository && run ? { fullReviewUrl: `${server}/${repository}/actions/runs/${run}` } : {};
}
