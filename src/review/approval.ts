import { ApprovalChecker, describeReviewers, GithubClient, GithubError, pullRequestOfEvent, repositoryFromEnv } from '../github/index.js';
import type { Project } from '../loading/project.js';
import type { ReviewApproval } from './types.js';

export interface ApprovalQuestion {
  project: Project;
  env: NodeJS.ProcessEnv;
  /** The pull request under review; by default, the one the GitHub Actions event is about. */
  pullRequest?: number;
  userAgent: string;
}

/**
 * Where the pull request stands with the approval plan.config.yaml requires: approved on its last
 * commit by a listed reviewer who did not write it, or whom it waits for. A run that cannot see the
 * pull request on GitHub says so: it never claims an approval it could not read. Undefined when no
 * approval is required.
 */
export async function approvalOfReview(question: ApprovalQuestion): Promise<ReviewApproval | undefined> {
  const approval = question.project.config.data?.approval;
  if (!approval?.required) return undefined;
  const reviewers = describeReviewers(approval.reviewers);
  const publishJob = `plan publish checks again, before anything is published, that ${approval.reviewers.length > 1 ? 'one of ' : ''}${reviewers} approved it`;
  if (approval.reviewers.length === 0) return { state: 'waiting', message: 'no one can approve it: approval.reviewers in plan.config.yaml names no one' };
  const github = repositoryFromEnv(question.env);
  if (!github.found) return { state: 'unchecked', message: `not checked here (no ${github.missing.join(' and ')}: plan review reads the pull request's reviews in its GitHub workflow); ${publishJob}` };
  const number = question.pullRequest ?? (await pullRequestOfEvent(question.env));
  if (number === undefined) return { state: 'unchecked', message: `not checked here (this run is not for a pull request); ${publishJob}` };
  const checker = new ApprovalChecker(new GithubClient(github.repository, question.userAgent, question.env), approval.reviewers);
  try {
    const found = await checker.ofPullRequest(number);
    if (found.approved) return { state: 'approved', by: found.by, pullRequest: found.pullRequest, message: `approved by ${found.by} on the pull request's last commit` };
    return { state: 'waiting', ...(found.pullRequest ? { pullRequest: found.pullRequest } : {}), message: found.reason };
  } catch (error) {
    if (!(error instanceof GithubError)) throw error;
    return { state: 'unchecked', message: `the reviews could not be read on GitHub (${error.message}); ${publishJob}` };
  }
}
