import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPublisher } from '../../src/publishing/instagram/publisher.js';
import { HttpClient } from '../../src/http/client.js';
import type { StaticServer } from '../fakes/graph.js';
import { startFakeInstagram, type FakeInstagram } from '../fakes/instagram.js';
import { image, preparedPost, recordingHooks, rejection, startMediaServer } from './graph-media.js';
import { CallError } from '../../src/http/errors.js';
import { type PreparedPost } from '../../src/networks/prepare.js';

const USER = '17841400000000000';
const TOKEN = 'IGQVJ5b2e8fXk3Lq9WmT';
const MEDIA = 'POST /v26.0/:igUserId/media';
const PUBLISH = 'POST /v26.0/:igUserId/media_publish';
const NODE = 'GET /v26.0/:id';
const ENV = { PLAN_INSTAGRAM_TOKEN: TOKEN, PLAN_POLL_INTERVAL_MS: '1' };

let ig: FakeInstagram;
let media: StaticServer;

beforeEach(async () => {
  ig = await startFakeInstagram({ userId: USER, token: TOKEN });
  media = await startMediaServer();
});

afterEach(async () => {
  await ig.close();
  await media.close();
});

function publisher(env: NodeJS.ProcessEnv = ENV, http = new HttpClient({ secrets: [TOKEN], timeoutMs: 5000 })) {
  return createPublisher({ account: { user_id: USER, api_url: ig.url }, env, http });
}

const onePhoto = (text = 'Our flu clinic is open. Walk in Mon–Fri 8–5. #FluShots'): PreparedPost =>
  preparedPost('instagram', { text, media: [image(media, 'flu-clinic.jpg', 'Nurse giving a flu shot to an adult in a clinic chair')] });
const twoPhotos = (): PreparedPost =>
  preparedPost('instagram', {
    text: 'Two views of the new clinic.',
    media: [image(media, 'flu-clinic.jpg', 'Clinic waiting room with chairs'), image(media, 'nurse.jpg', 'A nurse at the front desk, smiling')],
  });

async function failure(promise: Promise<unknown>): Promise<CallError> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(CallError);
  return error as CallError;
}

const publishCalls = () => ig.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/media_publish')).length;

describe('instagram publisher: posts', () => {
  it('publishes one image: container, checkpoint before media_publish, status FINISHED, publish, permalink', async () => {
    let publishCallsAtCheckpoint = -1;
    const hooks = recordingHooks({ onCheckpoint: () => void (publishCallsAtCheckpoint = publishCalls()) });
    const post = onePhoto();
    const result = await publisher().publish(post, hooks);

    expect(ig.posts).toHaveLength(1);
    const [published] = ig.posts;
    expect(published).toMatchObject({ mediaType: 'IMAGE', caption: post.text });
    expect(published!.media).toEqual([{ containerId: published!.containerId, type: 'IMAGE', url: post.media[0]!.url, altText: 'Nurse giving a flu shot to an adult in a clinic chair' }]);
    expect(result).toEqual({ remoteId: published!.id, url: published!.permalink });
    expect(hooks.checkpoints).toEqual([{ containerId: published!.containerId, fingerprint: post.fingerprint }]);
    expect(publishCallsAtCheckpoint).toBe(0);
    expect(ig.containers.size).toBe(1);
    expect(media.hits.map((h) => h.path)).toEqual(['/2026/flu-clinic.jpg']);
    expect(ig.violations).toEqual([]);
    for (const r of ig.requests) {
      expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(r.query.has('access_token')).toBe(false);
      expect(r.body.toString('utf8')).not.toContain(TOKEN);
    }
  });

  it('publishes two images as a carousel: item containers, then a CAROUSEL container with the caption', async () => {
    const hooks = recordingHooks();
    const post = twoPhotos();
    const result = await publisher().publish(post, hooks);
    expect(ig.posts).toHaveLength(1);
    const [published] = ig.posts;
    expect(published).toMatchObject({ mediaType: 'CAROUSEL_ALBUM', caption: 'Two views of the new clinic.' });
    expect(published!.media.map((m) => m.altText)).toEqual(['Clinic waiting room with chairs', 'A nurse at the front desk, smiling']);
    expect(result).toEqual({ remoteId: published!.id, url: published!.permalink });
    const carousel = ig.containers.get(published!.containerId)!;
    expect(carousel.mediaType).toBe('CAROUSEL');
    expect(carousel.children).toHaveLength(2);
    expect(ig.containers.size).toBe(3);
    expect(hooks.checkpoints).toEqual([{ containerId: carousel.id, fingerprint: post.fingerprint }]);
    expect(ig.violations).toEqual([]);
  });

  it('a post without media is final: Instagram needs an image or video', async () => {
    const error = await failure(publisher().publish(preparedPost('instagram', { text: 'Text only' }), recordingHooks()));
    expect(error.kind).toBe('final');
    expect(error.message).toMatch(/Instagram needs an image or video/);
    expect(ig.requests).toHaveLength(0);
  });

  it('a PNG is refused before any call (Instagram takes JPEG only)', async () => {
    const post = onePhoto();
    const error = await failure(publisher().publish({ ...post, media: [{ ...post.media[0]!, file: 'media/logo.png', mimeType: 'image/png' }] }, recordingHooks()));
    expect(error.kind).toBe('final');
    expect(ig.requests).toHaveLength(0);
  });

  it('missing credentials: credentials, naming the variable', () => {
    let thrown: unknown;
    try {
      publisher({});
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CallError);
    expect((thrown as CallError).kind).toBe('credentials');
    expect((thrown as CallError).message).toMatch(/PLAN_INSTAGRAM_TOKEN/);
  });

  it('a wrong token (190): credentials, without the token', async () => {
    const wrong = 'IGQV-wrong-token-1111';
    const error = await failure(publisher({ ...ENV, PLAN_INSTAGRAM_TOKEN: wrong }, new HttpClient()).publish(onePhoto(), recordingHooks()));
    expect(error.kind).toBe('credentials');
    expect(error.message).toMatch(/PLAN_INSTAGRAM_TOKEN/);
    expect(error.message).not.toContain(wrong);
    expect(ig.containers.size).toBe(0);
  });
});

describe('instagram publisher: faults', () => {
  it('503 on media_publish: ambiguous; the next run resumes the same container and publishes once', async () => {
    ig.inject(PUBLISH, { kind: 'status', status: 503 });
    const hooks = recordingHooks();
    const post = onePhoto();
    const error = await failure(publisher().publish(post, hooks));
    expect(error.kind).toBe('ambiguous');
    expect(ig.posts).toHaveLength(0);
    const checkpoint = hooks.checkpoints[0]!;

    // The next run: the orchestrator settles first (nothing there), then publishes with the checkpoint.
    const next = publisher();
    expect(await next.findExisting({ ...post, checkpoint })).toBeUndefined();
    const result = await next.publish({ ...post, checkpoint }, recordingHooks());
    expect(ig.posts).toHaveLength(1);
    expect(ig.posts[0]!.containerId).toBe(checkpoint.containerId);
    expect(ig.containers.size).toBe(1);
    expect(result.remoteId).toBe(ig.posts[0]!.id);
    expect(ig.violations).toEqual([]);
  });

  it('rate limit on the container (HTTP 400, code 80002): rate-limited with the wait from X-Business-Use-Case-Usage', async () => {
    ig.inject(MEDIA, { kind: 'rate-limit', resetSeconds: 30 });
    const error = await failure(publisher().publish(onePhoto(), recordingHooks()));
    expect(error.kind).toBe('rate-limited');
    expect(error.waitMs).toBe(60_000);
    expect(error.message).toMatch(/80002/);
    expect(ig.containers.size).toBe(0);
  });

  it('rate limit on media_publish: rate-limited; a retry in the same run reuses the container', async () => {
    ig.inject(PUBLISH, { kind: 'rate-limit', resetSeconds: 240 });
    const p = publisher();
    const post = onePhoto();
    const error = await failure(p.publish(post, recordingHooks()));
    expect(error.kind).toBe('rate-limited');
    expect(error.waitMs).toBe(4 * 60_000);
    // attempt() retries with the same PreparedPost (no checkpoint on it): the publisher remembers its container.
    await p.publish(post, recordingHooks());
    expect(ig.posts).toHaveLength(1);
    expect(ig.containers.size).toBe(1);
    expect(ig.violations).toEqual([]);
  });

  it('the 24-hour publishing quota (9/2207042) is a rate limit', async () => {
    const small = await startFakeInstagram({ userId: USER, token: TOKEN, publishQuota: 0 });
    try {
      const p = createPublisher({ account: { user_id: USER, api_url: small.url }, env: ENV, http: new HttpClient() });
      const error = await failure(p.publish(onePhoto(), recordingHooks()));
      expect(error.kind).toBe('rate-limited');
      expect(error.waitMs).toBe(60 * 60_000);
      expect(small.posts).toHaveLength(0);
    } finally {
      await small.close();
    }
  });

  it('a final 4xx whose body echoes the request: final, with Graph’s message and no token', async () => {
    ig.inject(MEDIA, {
      kind: 'status',
      status: 400,
      body: { error: { message: `(#10) Application does not have permission. You sent: Authorization: Bearer ${TOKEN}`, type: 'OAuthException', code: 100, error_subcode: 2207001, error_user_msg: `token=${TOKEN}` } },
    });
    const error = await failure(publisher(ENV, new HttpClient()).publish(onePhoto(), recordingHooks()));
    expect(error.kind).toBe('final');
    expect(error.message).toMatch(/Application does not have permission/);
    expect(error.message).toMatch(/code 100\/2207001/);
    expect(error.message).not.toContain(TOKEN);
    expect(ig.posts).toHaveLength(0);
  });

  it('an image Instagram cannot fetch (9004/2207052) is final', async () => {
    const post = onePhoto();
    const error = await failure(publisher().publish({ ...post, media: [{ ...post.media[0]!, url: `${media.url}2026/gone.jpg` }] }, recordingHooks()));
    expect(error.kind).toBe('final');
    expect(error.message).toMatch(/2207052/);
    expect(ig.violations).toEqual([]);
  });

  it('drop-before on the container: retryable, nothing created', async () => {
    ig.inject(MEDIA, { kind: 'drop-before' });
    const error = await failure(publisher().publish(onePhoto(), recordingHooks()));
    expect(error.kind).toBe('retryable');
    expect(ig.containers.size).toBe(0);
    expect(ig.posts).toHaveLength(0);
  });

  it('drop-before on media_publish: ambiguous (the client cannot tell), and the container shows nothing was published', async () => {
    ig.inject(PUBLISH, { kind: 'drop-before' });
    const hooks = recordingHooks();
    const post = onePhoto();
    expect((await failure(publisher().publish(post, hooks))).kind).toBe('ambiguous');
    expect(ig.posts).toHaveLength(0);
    const checkpoint = hooks.checkpoints[0]!;
    expect(await publisher().findExisting({ ...post, checkpoint })).toBeUndefined();
    await publisher().publish({ ...post, checkpoint }, recordingHooks());
    expect(ig.posts).toHaveLength(1);
    expect(ig.containers.size).toBe(1);
  });

  it('a container that turns ERROR while waiting is final', async () => {
    const hooks = recordingHooks({ onCheckpoint: (values) => ig.setContainerStatus(values.containerId!, 'ERROR', 2207003) });
    const error = await failure(publisher().publish(onePhoto(), hooks));
    expect(error.kind).toBe('final');
    expect(error.message).toMatch(/2207003/);
    expect(publishCalls()).toBe(0);
  });

  it('a container still processing after the last check is retryable; the next attempt publishes it', async () => {
    const slow = await startFakeInstagram({ userId: USER, token: TOKEN, pollsBeforeFinished: 50 });
    try {
      const p = createPublisher({ account: { user_id: USER, api_url: slow.url }, env: ENV, http: new HttpClient() });
      const post = onePhoto();
      const error = await failure(p.publish(post, recordingHooks()));
      expect(error.kind).toBe('retryable');
      expect(error.message).toMatch(/still processing/);
      expect(slow.posts).toHaveLength(0);
      // Each attempt checks a bounded number of times; retries in the run resume the same container.
      let attempts = 1;
      for (;;) {
        attempts++;
        const outcome = await p.publish(post, recordingHooks()).then(
          () => 'published',
          (e: unknown) => (e as CallError).kind,
        );
        if (outcome === 'published') break;
        expect(outcome).toBe('retryable');
        expect(attempts).toBeLessThan(10);
      }
      expect(attempts).toBeGreaterThan(2);
      expect(slow.posts).toHaveLength(1);
      expect(slow.containers.size).toBe(1);
      expect(slow.violations).toEqual([]);
    } finally {
      await slow.close();
    }
  });
});

describe('instagram publisher: crashes and re-runs (exactly once)', () => {
  it('a crash after the checkpoint, before media_publish: the re-run publishes the recorded container, no new one', async () => {
    const crash = new Error('runner killed');
    const hooks = recordingHooks({
      onCheckpoint: () => {
        throw crash;
      },
    });
    const post = onePhoto();
    expect(await rejection(publisher().publish(post, hooks))).toBe(crash);
    expect(hooks.checkpoints).toHaveLength(1);
    expect(publishCalls()).toBe(0);
    expect(ig.posts).toHaveLength(0);

    const checkpoint = hooks.checkpoints[0]!;
    const rerun = recordingHooks();
    const result = await publisher().publish({ ...post, checkpoint }, rerun);
    expect(ig.posts).toHaveLength(1);
    expect(ig.posts[0]!.containerId).toBe(checkpoint.containerId);
    expect(ig.containers.size).toBe(1);
    expect(rerun.checkpoints).toEqual([]);
    expect(result.remoteId).toBe(ig.posts[0]!.id);
    expect(ig.violations).toEqual([]);
  });

  it('drop-after-create on media_publish: the container says PUBLISHED, so the same call settles it', async () => {
    ig.inject(PUBLISH, { kind: 'drop-after-create' });
    const hooks = recordingHooks();
    const post = onePhoto();
    const result = await publisher().publish(post, hooks);
    expect(ig.posts).toHaveLength(1);
    expect(result).toEqual({ remoteId: ig.posts[0]!.id, url: ig.posts[0]!.permalink });

    // And a re-run with the checkpoint (as if the result had not been recorded) does not publish again.
    const again = await publisher().publish({ ...post, checkpoint: hooks.checkpoints[0]! }, recordingHooks());
    expect(again).toEqual(result);
    expect(ig.posts).toHaveLength(1);
    expect(publishCalls()).toBe(1);
    expect(ig.violations).toEqual([]);
  });

  it('a crash after media_publish (answer lost, status unreadable): ambiguous; the re-run finds the post and does not publish again', async () => {
    ig.inject(PUBLISH, { kind: 'drop-after-create' });
    // The status check right after the lost answer fails too.
    const hooks = recordingHooks({ onLog: (line) => line === 'instagram: publishing' && ig.inject(NODE, { kind: 'status', status: 503 }) });
    const post = onePhoto();
    const error = await failure(publisher().publish(post, hooks));
    expect(error.kind).toBe('ambiguous');
    expect(ig.posts).toHaveLength(1);
    const checkpoint = hooks.checkpoints[0]!;

    // The next run: findExisting settles it from the container's status and the caption …
    const next = publisher();
    const found = await next.findExisting({ ...post, checkpoint });
    expect(found).toEqual({ remoteId: ig.posts[0]!.id, url: ig.posts[0]!.permalink });
    // … and publish with the checkpoint never calls media_publish on a PUBLISHED container.
    const again = await next.publish({ ...post, checkpoint }, recordingHooks());
    expect(again).toEqual(found);
    expect(ig.posts).toHaveLength(1);
    expect(publishCalls()).toBe(1);
    expect(ig.containers.get(checkpoint.containerId!)!.publishCalls).toBe(1);
    expect(ig.violations).toEqual([]);
  });

  it('an EXPIRED recorded container (never published): a new container, published once', async () => {
    const hooks = recordingHooks({ onCheckpoint: () => Promise.reject(new Error('crash')) });
    const post = onePhoto();
    await rejection(publisher().publish(post, hooks));
    const checkpoint = hooks.checkpoints[0]!;
    ig.setContainerStatus(checkpoint.containerId!, 'EXPIRED');

    const rerun = recordingHooks();
    await publisher().publish({ ...post, checkpoint }, rerun);
    expect(ig.posts).toHaveLength(1);
    expect(ig.containers.size).toBe(2);
    expect(ig.posts[0]!.containerId).not.toBe(checkpoint.containerId);
    expect(rerun.checkpoints).toEqual([{ containerId: ig.posts[0]!.containerId, fingerprint: post.fingerprint }]);
    expect(ig.violations).toEqual([]);
  });

  it('a recorded FINISHED container whose text has changed since: a new container with the new caption', async () => {
    const hooks = recordingHooks({ onCheckpoint: () => Promise.reject(new Error('crash')) });
    await rejection(publisher().publish(onePhoto('Old text'), hooks));
    const checkpoint = hooks.checkpoints[0]!;
    const edited = onePhoto('New text, after an edit');
    await publisher().publish({ ...edited, checkpoint }, recordingHooks());
    expect(ig.posts).toHaveLength(1);
    expect(ig.posts[0]!.caption).toBe('New text, after an edit');
    expect(ig.containers.size).toBe(2);
  });

  it('a carousel crash after media_publish: the re-run returns the carousel, no second post', async () => {
    ig.inject(PUBLISH, { kind: 'drop-after-create' });
    const hooks = recordingHooks({ onLog: (line) => line === 'instagram: publishing' && ig.inject(NODE, { kind: 'drop-before' }) });
    const post = twoPhotos();
    expect((await failure(publisher().publish(post, hooks))).kind).toBe('ambiguous');
    const again = await publisher().publish({ ...post, checkpoint: hooks.checkpoints[0]! }, recordingHooks());
    expect(ig.posts).toHaveLength(1);
    expect(again.remoteId).toBe(ig.posts[0]!.id);
    expect(ig.violations).toEqual([]);
  });
});

describe('instagram publisher: findExisting', () => {
  it('without a checkpoint, matches the caption among the account’s recent media', async () => {
    const post = onePhoto('Flu shots are here!\r\nWalk in any weekday.');
    ig.seedMedia({ caption: 'Flu shots are here!\nWalk in any weekday.', timestamp: new Date(Date.now() - 3_600_000) });
    for (let i = 0; i < 55; i++) ig.seedMedia({ caption: `Tip #${i}`, timestamp: new Date(Date.now() - 60_000 + i) });
    const target = ig.posts.find((m) => m.caption === 'Flu shots are here!\nWalk in any weekday.')!;
    expect(await publisher().findExisting(post)).toEqual({ remoteId: target.id, url: target.permalink });
    expect(ig.violations).toEqual([]);
  });

  it('with a recorded container that is not PUBLISHED, nothing was published (even if an old post has the same caption)', async () => {
    const hooks = recordingHooks({ onCheckpoint: () => Promise.reject(new Error('crash')) });
    const post = onePhoto('Happy Thanksgiving from all of us!');
    await rejection(publisher().publish(post, hooks));
    ig.seedMedia({ caption: 'Happy Thanksgiving from all of us!', timestamp: new Date(Date.now() - 365 * 86_400_000) });
    expect(await publisher().findExisting({ ...post, checkpoint: hooks.checkpoints[0]! })).toBeUndefined();
    expect(ig.violations).toEqual([]);
  });

  it('finds nothing for a caption that is not there', async () => {
    ig.seedMedia({ caption: 'Something else' });
    expect(await publisher().findExisting(onePhoto())).toBeUndefined();
  });
});

describe('instagram publisher: status checks as Meta advises', () => {
  it('checks a container about once an interval, five waits at most per attempt, then leaves it to the next attempt', async () => {
    const slow = await startFakeInstagram({ userId: USER, token: TOKEN, pollsBeforeFinished: 50 });
    try {
      const p = createPublisher({ account: { user_id: USER, api_url: slow.url }, env: { ...ENV, PLAN_POLL_INTERVAL_MS: '20' }, http: new HttpClient() });
      const started = Date.now();
      const error = await failure(p.publish(onePhoto(), recordingHooks()));
      expect(error.kind).toBe('retryable');
      expect(error.message).toContain('still processing the media after 0 s');
      const checks = slow.requests.filter((r) => r.method === 'GET' && r.query.get('fields') === 'status_code,status');
      expect(checks).toHaveLength(6); // the first check, then one after each of the five waits
      expect(Date.now() - started).toBeGreaterThanOrEqual(5 * 20);
      expect(slow.violations).toEqual([]);
    } finally {
      await slow.close();
    }
  });
});

describe('instagram publisher: a container that expires while waiting', () => {
  it('is retryable, and the next attempt makes a new container and publishes once', async () => {
    const p = publisher();
    const post = onePhoto();
    const hooks = recordingHooks({ onCheckpoint: (values) => ig.setContainerStatus(values.containerId!, 'EXPIRED') });
    const error = await failure(p.publish(post, hooks));
    expect(error.kind).toBe('retryable');
    expect(error.message).toContain('expired before it was published');
    expect(publishCalls()).toBe(0);
    await p.publish(post, recordingHooks());
    expect(ig.posts).toHaveLength(1);
    expect(ig.containers.size).toBe(2);
    expect(ig.posts[0]!.containerId).not.toBe(hooks.checkpoints[0]!.containerId);
  });
});
