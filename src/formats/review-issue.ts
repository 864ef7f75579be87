import type { Choice } from '../scaffold/choices.js';
import type { OpenedPullRequest } from '../github/index.js';
import { unmention } from './review-markdown.js';

/** The hidden marker of plan's one comment on a "New post" issue. */
export const NEW_POST_MARKER = '<!-- plan-new-post -->';

export interface NewPostComment {
  file: string;
  branch: string;
  pullRequest: OpenedPullRequest;
  choices: readonly Choice[];
  /** The review of the pull request (plan review's markdown: PHI hidden). */
  review: string;
}

/** The issue's comment once its post is in a pull request: where it is, what plan chose, and the review. */
export function formatNewPostComment(comment: NewPostComment): string {
  const chosen = comment.choices.map((choice) => `- **${choice.field}**: ${choice.value === '(not set)' ? 'not set' : `\`${choice.value}\``}, ${unmention(choice.why)}`);
  return [
    NEW_POST_MARKER,
    `### 📝 Your post is in pull request [#${comment.pullRequest.number}](${comment.pullRequest.url})`,
    '',
    `plan wrote it as \`${comment.file}\` on the branch \`${comment.branch}\`. It publishes at its time once a reviewer approves and merges the pull request.`,
    ...(chosen.length > 0 ? ['', 'What plan filled in for you:', ...chosen] : []),
    '',
    'To change it, edit this issue: plan updates the pull request. Once someone changes the file in the pull request itself, make further changes there.',
    '',
    '<details><summary>What plan checked (as the pull request\'s review shows it; text that may identify a patient is hidden)</summary>',
    '',
    comment.review.trim(),
    '',
    '</details>',
    '',
  ].join('\n');
}

/** The issue's comment when no post can be made from it yet: each problem, and how to try again. */
export function formatIssueProblems(problems: readonly string[]): string {
  return [
    NEW_POST_MARKER,
    '### ✋ plan could not make a post from this issue yet',
    '',
    ...problems.map((problem) => `- ${unmention(problem.charAt(0).toUpperCase() + problem.slice(1))}`),
    '',
    'Edit the issue to fix it: plan tries again each time you save.',
    '',
  ].join('\n');
}
