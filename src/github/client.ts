import { PlanError } from '../errors.js';
import { HttpClient, type HttpResponse } from '../http/client.js';
import { CallError } from '../http/errors.js';

/** A repository on GitHub and how to reach its API. */
export interface GithubRepository {
  /** `GITHUB_API_URL` (GitHub Enterprise Server: https://HOST/api/v3), without a trailing slash. */
  apiUrl: string;
  token: string;
  owner: string;
  repo: string;
}

/** A refused or failed GitHub API call; its message names no token. */
export class GithubError extends PlanError {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** What a call was for, so that a failure says what did not happen and what to do. */
export interface CallPurpose {
  /** "write the review comment on pull request #7 of o/r" */
  doing: string;
  /** What did not happen when GitHub could not be reached: "the review comment was not written". */
  failed?: string;
  /** How to grant what a 403 refused: "Give the job …". */
  forbidden?: string;
  /** What a 404 means is missing: "pull request #7 of o/r". */
  missing?: string;
}

const PAGE_SIZE = 100;
// Lists plan reads (reviews, a pull request's commits) are short; this only stops a runaway listing.
const MAX_PAGES = 50;
// GitHub answers with small JSON documents; a bigger answer is not one plan asked for.
const MAX_BODY_BYTES = 8 * 1024 * 1024;

/** GitHub's REST API for one repository: the project's HTTP client (deadline, size cap, redaction) with GitHub's headers and errors. */
export class GithubClient {
  /** `/repos/OWNER/REPO`, encoded. */
  readonly repoPath: string;
  private readonly http: HttpClient;
  private readonly origin: string;

  constructor(
    readonly repository: GithubRepository,
    private readonly userAgent: string,
    env: NodeJS.ProcessEnv = {},
  ) {
    this.repoPath = `/repos/${encodeURIComponent(repository.owner)}/${encodeURIComponent(repository.repo)}`;
    const timeout = Number(env.PLAN_HTTP_TIMEOUT_MS);
    this.http = new HttpClient({ secrets: [repository.token], maxBodyBytes: MAX_BODY_BYTES, ...(Number.isFinite(timeout) && timeout > 0 ? { timeoutMs: timeout } : {}) });
    this.origin = new URL(repository.apiUrl).origin;
  }

  /** "o/r" as people write it. */
  get name(): string {
    return `${this.repository.owner}/${this.repository.repo}`;
  }

  async get<T>(path: string, purpose: CallPurpose): Promise<T> {
    return (await this.call('GET', this.url(path), purpose)).json<T>();
  }

  /** A GET whose 404 is an answer (no such team member, no such branch): undefined then. */
  async find<T>(path: string, purpose: CallPurpose): Promise<T | undefined> {
    const response = await this.call('GET', this.url(path), purpose, [404]);
    return response.status === 404 ? undefined : response.json<T>();
  }

  /** Every item of a listing, page by page as GitHub's Link header leads (never to another host). */
  async list<T>(path: string, purpose: CallPurpose): Promise<T[]> {
    const items: T[] = [];
    let url: string | undefined = this.url(`${path}${path.includes('?') ? '&' : '?'}per_page=${PAGE_SIZE}`);
    for (let page = 1; url !== undefined; page++) {
      if (page > MAX_PAGES) throw new GithubError(`GitHub listed more than ${MAX_PAGES * PAGE_SIZE} items when plan tried to ${purpose.doing}: plan stopped there`);
      const response = await this.call('GET', url, purpose);
      items.push(...response.json<T[]>());
      url = nextPage(response.headers.link, this.origin);
    }
    return items;
  }

  async send<T>(method: 'POST' | 'PATCH', path: string, payload: object, purpose: CallPurpose): Promise<T> {
    return (await this.call(method, this.url(path), purpose, [], payload)).json<T>();
  }

  private url(path: string): string {
    return `${this.repository.apiUrl}${path}`;
  }

  private async call(method: 'GET' | 'POST' | 'PATCH', url: string, purpose: CallPurpose, answers: number[] = [], payload?: object): Promise<HttpResponse> {
    let response: HttpResponse;
    try {
      response = await this.http.send({ method, url, headers: this.headers(payload !== undefined), ...(payload === undefined ? {} : { body: JSON.stringify(payload) }) });
    } catch (error) {
      throw this.unreachable(url, error, purpose);
    }
    if (response.status < 300 || answers.includes(response.status)) {
      if (response.status < 300) assertJson(response, purpose);
      return response;
    }
    throw new GithubError(this.http.redact(this.refusal(method, response, purpose)), response.status);
  }

  private headers(hasBody: boolean): Record<string, string> {
    return {
      accept: 'application/vnd.github+json',
      authorization: `Bearer ${this.repository.token}`,
      'x-github-api-version': '2022-11-28',
      'user-agent': this.userAgent,
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
    };
  }

  private unreachable(url: string, error: unknown, purpose: CallPurpose): GithubError {
    const message = error instanceof CallError ? error.message : String((error as Error)?.message ?? error);
    // The client says "could not connect for GET host/path (ECONNREFUSED): …" or "GET host/path: what stopped it".
    const why = /^could not connect for \S+ \S+ \(([^)]+)\)/.exec(message)?.[1] ?? message.replace(/^[A-Z]+ \S+: /, '');
    return new GithubError(this.http.redact(`could not reach the GitHub API at ${new URL(url).host} (${why}): ${purpose.failed ?? `could not ${purpose.doing}`}`));
  }

  private refusal(method: string, response: HttpResponse, purpose: CallPurpose): string {
    const said = githubMessage(response.text());
    const status = response.status;
    if (status === 401) return `GitHub refused the token in GITHUB_TOKEN (401${said}): check that the workflow passes a valid token`;
    if ((status === 403 || status === 429) && response.headers['x-ratelimit-remaining'] === '0') {
      return `GitHub's API limit for this token is used up (${status}${said}) until ${resetTime(response.headers['x-ratelimit-reset'])}: could not ${purpose.doing}; the next run tries again`;
    }
    // GitHub answers 404 rather than 403 to a write the token may not make on a repository it can read.
    if (status === 403 || (status === 404 && method !== 'GET')) return `GitHub did not let this token ${purpose.doing} (${status}${said}).${purpose.forbidden ? ` ${purpose.forbidden}` : ''}`;
    if (status === 404) return `GitHub has no ${purpose.missing ?? 'such thing'}, or the token cannot see it (404${said}): check GITHUB_REPOSITORY and the token's access`;
    return `GitHub answered ${status}${said} when plan tried to ${purpose.doing}: try again later`;
  }
}

/** The `rel="next"` address of a Link header, when it stays on the API's own host (the token goes nowhere else). */
export function nextPage(link: string | undefined, origin: string): string | undefined {
  if (!link) return undefined;
  for (const part of link.split(',')) {
    const match = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (!match || !match[2]!.split(/\s+/).includes('next')) continue;
    try {
      const next = new URL(match[1]!);
      return next.origin === origin ? next.href : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function assertJson(response: HttpResponse, purpose: CallPurpose): void {
  try {
    response.json();
  } catch {
    throw new GithubError(`GitHub's answer was not JSON when plan tried to ${purpose.doing}: is GITHUB_API_URL the API's address (https://api.github.com, or https://HOST/api/v3)?`);
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

function resetTime(header: string | undefined): string {
  const seconds = Number(header);
  if (!header || !Number.isFinite(seconds)) return 'the top of the hour';
  return `${new Date(seconds * 1000).toISOString().slice(11, 16)} UTC`;
}
