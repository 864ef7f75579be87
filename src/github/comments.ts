import { GithubClient, type CallPurpose, type GithubRepository } from './client.js';

export interface StickyComment {
  action: 'created' | 'updated';
  id: number;
  url: string;
}

/** An issue or a pull request (GitHub numbers both alike), and the repository it is in. */
export interface ThreadTarget extends GithubRepository {
  number: number;
}

/** What the comment is, for messages: "the review comment on pull request #7". */
export interface CommentKind {
  /** "review comment" */
  name: string;
  /** "pull request" or "issue" */
  thread: string;
  /** How to let the token write it, for a refusal. */
  forbidden: string;
}

export const REVIEW_COMMENT: CommentKind = {
  name: 'review comment',
  thread: 'pull request',
  forbidden: 'Give the job "permissions: pull-requests: write"; pull requests from forks only get a read-only token, so their review is in the job summary',
};

interface IssueComment {
  id: number;
  body?: string | null;
  html_url?: string;
}

/**
 * Creates the comment of an issue or pull request whose body starts with `marker`, or updates it in
 * place: the thread holds one such comment however often plan writes it.
 */
export async function upsertStickyComment(target: ThreadTarget, marker: string, body: string, userAgent: string, kind: CommentKind = REVIEW_COMMENT): Promise<StickyComment> {
  const api = new GithubClient(target, userAgent);
  const where = `${kind.thread} #${target.number} of ${api.name}`;
  const purpose: CallPurpose = { doing: `write the ${kind.name} on ${where}`, failed: `the ${kind.name} was not written`, forbidden: kind.forbidden, missing: where };
  const existing = await findComment(api, target.number, marker, purpose);
  const comment = existing
    ? await api.send<IssueComment>('PATCH', `${api.repoPath}/issues/comments/${existing.id}`, { body }, purpose)
    : await api.send<IssueComment>('POST', `${api.repoPath}/issues/${target.number}/comments`, { body }, purpose);
  return { action: existing ? 'updated' : 'created', id: comment.id, url: comment.html_url ?? '' };
}

/** The first comment plan wrote with this marker (a reply quoting it starts with "> "). */
async function findComment(api: GithubClient, number: number, marker: string, purpose: CallPurpose): Promise<IssueComment | undefined> {
  const comments = await api.list<IssueComment>(`${api.repoPath}/issues/${number}/comments`, purpose);
  return comments.find((c) => typeof c.body === 'string' && c.body.startsWith(marker));
}
