import { afterEach, describe, expect, it } from 'vitest';
import { createPublisher, htmlToText } from '../../src/publishing/mastodon/publisher.js';
import { HttpClient } from '../../src/http/client.js';
import type { Publisher } from '../../src/publishing/types.js';
import { startFakeMastodon, type FakeMastodon, type FakeMastodonOptions } from '../fakes/mastodon.js';
import { closedPortUrl, preparedPost, publishError, recordingHooks, tempMedia, TINY_PNG, type TempMedia } from './media.js';

const TOKEN = 'md-token-Z8kq1pW3vX';
const ENV = { PLAN_MASTODON_TOKEN: TOKEN };

let m: FakeMastodon | undefined;
let media: TempMedia | undefined;

const start = async (options: Partial<FakeMastodonOptions> = {}): Promise<FakeMastodon> => {
  m = await startFakeMastodon({ token: TOKEN, ...options });
  media = await tempMedia();
  return m;
};
afterEach(async () => {
  await m?.close();
  await media?.cleanup();
  m = undefined;
  media = undefined;
});

const publisher = (fake: FakeMastodon, options: { env?: NodeJS.ProcessEnv; http?: HttpClient; apiUrl?: string } = {}): Publisher =>
  createPublisher({
    account: { instance: 'https://mastodon.example', api_url: options.apiUrl ?? fake.url },
    env: options.env ?? ENV,
    http: options.http ?? new HttpClient({ secrets: [TOKEN], timeoutMs: 5000 }),
  });

const statusCalls = (fake: FakeMastodon) => fake.requests.filter((r) => r.method === 'POST' && r.path === '/api/v1/statuses');

describe('Mastodon publisher: publishing', () => {
  it('creates one public status with the Idempotency-Key and returns its id and URL', async () => {
    const fake = await start();
    const post = preparedPost('mastodon', 'Flu shots are here!\n\nWalk in Mon–Fri 8–5. https://cedarvalleyhealth.com/flu');
    const result = await publisher(fake).publish(post, recordingHooks());
    expect(fake.posts).toHaveLength(1);
    expect(fake.posts[0]).toMatchObject({ text: post.text, visibility: 'public', idempotencyKey: post.idempotencyKey, mediaIds: [] });
    expect(result).toEqual({ remoteId: fake.posts[0]!.id, url: `${fake.url}/@cedarvalleyhealth/${fake.posts[0]!.id}` });
    expect(statusCalls(fake)[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(fake.violations).toEqual([]);
  });

  it('uploads an image with its alt text as the description, then attaches it', async () => {
    const fake = await start();
    const image = await media!.png('clinic.png', 'Nurse giving a flu shot to an adult in a clinic chair');
    const hooks = recordingHooks();
    await publisher(fake).publish(preparedPost('mastodon', 'Our flu clinic is open', [image]), hooks);
    expect(fake.posts).toHaveLength(1);
    expect(fake.posts[0]!.media).toEqual([{ id: fake.posts[0]!.mediaIds[0], description: 'Nurse giving a flu shot to an adult in a clinic chair', bytes: TINY_PNG.length, mediaType: 'image/png' }]);
    expect(fake.violations).toEqual([]);
    expect(hooks.lines).toContain('uploading image 1 of 1 (media/clinic.png) to Mastodon');
  });

  it('waits for media processed asynchronously (202, then 206 while processing) before attaching it', async () => {
    const fake = await start({ mediaProcessing: 'async', asyncPolls: 2 });
    await publisher(fake).publish(preparedPost('mastodon', 'Pictures', [await media!.png('a.png', 'first'), await media!.png('b.png', 'second')]), recordingHooks());
    expect(fake.posts).toHaveLength(1);
    expect(fake.posts[0]!.media.map((x) => x.description)).toEqual(['first', 'second']);
    expect(fake.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/v1/media/'))).toHaveLength(6);
    expect(fake.violations).toEqual([]);
  });
});

describe('Mastodon publisher: credentials', () => {
  it('a missing token is a credentials error naming the variable, and nothing is called', async () => {
    const fake = await start();
    const error = await publishError(publisher(fake, { env: {} }).publish(preparedPost('mastodon', 'hello'), recordingHooks()), 'credentials');
    expect(error.message).toBe('Mastodon needs PLAN_MASTODON_TOKEN (missing: PLAN_MASTODON_TOKEN): add it as a repository secret');
    await publishError(publisher(fake, { env: { PLAN_MASTODON_TOKEN: '' } }).findExisting(preparedPost('mastodon', 'hello')), 'credentials');
    expect(fake.requests).toEqual([]);
  });

  it('a rejected token (401) is a credentials error that does not print it', async () => {
    const fake = await start();
    const error = await publishError(publisher(fake, { env: { PLAN_MASTODON_TOKEN: 'wrong-token-value' } }).publish(preparedPost('mastodon', 'hello'), recordingHooks()), 'credentials');
    expect(error.message).toContain('HTTP 401');
    expect(error.message).toContain('PLAN_MASTODON_TOKEN');
    expect(error.message).not.toContain('wrong-token-value');
    expect(fake.posts).toEqual([]);
  });

  it('after a 401 the publisher makes no more calls this run', async () => {
    const fake = await start();
    const p = publisher(fake, { env: { PLAN_MASTODON_TOKEN: 'wrong-token-value' } });
    await publishError(p.publish(preparedPost('mastodon', 'one'), recordingHooks()), 'credentials');
    const calls = fake.requests.length;
    await publishError(p.publish(preparedPost('mastodon', 'two'), recordingHooks()), 'credentials');
    await publishError(p.findExisting(preparedPost('mastodon', 'one')), 'credentials');
    expect(fake.requests).toHaveLength(calls);
  });
});

describe('Mastodon publisher: failures', () => {
  it('one 503 on the create call is repeated with the same Idempotency-Key: one status', async () => {
    const fake = await start();
    fake.inject('POST /api/v1/statuses', { kind: 'status', status: 503 });
    const post = preparedPost('mastodon', 'hello');
    const result = await publisher(fake).publish(post, recordingHooks());
    expect(fake.posts).toHaveLength(1);
    expect(result.remoteId).toBe(fake.posts[0]!.id);
    expect(statusCalls(fake).map((r) => r.headers['idempotency-key'])).toEqual([post.idempotencyKey, post.idempotencyKey]);
    expect(fake.violations).toEqual([]);
  });

  it('one drop-after-create: the repeat with the same key gets the status already made, not a second one', async () => {
    const fake = await start();
    fake.inject('POST /api/v1/statuses', { kind: 'drop-after-create' });
    const result = await publisher(fake).publish(preparedPost('mastodon', 'hello'), recordingHooks());
    expect(fake.posts).toHaveLength(1);
    expect(result.remoteId).toBe(fake.posts[0]!.id);
    expect(statusCalls(fake)).toHaveLength(2);
    expect(fake.violations).toEqual([]);
  });

  it('one drop-before on the create call: the repeat creates it, once', async () => {
    const fake = await start();
    fake.inject('POST /api/v1/statuses', { kind: 'drop-before' });
    await publisher(fake).publish(preparedPost('mastodon', 'hello'), recordingHooks());
    expect(fake.posts).toHaveLength(1);
  });

  it('503 twice is ambiguous, nothing was created, and findExisting finds nothing', async () => {
    const fake = await start();
    fake.inject('POST /api/v1/statuses', { kind: 'status', status: 503 }, 2);
    const post = preparedPost('mastodon', 'hello');
    const error = await publishError(publisher(fake).publish(post, recordingHooks()), 'ambiguous');
    expect(error.message).toContain('503');
    expect(fake.posts).toEqual([]);
    expect(await publisher(fake).findExisting(post)).toBeUndefined();
    expect(statusCalls(fake)).toHaveLength(2);
  });

  it('a 503 and then a 429 stays ambiguous (the first call may have made it)', async () => {
    const fake = await start();
    fake.inject('POST /api/v1/statuses', { kind: 'status', status: 503 });
    fake.inject('POST /api/v1/statuses', { kind: 'rate-limit', resetSeconds: 60 });
    await publishError(publisher(fake).publish(preparedPost('mastodon', 'hello'), recordingHooks()), 'ambiguous');
  });

  it('503 on the media upload is retryable, and nothing is created', async () => {
    const fake = await start();
    fake.inject('POST /api/v2/media', { kind: 'status', status: 503 });
    await publishError(publisher(fake).publish(preparedPost('mastodon', 'pic', [await media!.png('a.png', 'alt')]), recordingHooks()), 'retryable');
    expect(statusCalls(fake)).toEqual([]);
    expect(fake.posts).toEqual([]);
  });

  it('drop-before on the media upload is retryable, and nothing is created', async () => {
    const fake = await start();
    fake.inject('POST /api/v2/media', { kind: 'drop-before' });
    await publishError(publisher(fake).publish(preparedPost('mastodon', 'pic', [await media!.png('a.png', 'alt')]), recordingHooks()), 'retryable');
    expect(fake.media.size).toBe(0);
    expect(fake.posts).toEqual([]);
  });

  it('connection refused (nothing sent) is retryable', async () => {
    const fake = await start();
    await publishError(publisher(fake, { apiUrl: await closedPortUrl() }).publish(preparedPost('mastodon', 'hello'), recordingHooks()), 'retryable');
  });

  it('429 is rate-limited, waiting until X-RateLimit-Reset', async () => {
    const fake = await start();
    fake.inject('POST /api/v1/statuses', { kind: 'rate-limit', resetSeconds: 120 });
    const error = await publishError(publisher(fake).publish(preparedPost('mastodon', 'hello'), recordingHooks()), 'rate-limited');
    expect(error.waitMs).toBeGreaterThan(115_000);
    expect(error.waitMs).toBeLessThanOrEqual(122_000);
    expect(fake.posts).toEqual([]);
  });

  it('429 on a media upload is rate-limited', async () => {
    const fake = await start();
    fake.inject('POST /api/v2/media', { kind: 'rate-limit', resetSeconds: 30, scope: 'media' });
    const error = await publishError(publisher(fake).publish(preparedPost('mastodon', 'pic', [await media!.png('a.png')]), recordingHooks()), 'rate-limited');
    expect(error.waitMs).toBeGreaterThan(25_000);
  });

  it("422 is final, with Mastodon's explanation", async () => {
    const fake = await start({ maxCharacters: 20 });
    const error = await publishError(publisher(fake).publish(preparedPost('mastodon', 'This text is longer than twenty characters'), recordingHooks()), 'final');
    expect(error.message).toBe('Mastodon refused creating the status (HTTP 422): Validation failed: Text character limit of 20 exceeded');
    expect(fake.posts).toEqual([]);
    expect(statusCalls(fake)).toHaveLength(1);
  });

  it('a final 4xx whose body echoes the request headers prints no token', async () => {
    const fake = await start();
    const echoed = { error: `Validation failed: headers {"authorization":"Bearer ${TOKEN}","x-token":"${TOKEN}","q":"${encodeURIComponent(TOKEN)}"}` };
    fake.inject('POST /api/v1/statuses', { kind: 'status', status: 422, body: echoed }, 2);
    // With an HttpClient that knows the token, and with one that does not (the publisher scrubs it itself).
    for (const http of [new HttpClient({ secrets: [TOKEN] }), new HttpClient()]) {
      const error = await publishError(publisher(fake, { http }).publish(preparedPost('mastodon', 'hello'), recordingHooks()), 'final');
      expect(error.message).not.toContain(TOKEN);
      expect(error.message).toContain('Validation failed');
    }
  });
});

describe('Mastodon publisher: settling an unknown outcome', () => {
  const TEXT = 'Flu shots & boosters <today>!\nBook: https://cedarvalleyhealth.com/flu/book-your-appointment-online?src=mastodon\n\nThanks @nurse@health.example';

  it('drop-after-create on the call and its repeat is ambiguous; findExisting then finds the one status', async () => {
    const fake = await start();
    fake.inject('POST /api/v1/statuses', { kind: 'drop-after-create' }, 2);
    const post = preparedPost('mastodon', TEXT, [await media!.png('flu.png', 'A flu shot')]);
    await publishError(publisher(fake).publish(post, recordingHooks()), 'ambiguous');
    expect(fake.posts).toHaveLength(1);
    expect(statusCalls(fake)).toHaveLength(2);

    const found = await publisher(fake).findExisting(post);
    expect(found).toEqual({ remoteId: fake.posts[0]!.id, url: `${fake.url}/@cedarvalleyhealth/${fake.posts[0]!.id}` });
    expect(statusCalls(fake)).toHaveLength(2); // findExisting only reads
    expect(fake.violations).toEqual([]);
  });

  it('findExisting matches the text of the HTML content, ignores other statuses, and reads a second page', async () => {
    const fake = await start();
    fake.seedPost(`${TEXT} (edited)`);
    expect(await publisher(fake).findExisting(preparedPost('mastodon', TEXT))).toBeUndefined();
    const target = fake.seedPost(TEXT);
    for (let i = 0; i < 45; i++) fake.seedPost(`filler ${i}`);
    expect(await publisher(fake).findExisting(preparedPost('mastodon', TEXT))).toEqual({ remoteId: target.id, url: `${fake.url}/@cedarvalleyhealth/${target.id}` });
    expect(fake.violations).toEqual([]);
  });

  it('findExisting: 429 is rate-limited, 503 retryable', async () => {
    const fake = await start();
    fake.inject('GET /api/v1/accounts/:id/statuses', { kind: 'rate-limit', resetSeconds: 300 });
    const error = await publishError(publisher(fake).findExisting(preparedPost('mastodon', TEXT)), 'rate-limited');
    expect(error.waitMs).toBeGreaterThan(295_000);
    fake.inject('GET /api/v1/accounts/verify_credentials', { kind: 'status', status: 503 });
    await publishError(publisher(fake).findExisting(preparedPost('mastodon', TEXT)), 'retryable');
  });

  it('htmlToText undoes Mastodon rendering: paragraphs, line breaks, links, entities', () => {
    expect(
      htmlToText(
        '<p>A &amp; B &lt;3<br />see <a href="https://example.com/a" rel="nofollow"><span class="invisible">https://</span><span class="">example.com/a</span><span class="invisible"></span></a></p><p>#<span>Flu</span> &#39;ok&#39;</p>',
      ),
    ).toBe("A & B <3\nsee https://example.com/a\n\n#Flu 'ok'");
  });
});

describe('Mastodon publisher: language', () => {
  it("sends the post's language, so the status is shown to readers of that language", async () => {
    const fake = await start();
    await publisher(fake).publish({ ...preparedPost('mastodon', 'La vacuna contra la gripe ya está aquí.'), lang: 'es' }, recordingHooks());
    expect(fake.posts[0]!.language).toBe('es');
    expect(fake.requests.find((r) => r.path === '/api/v1/statuses')!.body.toString('utf8')).toContain('language=es');
    expect(fake.violations).toEqual([]);
  });
});
