export { ApprovalChecker, describeReviewers, type ChangeApproval, type PullRequestRef } from './approval.js';
export { GithubClient, GithubError, type GithubRepository } from './client.js';
export { REVIEW_COMMENT, upsertStickyComment, type CommentKind, type StickyComment, type ThreadTarget } from './comments.js';
export { pullRequestFromEnv, pullRequestOfEvent, type PullRequestTarget } from './pull-request.js';
export { apiUrlOf, repositoryFromEnv, serverUrlOf, type RepositoryFromEnv } from './repository.js';
export { NO_RESPONSE, readIssueForm } from './issue-form.js';
export { openPullRequest, type OpenedPullRequest, type PullRequestRequest } from './pulls.js';
