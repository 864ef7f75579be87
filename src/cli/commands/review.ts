import { appendFile } from 'node:fs/promises';
import { formatReviewGithub } from '../../formats/review-github.js';
import { formatReviewJson } from '../../formats/review-json.js';
import { COMMENT_MAX_BYTES, formatReviewMarkdown, REVIEW_MARKER, SUMMARY_MAX_BYTES } from '../../formats/review-markdown.js';
import { pullRequestFromEnv, upsertStickyComment } from '../../github/index.js';
import { buildReview, reviewExitCode, type Review } from '../../review/index.js';
import type { GlobalOptions } from '../index.js';
import { parseNow } from './options.js';

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
export async function runReviewCommand(flags: ReviewFlags, globals: GlobalOptions): Promise<number> {
  // Before the work: a missing token or pull request is a setup problem to report at once.
  const target = flags.comment ? await pullRequestFromEnv(process.env) : undefined;
  const review = await buildReview({ cwd: globals.cwd, base: flags.base, now: parseNow(flags.now) });
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  if (summaryFile && (flags.comment || flags.format !== 'json')) await appendFile(summaryFile, formatReviewMarkdown(review, { maxBytes: SUMMARY_MAX_BYTES }));
  if (target) {
    const body = formatReviewMarkdown(review, { maxBytes: COMMENT_MAX_BYTES, ...jobSummaryUrl() });
    const comment = await upsertStickyComment(target, REVIEW_MARKER, body, `plan/${globals.version}`);
    process.stdout.write(`Review comment ${comment.action} on pull request #${target.number}${comment.url ? `: ${comment.url}` : ''}\n`);
  } else process.stdout.write(render(review, flags.format));
  return reviewExitCode(review);
}

function render(review: Review, format: ReviewFlags['format']): string {
  if (format === 'json') return formatReviewJson(review);
  if (format === 'github') return formatReviewGithub(review);
  return formatReviewMarkdown(review, { maxBytes: COMMENT_MAX_BYTES });
}

/** The page of this workflow run, whose summary holds the whole review. */
function jobSummaryUrl(): { fullReviewUrl?: string } {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repository, GITHUB_RUN_ID: run } = process.env;
  return server && repository && run ? { fullReviewUrl: `${server}/${repository}/actions/runs/${run}` } : {};
}
