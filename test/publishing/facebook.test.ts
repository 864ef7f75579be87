import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPublisher } from '../../src/publishing/facebook/publisher.js';
import { rateLimitWaitMs, DEFAULT_RATE_LIMIT_WAIT_MS } from '../../src/publishing/graph.js';
import { HttpClient } from '../../src/http/client.js';
import { startFakeFacebook, type FakeFacebook } from '../fakes/facebook.js';
import type { StaticServer } from '../fakes/graph.js';
import { image, preparedPost, recordingHooks, rejection, startMediaServer } from './graph-media.js';
import { CallError } from '../../src/http/errors.js';
import { type PreparedPost } from '../../src/networks/prepare.js';

const PAGE = '104857600000000';
const TOKEN = 'EAAGm7c1d9eQx4Zr2Vt8';
const FEED = 'POST /v26.0/:pageId/feed';
const PHOTOS = 'POST /v26.0/:pageId/photos';

let fb: FakeFacebook;
let media: StaticServer;

beforeEach(async () => {
  fb = await startFakeFacebook({ pageId: PAGE, pageToken: TOKEN });
  media = await startMediaServer();
});

afterEach(async () => {
  await fb.close();
  await media.close();
});

function publisher(env: NodeJS.ProcessEnv = { PLAN_FACEBOOK_PAGE_TOKEN: TOKEN }, http = new HttpClient({ secrets: [TOKEN], timeoutMs: 5000 })) {
  return createPublisher({ account: { page_id: PAGE, api_url: fb.url }, env, http });
}

const textPost = (text = 'Flu shots are here! Walk in Mon–Fri 8–5.\n\nhttps://cedarvalleyhealth.com/flu'): PreparedPost =>
  preparedPost('facebook', { text, link: 'https://cedarvalleyhealth.com/flu' });
const onePhoto = (): PreparedPost => preparedPost('facebook', { text: 'Our flu clinic is open.', media: [image(media, 'flu-clinic.jpg', 'Nurse giving a flu shot to an adult in a clinic chair')] });
const twoPhotos = (): PreparedPost =>
  preparedPost('facebook', {
    text: 'Two views of the new clinic.',
    media: [image(media, 'flu-clinic.jpg', 'Clinic waiting room with chairs'), image(media, 'nurse.jpg', 'A nurse at the front desk, smiling')],
  });

async function failure(promise: Promise<unknown>): Promise<CallError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(CallError);
  return error as CallError;
}

/** Every request carried the token in the Authorization header only, never in a URL. */
function expectTokenOnlyInHeader(): void {
  expect(fb.requests.length).toBeGreaterThan(0);
  for (const r of fb.requests) {
    expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(r.query.has('access_token')).toBe(false);
    expect(r.body.toString('utf8')).not.toContain(TOKEN);
  }
}

describe('facebook publisher: posts', () => {
  it('publishes a text post with its link through /feed', async () => {
    const hooks = recordingHooks();
    const post = textPost();
    const result = await publisher().publish(post, hooks);
    expect(fb.posts).toHaveLength(1);
    const [created] = fb.posts;
    expect(created).toMatchObject({ message: post.text, link: 'https://cedarvalleyhealth.com/flu', via: 'feed', published: true });
    expect(result).toEqual({ remoteId: created!.id, url: `https://www.facebook.com/${created!.id}` });
    expect(fb.violations).toEqual([]);
    expectTokenOnlyInHeader();
    expect(hooks.checkpoints).toEqual([]);
  });

  it('publishes one photo through /photos by its URL, with caption and alt text', async () => {
    const post = onePhoto();
    const result = await publisher().publish(post, recordingHooks());
    expect(fb.posts).toHaveLength(1);
    const [created] = fb.posts;
    expect(created).toMatchObject({ message: 'Our flu clinic is open.', via: 'photos' });
    expect(created!.photos).toHaveLength(1);
    expect(created!.photos[0]).toMatchObject({ url: post.media[0]!.url, altText: 'Nurse giving a flu shot to an adult in a clinic chair', published: true });
    expect(result.remoteId).toBe(created!.id);
    expect(media.hits.map((h) => h.path)).toEqual(['/2026/flu-clinic.jpg']);
    expect(fb.violations).toEqual([]);
    expectTokenOnlyInHeader();
  });

  it('publishes several photos: unpublished uploads, then one feed post attaching them', async () => {
    const hooks = recordingHooks();
    const result = await publisher().publish(twoPhotos(), hooks);
    expect(fb.posts).toHaveLength(1);
    const [created] = fb.posts;
    expect(created).toMatchObject({ message: 'Two views of the new clinic.', via: 'feed' });
    expect(created!.photos.map((p) => p.altText)).toEqual(['Clinic waiting room with chairs', 'A nurse at the front desk, smiling']);
    expect(fb.photos).toHaveLength(2);
    expect(fb.photos.every((p) => p.postId === created!.id)).toBe(true);
    expect(result).toEqual({ remoteId: created!.id, url: `https://www.facebook.com/${created!.id}` });
    expect(hooks.lines).toContain('facebook: uploading photo 2 of 2');
    expect(fb.violations).toEqual([]);
    expectTokenOnlyInHeader();
  });

  it('refuses an image without a public URL before calling Facebook', async () => {
    const post = onePhoto();
    const { url: _url, ...withoutUrl } = post.media[0]!;
    const error = await failure(publisher().publish({ ...post, media: [withoutUrl] }, recordingHooks()));
    expect(error.kind).toBe('final');
    expect(error.message).toMatch(/media_base_url/);
    expect(fb.requests).toHaveLength(0);
  });
});

describe('facebook publisher: credentials', () => {
  it('names the missing variable, never a value', () => {
    let thrown: unknown;
    try {
      publisher({ PLAN_X_ACCESS_TOKEN: 'unrelated-secret' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CallError);
    expect((thrown as CallError).kind).toBe('credentials');
    expect((thrown as CallError).message).toMatch(/PLAN_FACEBOOK_PAGE_TOKEN/);
    expect((thrown as CallError).message).not.toMatch(/unrelated-secret/);
  });

  it('a token Facebook rejects (190) stops the network: credentials', async () => {
    const wrong = 'EAAG-wrong-token-0000';
    const error = await failure(publisher({ PLAN_FACEBOOK_PAGE_TOKEN: wrong }, new HttpClient()).publish(textPost(), recordingHooks()));
    expect(error.kind).toBe('credentials');
    expect(error.message).toMatch(/PLAN_FACEBOOK_PAGE_TOKEN/);
    expect(error.message).toMatch(/code 190/);
    expect(error.message).not.toContain(wrong);
    expect(fb.posts).toHaveLength(0);
    expect(fb.violations).toEqual([expect.stringMatching(/wrong access token$/)]); // the fake notes the bad token itself
  });

  it('a permission error (#200) is about the token too: credentials', async () => {
    fb.inject(FEED, { kind: 'status', status: 403, body: { error: { message: '(#200) The user hasn’t authorized the application to perform this action', type: 'OAuthException', code: 200 } } });
    const error = await failure(publisher().publish(textPost(), recordingHooks()));
    expect(error.kind).toBe('credentials');
    expect(error.message).toMatch(/\(#200\)/);
  });
});

describe('facebook publisher: faults', () => {
  it('503 on the create: ambiguous (never retried blind), nothing was created', async () => {
    fb.inject(FEED, { kind: 'status', status: 503, body: { error: { message: 'Service temporarily unavailable', type: 'OAuthException', code: 2, is_transient: true } } });
    const error = await failure(publisher().publish(textPost(), recordingHooks()));
    expect(error.kind).toBe('ambiguous');
    expect(error.message).toMatch(/Service temporarily unavailable/);
    expect(fb.posts).toHaveLength(0);
    expect(fb.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(await publisher().findExisting(textPost())).toBeUndefined();
  });

  it('503 on an unpublished photo upload: retryable, nothing on the Page', async () => {
    fb.inject(PHOTOS, { kind: 'status', status: 503 });
    const error = await failure(publisher().publish(twoPhotos(), recordingHooks()));
    expect(error.kind).toBe('retryable');
    expect(fb.posts).toHaveLength(0);
    expect(fb.requests.filter((r) => r.path.endsWith('/feed'))).toHaveLength(0);
  });

  it('rate limit (HTTP 400, code 80001): rate-limited, waiting what X-Business-Use-Case-Usage says', async () => {
    fb.inject(FEED, { kind: 'rate-limit', resetSeconds: 90 });
    const error = await failure(publisher().publish(textPost(), recordingHooks()));
    expect(error.kind).toBe('rate-limited');
    expect(error.waitMs).toBe(2 * 60_000); // estimated_time_to_regain_access: 2 (minutes)
    expect(error.message).toMatch(/80001/);
    expect(fb.posts).toHaveLength(0);
  });

  it('rate limit on a photo upload is rate-limited too', async () => {
    fb.inject(PHOTOS, { kind: 'rate-limit', resetSeconds: 600 });
    const error = await failure(publisher().publish(onePhoto(), recordingHooks()));
    expect(error.kind).toBe('rate-limited');
    expect(error.waitMs).toBe(10 * 60_000);
  });

  it.each([4, 17, 32, 613])('rate limit with code %i: rate-limited, with the headers’ wait or the default one', async (code) => {
    const other = await startFakeFacebook({ pageId: PAGE, pageToken: TOKEN, rateLimitCode: code });
    try {
      other.inject(FEED, { kind: 'rate-limit', resetSeconds: 120 });
      const p = createPublisher({ account: { page_id: PAGE, api_url: other.url }, env: { PLAN_FACEBOOK_PAGE_TOKEN: TOKEN }, http: new HttpClient() });
      const error = await failure(p.publish(textPost(), recordingHooks()));
      expect(error.kind).toBe('rate-limited');
      // 32 and 613 carry X-Business-Use-Case-Usage in the fake; 4 and 17 only X-App-Usage.
      expect(error.waitMs).toBe(code === 4 || code === 17 ? DEFAULT_RATE_LIMIT_WAIT_MS : 2 * 60_000);
      expect(other.posts).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it('a final 4xx: final with Graph’s message, and no token even when the body echoes the request', async () => {
    fb.inject(FEED, {
      kind: 'status',
      status: 400,
      body: {
        error: {
          message: `(#100) Invalid parameter. Request was: POST /v26.0/${PAGE}/feed Authorization: Bearer ${TOKEN} access_token=${TOKEN}`,
          type: 'OAuthException',
          code: 100,
          error_user_msg: `echo ${TOKEN}`,
          fbtrace_id: 'AbCdEf12345',
        },
      },
    });
    // An HttpClient that knows no secrets: the publisher removes its own token anyway.
    const error = await failure(publisher(undefined, new HttpClient()).publish(textPost(), recordingHooks()));
    expect(error.kind).toBe('final');
    expect(error.message).toMatch(/\(#100\) Invalid parameter/);
    expect(error.message).toMatch(/code 100/);
    expect(error.message).not.toContain(TOKEN);
    expect(error.message).toContain('[redacted]');
    expect(fb.posts).toHaveLength(0);
  });

  it('a final 4xx that is not JSON still never shows the token', async () => {
    fb.inject(FEED, { kind: 'status', status: 404, body: `<html>no route for Authorization: Bearer ${TOKEN}</html>` });
    const error = await failure(publisher().publish(textPost(), recordingHooks()));
    expect(error.kind).toBe('final');
    expect(error.message).toMatch(/HTTP 404/);
    expect(error.message).not.toContain(TOKEN);
  });

  it('an image Facebook cannot fetch (#324) is final', async () => {
    const post = onePhoto();
    const broken = { ...post, media: [{ ...post.media[0]!, url: `${media.url}2026/missing.jpg` }] };
    const error = await failure(publisher().publish(broken, recordingHooks()));
    expect(error.kind).toBe('final');
    expect(error.message).toMatch(/\(#324\)/);
    expect(fb.posts).toHaveLength(0);
    expect(fb.violations).toEqual([]);
  });

  it('drop-after-create on the feed post: ambiguous; findExisting then finds the post', async () => {
    fb.inject(FEED, { kind: 'drop-after-create' });
    const post = textPost();
    const error = await failure(publisher().publish(post, recordingHooks()));
    expect(error.kind).toBe('ambiguous');
    expect(error.message).not.toContain(TOKEN);
    expect(fb.posts).toHaveLength(1);
    const found = await publisher().findExisting(post);
    expect(found).toEqual({ remoteId: fb.posts[0]!.id, url: `https://www.facebook.com/${fb.posts[0]!.id}` });
    expect(fb.posts).toHaveLength(1);
    expect(fb.violations).toEqual([]);
  });

  it('drop-after-create on a one-photo post: ambiguous; findExisting finds it by its caption', async () => {
    fb.inject(PHOTOS, { kind: 'drop-after-create' });
    const post = onePhoto();
    expect((await failure(publisher().publish(post, recordingHooks()))).kind).toBe('ambiguous');
    expect(fb.posts).toHaveLength(1);
    expect((await publisher().findExisting(post))?.remoteId).toBe(fb.posts[0]!.id);
  });

  it('drop-after-create on the multi-photo feed post: ambiguous; findExisting finds it', async () => {
    fb.inject(FEED, { kind: 'drop-after-create' });
    const post = twoPhotos();
    expect((await failure(publisher().publish(post, recordingHooks()))).kind).toBe('ambiguous');
    expect(fb.posts).toHaveLength(1);
    expect((await publisher().findExisting(post))?.remoteId).toBe(fb.posts[0]!.id);
    expect(fb.violations).toEqual([]);
  });

  it('drop-before on a photo upload: retryable, nothing created; a second attempt publishes once', async () => {
    fb.inject(PHOTOS, { kind: 'drop-before' });
    const post = twoPhotos();
    const error = await failure(publisher().publish(post, recordingHooks()));
    expect(error.kind).toBe('retryable');
    expect(fb.posts).toHaveLength(0);
    expect(fb.photos).toHaveLength(0);
    await publisher().publish(post, recordingHooks());
    expect(fb.posts).toHaveLength(1);
    expect(fb.violations).toEqual([]);
  });

  it('drop-before on the create itself cannot be told from a lost answer: ambiguous, and findExisting finds nothing', async () => {
    fb.inject(FEED, { kind: 'drop-before' });
    const post = textPost();
    expect((await failure(publisher().publish(post, recordingHooks()))).kind).toBe('ambiguous');
    expect(fb.posts).toHaveLength(0);
    expect(await publisher().findExisting(post)).toBeUndefined();
  });

  it('a refused connection (nothing sent) is retryable', async () => {
    const closed = await startFakeFacebook({ pageId: PAGE, pageToken: TOKEN });
    const url = closed.url;
    await closed.close();
    const p = createPublisher({ account: { page_id: PAGE, api_url: url }, env: { PLAN_FACEBOOK_PAGE_TOKEN: TOKEN }, http: new HttpClient() });
    const error = await failure(p.publish(textPost(), recordingHooks()));
    expect(error.kind).toBe('retryable');
  });
});

describe('facebook publisher: findExisting', () => {
  it('matches the text among the Page’s recent posts, past the first page', async () => {
    const post = textPost('Flu shots are here!\r\nWalk in any weekday. ');
    fb.seedPost({ message: 'Flu shots are here!\nWalk in any weekday.', createdTime: new Date(Date.now() - 3_600_000) });
    for (let i = 0; i < 60; i++) fb.seedPost({ message: `Tip #${i}: wash your hands`, createdTime: new Date(Date.now() - 60_000 + i) });
    const found = await publisher().findExisting(post);
    const target = fb.posts.find((p) => p.message === 'Flu shots are here!\nWalk in any weekday.')!;
    expect(found).toEqual({ remoteId: target.id, url: `https://www.facebook.com/${target.id}` });
    expect(fb.requests.filter((r) => r.path.endsWith('/published_posts'))).toHaveLength(2);
    expect(fb.violations).toEqual([]);
  });

  it('finds nothing for a text that is not there', async () => {
    fb.seedPost({ message: 'Something else' });
    expect(await publisher().findExisting(textPost())).toBeUndefined();
    expect(fb.violations).toEqual([]);
  });

  it('a rate-limited lookup throws rate-limited (the caller keeps the outcome unknown)', async () => {
    fb.inject('GET /v26.0/:pageId/published_posts', { kind: 'rate-limit', resetSeconds: 60 });
    const error = await failure(publisher().findExisting(textPost()));
    expect(error.kind).toBe('rate-limited');
    expect(error.waitMs).toBe(60_000);
  });
});

describe('graph rate-limit headers', () => {
  it('reads the longest estimated_time_to_regain_access (minutes), Retry-After, or nothing', () => {
    expect(rateLimitWaitMs({ 'x-business-use-case-usage': JSON.stringify({ '1': [{ type: 'pages', estimated_time_to_regain_access: 3 }, { type: 'pages', estimated_time_to_regain_access: 7 }] }) })).toBe(7 * 60_000);
    expect(rateLimitWaitMs({ 'x-app-usage': JSON.stringify({ call_count: 100 }) })).toBeUndefined();
    expect(rateLimitWaitMs({ 'retry-after': '120' })).toBe(120_000);
    expect(rateLimitWaitMs({ 'x-business-use-case-usage': JSON.stringify({ '1': [{ estimated_time_to_regain_access: 0 }] }) })).toBe(60_000);
    expect(rateLimitWaitMs({ 'x-business-use-case-usage': 'not json' })).toBeUndefined();
  });
});
