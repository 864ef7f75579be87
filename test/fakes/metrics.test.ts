// The metrics endpoints of the strict fakes refuse what the real APIs refuse, in their own error shapes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signRequest } from '../../src/publishing/x/oauth.js';
import { startFakeBluesky, type FakeBluesky } from './bluesky.js';
import { startFakeFacebook, type FakeFacebook } from './facebook.js';
import { V } from './graph.js';
import { startFakeInstagram, type FakeInstagram } from './instagram.js';
import { startFakeLinkedIn, type FakeLinkedIn } from './linkedin.js';
import { startFakeMastodon, type FakeMastodon } from './mastodon.js';
import { startFakeX, type FakeX } from './x.js';

const X_KEYS = { apiKey: 'k', apiSecret: 's', accessToken: 't', accessSecret: 'a' };
let x: FakeX;
let linkedin: FakeLinkedIn;
let facebook: FakeFacebook;
let instagram: FakeInstagram;
let bluesky: FakeBluesky;
let mastodon: FakeMastodon;

beforeAll(async () => {
  [x, linkedin, facebook, instagram, bluesky, mastodon] = await Promise.all([
    startFakeX(X_KEYS),
    startFakeLinkedIn({ token: 'li', organization: 'urn:li:organization:1' }),
    startFakeFacebook({ pageToken: 'fb' }),
    startFakeInstagram({ token: 'ig' }),
    startFakeBluesky({ handle: 'clinic.test', password: 'pw' }),
    startFakeMastodon({ token: 'md' }),
  ]);
});

afterAll(async () => {
  await Promise.all([x, linkedin, facebook, instagram, bluesky, mastodon].map((fake) => fake.close()));
});

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(url, { headers });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

function xGet(path: string) {
  const url = `${x.url}${path}`;
  return get(url, { authorization: signRequest({ consumerKey: 'k', consumerSecret: 's', token: 't', tokenSecret: 'a' }, 'GET', url).header });
}

describe('X: GET /2/tweets', () => {
  it('answers public figures with its rate-limit headers, and unknown ids in errors', async () => {
    const post = x.seedPost('Hello');
    x.setMetrics(post.id, { public_metrics: { like_count: 3, impression_count: 40 } });
    const answer = await xGet(`/2/tweets?ids=${post.id},1&tweet.fields=public_metrics`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ data: [{ id: post.id, public_metrics: { like_count: 3, impression_count: 40 } }], errors: [{ resource_id: '1', title: 'Not Found Error' }] });
    expect(Number(answer.headers.get('x-rate-limit-remaining'))).toBeGreaterThan(0);
    expect(x.violations).toEqual([]);
  });

  it('records asking for non_public_metrics of a post older than 30 days as a violation', async () => {
    const old = x.seedPost('Old news', { createdAt: new Date(Date.now() - 31 * 86_400_000).toISOString() });
    const answer = await xGet(`/2/tweets?ids=${old.id}&tweet.fields=public_metrics,non_public_metrics`);
    expect(answer.body).toMatchObject({ errors: [{ title: 'Field Authorization Error' }] });
    expect(x.violations.splice(0)).toEqual([expect.stringContaining('older than 30 days')]);
  });

  it('answers 429 once the window is spent', async () => {
    x.limitReads(1);
    const post = x.seedPost('Again');
    expect((await xGet(`/2/tweets?ids=${post.id}`)).headers.get('x-rate-limit-remaining')).toBe('0');
    expect((await xGet(`/2/tweets?ids=${post.id}`)).status).toBe(429);
    x.limitReads(3500);
  });
});

describe('LinkedIn: organizationalEntityShareStatistics', () => {
  const headers = { authorization: 'Bearer li', 'linkedin-version': '202607', 'x-restli-protocol-version': '2.0.0' };
  const base = () => `${linkedin.url}/rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=urn%3Ali%3Aorganization%3A1`;

  it('gives the statistics of each listed post with the engagement rate', async () => {
    const post = linkedin.seedPost({ commentary: 'Hi' });
    linkedin.setStatistics(post.id, { impressionCount: 100, uniqueImpressionsCount: 80, clickCount: 5, likeCount: 4, commentCount: 1, shareCount: 0 });
    const answer = await get(`${base()}&shares=List(${encodeURIComponent(post.id)})`, headers);
    expect(answer.body).toMatchObject({ elements: [{ share: post.id, totalShareStatistics: { impressionCount: 100, engagement: 0.1 } }] });
    expect(linkedin.violations).toEqual([]);
  });

  it('refuses URNs that are not percent-encoded inside List(…)', async () => {
    const answer = await get(`${base()}&shares=List(urn:li:share:1)`, headers);
    expect(answer.status).toBe(400);
    expect(linkedin.violations.splice(0)).toEqual([expect.stringContaining('is not List(…) of percent-encoded share URNs')]);
  });
});

describe('Graph insights', () => {
  it('refuses a metric Meta removed, for the whole call', async () => {
    const post = facebook.seedPost({ message: 'Hi' });
    const answer = await get(`${facebook.url}${V}/${post.id}/insights?metric=post_media_view,post_impressions`, { authorization: 'Bearer fb' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: { code: 100 } });
    expect(facebook.violations.splice(0)).toEqual([expect.stringContaining('deprecated insights metric post_impressions')]);
  });

  it('answers new media with no data, and a story with the metric it does not support', async () => {
    const media = instagram.seedMedia({ caption: 'New' });
    expect((await get(`${instagram.url}${V}/${media.id}/insights?metric=views,reach`, { authorization: 'Bearer ig' })).body).toEqual({ data: [] });
    const story = instagram.seedMedia({ caption: 'Story', mediaProductType: 'STORY' });
    const refused = await get(`${instagram.url}${V}/${story.id}/insights?metric=views,likes`, { authorization: 'Bearer ig' });
    expect(refused.body).toMatchObject({ error: { code: 100, message: expect.stringContaining('does not support the likes metric') } });
    expect(instagram.violations).toEqual([]);
  });
});

describe('Bluesky: app.bsky.feed.getPosts', () => {
  async function session(): Promise<string> {
    const response = await fetch(`${bluesky.url}/xrpc/com.atproto.server.createSession`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identifier: 'clinic.test', password: 'pw' }) });
    return ((await response.json()) as { accessJwt: string }).accessJwt;
  }

  it('takes the uris key repeated, at most 25, and records comma-joined ones as a violation', async () => {
    const token = await session();
    const uri = (n: number) => `at://${bluesky.did}/app.bsky.feed.post/3kabcdefghi${n}a`;
    bluesky.setCounts(uri(2), { likeCount: 5 });
    const ok = await get(`${bluesky.url}/xrpc/app.bsky.feed.getPosts?uris=${encodeURIComponent(uri(2))}&uris=${encodeURIComponent(uri(3))}`, { authorization: `Bearer ${token}` });
    expect(ok.body).toMatchObject({ posts: [{ uri: uri(2), likeCount: 5, repostCount: 0 }] });
    const many = Array.from({ length: 26 }, (_, i) => `uris=${encodeURIComponent(uri(i))}`).join('&');
    expect((await get(`${bluesky.url}/xrpc/app.bsky.feed.getPosts?${many}`, { authorization: `Bearer ${token}` })).body).toMatchObject({ error: 'InvalidRequest' });
    await get(`${bluesky.url}/xrpc/app.bsky.feed.getPosts?uris=${encodeURIComponent(`${uri(2)},${uri(3)}`)}`, { authorization: `Bearer ${token}` });
    expect(bluesky.violations.splice(0)).toEqual([expect.stringContaining('comma-joined instead of repeated?')]);
  });
});

describe('Mastodon: GET /api/v1/statuses/:id', () => {
  it('gives the counts with X-RateLimit headers, and 404 for a status that is gone', async () => {
    const status = mastodon.seedPost('Hi');
    mastodon.setCounts(status.id, { favourites_count: 7, quotes_count: 1 });
    const answer = await get(`${mastodon.url}/api/v1/statuses/${status.id}`, { authorization: 'Bearer md' });
    expect(answer.body).toMatchObject({ favourites_count: 7, reblogs_count: 0, quotes_count: 1 });
    expect(Date.parse(answer.headers.get('x-ratelimit-reset')!)).toBeGreaterThan(Date.now());
    expect((await get(`${mastodon.url}/api/v1/statuses/999`, { authorization: 'Bearer md' })).status).toBe(404);
    expect(mastodon.violations).toEqual([]);
  });
});
