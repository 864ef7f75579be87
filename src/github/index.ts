export { upsertStickyComment, type StickyComment } from './comments.js';
export { pullRequestFromEnv, type PullRequestTarget } from './pull-request.js';
