import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseLittle, startFakeLinkedIn, type FakeLinkedIn } from './linkedin.js';

const ORG = 'urn:li:organization:5590506';
const TOKEN = 'li-token';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const HEADERS = { authorization: `Bearer ${TOKEN}`, 'linkedin-version': '202506', 'x-restli-protocol-version': '2.0.0', 'content-type': 'application/json' };

const body = (commentary: string, extra: Record<string, unknown> = {}) => ({
  author: ORG,
  commentary,
  visibility: 'PUBLIC',
  distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
  lifecycleState: 'PUBLISHED',
  isReshareDisabledByAuthor: false,
  ...extra,
});

let li: FakeLinkedIn;
beforeEach(async () => {
  li = await startFakeLinkedIn({ token: TOKEN, organization: ORG });
});
afterEach(async () => {
  await li.close();
});

const create = (b: unknown, headers: Record<string, string> = HEADERS) => fetch(li.url + '/rest/posts', { method: 'POST', headers, body: JSON.stringify(b) });
const finder = (query = `author=${encodeURIComponent(ORG)}&q=author&count=10&sortBy=LAST_MODIFIED`) =>
  fetch(`${li.url}/rest/posts?${query}`, { headers: { ...HEADERS, 'x-restli-method': 'FINDER' } });

async function uploadImage(): Promise<string> {
  const init = await fetch(li.url + '/rest/images?action=initializeUpload', { method: 'POST', headers: HEADERS, body: JSON.stringify({ initializeUploadRequest: { owner: ORG } }) });
  expect(init.status).toBe(200);
  const { value } = await init.json();
  expect(value.image).toMatch(/^urn:li:image:/);
  const put = await fetch(value.uploadUrl, { method: 'PUT', headers: { authorization: `Bearer ${TOKEN}` }, body: new Uint8Array(PNG) });
  expect(put.status).toBe(201);
  return value.image as string;
}

describe('fake LinkedIn: happy path', () => {
  it('creates a post: 201, empty body, x-restli-id; finder lists it', async () => {
    const r = await create(body('Flu shots this Saturday \\(walk-ins welcome\\). Call us! #FluSeason'));
    expect(r.status).toBe(201);
    expect(await r.text()).toBe('');
    const id = r.headers.get('x-restli-id');
    expect(id).toMatch(/^urn:li:share:\d+$/);
    expect(li.posts).toHaveLength(1);
    expect(li.posts[0]).toMatchObject({ id, truncated: false, text: 'Flu shots this Saturday (walk-ins welcome). Call us! #FluSeason' });

    const f = await finder();
    expect(f.status).toBe(200);
    const page = await f.json();
    expect(page.paging).toMatchObject({ start: 0, count: 10, total: 1 });
    expect(page.elements[0]).toMatchObject({ id, author: ORG, lifecycleState: 'PUBLISHED', commentary: li.posts[0]!.commentary });
    const one = await fetch(`${li.url}/rest/posts/${encodeURIComponent(id!)}`, { headers: HEADERS });
    expect((await one.json()).id).toBe(id);
    expect(li.violations).toEqual([]);
  });

  it('image post: initializeUpload, PUT bytes, post with media id and alt text', async () => {
    const urn = await uploadImage();
    const st = await fetch(`${li.url}/rest/images/${encodeURIComponent(urn)}`, { headers: HEADERS });
    expect((await st.json()).status).toBe('AVAILABLE');
    const r = await create(body('New waiting room', { content: { media: { id: urn, altText: 'Bright waiting room with plants' } } }));
    expect(r.status).toBe(201);
    expect(li.posts[0]!.image).toEqual({ urn, altText: 'Bright waiting room with plants', bytes: PNG.length });
    expect(li.violations).toEqual([]);
  });

  it('article post', async () => {
    const r = await create(body('Read our guide', { content: { article: { source: 'https://cedarvalley.org/guide', title: 'Guide' } } }));
    expect(r.status).toBe(201);
    expect(li.posts[0]!.article).toEqual({ source: 'https://cedarvalley.org/guide', title: 'Guide' });
    expect(li.violations).toEqual([]);
  });
});

describe('fake LinkedIn: little text', () => {
  it('truncates at an unescaped ( exactly like LinkedIn, still answering 201, and lists it', async () => {
    const r = await create(body('Flu clinic (walk-ins welcome) on Saturday.'));
    expect(r.status).toBe(201);
    expect(li.posts[0]).toMatchObject({ storedCommentary: 'Flu clinic ', text: 'Flu clinic ', truncated: true, truncatedAt: { index: 11, char: '(' } });
    expect(li.truncated()).toHaveLength(1);
    expect(li.violations).toEqual([expect.stringContaining("commentary truncated at unescaped '('")]);
    const listed = await (await finder()).json();
    expect(listed.elements[0].commentary).toBe('Flu clinic ');
  });

  it('parses mentions, hashtags, hashtag templates and escapes', () => {
    expect(parseLittle('Hi @[Acme Corp](urn:li:organization:1234) {hashtag|\\#|Health} #flu \\_x\\_ a\\\\b')).toEqual({
      stored: 'Hi @[Acme Corp](urn:li:organization:1234) {hashtag|\\#|Health} #flu \\_x\\_ a\\\\b',
      text: 'Hi Acme Corp #Health #flu _x_ a\\b',
    });
    for (const [s, i, c] of [
      ['see https://x.org/a_b', 19, '_'],
      ['50% off *today*', 8, '*'],
      ['a # b', 2, '#'],
      ['email me @ home', 9, '@'],
      ['ends with \\', 10, '\\'],
      ['x < y', 2, '<'],
    ] as const) {
      expect(parseLittle(s).truncatedAt).toEqual({ index: i, char: c });
    }
  });
});

describe('fake LinkedIn: contract violations', () => {
  it('rejects each header problem with LinkedIn’s error shape and lists it', async () => {
    const { authorization: _a, ...noAuth } = HEADERS;
    const { 'linkedin-version': _v, ...noVersion } = HEADERS;
    const { 'x-restli-protocol-version': _p, ...noRestli } = HEADERS;
    const r401 = await create(body('x'), noAuth);
    expect(r401.status).toBe(401);
    expect(await r401.json()).toMatchObject({ status: 401, serviceErrorCode: 65600 });
    const r400 = await create(body('x'), noVersion);
    expect(r400.status).toBe(400);
    const r426 = await create(body('x'), { ...HEADERS, 'linkedin-version': '202001' });
    expect(r426.status).toBe(426);
    expect(await r426.json()).toEqual({ status: 426, code: 'NONEXISTENT_VERSION', message: 'Requested version 202001 is not active' });
    expect((await create(body('x'), { ...HEADERS, 'linkedin-version': '2025-06' })).status).toBe(426);
    expect((await create(body('x'), noRestli)).status).toBe(400);
    expect((await create(body('x'), { ...HEADERS, authorization: 'Bearer wrong' })).status).toBe(401);
    expect(li.posts).toEqual([]);
    expect(li.violations).toHaveLength(6);
  });

  it('rejects malformed bodies with 422 input errors (or 403 for another author) and lists them', async () => {
    const bad: unknown[] = [
      body('x', { author: 'urn:li:organization:1' }),
      body('x', { visibility: 'CONNECTIONS' }),
      body('x', { distribution: undefined }),
      body('x', { distribution: { feedDistribution: 'MAIN_FEED' } }),
      body('x', { lifecycleState: 'LIVE' }),
      body('x', { isReshareDisabledByAuthor: undefined }),
      body('x', { text: 'wrong field' }),
      body('x', { content: { media: { id: 'urn:li:image:nope' } } }),
      { ...body('x'), commentary: undefined },
    ];
    const statuses: number[] = [];
    for (const b of bad) statuses.push((await create(b)).status);
    expect(statuses).toEqual([403, 422, 422, 422, 422, 422, 422, 422, 422]);
    expect(li.posts).toEqual([]);
    expect(li.violations).toHaveLength(bad.length);
  });

  it('refuses a post whose image was never uploaded', async () => {
    const init = await fetch(li.url + '/rest/images?action=initializeUpload', { method: 'POST', headers: HEADERS, body: JSON.stringify({ initializeUploadRequest: { owner: ORG } }) });
    const { value } = await init.json();
    const r = await create(body('x', { content: { media: { id: value.image } } }));
    expect(r.status).toBe(422);
    expect(li.violations).toEqual([expect.stringContaining('WAITING_UPLOAD')]);
  });

  it('requires the author URN to be URL-encoded in the finder query', async () => {
    const r = await finder(`author=${ORG}&q=author`);
    expect(r.status).toBe(400);
    expect(li.violations).toHaveLength(1);
  });

  it('answers a duplicate with 422 DUPLICATE_POST (not a violation)', async () => {
    const first = await create(body('Same text'));
    const id = first.headers.get('x-restli-id');
    const r = await create(body('Same text'));
    expect(r.status).toBe(422);
    const b = await r.json();
    expect(b.errorDetails.inputErrors[0].code).toBe('DUPLICATE_POST');
    expect(b.message).toContain(`Content is a duplicate of ${id}`);
    expect(li.posts).toHaveLength(1);
    expect(li.violations).toEqual([]);
  });
});

describe('fake LinkedIn: faults', () => {
  it('drop-after-create creates the post; the client sees a socket error; a retry is a duplicate', async () => {
    li.inject('POST /rest/posts', { kind: 'drop-after-create' });
    await expect(create(body('Ambiguous'))).rejects.toThrow();
    expect(li.posts).toHaveLength(1);
    const retry = await create(body('Ambiguous'));
    expect(retry.status).toBe(422);
    expect((await retry.json()).errorDetails.inputErrors[0].code).toBe('DUPLICATE_POST');
    expect(li.posts).toHaveLength(1);
  });

  it('drop-before creates nothing', async () => {
    li.inject('POST /rest/posts', { kind: 'drop-before' });
    await expect(create(body('Later'))).rejects.toThrow();
    expect(li.posts).toEqual([]);
  });

  it('rate-limit and status faults create nothing', async () => {
    li.inject('POST /rest/posts', { kind: 'rate-limit', resetSeconds: 30 });
    li.inject('POST /rest/posts', { kind: 'status', status: 500, body: { status: 500, message: 'Internal Server Error' } });
    const r = await create(body('x'));
    expect(r.status).toBe(429);
    expect(await r.json()).toMatchObject({ status: 429, serviceErrorCode: 101 });
    expect((await create(body('x'))).status).toBe(500);
    expect(li.posts).toEqual([]);
    expect((await create(body('x'))).status).toBe(201);
  });

  it('image upload can be faulted separately', async () => {
    li.inject('POST /rest/images', { kind: 'status', status: 503 });
    const r = await fetch(li.url + '/rest/images?action=initializeUpload', { method: 'POST', headers: HEADERS, body: JSON.stringify({ initializeUploadRequest: { owner: ORG } }) });
    expect(r.status).toBe(503);
    await uploadImage();
    expect(li.images.size).toBe(1);
  });
});
