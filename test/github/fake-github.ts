// A strict fake of the part of GitHub's REST API that plan uses for approvals and for turning an issue
// into a pull request, backed by a real bare git repository (what GitHub holds for the repository):
//   GET  /repos/{o}/{r}/commits?sha=&path=            the history of a file, from git
//   GET  /repos/{o}/{r}/commits/{sha}/pulls           the pull requests a commit belongs to
//   GET  /repos/{o}/{r}/pulls?head=&state=&base=       open pull requests of a branch
//   POST /repos/{o}/{r}/pulls, PATCH /pulls/{n}, GET /pulls/{n}, /pulls/{n}/reviews, /pulls/{n}/commits
//   GET  /orgs/{org}/teams/{slug}/memberships/{user}   404 when not a member
//   GET, POST /repos/{o}/{r}/issues/{n}/comments, PATCH /issues/comments/{id}
//   GET  /user-attachments/assets/{id}                 an image an issue form holds (on the web host)
// Every call needs the token, a User-Agent, GitHub's Accept and API-version headers; lists page with
// per_page (at most 100) and a Link header; an unknown repository, pull request or commit is a 404 or
// 422 with GitHub's error body. Tests merge and review pull requests through the helpers below.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bearerToken, createFakeServer, Violation, type Ctx, type FakeServer, type Reply } from '../fakes/server.js';

export interface FakeUser {
  login: string;
  id: number;
  type: 'User' | 'Bot';
}

export interface FakeReview {
  id: number;
  user: FakeUser;
  state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED';
  commit_id: string;
  submitted_at: string;
}

export interface FakePull {
  number: number;
  title: string;
  body: string | null;
  user: FakeUser;
  head: string;
  headSha: string;
  base: string;
  state: 'open' | 'closed';
  mergedAt: string | null;
  mergeCommitSha: string | null;
  /** The commits of the pull request, oldest first (base..head when it was opened or last pushed). */
  commits: string[];
  reviews: FakeReview[];
}

export interface FakeComment {
  id: number;
  body: string;
  user: FakeUser;
  html_url: string;
}

export interface FakeGithubOptions {
  token: string;
  owner: string;
  repo: string;
  /** The bare repository GitHub holds. */
  bare: string;
  /** People by the email their commits carry. */
  users: Record<string, string>;
  /** Team members by "org/slug". */
  teams?: Record<string, string[]>;
  /** Who the token acts as (GITHUB_TOKEN: github-actions[bot]). */
  tokenUser?: string;
  /** An Enterprise Server API lives under /api/v3. */
  prefix?: string;
  /** Images the issue forms hold, by asset id. */
  attachments?: Record<string, Buffer>;
}

export interface FakeGithub {
  apiUrl: string;
  /** The web host (GITHUB_SERVER_URL), where attachments live. */
  serverUrl: string;
  server: FakeServer;
  pulls: FakePull[];
  comments(number: number): FakeComment[];
  /** Opens a pull request from a branch already pushed, as `user`. */
  openPullRequest(head: string, user: string, title?: string): FakePull;
  review(number: number, login: string, state: FakeReview['state'], commit?: string): FakeReview;
  dismiss(reviewId: number): void;
  /** Merges in the bare repository (a merge commit, or one squashed commit written as the opener) and marks it merged. */
  merge(number: number, how: 'merge' | 'squash'): string;
  close(): Promise<void>;
}

const DOCS = 'https://docs.github.com/rest';
const notFound = (): Reply => ({ status: 404, body: { message: 'Not Found', documentation_url: DOCS } });

export async function startFakeGithub(options: FakeGithubOptions): Promise<FakeGithub> {
  const prefix = options.prefix ?? '';
  const pulls: FakePull[] = [];
  const threads = new Map<number, FakeComment[]>();
  let nextNumber = 100;
  let nextId = 5_000_000;
  let baseUrl = '';
  const userIds = new Map<string, number>();
  const user = (login: string): FakeUser => {
    if (!userIds.has(login)) userIds.set(login, 1000 + userIds.size);
    return { login, id: userIds.get(login)!, type: login.endsWith('[bot]') ? 'Bot' : 'User' };
  };
  const tokenUser = user(options.tokenUser ?? 'github-actions[bot]');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: options.bare, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), GIT_CONFIG_NOSYSTEM: '1' } });
  const tryGit = (...args: string[]) => {
    try {
      return git(...args);
    } catch {
      return undefined;
    }
  };
  const repoPath = `/repos/${options.owner}/${options.repo}`;
  const webRepo = () => `${baseUrl}/${options.owner}/${options.repo}`;
  const loginOf = (email: string): string | undefined => options.users[email] ?? /^(?:\d+\+)?([^@]+)@users\.noreply\.github\.com$/.exec(email)?.[1];

  const commitJson = (sha: string) => {
    const [hash, an, ae, ad, cn, ce, cd, parents, message] = git('show', '-s', '--format=%H%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%P%x00%B', sha).split('\0');
    const person = (email: string) => (loginOf(email) ? { ...user(loginOf(email)!), url: `${baseUrl}${prefix}/users/${loginOf(email)}` } : null);
    return {
      sha: hash,
      node_id: `C_${hash!.slice(0, 12)}`,
      commit: { author: { name: an, email: ae, date: ad }, committer: { name: cn, email: ce, date: cd }, message: message!.trim(), comment_count: 0 },
      url: `${baseUrl}${prefix}${repoPath}/commits/${hash}`,
      html_url: `${webRepo()}/commit/${hash}`,
      author: person(ae!),
      committer: person(ce!),
      parents: parents!.split(' ').filter(Boolean).map((p) => ({ sha: p, url: `${baseUrl}${prefix}${repoPath}/commits/${p}` })),
    };
  };
  const pullJson = (pull: FakePull) => ({
    url: `${baseUrl}${prefix}${repoPath}/pulls/${pull.number}`,
    id: 90_000 + pull.number,
    number: pull.number,
    html_url: `${webRepo()}/pull/${pull.number}`,
    state: pull.state,
    title: pull.title,
    body: pull.body,
    user: pull.user,
    draft: false,
    created_at: '2030-01-01T12:00:00Z',
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    head: { label: `${options.owner}:${pull.head}`, ref: pull.head, sha: pull.headSha, user: user(options.owner), repo: repoJson() },
    base: { label: `${options.owner}:${pull.base}`, ref: pull.base, sha: git('rev-parse', pull.base).trim(), user: user(options.owner), repo: repoJson() },
    author_association: 'MEMBER',
  });
  const repoJson = () => ({ id: 4242, name: options.repo, full_name: `${options.owner}/${options.repo}`, private: true, default_branch: 'main', owner: user(options.owner) });
  const reviewJson = (pull: FakePull, review: FakeReview) => ({
    ...review,
    node_id: `PRR_${review.id}`,
    body: '',
    html_url: `${webRepo()}/pull/${pull.number}#pullrequestreview-${review.id}`,
    pull_request_url: `${baseUrl}${prefix}${repoPath}/pulls/${pull.number}`,
    author_association: 'MEMBER',
  });
  const pullOf = (ctx: Ctx) => pulls.find((p) => p.number === Number(ctx.params.number));
  const commitsBetween = (base: string, head: string) => git('rev-list', '--reverse', `${base}..${head}`).split('\n').filter(Boolean);
  const thread = (number: number) => {
    if (!threads.has(number)) threads.set(number, []);
    return threads.get(number)!;
  };

  /** Checks what every API call must carry, and the repository it names. */
  const api = (handler: (ctx: Ctx) => Reply) => (ctx: Ctx): Reply => {
    if (bearerToken(ctx) !== options.token) throw new Violation('missing or wrong token', { status: 401, body: { message: 'Bad credentials', documentation_url: DOCS } });
    if (!ctx.header('user-agent')) throw new Violation('no User-Agent (GitHub refuses these)', { status: 403, body: { message: 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header' } });
    if (ctx.header('accept') !== 'application/vnd.github+json') ctx.violation(`Accept is ${ctx.header('accept')}, not application/vnd.github+json`);
    if (ctx.header('x-github-api-version') !== '2022-11-28') ctx.violation(`X-GitHub-Api-Version is ${ctx.header('x-github-api-version')}`);
    if (ctx.params.owner !== undefined && (ctx.params.owner !== options.owner || ctx.params.repo !== options.repo)) return notFound();
    return handler(ctx);
  };
  /** One page of a listing, with GitHub's Link header to the next and last pages. */
  const page = <T>(ctx: Ctx, items: readonly T[]): Reply => {
    const perPage = Number(ctx.query.get('per_page') ?? 30);
    const number = Number(ctx.query.get('page') ?? 1);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) ctx.violation(`per_page ${ctx.query.get('per_page')} is not 1 to 100`);
    const size = Math.min(Math.max(perPage, 1), 100);
    const last = Math.max(1, Math.ceil(items.length / size));
    const link = (n: number) => {
      const query = new URLSearchParams(ctx.query);
      query.set('page', String(n));
      return `<${baseUrl}${ctx.path}?${query}>`;
    };
    const links = number < last ? [`${link(number + 1)}; rel="next"`, `${link(last)}; rel="last"`] : [];
    return { status: 200, ...(links.length > 0 ? { headers: { link: links.join(', ') } } : {}), body: items.slice((number - 1) * size, number * size) };
  };
  const jsonBody = (ctx: Ctx): Record<string, unknown> => {
    if (ctx.contentType() !== 'application/json') throw new Violation('body is not JSON', { status: 415, body: { message: 'Unsupported Media Type' } });
    return ctx.json() as Record<string, unknown>;
  };
  const invalid = (message: string, errors: object[] = []): Reply => ({ status: 422, body: { message, errors, documentation_url: DOCS } });

  const server = await createFakeServer({
    name: 'github',
    routes: {
      [`GET ${prefix}/repos/:owner/:repo/commits`]: api((ctx) => {
        const sha = ctx.query.get('sha') ?? 'main';
        if (tryGit('rev-parse', '--verify', '--quiet', `${sha}^{commit}`) === undefined) return { status: 404, body: { message: `No commit found for SHA: ${sha}`, documentation_url: DOCS } };
        const file = ctx.query.get('path');
        const shas = git('log', '--format=%H', sha, ...(file ? ['--', file] : [])).split('\n').filter(Boolean);
        return page(ctx, shas.map(commitJson));
      }),
      [`GET ${prefix}/repos/:owner/:repo/commits/:sha/pulls`]: api((ctx) => {
        const sha = tryGit('rev-parse', '--verify', '--quiet', `${ctx.params.sha}^{commit}`)?.trim();
        if (!sha) return invalid(`No commit found for SHA: ${ctx.params.sha}`);
        const onMain = tryGit('merge-base', '--is-ancestor', sha, 'main') !== undefined;
        const found = pulls.filter((p) => (p.commits.includes(sha) || p.mergeCommitSha === sha) && (p.mergedAt !== null || (!onMain && p.state === 'open')));
        return page(ctx, found.map(pullJson));
      }),
      [`GET ${prefix}/repos/:owner/:repo/pulls`]: api((ctx) => {
        const head = ctx.query.get('head');
        const state = ctx.query.get('state') ?? 'open';
        const found = pulls.filter((p) => (state === 'all' || p.state === state) && (!head || head === `${options.owner}:${p.head}`) && (!ctx.query.get('base') || ctx.query.get('base') === p.base));
        return page(ctx, found.map(pullJson));
      }),
      [`POST ${prefix}/repos/:owner/:repo/pulls`]: api((ctx) => {
        const body = jsonBody(ctx);
        if (typeof body.title !== 'string' || !body.title || typeof body.head !== 'string' || typeof body.base !== 'string') return invalid('Validation Failed', [{ resource: 'PullRequest', code: 'missing_field', field: 'title' }]);
        const head = body.head.replace(`${options.owner}:`, '');
        if (tryGit('rev-parse', '--verify', '--quiet', `refs/heads/${head}`) === undefined) return invalid('Validation Failed', [{ resource: 'PullRequest', field: 'head', code: 'invalid' }]);
        if (tryGit('rev-parse', '--verify', '--quiet', `refs/heads/${body.base}`) === undefined) return invalid('Validation Failed', [{ resource: 'PullRequest', field: 'base', code: 'invalid' }]);
        if (pulls.some((p) => p.head === head && p.state === 'open')) return invalid('Validation Failed', [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${options.owner}:${head}.` }]);
        const commits = commitsBetween(body.base, head);
        if (commits.length === 0) return invalid('Validation Failed', [{ resource: 'PullRequest', code: 'custom', message: `No commits between ${body.base} and ${head}` }]);
        const pull = addPull(head, tokenUser, body.title, typeof body.body === 'string' ? body.body : null, body.base);
        return { status: 201, body: pullJson(pull) };
      }),
      [`GET ${prefix}/repos/:owner/:repo/pulls/:number`]: api((ctx) => {
        const pull = pullOf(ctx);
        return pull ? { status: 200, body: pullJson(refresh(pull)) } : notFound();
      }),
      [`PATCH ${prefix}/repos/:owner/:repo/pulls/:number`]: api((ctx) => {
        const pull = pullOf(ctx);
        if (!pull) return notFound();
        const body = jsonBody(ctx);
        if (typeof body.title === 'string') pull.title = body.title;
        if (typeof body.body === 'string') pull.body = body.body;
        return { status: 200, body: pullJson(refresh(pull)) };
      }),
      [`GET ${prefix}/repos/:owner/:repo/pulls/:number/reviews`]: api((ctx) => {
        const pull = pullOf(ctx);
        return pull ? page(ctx, pull.reviews.map((r) => reviewJson(pull, r))) : notFound();
      }),
      [`GET ${prefix}/repos/:owner/:repo/pulls/:number/commits`]: api((ctx) => {
        const pull = pullOf(ctx);
        return pull ? page(ctx, refresh(pull).commits.slice(0, 250).map(commitJson)) : notFound();
      }),
      [`GET ${prefix}/orgs/:org/teams/:slug/memberships/:username`]: api((ctx) => {
        const members = options.teams?.[`${ctx.params.org}/${ctx.params.slug}`];
        if (!members?.some((m) => m.toLowerCase() === ctx.params.username!.toLowerCase())) return notFound();
        return { status: 200, body: { url: `${baseUrl}${ctx.path}`, role: 'member', state: 'active' } };
      }),
      [`GET ${prefix}/repos/:owner/:repo/issues/:number/comments`]: api((ctx) => page(ctx, thread(Number(ctx.params.number)))),
      [`POST ${prefix}/repos/:owner/:repo/issues/:number/comments`]: api((ctx) => {
        const body = jsonBody(ctx).body;
        if (typeof body !== 'string' || body === '') return invalid('Validation Failed', [{ resource: 'IssueComment', code: 'missing_field', field: 'body' }]);
        if ([...body].length > 65_536) throw new Violation('comment body too long', invalid('Validation Failed', [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }]));
        const number = Number(ctx.params.number);
        const id = nextId++;
        const comment = { id, body, user: tokenUser, html_url: `${webRepo()}/issues/${number}#issuecomment-${id}` };
        thread(number).push(comment);
        return { status: 201, body: comment };
      }),
      [`PATCH ${prefix}/repos/:owner/:repo/issues/comments/:id`]: api((ctx) => {
        const comment = [...threads.values()].flat().find((c) => c.id === Number(ctx.params.id));
        if (!comment) return notFound();
        const body = jsonBody(ctx).body;
        if (typeof body !== 'string' || body === '') return invalid('Validation Failed');
        comment.body = body;
        return { status: 200, body: comment };
      }),
      'GET /user-attachments/assets/:id': (ctx) => {
        const image = options.attachments?.[ctx.params.id!];
        return image ? { status: 200, headers: { 'content-type': 'image/jpeg' }, body: image } : { status: 404, body: 'Not Found' };
      },
    },
    rateLimitReply: (resetSeconds) => ({ status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + resetSeconds) }, body: { message: 'API rate limit exceeded', documentation_url: DOCS } }),
    notFoundReply: () => notFound(),
  });
  baseUrl = server.url;

  function addPull(head: string, opener: FakeUser, title: string, body: string | null, base = 'main'): FakePull {
    const pull: FakePull = { number: nextNumber++, title, body, user: opener, head, headSha: git('rev-parse', head).trim(), base, state: 'open', mergedAt: null, mergeCommitSha: null, commits: commitsBetween(base, head), reviews: [] };
    pulls.push(pull);
    return pull;
  }

  /** An open pull request follows its branch, as GitHub's does when someone pushes to it. */
  function refresh(pull: FakePull): FakePull {
    if (pull.state !== 'open') return pull;
    const sha = tryGit('rev-parse', '--verify', '--quiet', `refs/heads/${pull.head}`)?.trim();
    if (sha && sha !== pull.headSha) Object.assign(pull, { headSha: sha, commits: commitsBetween(pull.base, pull.head) });
    return pull;
  }

  return {
    apiUrl: `${server.url}${prefix}`,
    serverUrl: server.url,
    server,
    pulls,
    comments: (number) => thread(number),
    openPullRequest: (head, login, title = `Changes from ${head}`) => addPull(head, user(login), title, null),
    review(number, login, state, commit) {
      const pull = refresh(pulls.find((p) => p.number === number)!);
      const review: FakeReview = { id: nextId++, user: user(login), state, commit_id: commit ?? pull.headSha, submitted_at: '2030-01-02T12:00:00Z' };
      pull.reviews.push(review);
      return review;
    },
    dismiss(reviewId) {
      const review = pulls.flatMap((p) => p.reviews).find((r) => r.id === reviewId)!;
      review.state = 'DISMISSED';
    },
    merge(number, how) {
      const pull = refresh(pulls.find((p) => p.number === number)!);
      const work = mkdtempSync(path.join(tmpdir(), 'plan-fake-github-merge-'));
      try {
        const run = (...args: string[]) => execFileSync('git', ['-c', 'user.name=GitHub', '-c', 'user.email=noreply@github.com', '-c', 'commit.gpgsign=false', ...args], { cwd: work, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: tmpdir(), GIT_CONFIG_NOSYSTEM: '1' } });
        run('clone', '--quiet', '--branch', pull.base, options.bare, '.');
        run('fetch', '--quiet', 'origin', pull.head);
        if (how === 'merge') run('merge', '--quiet', '--no-ff', '-m', `Merge pull request #${pull.number} from ${options.owner}/${pull.head}`, 'FETCH_HEAD');
        else {
          run('merge', '--quiet', '--squash', 'FETCH_HEAD');
          const email = Object.entries(options.users).find(([, login]) => login === pull.user.login)?.[0] ?? `${pull.user.id}+${pull.user.login}@users.noreply.github.com`;
          run('commit', '--quiet', '-m', `${pull.title} (#${pull.number})`, '--author', `${pull.user.login} <${email}>`);
        }
        run('push', '--quiet', 'origin', `HEAD:${pull.base}`);
        const sha = run('rev-parse', 'HEAD').trim();
        Object.assign(pull, { state: 'closed', mergedAt: '2030-01-03T12:00:00Z', mergeCommitSha: sha });
        return sha;
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    },
    close: () => server.close(),
  };
}
