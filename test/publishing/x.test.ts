import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPublisher } from '../../src/publishing/x/publisher.js';
import * as linkedinModule from '../../src/publishing/linkedin/publisher.js';
import * as facebookModule from '../../src/publishing/facebook/publisher.js';
import * as instagramModule from '../../src/publishing/instagram/publisher.js';
import * as blueskyModule from '../../src/publishing/bluesky/publisher.js';
import * as mastodonModule from '../../src/publishing/mastodon/publisher.js';
import { HttpClient, type HttpRequest, type HttpResponse } from '../../src/http/client.js';
import type { Publisher } from '../../src/publishing/types.js';
import { startFakeX, type FakeX } from '../fakes/x.js';
import { closedPortUrl, preparedPost, publishError, recordingHooks, tempMedia, TINY_PNG, type TempMedia } from './media.js';

const CREDS = {
  apiKey: 'xk-7Qe2c0nsKy',
  apiSecret: 'xs-Lm9+/Zp-q8Wv3RkT',
  accessToken: '1600000000000000001-R4nd0mTqZ8',
  accessSecret: 'xa-Hq81vB-t6YpN2cD',
};
const SECRET_VALUES = Object.values(CREDS);
const ENV = {
  PLAN_X_API_KEY: CREDS.apiKey,
  PLAN_X_API_SECRET: CREDS.apiSecret,
  PLAN_X_ACCESS_TOKEN: CREDS.accessToken,
  PLAN_X_ACCESS_SECRET: CREDS.accessSecret,
};

let x: FakeX;
let media: TempMedia;

beforeEach(async () => {
  x = await startFakeX(CREDS);
  media = await tempMedia();
});
afterEach(async () => {
  await x.close();
  await media.cleanup();
});

const publisher = (options: { env?: NodeJS.ProcessEnv; http?: HttpClient; apiUrl?: string } = {}): Publisher =>
  createPublisher({
    account: { account: '@cedarvalleyhealth', api_url: options.apiUrl ?? x.url },
    env: options.env ?? ENV,
    http: options.http ?? new HttpClient({ secrets: SECRET_VALUES, timeoutMs: 5000 }),
  });

const tweetCalls = () => x.requests.filter((r) => r.method === 'POST' && r.path === '/2/tweets');

describe('X publisher: publishing', () => {
  it('creates one post, signed with OAuth 1.0a, and returns its id and URL', async () => {
    const hooks = recordingHooks();
    const result = await publisher().publish(preparedPost('x', 'Flu shots are here! Walk in Mon–Fri 8–5.'), hooks);
    expect(x.posts).toHaveLength(1);
    expect(x.posts[0]!.text).toBe('Flu shots are here! Walk in Mon–Fri 8–5.');
    expect(result).toEqual({ remoteId: x.posts[0]!.id, url: `https://x.com/i/web/status/${x.posts[0]!.id}` });
    expect(x.violations).toEqual([]); // the fake verified every signature, nonce and timestamp
    expect(tweetCalls()[0]!.headers.authorization).toMatch(/^OAuth .*oauth_signature_method="HMAC-SHA1"/);
  });

  it('uploads an image, sets its alt text, then attaches it', async () => {
    const image = await media.png('clinic.png', 'Nurse giving a flu shot to an adult in a clinic chair');
    const hooks = recordingHooks();
    await publisher().publish(preparedPost('x', 'Our flu clinic is open', [image]), hooks);
    expect(x.posts).toHaveLength(1);
    expect(x.posts[0]!.media).toEqual([{ id: x.posts[0]!.mediaIds[0], mediaType: 'image/png', altText: 'Nurse giving a flu shot to an adult in a clinic chair', bytes: TINY_PNG.length }]);
    expect([...x.media.values()][0]!.bytes.equals(TINY_PNG)).toBe(true);
    expect([...x.media.values()][0]).toMatchObject({ category: 'tweet_image', via: 'simple', finalized: true });
    expect(x.violations).toEqual([]);
    expect(hooks.lines).toContain('uploading image 1 of 1 (media/clinic.png) to X');
  });

  it('uploads several images in order, and an image without alt text gets none', async () => {
    const one = await media.png('one.png', 'First');
    const two = await media.png('two.png');
    await publisher().publish(preparedPost('x', 'Two pictures', [one, two]), recordingHooks());
    expect(x.posts[0]!.media.map((m) => m.altText)).toEqual(['First', undefined]);
    expect(x.requests.filter((r) => r.path === '/2/media/metadata')).toHaveLength(1);
    expect(x.violations).toEqual([]);
  });

  it('uploads a GIF through the chunked upload (initialize, append, finalize)', async () => {
    const file = path.join(media.dir, 'wave.gif');
    const gif = Buffer.concat([Buffer.from('GIF89a', 'latin1'), Buffer.alloc(40, 1)]);
    await writeFile(file, gif);
    await publisher().publish(preparedPost('x', 'A wave', [{ file: 'media/wave.gif', path: file, mimeType: 'image/gif', alt: 'A waving hand' }]), recordingHooks());
    expect([...x.media.values()][0]).toMatchObject({ category: 'tweet_gif', via: 'chunked', finalized: true, altText: 'A waving hand' });
    expect([...x.media.values()][0]!.bytes.equals(gif)).toBe(true);
    expect(x.posts).toHaveLength(1);
    expect(x.violations).toEqual([]);
  });

  it('a missing media file is final and creates nothing', async () => {
    const image = await media.png('gone.png');
    const error = await publishError(publisher().publish(preparedPost('x', 'Missing picture', [{ ...image, path: `${image.path}.nope` }]), recordingHooks()), 'final');
    expect(error.message).toContain('media/gone.png');
    expect(x.requests).toEqual([]);
  });
});

describe('X publisher: credentials', () => {
  it('names every variable and the missing ones, never a value, and calls nothing', async () => {
    const env = { PLAN_X_API_KEY: CREDS.apiKey, PLAN_X_ACCESS_TOKEN: CREDS.accessToken, PLAN_X_ACCESS_SECRET: ' ' };
    const error = await publishError(publisher({ env }).publish(preparedPost('x', 'hello'), recordingHooks()), 'credentials');
    expect(error.message).toBe(
      'X needs PLAN_X_API_KEY, PLAN_X_API_SECRET, PLAN_X_ACCESS_TOKEN and PLAN_X_ACCESS_SECRET (missing: PLAN_X_API_SECRET, PLAN_X_ACCESS_SECRET): add them as repository secrets',
    );
    await publishError(publisher({ env: {} }).findExisting(preparedPost('x', 'hello')), 'credentials');
    expect(x.requests).toEqual([]);
  });

  it('a 401 (wrong secret: the signature does not verify) is a credentials error', async () => {
    const error = await publishError(publisher({ env: { ...ENV, PLAN_X_ACCESS_SECRET: 'not-the-secret' } }).publish(preparedPost('x', 'hello'), recordingHooks()), 'credentials');
    expect(error.message).toContain('HTTP 401');
    expect(error.message).toContain('PLAN_X_ACCESS_SECRET');
    expect(error.message).not.toContain('not-the-secret');
    expect(x.posts).toEqual([]);
    expect(x.violations).toEqual([expect.stringContaining('bad oauth_signature')]);
  });

  it('after a 401 the publisher makes no more calls this run', async () => {
    const p = publisher({ env: { ...ENV, PLAN_X_API_KEY: 'unknown-key' } });
    await publishError(p.publish(preparedPost('x', 'one'), recordingHooks()), 'credentials');
    const calls = x.requests.length;
    await publishError(p.publish(preparedPost('x', 'two'), recordingHooks()), 'credentials');
    await publishError(p.findExisting(preparedPost('x', 'one')), 'credentials');
    expect(x.requests).toHaveLength(calls);
  });

  it("a 403 about the app's permissions is a credentials error", async () => {
    x.inject('POST /2/tweets', {
      kind: 'status',
      status: 403,
      body: { title: 'Forbidden', type: 'https://api.twitter.com/2/problems/oauth1-permissions', status: 403, detail: 'Your client app is not configured with the appropriate oauth1 app permissions for this endpoint.' },
    });
    await publishError(publisher().publish(preparedPost('x', 'hello'), recordingHooks()), 'credentials');
  });
});

describe('X publisher: failures', () => {
  it('503 on the create call is ambiguous (never retried blind)', async () => {
    x.inject('POST /2/tweets', { kind: 'status', status: 503, body: { title: 'Service Unavailable', detail: 'Service Unavailable', status: 503 } });
    const error = await publishError(publisher().publish(preparedPost('x', 'hello'), recordingHooks()), 'ambiguous');
    expect(error.message).toContain('503');
    expect(tweetCalls()).toHaveLength(1);
    expect(x.posts).toEqual([]);
  });

  it('503 on the media upload is retryable, and nothing is created', async () => {
    x.inject('POST /2/media/upload', { kind: 'status', status: 503 });
    await publishError(publisher().publish(preparedPost('x', 'pic', [await media.png('a.png', 'alt')]), recordingHooks()), 'retryable');
    expect(tweetCalls()).toEqual([]);
    expect(x.posts).toEqual([]);
  });

  it('503 on setting the alt text is retryable, and nothing is created', async () => {
    x.inject('POST /2/media/metadata', { kind: 'status', status: 503 });
    await publishError(publisher().publish(preparedPost('x', 'pic', [await media.png('a.png', 'alt')]), recordingHooks()), 'retryable');
    expect(x.posts).toEqual([]);
  });

  it('429 is rate-limited, waiting until x-rate-limit-reset', async () => {
    x.inject('POST /2/tweets', { kind: 'rate-limit', resetSeconds: 60 });
    const error = await publishError(publisher().publish(preparedPost('x', 'hello'), recordingHooks()), 'rate-limited');
    expect(error.waitMs).toBeGreaterThan(55_000);
    expect(error.waitMs).toBeLessThanOrEqual(62_000);
    expect(x.posts).toEqual([]);
  });

  it('429 from the 24-hour cap waits until that cap resets, not the 15-minute window', async () => {
    x.inject('POST /2/tweets', { kind: 'rate-limit', resetSeconds: 7200, scope: 'user-24h' });
    const error = await publishError(publisher().publish(preparedPost('x', 'hello'), recordingHooks()), 'rate-limited');
    expect(error.waitMs).toBeGreaterThan(7_190_000);
    expect(error.waitMs).toBeLessThanOrEqual(7_202_000);
  });

  it('429 on a media upload is rate-limited too', async () => {
    x.inject('POST /2/media/upload', { kind: 'rate-limit', resetSeconds: 30 });
    const error = await publishError(publisher().publish(preparedPost('x', 'pic', [await media.png('a.png')]), recordingHooks()), 'rate-limited');
    expect(error.waitMs).toBeGreaterThan(25_000);
  });

  it("another 4xx is final, with X's own explanation", async () => {
    x.inject('POST /2/tweets', {
      kind: 'status',
      status: 400,
      body: { errors: [{ parameters: { text: [] }, message: 'Text is not valid.' }], title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: 'https://api.twitter.com/2/problems/invalid-request' },
    });
    const error = await publishError(publisher().publish(preparedPost('x', 'hello'), recordingHooks()), 'final');
    expect(error.message).toBe('X refused creating the post (HTTP 400): Text is not valid.');
  });

  it('a final 4xx whose body echoes the request headers prints no secret', async () => {
    const sent: HttpRequest[] = [];
    // The gateway echoes everything it got; the HttpClient knows no secrets, so the publisher must scrub them itself.
    class EchoingHttp extends HttpClient {
      override async send(call: HttpRequest): Promise<HttpResponse> {
        if (!call.url.endsWith('/2/tweets')) return super.send(call);
        sent.push(call);
        const auth = call.headers?.authorization ?? '';
        const body = Buffer.from(
          JSON.stringify({
            title: 'Invalid Request',
            detail: `Bad request. Headers: ${JSON.stringify(call.headers)}`,
            errors: [
              { message: `Authorization ${auth} rejected` },
              { message: `signature ${/oauth_signature="([^"]+)"/.exec(auth)?.[1]} = ${decodeURIComponent(/oauth_signature="([^"]+)"/.exec(auth)?.[1] ?? '')}` },
              { message: `key ${CREDS.apiKey} token ${CREDS.accessToken} secrets ${CREDS.apiSecret} ${CREDS.accessSecret} ${encodeURIComponent(CREDS.apiSecret)}` },
            ],
          }),
        );
        return { status: 400, headers: {}, body, text: () => body.toString('utf8'), json: <T>() => JSON.parse(body.toString('utf8')) as T };
      }
    }
    const error = await publishError(publisher({ http: new EchoingHttp() }).publish(preparedPost('x', 'hello'), recordingHooks()), 'final');
    const auth = sent[0]!.headers!.authorization!;
    const signature = decodeURIComponent(/oauth_signature="([^"]+)"/.exec(auth)![1]!);
    for (const secret of [...SECRET_VALUES, encodeURIComponent(CREDS.apiSecret), signature, encodeURIComponent(signature), auth]) {
      expect(error.message).not.toContain(secret);
    }
    expect(error.message).toContain('HTTP 400');
    expect(error.message).toContain('[redacted]');
  });

  it('a final 4xx from the fake with the credentials in its body prints none of them', async () => {
    x.inject('POST /2/tweets', { kind: 'status', status: 400, body: { detail: `consumer ${CREDS.apiKey}, token ${CREDS.accessToken}, Authorization: OAuth oauth_token="${CREDS.accessToken}"` } });
    const error = await publishError(publisher({ http: new HttpClient() }).publish(preparedPost('x', 'hello'), recordingHooks()), 'final');
    for (const secret of SECRET_VALUES) expect(error.message).not.toContain(secret);
  });

  it('connection refused (nothing sent) is retryable', async () => {
    const error = await publishError(publisher({ apiUrl: await closedPortUrl() }).publish(preparedPost('x', 'hello'), recordingHooks()), 'retryable');
    expect(error.message).toContain('nothing was sent');
  });

  it('drop-before on a media upload is retryable, and nothing is created', async () => {
    x.inject('POST /2/media/upload', { kind: 'drop-before' });
    await publishError(publisher().publish(preparedPost('x', 'pic', [await media.png('a.png', 'alt')]), recordingHooks()), 'retryable');
    expect(tweetCalls()).toEqual([]);
    expect(x.posts).toEqual([]);
  });

  it('drop-before on the create call cannot be told from a lost answer: ambiguous, and findExisting finds nothing', async () => {
    x.inject('POST /2/tweets', { kind: 'drop-before' });
    const post = preparedPost('x', 'Never arrived');
    const p = publisher();
    await publishError(p.publish(post, recordingHooks()), 'ambiguous');
    expect(x.posts).toEqual([]);
    expect(await p.findExisting(post)).toBeUndefined();
    expect(x.violations).toEqual([]);
  });
});

describe('X publisher: settling an unknown outcome', () => {
  const TEXT = 'Flu shots & boosters <today>: https://cedarvalleyhealth.com/flu?src=x  walk in!\nSee cedarvalleyhealth.com/hours';

  it('drop-after-create is ambiguous; findExisting then finds the post through t.co links and HTML escapes', async () => {
    x.inject('POST /2/tweets', { kind: 'drop-after-create' });
    const post = preparedPost('x', TEXT, [await media.png('flu.png', 'A flu shot')]);
    await publishError(publisher().publish(post, recordingHooks()), 'ambiguous');
    expect(x.posts).toHaveLength(1);
    expect(x.posts[0]!.storedText).not.toBe(TEXT); // t.co links, &amp; &lt; &gt;, trailing media link

    const found = await publisher().findExisting(post);
    expect(found).toEqual({ remoteId: x.posts[0]!.id, url: `https://x.com/i/web/status/${x.posts[0]!.id}` });
    expect(tweetCalls()).toHaveLength(1);
    expect(x.violations).toEqual([]);
  });

  it('findExisting ignores other posts and finds nothing when the text is not there', async () => {
    x.seedPost('Something else entirely');
    x.seedPost(`${TEXT} (edited)`);
    expect(await publisher().findExisting(preparedPost('x', TEXT))).toBeUndefined();
    const seeded = x.seedPost(TEXT);
    expect(await publisher().findExisting(preparedPost('x', TEXT))).toEqual({ remoteId: seeded.id, url: `https://x.com/i/web/status/${seeded.id}` });
    expect(x.violations).toEqual([]);
  });

  it('a 403 duplicate is settled at once: the post already there is the result', async () => {
    const earlier = x.seedPost(TEXT);
    const result = await publisher().publish(preparedPost('x', TEXT), recordingHooks());
    expect(result.remoteId).toBe(earlier.id);
    expect(x.posts).toHaveLength(1);
    expect(x.violations).toEqual([]);
  });

  it('a 403 duplicate of a post older than the recent ones read is final', async () => {
    x.seedPost('Same words as long ago');
    for (let i = 0; i < 200; i++) x.seedPost(`newer post ${i}`);
    const error = await publishError(publisher().publish(preparedPost('x', 'Same words as long ago'), recordingHooks()), 'final');
    expect(error.message).toContain('duplicate');
    expect(x.posts).toHaveLength(201);
    expect(x.violations).toEqual([]);
  });

  it('findExisting reads a second page of the timeline', async () => {
    const target = x.seedPost('Older post, on page two');
    for (let i = 0; i < 150; i++) x.seedPost(`filler ${i}`);
    expect((await publisher().findExisting(preparedPost('x', 'Older post, on page two')))?.remoteId).toBe(target.id);
    expect(x.requests.filter((r) => r.path.endsWith('/tweets') && r.method === 'GET')).toHaveLength(2);
    expect(x.violations).toEqual([]);
  });

  it('findExisting: 429 on the timeline is rate-limited, 503 retryable', async () => {
    x.inject('GET /2/users/:id/tweets', { kind: 'rate-limit', resetSeconds: 900 });
    const limited = await publishError(publisher().findExisting(preparedPost('x', TEXT)), 'rate-limited');
    expect(limited.waitMs).toBeGreaterThan(890_000);
    x.inject('GET /2/users/me', { kind: 'status', status: 503 });
    await publishError(publisher().findExisting(preparedPost('x', TEXT)), 'retryable');
  });
});

describe('every publisher: the endpoint check before any call', () => {
  // The same check for all six networks (base.ts): shown once here, network by network.
  const ACCOUNTS = {
    x: { account: '@cedarvalleyhealth' },
    linkedin: { organization: 'urn:li:organization:5590506' },
    facebook: { page_id: '104857600000000' },
    instagram: { user_id: '17841400000000000' },
    bluesky: { handle: 'cedarvalleyhealth.bsky.social', service: 'https://bsky.social' },
    mastodon: { instance: 'https://mastodon.social' },
  } as const;
  const CREDENTIALS = { ...ENV, PLAN_LINKEDIN_TOKEN: 'Lk4Vb8YnQ2', PLAN_FACEBOOK_PAGE_TOKEN: 'EAAJt3Hs8Qm', PLAN_INSTAGRAM_TOKEN: 'IGQVJm5Rk2Wd', PLAN_BLUESKY_APP_PASSWORD: 'k7qd-2mzx-r4tw-y9pb', PLAN_MASTODON_TOKEN: 'Mt0Hv6Nc3Lr' };

  /** An HttpClient that records what would have been sent, and answers 400. */
  class RecordingHttp extends HttpClient {
    readonly urls: string[] = [];
    override async send(call: HttpRequest): Promise<HttpResponse> {
      this.urls.push(call.url);
      const body = Buffer.from('{}');
      return { status: 400, headers: {}, body, text: () => '{}', json: <T>() => ({}) as T };
    }
  }

  for (const network of Object.keys(ACCOUNTS) as (keyof typeof ACCOUNTS)[]) {
    const create = { x: createPublisher, linkedin: linkedinModule.createPublisher, facebook: facebookModule.createPublisher, instagram: instagramModule.createPublisher, bluesky: blueskyModule.createPublisher, mastodon: mastodonModule.createPublisher }[network];
    const open = async (apiUrl: string, env: NodeJS.ProcessEnv, http: HttpClient) => create({ account: { ...ACCOUNTS[network], api_url: apiUrl } as never, env, http });

    it(`${network}: refuses plain http to another machine and an unlisted https host, sending nothing; allows the host PLAN_ALLOW_API_HOSTS lists`, async () => {
      const http = new RecordingHttp();
      const plain = await publishError(open('http://gateway.example.org', CREDENTIALS, http), 'credentials');
      expect(plain.message).toContain(`plans/networks.yaml, ${network}.api_url`);
      expect(plain.message).toContain('http://gateway.example.org is not encrypted');
      if (network !== 'bluesky') {
        const unlisted = await publishError(open('https://gateway.example.org', CREDENTIALS, http), 'credentials');
        expect(unlisted.message).toContain('gateway.example.org is not');
        expect(unlisted.message).toContain('PLAN_ALLOW_API_HOSTS=gateway.example.org');
      }
      expect(http.urls).toEqual([]);

      const allowed = await open('https://gateway.example.org', { ...CREDENTIALS, PLAN_ALLOW_API_HOSTS: 'other.example.net, gateway.example.org' }, http);
      // Instagram takes no post without an image; it fetches the image itself, so none is read here.
      const media = network === 'instagram' ? [{ file: 'media/flu.jpg', path: '/nonexistent/flu.jpg', url: 'https://cedarvalleyhealth.com/social/flu.jpg', mimeType: 'image/jpeg' }] : [];
      await allowed.publish(preparedPost(network, 'hello', media, 'endpoint-post'), recordingHooks()).catch(() => undefined);
      expect(http.urls.length).toBeGreaterThan(0);
      expect(http.urls.every((url) => url.startsWith('https://gateway.example.org/'))).toBe(true);
    });
  }
});
