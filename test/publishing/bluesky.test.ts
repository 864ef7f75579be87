// The Bluesky publisher against a REAL PDS (@atproto/dev-env, offline on 127.0.0.1, see test/bluesky/),
// behind a node:http proxy that counts calls and injects faults around it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { imageSize, rateLimitWait, DEFAULT_RATE_LIMIT_WAIT_MS, createPublisher, videoSize } from '../../src/publishing/bluesky/publisher.js';
import { facetsFor, type Facet } from '../../src/networks/bluesky/facets.js';
import { recordKeyFor, TID } from '../../src/publishing/bluesky/rkey.js';
import { HttpClient } from '../../src/http/client.js';
import type { Publisher } from '../../src/publishing/types.js';
// @ts-expect-error: a plain ES module of the separate test/bluesky package, without types
import { getRecord, listRecords, pdsInstalled, startPds } from '../bluesky/pds.mjs';
import { startBlueskyProxy, type BlueskyProxy } from './bluesky-proxy.js';
import { preparedPost, publishError, recordingHooks, tempMedia, TINY_PNG, type TempMedia } from './media.js';
import { type PreparedPost } from '../../src/networks/prepare.js';

interface Pds {
  service: string;
  handle: string;
  password: string;
  did: string;
  close(): Promise<void>;
}
interface StoredRecord {
  uri: string;
  value: Record<string, any>;
}

const COLLECTION = 'app.bsky.feed.post';

/** A minimal MP4 header: ftyp, then moov/trak/tkhd (version 0) giving the track's width and height. */
function mp4(width: number, height: number): Buffer {
  const sized = (type: string, body: Buffer) => {
    const out = Buffer.concat([Buffer.alloc(4), Buffer.from(type, 'latin1'), body]);
    out.writeUInt32BE(out.length, 0);
    return out;
  };
  const tkhd = Buffer.alloc(84);
  tkhd.writeUInt32BE(1, 12); // track id
  tkhd.writeUInt32BE(width * 65536, 76);
  tkhd.writeUInt32BE(height * 65536, 80);
  return Buffer.concat([sized('ftyp', Buffer.from('isom\0\0\x02\0isomiso2mp41', 'latin1')), sized('moov', sized('trak', sized('tkhd', tkhd)))]);
}
const installed = (pdsInstalled as () => boolean)();
const SKIP_REASON = 'the test PDS is not installed: run `cd test/bluesky && npm ci` (about 2.5 minutes) to run the Bluesky publisher tests';
if (!installed) console.warn(`bluesky.test.ts skipped: ${SKIP_REASON}`);

describe('Bluesky publisher: helpers', () => {
  it('reads image sizes from file headers', () => {
    expect(imageSize(TINY_PNG)).toEqual({ width: 1, height: 1 });
    const gif = Buffer.from('474946383961030002000000', 'hex');
    expect(imageSize(gif)).toEqual({ width: 3, height: 2 });
    // A minimal JPEG header: SOI, APP0 (length 16), SOF0 with height 480, width 640.
    const jpeg = Buffer.concat([
      Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'),
      Buffer.from('ffc0001108' + '01e0' + '0280' + '03012200021101031101', 'hex'),
    ]);
    expect(imageSize(jpeg)).toEqual({ width: 640, height: 480 });
    expect(imageSize(Buffer.from('not an image'))).toBeUndefined();
  });

  it('reads a video size from its first track header that has one', () => {
    expect(videoSize(mp4(1920, 1080))).toEqual({ width: 1920, height: 1080 });
    expect(videoSize(Buffer.from('not a video'))).toBeUndefined();
  });

  it.skipIf(!installed)("finds link facets exactly as Bluesky's RichText.detectFacets does", async () => {
    const texts = [
      'see https://example.org/日本語/パス?q=1,2 next',
      'Go to cedarvalleyhealth.com/flu. Or (https://example.org/a_b).',
      'HTTPS://EXAMPLE.ORG/x and Example.COM/x are not links; e.g. this is not one',
      '(https://a.org/b_(c)) x https://a.org/b)! https://a.org/c?x=1;',
      'Café 👩‍⚕️ https://cedarvalleyhealth.com/flu-shots…more\nline two example.co.uk/path',
      'nope.notatld/x and mail me@example.org',
    ];
    const { RichText } = (await import(pathToFileURL(path.resolve('test/bluesky/node_modules/@atproto/api/dist/index.js')).href)) as { RichText: new (init: { text: string }) => { detectFacetsWithoutResolution(): void; facets?: Facet[] } };
    for (const text of texts) {
      const rich = new RichText({ text });
      rich.detectFacetsWithoutResolution();
      const theirs = (rich.facets ?? []).filter((f) => f.features[0]!.$type === 'app.bsky.richtext.facet#link').map((f) => ({ index: f.index, features: f.features }));
      const ours = (await facetsFor(text, async () => undefined)).filter((f) => f.features[0]!.$type === 'app.bsky.richtext.facet#link');
      expect(ours, text).toEqual(theirs);
    }
  });

  it('waits until ratelimit-reset (epoch seconds), or a minute without it', () => {
    const now = Date.UTC(2026, 10, 1, 12);
    expect(rateLimitWait({ 'ratelimit-reset': String(now / 1000 + 30) }, now)).toBe(31_000);
    expect(rateLimitWait({ 'ratelimit-reset': String(now / 1000 - 30) }, now)).toBe(1000);
    expect(rateLimitWait({}, now)).toBe(DEFAULT_RATE_LIMIT_WAIT_MS);
  });
});

describe.skipIf(!installed)(`Bluesky publisher against a real PDS${installed ? '' : ` (skipped: ${SKIP_REASON})`}`, () => {
  let pds: Pds;
  let proxy: BlueskyProxy;
  let media: TempMedia;
  let serial = 0;

  beforeAll(async () => {
    pds = (await (startPds as () => Promise<Pds>)()) as Pds;
    proxy = await startBlueskyProxy(pds.service);
    media = await tempMedia();
  });
  afterAll(async () => {
    await proxy?.close();
    await pds?.close();
    await media?.cleanup();
  });
  afterEach(() => {
    proxy.requests.length = 0;
  });

  const env = () => ({ PLAN_BLUESKY_APP_PASSWORD: pds.password });
  const publisher = (options: { env?: NodeJS.ProcessEnv; http?: HttpClient; direct?: boolean } = {}): Publisher =>
    createPublisher({
      account: { handle: pds.handle, service: 'https://bsky.invalid', api_url: options.direct ? pds.service : proxy.url },
      env: options.env ?? env(),
      http: options.http ?? new HttpClient({ secrets: [pds.password], timeoutMs: 10_000 }),
    });
  /** A post no other test uses. */
  const post = (text: string, mediaItems: PreparedPost['media'] = []) => preparedPost('bluesky', text, mediaItems, `bluesky-post-${++serial}`);
  const record = async (rkey: string): Promise<{ status: number; body: StoredRecord }> => (getRecord as (...a: string[]) => Promise<{ status: number; body: StoredRecord }>)(pds.service, pds.did, COLLECTION, rkey);
  const records = async (): Promise<StoredRecord[]> => (listRecords as (...a: string[]) => Promise<StoredRecord[]>)(pds.service, pds.did, COLLECTION);
  const withKey = async (rkey: string) => (await records()).filter((r) => r.uri.endsWith(`/${rkey}`));

  it('publishes a text post under the record key derived from the post, and returns its bsky.app URL', async () => {
    const p = post('Flu shots are here. Walk in Mon–Fri 8–5.');
    const rkey = recordKeyFor(p.idempotencyKey);
    expect(rkey).toMatch(TID);
    const result = await publisher().publish(p, recordingHooks());
    expect(result).toEqual({ remoteId: `at://${pds.did}/${COLLECTION}/${rkey}`, url: `https://bsky.app/profile/${pds.handle}/post/${rkey}` });
    const stored = await record(rkey);
    expect(stored.status).toBe(200);
    expect(stored.body.value).toMatchObject({ $type: COLLECTION, text: p.text, langs: ['en'] });
    expect(Date.parse(stored.body.value.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(stored.body.value.facets).toBeUndefined();
    expect(stored.body.value.embed).toBeUndefined();
  });

  it('uploads an image as a blob with its Content-Type and attaches it with its alt text', async () => {
    const image = await media.png('clinic.png', 'Nurse giving a flu shot to an adult in a clinic chair');
    const p = post('Our flu clinic is open', [image]);
    const hooks = recordingHooks();
    await publisher().publish(p, hooks);
    const upload = proxy.requests.find((r) => r.nsid === 'com.atproto.repo.uploadBlob')!;
    expect(upload.headers['content-type']).toBe('image/png');
    expect(upload.body.equals(TINY_PNG)).toBe(true);
    const embed = (await record(recordKeyFor(p.idempotencyKey))).body.value.embed;
    expect(embed.$type).toBe('app.bsky.embed.images');
    expect(embed.images).toHaveLength(1);
    expect(embed.images[0]).toMatchObject({ alt: 'Nurse giving a flu shot to an adult in a clinic chair', aspectRatio: { width: 1, height: 1 } });
    expect(embed.images[0].image).toMatchObject({ $type: 'blob', mimeType: 'image/png', size: TINY_PNG.length });
    expect(hooks.lines).toContain('uploading image 1 of 1 (media/clinic.png) to Bluesky');
  });

  it('stores link, mention and tag facets at UTF-8 byte offsets, after emoji and accented text', async () => {
    const text = `Café naïve 👩‍⚕️🩺 — flu shots: https://cedarvalleyhealth.com/flu with @${pds.handle} and @nobody.example.org #FluSeason`;
    const p = post(text);
    await publisher().publish(p, recordingHooks());
    const value = (await record(recordKeyFor(p.idempotencyKey))).body.value;
    const bytes = Buffer.from(value.text as string, 'utf8');
    const facets = (value.facets as { index: { byteStart: number; byteEnd: number }; features: Record<string, string>[] }[]).map((f) => ({
      covers: bytes.subarray(f.index.byteStart, f.index.byteEnd).toString('utf8'),
      feature: f.features[0],
    }));
    expect(facets).toEqual([
      { covers: 'https://cedarvalleyhealth.com/flu', feature: { $type: 'app.bsky.richtext.facet#link', uri: 'https://cedarvalleyhealth.com/flu' } },
      { covers: `@${pds.handle}`, feature: { $type: 'app.bsky.richtext.facet#mention', did: pds.did } },
      { covers: '#FluSeason', feature: { $type: 'app.bsky.richtext.facet#tag', tag: 'FluSeason' } },
    ]);
    expect(text.indexOf('https')).toBeLessThan(Buffer.byteLength(text.slice(0, text.indexOf('https'))));
    expect(proxy.calls('com.atproto.identity.resolveHandle')).toBe(2);
  });

  it('publishing the same post twice makes ONE record, and both answers name it', async () => {
    const p = post('Once only, please.');
    const rkey = recordKeyFor(p.idempotencyKey);
    const before = (await records()).length;
    const first = await publisher().publish(p, recordingHooks());
    const hooks = recordingHooks();
    const second = await publisher().publish(p, hooks);
    expect(second).toEqual(first);
    expect((await records()).length).toBe(before + 1);
    expect(await withKey(rkey)).toHaveLength(1);
    // The PDS refused the repeat (HTTP 500), and the publisher recognised its own record.
    expect(proxy.calls('com.atproto.repo.createRecord')).toBe(2);
    expect(hooks.lines.some((l) => l.includes('HTTP 500'))).toBe(true);
  });

  it('logs in once per run: one createSession for two posts and a lookup', async () => {
    const p = publisher();
    const a = post('First of two');
    await p.publish(a, recordingHooks());
    await p.publish(post('Second of two'), recordingHooks());
    expect(await p.findExisting(a)).toBeDefined();
    expect(proxy.calls('com.atproto.server.createSession')).toBe(1);
    expect(proxy.calls('com.atproto.repo.createRecord')).toBe(2);
  });

  it('no session until a call needs one', async () => {
    publisher();
    expect(proxy.calls('com.atproto.server.createSession')).toBe(0);
  });

  it('findExisting reads the record at the post’s key', async () => {
    const p = post('Find me');
    expect(await publisher().findExisting(p)).toBeUndefined();
    const result = await publisher().publish(p, recordingHooks());
    expect(await publisher().findExisting(p)).toEqual(result);
  });

  it('a wrong app password is a credentials error that names the variable, not the password, and is not retried this run', async () => {
    const wrong = 'abcd-efgh-ijkl-mnop';
    const p = publisher({ env: { PLAN_BLUESKY_APP_PASSWORD: wrong }, http: new HttpClient({ timeoutMs: 10_000 }) });
    const error = await publishError(p.publish(post('Nope'), recordingHooks()), 'credentials');
    expect(error.message).toContain('PLAN_BLUESKY_APP_PASSWORD');
    expect(error.message).toContain('HTTP 401');
    expect(error.message).not.toContain(wrong);
    await publishError(p.publish(post('Nope again'), recordingHooks()), 'credentials');
    await publishError(p.findExisting(post('Nope')), 'credentials');
    expect(proxy.calls('com.atproto.server.createSession')).toBe(1);
  });

  it('a missing app password is a credentials error, and nothing is called', async () => {
    const error = await publishError(publisher({ env: {} }).publish(post('x'), recordingHooks()), 'credentials');
    expect(error.message).toContain('PLAN_BLUESKY_APP_PASSWORD');
    expect(proxy.requests).toEqual([]);
  });

  it('a connection cut after the create was forwarded: settled with getRecord, no second record', async () => {
    const p = post('Cut off after sending');
    const rkey = recordKeyFor(p.idempotencyKey);
    proxy.inject('com.atproto.repo.createRecord', { kind: 'drop-after-forward' });
    const hooks = recordingHooks();
    const result = await publisher().publish(p, hooks);
    expect(result.remoteId).toBe(`at://${pds.did}/${COLLECTION}/${rkey}`);
    expect(proxy.calls('com.atproto.repo.createRecord')).toBe(1);
    expect(proxy.calls('com.atproto.repo.getRecord')).toBe(1);
    expect(await withKey(rkey)).toHaveLength(1);
    expect(hooks.lines.some((l) => l.includes('reading record'))).toBe(true);
  });

  it('a 5xx after the record was made (a gateway error): settled as published', async () => {
    const p = post('Made, then 502');
    proxy.inject('com.atproto.repo.createRecord', { kind: 'status-after-forward', status: 502 });
    const result = await publisher().publish(p, recordingHooks());
    expect(result.url).toContain(recordKeyFor(p.idempotencyKey));
    expect(await withKey(recordKeyFor(p.idempotencyKey))).toHaveLength(1);
  });

  it('a 5xx that made nothing is retryable, and the retry makes the one record', async () => {
    const p = post('Refused with 503 first');
    const rkey = recordKeyFor(p.idempotencyKey);
    proxy.inject('com.atproto.repo.createRecord', { kind: 'reply', reply: { status: 503, body: { error: 'ServiceUnavailable', message: 'try later' } } });
    const error = await publishError(publisher().publish(p, recordingHooks()), 'retryable');
    expect(error.message).toContain('HTTP 503');
    expect(await withKey(rkey)).toHaveLength(0);
    await publisher().publish(p, recordingHooks());
    expect(await withKey(rkey)).toHaveLength(1);
  });

  it('a connection dropped before the create reached the PDS is retryable (the record key makes a retry safe)', async () => {
    const p = post('Dropped before');
    proxy.inject('com.atproto.repo.createRecord', { kind: 'drop-before' });
    await publishError(publisher().publish(p, recordingHooks()), 'retryable');
    expect(await withKey(recordKeyFor(p.idempotencyKey))).toHaveLength(0);
  });

  it('429 is rate-limited until ratelimit-reset', async () => {
    const reset = Math.floor(Date.now() / 1000) + 120;
    proxy.inject('com.atproto.repo.createRecord', {
      kind: 'reply',
      reply: { status: 429, headers: { 'ratelimit-limit': '5000', 'ratelimit-remaining': '0', 'ratelimit-reset': String(reset) }, body: { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' } },
    });
    const error = await publishError(publisher().publish(post('Too fast'), recordingHooks()), 'rate-limited');
    expect(error.waitMs).toBeGreaterThan(100_000);
    expect(error.waitMs).toBeLessThanOrEqual(122_000);
  });

  it('an expired access token is renewed with refreshSession, not a second login', async () => {
    proxy.inject('com.atproto.repo.createRecord', { kind: 'reply', reply: { status: 400, body: { error: 'ExpiredToken', message: 'Token has expired' } } });
    const p = post('After a refresh');
    await publisher().publish(p, recordingHooks());
    expect(proxy.calls('com.atproto.server.refreshSession')).toBe(1);
    expect(proxy.calls('com.atproto.server.createSession')).toBe(1);
    expect(await withKey(recordKeyFor(p.idempotencyKey))).toHaveLength(1);
  });

  it('a record the PDS refuses (over 300 graphemes) is final, with the PDS’s reason', async () => {
    const error = await publishError(publisher().publish(post('a'.repeat(301)), recordingHooks()), 'final');
    expect(error.message).toContain('HTTP 400');
    expect(error.message).toContain('InvalidRequest');
  });

  it('never prints the app password or a session token, even when the server echoes them', async () => {
    const echo = (r: { headers: Record<string, unknown>; body: Buffer }) => ({
      status: 400,
      body: { error: 'InvalidRequest', message: `echo headers=${JSON.stringify(r.headers)} body=${r.body.toString('utf8')}` },
    });
    proxy.inject('com.atproto.repo.createRecord', { kind: 'reply', reply: echo });
    // An HttpClient that knows no secrets: the publisher itself must keep them out.
    const http = new HttpClient({ timeoutMs: 10_000 });
    const final = await publishError(publisher({ http }).publish(post('Echo'), recordingHooks()), 'final');
    const sent = proxy.requests.find((r) => r.nsid === 'com.atproto.repo.createRecord')!;
    const jwt = String(sent.headers.authorization).replace(/^Bearer /, '');
    expect(jwt.length).toBeGreaterThan(20);
    expect(final.message).not.toContain(jwt);
    expect(final.message).not.toContain(jwt.split('.')[1]!);

    proxy.inject('com.atproto.server.createSession', { kind: 'reply', reply: echo });
    const login = await publishError(publisher({ http }).publish(post('Echo login'), recordingHooks()), 'credentials');
    expect(login.message).toContain('HTTP 400');
    expect(login.message).not.toContain(pds.password);
  });

  it("records the post's language in langs", async () => {
    const p = { ...post('La vacuna contra la gripe ya está aquí.'), lang: 'es' };
    await publisher().publish(p, recordingHooks());
    expect((await record(recordKeyFor(p.idempotencyKey))).body.value.langs).toEqual(['es']);
  });

  it('refuses an image over 2,000,000 bytes before uploading anything, and takes one just under', async () => {
    const big = path.join(media.dir, 'big.png');
    await writeFile(big, Buffer.concat([TINY_PNG, Buffer.alloc(2_000_001 - TINY_PNG.length)]));
    const error = await publishError(publisher().publish(post('Too big', [{ file: 'media/big.png', path: big, mimeType: 'image/png', alt: 'A big picture' }]), recordingHooks()), 'final');
    expect(error.message).toContain('2,000,001 bytes');
    expect(error.message).toContain('at most 2,000,000');
    expect(proxy.calls('com.atproto.repo.uploadBlob')).toBe(0);
  });

  it('attaches a video with its aspect ratio', async () => {
    const file = path.join(media.dir, 'tour.mp4');
    await writeFile(file, mp4(1280, 720));
    const p = post('A tour of the clinic', [{ file: 'media/tour.mp4', path: file, mimeType: 'video/mp4', alt: 'Walking through the waiting room' }]);
    await publisher().publish(p, recordingHooks());
    const embed = (await record(recordKeyFor(p.idempotencyKey))).body.value.embed;
    expect(embed).toMatchObject({ $type: 'app.bsky.embed.video', alt: 'Walking through the waiting room', aspectRatio: { width: 1280, height: 720 } });
    expect(embed.video).toMatchObject({ $type: 'blob', mimeType: 'video/mp4' });
  });

  it('sends every call to api_url (or service) and never elsewhere', async () => {
    await publisher().publish(post('Where to'), recordingHooks());
    expect(proxy.requests.map((r) => r.nsid)).toEqual(['com.atproto.server.createSession', 'com.atproto.repo.createRecord']);
  });
});
