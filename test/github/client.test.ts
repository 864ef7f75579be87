// The GitHub client on the project's HTTP client: pages as the Link header leads (never to another
// host), GitHub's refusals said for people, the token never printed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GithubClient, nextPage } from '../../src/github/client.js';
import { createFakeServer, type FakeServer } from '../fakes/server.js';

const TOKEN = 'ghs_clientTestTokenNeverPrinted01';
const purpose = { doing: 'read the reviews of pull request #3' };
let server: FakeServer;
let client: GithubClient;

beforeAll(async () => {
  server = await createFakeServer({
    name: 'github',
    routes: {
      'GET /repos/o/r/items': (ctx) => {
        const page = Number(ctx.query.get('page') ?? 1);
        const next = page < 3 ? { link: `<${server.url}/repos/o/r/items?per_page=100&page=${page + 1}>; rel="next", <${server.url}/repos/o/r/items?per_page=100&page=3>; rel="last"` } : undefined;
        return { status: 200, ...(next ? { headers: next } : {}), body: [{ page }] };
      },
      'GET /repos/o/r/elsewhere': () => ({ status: 200, headers: { link: '<https://evil.example/steal?page=2>; rel="next"' }, body: [{ page: 1 }] }),
      'GET /repos/o/r/limited': () => ({ status: 403, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '1893456000' }, body: { message: 'API rate limit exceeded for installation ID 1.' } }),
      'GET /repos/o/r/html': () => ({ status: 200, headers: { 'content-type': 'text/html' }, body: '<html>sign in</html>' }),
      'GET /repos/o/r/echo': () => ({ status: 500, body: { message: `token ${TOKEN} was wrong` } }),
    },
    rateLimitReply: () => ({ status: 429, body: {} }),
    notFoundReply: () => ({ status: 404, body: { message: 'Not Found' } }),
  });
  client = new GithubClient({ apiUrl: server.url, token: TOKEN, owner: 'o', repo: 'r' }, 'plan/test');
});
afterAll(() => server.close());

describe('GithubClient', () => {
  it('reads every page the Link header leads to, with per_page 100 and GitHub\'s headers', async () => {
    expect(await client.list('/repos/o/r/items', purpose)).toEqual([{ page: 1 }, { page: 2 }, { page: 3 }]);
    const first = server.requests.find((r) => r.path === '/repos/o/r/items')!;
    expect(first.query.get('per_page')).toBe('100');
    expect(first.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, accept: 'application/vnd.github+json', 'x-github-api-version': '2022-11-28', 'user-agent': 'plan/test' });
  });

  it('never follows a next page on another host: the token would go with it', async () => {
    expect(await client.list('/repos/o/r/elsewhere', purpose)).toEqual([{ page: 1 }]);
    expect(nextPage('<https://evil.example/x>; rel="next"', server.url)).toBeUndefined();
    expect(nextPage(`<${server.url}/a?page=2>; rel="next"`, server.url)).toBe(`${server.url}/a?page=2`);
  });

  it('says when the API limit is used up, until when, and that the next run tries again', async () => {
    await expect(client.get('/repos/o/r/limited', purpose)).rejects.toThrow(
      "GitHub's API limit for this token is used up (403: API rate limit exceeded for installation ID 1.) until 00:00 UTC: could not read the reviews of pull request #3; the next run tries again",
    );
  });

  it('takes a 404 as an answer where asked, and says what is missing otherwise', async () => {
    expect(await client.find('/repos/o/r/nothing', purpose)).toBeUndefined();
    await expect(client.get('/repos/o/r/nothing', { ...purpose, missing: 'pull request #3 of o/r' })).rejects.toThrow(
      "GitHub has no pull request #3 of o/r, or the token cannot see it (404: Not Found): check GITHUB_REPOSITORY and the token's access",
    );
  });

  it('refuses an answer that is not JSON, and never repeats the token', async () => {
    await expect(client.get('/repos/o/r/html', purpose)).rejects.toThrow(/^GitHub's answer was not JSON when plan tried to read the reviews of pull request #3: is GITHUB_API_URL the API's address/);
    const error = await client.get('/repos/o/r/echo', purpose).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/^GitHub answered 500: token \[redacted\] was wrong when plan tried to read the reviews/);
    expect((error as Error).message).not.toContain(TOKEN.slice(4, 14));
  });
});
