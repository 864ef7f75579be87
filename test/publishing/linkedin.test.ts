import { afterEach, describe, expect, it } from 'vitest';
import { fromLittleText, toLittleText } from '../../src/networks/linkedin/little-text.js';
import { createPublisher, LINKEDIN_VERSION, RATE_LIMIT_WAIT_MS } from '../../src/publishing/linkedin/publisher.js';
import { HttpClient, type HttpRequest, type HttpResponse } from '../../src/http/client.js';
import type { Publisher } from '../../src/publishing/types.js';
import { parseLittle, startFakeLinkedIn, type FakeLinkedIn, type FakeLinkedInOptions } from '../fakes/linkedin.js';
import { closedPortUrl, preparedPost, publishError, recordingHooks, tempMedia, TINY_PNG, type TempMedia } from './media.js';

const TOKEN = 'li-token-Q7vN2xK9pL4m';
const ORG = 'urn:li:organization:5590506';
const ENV = { PLAN_LINKEDIN_TOKEN: TOKEN };

let li: FakeLinkedIn | undefined;
let media: TempMedia | undefined;

const start = async (options: Partial<FakeLinkedInOptions> = {}): Promise<FakeLinkedIn> => {
  li = await startFakeLinkedIn({ token: TOKEN, organization: ORG, ...options });
  media = await tempMedia();
  return li;
};
afterEach(async () => {
  await li?.close();
  await media?.cleanup();
  li = undefined;
  media = undefined;
});

const publisher = (fake: FakeLinkedIn | undefined, options: { env?: NodeJS.ProcessEnv; http?: HttpClient; apiUrl?: string } = {}): Publisher =>
  createPublisher({
    account: { organization: ORG, api_url: options.apiUrl ?? fake!.url },
    env: options.env ?? ENV,
    http: options.http ?? new HttpClient({ secrets: [TOKEN], timeoutMs: 5000 }),
  });

const postCalls = (fake: FakeLinkedIn) => fake.requests.filter((r) => r.method === 'POST' && r.path === '/rest/posts');

describe('LinkedIn publisher: publishing', () => {
  it('creates one public organization post and returns its URN and feed URL', async () => {
    const fake = await start();
    const post = preparedPost('linkedin', 'Flu shots are here.\n\nWalk in Mon–Fri 8–5. https://cedarvalleyhealth.com/flu');
    const hooks = recordingHooks();
    const result = await publisher(fake).publish(post, hooks);
    expect(fake.posts).toHaveLength(1);
    const created = fake.posts[0]!;
    expect(created).toMatchObject({ author: ORG, text: post.text, truncated: false, visibility: 'PUBLIC', lifecycleState: 'PUBLISHED', isReshareDisabledByAuthor: false });
    expect(result).toEqual({ remoteId: created.id, url: `https://www.linkedin.com/feed/update/${created.id}/` });
    const call = postCalls(fake)[0]!;
    expect(call.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, 'linkedin-version': LINKEDIN_VERSION, 'x-restli-protocol-version': '2.0.0', 'content-type': 'application/json' });
    expect(JSON.parse(call.body.toString('utf8')).distribution).toEqual({ feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] });
    expect(hooks.lines).toContain('creating the post on LinkedIn');
    expect(fake.violations).toEqual([]);
  });

  it('escapes little text, so a post with ( [ # @ _ is not cut, and keeps hashtags as hashtags', async () => {
    const fake = await start();
    const text = 'Flu clinic (walk-ins welcome) on Saturday [9–12]. Ask @ the front desk, or see https://cedarvalleyhealth.com/flu_shots #FluSeason #1 ~ *thanks* <3 | {ok} \\o/';
    await publisher(fake).publish(preparedPost('linkedin', text), recordingHooks());
    expect(fake.truncated()).toEqual([]);
    expect(fake.posts[0]!.text).toBe(text);
    expect(fake.posts[0]!.commentary).toContain('{hashtag|\\#|FluSeason}');
    expect(parseLittle(fake.posts[0]!.commentary).truncatedAt).toBeUndefined();
    expect(fake.violations).toEqual([]);
  });

  it('uploads an image (initializeUpload, PUT, AVAILABLE) and attaches it with its alt text', async () => {
    const fake = await start();
    const image = await media!.png('clinic.png', 'Nurse giving a flu shot to an adult in a clinic chair');
    const hooks = recordingHooks();
    await publisher(fake).publish(preparedPost('linkedin', 'Our flu clinic is open', [image]), hooks);
    expect(fake.posts).toHaveLength(1);
    const urn = [...fake.images.keys()][0]!;
    expect(fake.images.get(urn)).toMatchObject({ owner: ORG, status: 'AVAILABLE', mediaType: 'image/png' });
    expect(fake.posts[0]!.image).toEqual({ urn, altText: 'Nurse giving a flu shot to an adult in a clinic chair', bytes: TINY_PNG.length });
    const put = fake.requests.find((r) => r.method === 'PUT')!;
    expect(put.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(hooks.lines).toContain('uploading image 1 of 1 (media/clinic.png) to LinkedIn');
    expect(fake.violations).toEqual([]);
  });

  it('sends two or more images as a MultiImage post, in order, each with its alt text', async () => {
    const fake = await start();
    const images = [await media!.png('a.png', 'Waiting room'), await media!.png('b.png', 'Exam room')];
    await publisher(fake).publish(preparedPost('linkedin', 'A look inside', images), recordingHooks());
    expect(fake.posts[0]!.images?.map((i) => i.altText)).toEqual(['Waiting room', 'Exam room']);
    expect(fake.images.size).toBe(2);
    expect(fake.violations).toEqual([]);
  });

  it('refuses a video as final before calling LinkedIn', async () => {
    const fake = await start();
    const video = { file: 'media/tour.mp4', path: '/nonexistent/tour.mp4', mimeType: 'video/mp4', alt: 'Tour' };
    const error = await publishError(publisher(fake).publish(preparedPost('linkedin', 'Tour', [video]), recordingHooks()), 'final');
    expect(error.message).toContain('media/tour.mp4');
    expect(fake.requests).toEqual([]);
  });

  it('sends calls to https://api.linkedin.com when the account sets no api_url', async () => {
    const urls: string[] = [];
    class RecordingHttp extends HttpClient {
      override async send(call: HttpRequest): Promise<HttpResponse> {
        urls.push(call.url);
        return { status: 201, headers: { 'x-restli-id': 'urn:li:share:1' }, body: Buffer.alloc(0), text: () => '', json: () => ({}) as never };
      }
    }
    const http = new RecordingHttp();
    const result = await createPublisher({ account: { organization: ORG }, env: ENV, http }).publish(preparedPost('linkedin', 'hi'), recordingHooks());
    expect(urls).toEqual(['https://api.linkedin.com/rest/posts']);
    expect(result.url).toBe('https://www.linkedin.com/feed/update/urn:li:share:1/');
  });
});

describe('LinkedIn publisher: credentials', () => {
  it('a missing token is a credentials error naming the variable, and nothing is called', async () => {
    const fake = await start();
    const error = await publishError(publisher(fake, { env: {} }).publish(preparedPost('linkedin', 'hello'), recordingHooks()), 'credentials');
    expect(error.message).toContain('PLAN_LINKEDIN_TOKEN');
    await publishError(publisher(fake, { env: { PLAN_LINKEDIN_TOKEN: ' ' } }).findExisting(preparedPost('linkedin', 'hello')), 'credentials');
    expect(fake.requests).toEqual([]);
  });

  it('a rejected token (401) is a credentials error without the token, and stops further calls this run', async () => {
    const fake = await start();
    const p = publisher(fake, { env: { PLAN_LINKEDIN_TOKEN: 'wrong-token-value' }, http: new HttpClient({ timeoutMs: 5000 }) });
    const error = await publishError(p.publish(preparedPost('linkedin', 'one'), recordingHooks()), 'credentials');
    expect(error.message).toContain('HTTP 401');
    expect(error.message).toContain('PLAN_LINKEDIN_TOKEN');
    expect(error.message).not.toContain('wrong-token-value');
    const calls = fake.requests.length;
    await publishError(p.publish(preparedPost('linkedin', 'two'), recordingHooks()), 'credentials');
    await publishError(p.findExisting(preparedPost('linkedin', 'one')), 'credentials');
    expect(fake.requests).toHaveLength(calls);
    expect(fake.posts).toEqual([]);
  });

  it('403 (the token may not post for the page) is a credentials error', async () => {
    const fake = await start();
    fake.inject('POST /rest/posts', { kind: 'status', status: 403, body: { status: 403, serviceErrorCode: 100, code: 'ACCESS_DENIED', message: 'Not enough permissions to access: partnerApiPostsExternal.CREATE' } });
    const error = await publishError(publisher(fake).publish(preparedPost('linkedin', 'hello'), recordingHooks()), 'credentials');
    expect(error.message).toContain('Not enough permissions');
  });

  it('never prints the token, even when LinkedIn echoes the request headers in an error', async () => {
    const fake = await start();
    const echo = { status: 400, message: `Bad request. Headers: {"Authorization":"Bearer ${TOKEN}"} token=${encodeURIComponent(TOKEN)} raw ${TOKEN}` };
    fake.inject('POST /rest/posts', { kind: 'status', status: 400, body: echo });
    fake.inject('POST /rest/posts', { kind: 'status', status: 401, body: echo });
    // An HttpClient that knows no secrets: the publisher itself must keep the token out.
    const http = new HttpClient({ timeoutMs: 5000 });
    const final = await publishError(publisher(fake, { http }).publish(preparedPost('linkedin', 'hello'), recordingHooks()), 'final');
    expect(final.message).toContain('HTTP 400');
    expect(final.message).not.toContain(TOKEN);
    expect(final.message).not.toContain(encodeURIComponent(TOKEN));
    const rejected = await publishError(publisher(fake, { http }).publish(preparedPost('linkedin', 'hello'), recordingHooks()), 'credentials');
    expect(rejected.message).not.toContain(TOKEN);
  });
});

describe('LinkedIn publisher: failures', () => {
  it('429 is rate-limited with the documented default wait, and nothing is created', async () => {
    const fake = await start();
    fake.inject('POST /rest/posts', { kind: 'rate-limit', resetSeconds: 30 });
    const error = await publishError(publisher(fake).publish(preparedPost('linkedin', 'hello'), recordingHooks()), 'rate-limited');
    expect(error.waitMs).toBe(RATE_LIMIT_WAIT_MS);
    expect(RATE_LIMIT_WAIT_MS).toBe(60_000);
    expect(fake.posts).toEqual([]);
  });

  it('a 5xx on the create call is ambiguous, and the post is not repeated', async () => {
    const fake = await start();
    fake.inject('POST /rest/posts', { kind: 'status', status: 500, body: { status: 500, message: 'Internal Server Error' } });
    const error = await publishError(publisher(fake).publish(preparedPost('linkedin', 'hello'), recordingHooks()), 'ambiguous');
    expect(error.message).toContain('HTTP 500');
    expect(postCalls(fake)).toHaveLength(1);
  });

  it('a connection cut after the create was sent is ambiguous; findExisting then finds the post, and a repeat is recognised as a duplicate', async () => {
    const fake = await start();
    fake.inject('POST /rest/posts', { kind: 'drop-after-create' });
    const post = preparedPost('linkedin', 'Flu clinic (walk-ins welcome) #FluSeason');
    await publishError(publisher(fake).publish(post, recordingHooks()), 'ambiguous');
    expect(fake.posts).toHaveLength(1);
    const found = await publisher(fake).findExisting(post);
    expect(found).toEqual({ remoteId: fake.posts[0]!.id, url: `https://www.linkedin.com/feed/update/${fake.posts[0]!.id}/` });
    const finder = fake.requests.find((r) => r.method === 'GET' && r.path === '/rest/posts')!;
    expect(finder.headers['x-restli-method']).toBe('FINDER');
    // A later run that publishes anyway gets 422 DUPLICATE_POST: settled, still one post.
    const again = await publisher(fake).publish(post, recordingHooks());
    expect(again.remoteId).toBe(fake.posts[0]!.id);
    expect(fake.posts).toHaveLength(1);
    expect(fake.violations).toEqual([]);
  });

  it('a connection dropped before any answer is ambiguous; findExisting then reports nothing there', async () => {
    const fake = await start();
    fake.inject('POST /rest/posts', { kind: 'drop-before' });
    const post = preparedPost('linkedin', 'hello');
    await publishError(publisher(fake).publish(post, recordingHooks()), 'ambiguous');
    expect(await publisher(fake).findExisting(post)).toBeUndefined();
    expect(fake.posts).toEqual([]);
  });

  it('connection refused is retryable: nothing was sent', async () => {
    const error = await publishError(publisher(undefined, { apiUrl: await closedPortUrl() }).publish(preparedPost('linkedin', 'hello'), recordingHooks()), 'retryable');
    expect(error.message).toContain('nothing was sent');
  });

  it('media upload failures are retryable and create no post', async () => {
    const fake = await start();
    const image = await media!.png('a.png', 'alt');
    fake.inject('POST /rest/images', { kind: 'status', status: 503 });
    await publishError(publisher(fake).publish(preparedPost('linkedin', 'x', [image]), recordingHooks()), 'retryable');
    fake.inject('PUT /dms-uploads/:token', { kind: 'status', status: 500 });
    await publishError(publisher(fake).publish(preparedPost('linkedin', 'x', [image]), recordingHooks()), 'retryable');
    fake.inject('PUT /dms-uploads/:token', { kind: 'drop-before' });
    await publishError(publisher(fake).publish(preparedPost('linkedin', 'x', [image]), recordingHooks()), 'retryable');
    expect(fake.posts).toEqual([]);
    await publisher(fake).publish(preparedPost('linkedin', 'x', [image]), recordingHooks());
    expect(fake.posts).toHaveLength(1);
  });

  it('an image LinkedIn could not process is final', async () => {
    const fake = await start();
    fake.inject('GET /rest/images/:urn', { kind: 'status', status: 200, body: { id: 'urn:li:image:x', status: 'PROCESSING_FAILED' } });
    const error = await publishError(publisher(fake).publish(preparedPost('linkedin', 'x', [await media!.png('a.png', 'alt')]), recordingHooks()), 'final');
    expect(error.message).toContain('PROCESSING_FAILED');
    expect(fake.posts).toEqual([]);
  });

  it('other 4xx are final, with LinkedIn’s message', async () => {
    const fake = await start();
    const error = await publishError(publisher(fake).publish(preparedPost('linkedin', 'x'.repeat(3001)), recordingHooks()), 'final');
    expect(error.message).toContain('HTTP 422');
    expect(error.message).toContain('maximum length of 3000');
    expect(fake.posts).toEqual([]);
  });

  it('a sunset API version (426) is final and says to update plan', async () => {
    const fake = await start({ activeVersions: ['202401'] });
    const error = await publishError(publisher(fake).publish(preparedPost('linkedin', 'hello'), recordingHooks()), 'final');
    expect(error.message).toContain(`API version ${LINKEDIN_VERSION}`);
  });
});

describe('LinkedIn publisher: duplicates and settling', () => {
  it('422 DUPLICATE_POST: the post already on the page is returned, none is added', async () => {
    const fake = await start();
    const post = preparedPost('linkedin', 'Same text (again) #Health');
    const seeded = fake.seedPost({ commentary: toLittleText(post.text) });
    const result = await publisher(fake).publish(post, recordingHooks());
    expect(result).toEqual({ remoteId: seeded.id, url: `https://www.linkedin.com/feed/update/${seeded.id}/` });
    expect(fake.posts).toHaveLength(1);
    expect(fake.violations).toEqual([]);
  });

  it('DUPLICATE_POST when the finder cannot show it: published with the URN the error names', async () => {
    const fake = await start();
    const post = preparedPost('linkedin', 'Same text');
    const seeded = fake.seedPost({ commentary: toLittleText(post.text) });
    fake.inject('GET /rest/posts', { kind: 'status', status: 500 });
    const result = await publisher(fake).publish(post, recordingHooks());
    expect(result.remoteId).toBe(seeded.id);
    expect(fake.posts).toHaveLength(1);
  });

  it('DUPLICATE_POST naming no URN and not found on the page: ambiguous, for a person to check', async () => {
    const fake = await start();
    fake.inject('POST /rest/posts', {
      kind: 'status',
      status: 422,
      body: { status: 422, message: 'Duplicate post', errorDetails: { inputErrors: [{ description: 'Duplicate post is detected', input: {}, code: 'DUPLICATE_POST' }] } },
    });
    const error = await publishError(publisher(fake).publish(preparedPost('linkedin', 'hello'), recordingHooks()), 'ambiguous');
    expect(error.message).toContain('duplicate');
  });

  it('findExisting matches a post written in little text by someone else (hashtag element, escapes)', async () => {
    const fake = await start();
    for (let i = 0; i < 60; i++) fake.seedPost({ commentary: `Older post ${i}`, createdAt: Date.now() - 10_000_000 + i });
    const target = fake.seedPost({ commentary: 'Flu clinic \\(walk-ins\\) #FluSeason', createdAt: Date.now() - 20_000_000 });
    const found = await publisher(fake).findExisting(preparedPost('linkedin', 'Flu clinic (walk-ins) #FluSeason'));
    expect(found?.remoteId).toBe(target.id);
    expect(fake.requests.filter((r) => r.method === 'GET' && r.path === '/rest/posts').map((r) => r.query.get('start'))).toEqual(['0', '50']);
    expect(await publisher(fake).findExisting(preparedPost('linkedin', 'Never posted'))).toBeUndefined();
    expect(fake.violations).toEqual([]);
  });

  it('findExisting throws when the page cannot be read (so the outcome stays unknown)', async () => {
    const fake = await start();
    fake.inject('GET /rest/posts', { kind: 'status', status: 503 });
    await publishError(publisher(fake).findExisting(preparedPost('linkedin', 'x')), 'retryable');
  });

  it('little text round-trips through the fake’s parser for the texts above', () => {
    const text = 'A (b) [c] #Tag @ d_e';
    expect(parseLittle(toLittleText(text)).text).toBe(text);
    expect(fromLittleText(toLittleText(text))).toBe(text);
  });
});

describe('LinkedIn publisher: a 200 to the create call', () => {
  const started: FakeLinkedIn[] = [];
  afterEach(async () => {
    for (const fake of started.splice(0)) await fake.close();
  });
  const startWith = async (created: { status: 200 | 201; id: 'header' | 'body' | 'none' }) => {
    const fake = await startFakeLinkedIn({ token: TOKEN, organization: ORG, created });
    started.push(fake);
    return fake;
  };

  it('is a success when it names the post in x-restli-id', async () => {
    const fake = await startWith({ status: 200, id: 'header' });
    const result = await publisher(fake).publish(preparedPost('linkedin', 'Flu shots are here.'), recordingHooks());
    expect(result.remoteId).toBe(fake.posts[0]!.id);
    expect(fake.violations).toEqual([]);
  });

  it("is a success when it names the post in the body's id", async () => {
    const fake = await startWith({ status: 200, id: 'body' });
    const result = await publisher(fake).publish(preparedPost('linkedin', 'Flu shots are here.'), recordingHooks());
    expect(result.remoteId).toBe(fake.posts[0]!.id);
  });

  it('without the id, the page finder settles it: the post is found, not sent again', async () => {
    const fake = await startWith({ status: 200, id: 'none' });
    const result = await publisher(fake).publish(preparedPost('linkedin', 'Flu shots are here.'), recordingHooks());
    expect(fake.posts).toHaveLength(1);
    expect(result.remoteId).toBe(fake.posts[0]!.id);
    expect(postCalls(fake)).toHaveLength(1);
    expect(fake.violations).toEqual([]);
  });

  it('without the id and with a finder that cannot read the page, it is ambiguous, never a final failure', async () => {
    const fake = await startWith({ status: 200, id: 'none' });
    fake.inject('GET /rest/posts', { kind: 'status', status: 503 });
    const error = await publishError(publisher(fake).publish(preparedPost('linkedin', 'Flu shots are here.'), recordingHooks()), 'ambiguous');
    expect(error.message).toContain('HTTP 200');
    expect(error.message).toContain('the post may exist');
    expect(fake.posts).toHaveLength(1);
  });
});
