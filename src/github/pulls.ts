import type { GithubClient } from './client.js';

export interface OpenedPullRequest {
  number: number;
  url: string;
  action: 'opened' | 'updated';
}

interface PullRequestItem {
  number: number;
  html_url: string;
}

export interface PullRequestRequest {
  /** The branch with the changes, in the same repository. */
  head: string;
  base: string;
  title: string;
  body: string;
}

/** Opens a pull request from `head`, or updates the title and text of the one already open for it. */
export async function openPullRequest(api: GithubClient, request: PullRequestRequest): Promise<OpenedPullRequest> {
  const purpose = {
    doing: `open a pull request from ${request.head} in ${api.name}`,
    failed: 'the pull request was not opened',
    forbidden:
      'Give the job "permissions: pull-requests: write" and "contents: write", and allow it in the repository settings: Actions → General → "Allow GitHub Actions to create and approve pull requests".',
  };
  const head = `${api.repository.owner}:${request.head}`;
  const open = await api.list<PullRequestItem>(`${api.repoPath}/pulls?state=open&head=${encodeURIComponent(head)}&base=${encodeURIComponent(request.base)}`, purpose);
  const existing = open[0];
  if (existing) {
    const updated = await api.send<PullRequestItem>('PATCH', `${api.repoPath}/pulls/${existing.number}`, { title: request.title, body: request.body }, purpose);
    return { number: updated.number, url: updated.html_url, action: 'updated' };
  }
  const created = await api.send<PullRequestItem>('POST', `${api.repoPath}/pulls`, { title: request.title, head: request.head, base: request.base, body: request.body }, purpose);
  return { number: created.number, url: created.html_url, action: 'opened' };
}
