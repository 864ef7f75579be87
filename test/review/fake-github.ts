// A strict fake of the part of GitHub's REST API that the review comment uses: issue comments, and the
// pull request with its reviews and commits (plan review reads its approval). It keeps comments in
// memory per pull request, pages lists with a Link header as GitHub does, and records every request.
import { bearerToken, createFakeServer, Violation, type Ctx, type FakeServer, type Reply } from '../fakes/server.js';

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: 'Bot' | 'User' };
  html_url: string;
  created_at: string;
  updated_at: string;
}

export interface FakeGithub {
  /** The API base URL to give as GITHUB_API_URL (with the prefix, for an Enterprise Server). */
  apiUrl: string;
  server: FakeServer;
  comments(owner: string, repo: string, number: number): FakeComment[];
  /** Adds a comment as someone else wrote it, before the review runs. */
  seed(owner: string, repo: string, number: number, body: string, login?: string): void;
  close(): Promise<void>;
}

/** GitHub's limit on a comment body, in characters. */
const MAX_BODY = 65_536;
const BOT = { login: 'github-actions[bot]', type: 'Bot' } as const;

export async function startFakeGithub(options: { token: string; prefix?: string; readOnly?: boolean }): Promise<FakeGithub> {
  const prefix = options.prefix ?? '';
  const store = new Map<string, FakeComment[]>();
  let nextId = 1_000_000;
  const thread = (owner: string, repo: string, number: number | string) => {
    const key = `${owner}/${repo}#${number}`;
    if (!store.has(key)) store.set(key, []);
    return store.get(key)!;
  };
  const create = (owner: string, repo: string, number: string, body: string, user: FakeComment['user']): FakeComment => {
    const id = nextId++;
    const comment = { id, body, user, html_url: `https://github.com/${owner}/${repo}/pull/${number}#issuecomment-${id}`, created_at: '2029-12-01T17:00:00Z', updated_at: '2029-12-01T17:00:00Z' };
    thread(owner, repo, number).push(comment);
    return comment;
  };

  const server = await createFakeServer({
    name: 'github',
    routes: {
      [`GET ${prefix}/repos/:owner/:repo/issues/:number/comments`]: (ctx) => {
        checkRequest(ctx, options.token);
        const perPage = Number(ctx.query.get('per_page') ?? 30);
        const page = Number(ctx.query.get('page') ?? 1);
        if (perPage > 100) ctx.violation('per_page above 100');
        const all = thread(ctx.params.owner!, ctx.params.repo!, ctx.params.number!);
        const next = new URLSearchParams(ctx.query);
        next.set('page', String(page + 1));
        const link = page * perPage < all.length ? { link: `<${server.url}${ctx.path}?${next}>; rel="next"` } : undefined;
        return { status: 200, ...(link ? { headers: link } : {}), body: all.slice((page - 1) * perPage, page * perPage) };
      },
      // An open pull request that nobody has reviewed yet.
      [`GET ${prefix}/repos/:owner/:repo/pulls/:number`]: (ctx) => {
        checkRequest(ctx, options.token);
        const user = { login: 'alice', type: 'User' };
        return { status: 200, body: { number: Number(ctx.params.number), html_url: `https://github.com/${ctx.params.owner}/${ctx.params.repo}/pull/${ctx.params.number}`, state: 'open', user, head: { ref: 'update-posts', sha: 'c0ffee0000000000000000000000000000000000' }, base: { ref: 'main' } } };
      },
      [`GET ${prefix}/repos/:owner/:repo/pulls/:number/reviews`]: (ctx) => {
        checkRequest(ctx, options.token);
        return { status: 200, body: [] };
      },
      [`GET ${prefix}/repos/:owner/:repo/pulls/:number/commits`]: (ctx) => {
        checkRequest(ctx, options.token);
        return { status: 200, body: [{ sha: 'c0ffee0000000000000000000000000000000000', author: { login: 'alice' }, commit: { author: { name: 'alice', date: '2029-12-01T16:00:00Z' } } }] };
      },
      [`POST ${prefix}/repos/:owner/:repo/issues/:number/comments`]: (ctx) => {
        checkRequest(ctx, options.token);
        if (options.readOnly) return forbidden();
        const comment = create(ctx.params.owner!, ctx.params.repo!, ctx.params.number!, commentBody(ctx), BOT);
        return { status: 201, body: comment };
      },
      [`PATCH ${prefix}/repos/:owner/:repo/issues/comments/:id`]: (ctx) => {
        checkRequest(ctx, options.token);
        if (options.readOnly) return forbidden();
        const comment = [...store.values()].flat().find((c) => c.id === Number(ctx.params.id));
        if (!comment) return { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } };
        comment.body = commentBody(ctx);
        comment.updated_at = '2029-12-01T18:00:00Z';
        return { status: 200, body: comment };
      },
    },
    rateLimitReply: () => ({ status: 403, headers: { 'x-ratelimit-remaining': '0' }, body: { message: 'API rate limit exceeded' } }),
  });

  return {
    apiUrl: `${server.url}${prefix}`,
    server,
    comments: (owner, repo, number) => thread(owner, repo, number),
    seed: (owner, repo, number, body, login = 'dr-natarajan') => void create(owner, repo, String(number), body, { login, type: 'User' }),
    close: () => server.close(),
  };
}

function checkRequest(ctx: Ctx, token: string): void {
  if (bearerToken(ctx) !== token) throw new Violation('missing or wrong token', { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } });
  if (!ctx.header('user-agent')) throw new Violation('no User-Agent (GitHub refuses these)', { status: 403, body: { message: 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header' } });
  if (ctx.header('accept') !== 'application/vnd.github+json') ctx.violation(`Accept is ${ctx.header('accept')}, not application/vnd.github+json`);
}

function commentBody(ctx: Ctx): string {
  if (ctx.contentType() !== 'application/json') throw new Violation('body is not JSON', { status: 415, body: { message: 'Unsupported Media Type' } });
  const { body } = ctx.json() as { body?: unknown };
  if (typeof body !== 'string' || body === '') throw new Violation('no comment body', { status: 422, body: { message: 'Validation Failed' } });
  if ([...body].length > MAX_BODY) {
    throw new Violation('comment body too long', { status: 422, body: { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }] } });
  }
  return body;
}

function forbidden(): Reply {
  return { status: 403, body: { message: 'Resource not accessible by integration', documentation_url: 'https://docs.github.com/rest' } };
}
