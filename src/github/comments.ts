import { EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import { PlanError } from '../errors.js';
import type { PullRequestTarget } from './pull-request.js';

export interface StickyComment {
  action: 'created' | 'updated';
  id: number;
  url: string;
}

interface IssueComment {
  id: number;
  body?: string | null;
  html_url?: string;
}

const PAGE_SIZE = 100;
// A pull request with more than 5,000 comments is not one a bot should add to blindly.
const MAX_PAGES = 50;

/**
 * Creates the pull request's comment whose body starts with `marker`, or updates it in place: a
 * pull request holds one such comment however often the review runs.
 */
export async function upsertStickyComment(target: PullRequestTarget, marker: string, body: string, userAgent: string): Promise<StickyComment> {
  const api = new GithubApi(target, userAgent);
  const existing = await api.findComment(marker);
  const comment = existing
    ? await api.call<IssueComment>('PATCH', `/repos/${api.repo}/issues/comments/${existing.id}`, { body })
    : await api.call<IssueComment>('POST', `/repos/${api.repo}/issues/${target.number}/comments`, { body });
  return { action: existing ? 'updated' : 'created', id: comment.id, url: comment.html_url ?? '' };
}

class GithubApi {
  readonly repo: string;
  private readonly dispatcher: Dispatcher = new EnvHttpProxyAgent({ headersTimeout: 30_000, bodyTimeout: 30_000, connectTimeout: 10_000 });

  constructor(
    private readonly target: PullRequestTarget,
    private readonly userAgent: string,
  ) {
    this.repo = `${encodeURIComponent(target.owner)}/${encodeURIComponent(target.repo)}`;
  }

  /** The first comment of the pull request written by a review (a reply quoting it starts with "> "). */
  async findComment(marker: string): Promise<IssueComment | undefined> {
    for (let page = 1; page <= MAX_PAGES; page++) {
      const comments = await this.call<IssueComment[]>('GET', `/repos/${this.repo}/issues/${this.target.number}/comments?per_page=${PAGE_SIZE}&page=${page}`);
      const found = comments.find((c) => typeof c.body === 'string' && c.body.startsWith(marker));
      if (found || comments.length < PAGE_SIZE) return found;
    }
    return undefined;
  }

  async call<T>(method: 'GET' | 'POST' | 'PATCH', path: string, payload?: object): Promise<T> {
    const url = `${this.target.apiUrl}${path}`;
    let response: Dispatcher.ResponseData;
    try {
      response = await request(url, { method, headers: this.headers(payload !== undefined), body: payload === undefined ? undefined : JSON.stringify(payload), dispatcher: this.dispatcher });
    } catch (error) {
      const code = (error as { code?: string }).code ?? 'no answer';
      throw new PlanError(this.redact(`could not reach the GitHub API at ${new URL(url).host} (${code}): the review comment was not written`));
    }
    const text = await response.body.text();
    if (response.statusCode >= 300) throw new PlanError(this.redact(this.refusal(method, response.statusCode, text)));
    return JSON.parse(text) as T;
  }

  private headers(hasBody: boolean): Record<string, string> {
    return {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${this.target.token}`,
      'x-github-api-version': '2022-11-28',
      'user-agent': this.userAgent,
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
    };
  }

  private refusal(method: string, status: number, text: string): string {
    const said = githubMessage(text);
    const pr = `pull request #${this.target.number} of ${this.target.owner}/${this.target.repo}`;
    if (status === 401) return `GitHub refused the token in GITHUB_TOKEN (401${said}): check that the workflow passes a valid token`;
    if (status === 403 || (status === 404 && method !== 'GET')) {
      return `GitHub did not let this token write the review comment on ${pr} (${status}${said}). Give the job "permissions: pull-requests: write"; pull requests from forks only get a read-only token, so their review is in the job summary`;
    }
    if (status === 404) return `GitHub has no ${pr}, or the token cannot see it (404${said}): check GITHUB_REPOSITORY and the token's access`;
    return `GitHub answered ${status}${said} when writing the review comment on ${pr}: try again later`;
  }

  /** GitHub does not echo tokens; should a message ever hold one, it must still not reach a CI log. */
  private redact(message: string): string {
    return message.split(this.target.token).join('[token]');
  }
}

function githubMessage(text: string): string {
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    return typeof message === 'string' && message ? `: ${message.slice(0, 200)}` : '';
  } catch {
    return '';
  }
}
