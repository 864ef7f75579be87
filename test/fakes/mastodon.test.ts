import { afterEach, describe, expect, it } from 'vitest';
import { mastodonLength, startFakeMastodon, type FakeMastodon, type FakeMastodonOptions } from './mastodon.js';

const TOKEN = 'md-token';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const AUTH = { authorization: `Bearer ${TOKEN}` };

let m: FakeMastodon;
const start = async (o: Partial<FakeMastodonOptions> = {}) => {
  m = await startFakeMastodon({ token: TOKEN, ...o });
  return m;
};
afterEach(async () => {
  await m?.close();
});

const postForm = (params: [string, string][], headers: Record<string, string> = {}) =>
  fetch(m.url + '/api/v1/statuses', { method: 'POST', headers: { ...AUTH, ...headers }, body: new URLSearchParams(params) });
const postJson = (b: unknown, headers: Record<string, string> = {}) =>
  fetch(m.url + '/api/v1/statuses', { method: 'POST', headers: { ...AUTH, 'content-type': 'application/json', ...headers }, body: JSON.stringify(b) });
const uploadMedia = (description?: string) => {
  const f = new FormData();
  f.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'photo.png');
  if (description !== undefined) f.append('description', description);
  return fetch(m.url + '/api/v2/media', { method: 'POST', headers: AUTH, body: f });
};

describe('fake Mastodon: happy path', () => {
  it('verify_credentials, form post with media and alt text, account statuses', async () => {
    await start();
    const me = await (await fetch(m.url + '/api/v1/accounts/verify_credentials', { headers: AUTH })).json();
    expect(me).toMatchObject({ id: m.account.id, username: 'cedarvalleyhealth', source: { privacy: 'public' } });

    const up = await uploadMedia('Nurse giving a flu shot');
    expect(up.status).toBe(200);
    const media = await up.json();
    expect(media).toMatchObject({ type: 'image', description: 'Nurse giving a flu shot', url: expect.stringMatching(/^http/) });

    const r = await postForm([['status', 'Flu shots Saturday!\nhttps://cedarvalley.org/flu'], ['media_ids[]', media.id], ['visibility', 'public'], ['language', 'en']]);
    expect(r.status).toBe(200);
    const s = await r.json();
    expect(s).toMatchObject({ visibility: 'public', language: 'en', url: `${m.url}/@cedarvalleyhealth/${s.id}` });
    expect(s.content).toContain('<p>Flu shots Saturday!<br /><a href="https://cedarvalley.org/flu"');
    expect(s.media_attachments[0]).toMatchObject({ id: media.id, description: 'Nurse giving a flu shot' });
    expect(m.posts).toHaveLength(1);
    expect(m.posts[0]!.media).toEqual([{ id: media.id, description: 'Nurse giving a flu shot', bytes: PNG.length, mediaType: 'image/png' }]);

    const list = await fetch(`${m.url}/api/v1/accounts/${m.account.id}/statuses?limit=5`, { headers: AUTH });
    expect((await list.json()).map((x: { id: string }) => x.id)).toEqual([s.id]);
    expect(list.headers.get('link')).toContain('rel="next"');
    expect(m.violations).toEqual([]);
  });

  it('accepts JSON bodies too', async () => {
    await start();
    const r = await postJson({ status: 'hello', visibility: 'unlisted', language: 'de' });
    expect(r.status).toBe(200);
    expect(m.posts[0]).toMatchObject({ text: 'hello', visibility: 'unlisted', language: 'de' });
    expect(m.violations).toEqual([]);
  });

  it('async media: 202 with url null, 206 while processing, 422 if attached too early', async () => {
    await start({ mediaProcessing: 'async', asyncPolls: 2 });
    const up = await uploadMedia('alt');
    expect(up.status).toBe(202);
    const media = await up.json();
    expect(media.url).toBeNull();
    const early = await postForm([['status', 'pic'], ['media_ids[]', media.id]]);
    expect(early.status).toBe(422);
    expect(await early.json()).toEqual({ error: 'Cannot attach files that have not finished processing. Try again in a moment!' });
    const polls: number[] = [];
    for (;;) {
      const g = await fetch(`${m.url}/api/v1/media/${media.id}`, { headers: AUTH });
      polls.push(g.status);
      if (g.status === 200) {
        expect((await g.json()).url).toMatch(/^http/);
        break;
      }
    }
    expect(polls).toEqual([206, 206, 200]);
    expect((await postForm([['status', 'pic'], ['media_ids[]', media.id]])).status).toBe(200);
    expect(m.posts).toHaveLength(1);
    expect(m.violations).toEqual([expect.stringContaining('not finished processing')]);
  });
});

describe('fake Mastodon: Idempotency-Key', () => {
  it('the same key returns the same status and creates nothing new', async () => {
    await start();
    const a = await (await postForm([['status', 'once']], { 'idempotency-key': 'k1' })).json();
    const b = await (await postForm([['status', 'once']], { 'idempotency-key': 'k1' })).json();
    expect(b.id).toBe(a.id);
    expect(m.posts).toHaveLength(1);
    const c = await (await postForm([['status', 'once more']], { 'idempotency-key': 'k2' })).json();
    expect(c.id).not.toBe(a.id);
    expect(m.posts).toHaveLength(2);
  });

  it('survives drop-after-create: the retry with the same key gets the original status', async () => {
    await start();
    m.inject('POST /api/v1/statuses', { kind: 'drop-after-create' });
    await expect(postForm([['status', 'ambiguous']], { 'idempotency-key': 'post-1:mastodon:abc' })).rejects.toThrow();
    expect(m.posts).toHaveLength(1);
    const retry = await postForm([['status', 'ambiguous']], { 'idempotency-key': 'post-1:mastodon:abc' });
    expect(retry.status).toBe(200);
    expect((await retry.json()).id).toBe(m.posts[0]!.id);
    expect(m.posts).toHaveLength(1);
    expect(m.violations).toEqual([]);
  });

  it('forgets keys after the window (1 hour by default)', async () => {
    let t = Date.parse('2026-03-02T09:00:00Z');
    await start({ now: () => t });
    await postForm([['status', 'x']], { 'idempotency-key': 'k' });
    t += 59 * 60 * 1000;
    await postForm([['status', 'x']], { 'idempotency-key': 'k' });
    expect(m.posts).toHaveLength(1);
    t += 2 * 60 * 1000;
    await postForm([['status', 'x']], { 'idempotency-key': 'k' });
    expect(m.posts).toHaveLength(2);
  });

  it('without a key, a retry creates a second status (Mastodon has no duplicate check)', async () => {
    await start();
    await postForm([['status', 'dup']]);
    await postForm([['status', 'dup']]);
    expect(m.posts).toHaveLength(2);
  });
});

describe('fake Mastodon: contract violations', () => {
  it('counts URLs as 23 and rejects over maxCharacters with 422', async () => {
    await start();
    expect(mastodonLength('a https://example.com/' + 'p'.repeat(100))).toBe(25);
    expect(mastodonLength('hi @someone@example.social')).toBe(11);
    expect(mastodonLength('👩‍⚕️ ok')).toBe(4);
    const fits = 'x'.repeat(476) + ' https://cedarvalley.org/' + 'long-path-'.repeat(20);
    expect((await postForm([['status', fits]])).status).toBe(200);
    const r = await postForm([['status', 'y'.repeat(501)]]);
    expect(r.status).toBe(422);
    expect(await r.json()).toEqual({ error: 'Validation failed: Text character limit of 500 exceeded' });
    expect(m.posts).toHaveLength(1);
    expect(m.violations).toHaveLength(1);
  });

  it('honours opts.maxCharacters', async () => {
    await start({ maxCharacters: 11 });
    expect((await postForm([['status', 'hello world']])).status).toBe(200);
    expect((await postForm([['status', 'hello world!']])).status).toBe(422);
  });

  it('rejects bad tokens, blank text, bad visibility and unknown media; lists silently-ignored mistakes', async () => {
    await start();
    expect((await fetch(m.url + '/api/v1/statuses', { method: 'POST', headers: { authorization: 'Bearer nope' }, body: new URLSearchParams({ status: 'x' }) })).status).toBe(401);
    expect((await postForm([['status', '  ']])).status).toBe(422);
    expect((await postForm([['status', 'x'], ['visibility', 'everyone']])).status).toBe(422);
    const unknown = await postForm([['status', 'x'], ['media_ids[]', '999']]);
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toEqual({ error: 'Media 999 not found or already attached to another post' });
    expect(m.violations).toHaveLength(4);
    // Mastodon accepts these but the post is not what the client meant:
    const up = await (await uploadMedia()).json();
    expect((await postForm([['status', 'x'], ['media_ids', up.id], ['lang', 'en']])).status).toBe(200);
    expect(m.posts[0]!.mediaIds).toEqual([]);
    expect(m.violations.slice(4)).toEqual([expect.stringContaining('media_ids` without []'), expect.stringContaining('unknown status parameter lang')]);
  });

  it('rejects a non-image upload and an over-long description', async () => {
    await start();
    const f = new FormData();
    f.append('file', new Blob(['not an image']), 'a.txt');
    expect((await fetch(m.url + '/api/v2/media', { method: 'POST', headers: AUTH, body: f })).status).toBe(422);
    expect((await uploadMedia('d'.repeat(1501))).status).toBe(422);
    expect(m.media.size).toBe(0);
    expect(m.violations).toHaveLength(2);
  });
});

describe('fake Mastodon: faults', () => {
  it('rate-limit: 429 with X-RateLimit-Reset as an ISO time', async () => {
    await start();
    m.inject('POST /api/v1/statuses', { kind: 'rate-limit', resetSeconds: 120 });
    const r = await postForm([['status', 'x']]);
    expect(r.status).toBe(429);
    expect(r.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = r.headers.get('x-ratelimit-reset')!;
    expect(reset).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Date.parse(reset) - Date.now()).toBeGreaterThan(110_000);
    expect(await r.json()).toEqual({ error: 'Too many requests' });
    expect(m.posts).toEqual([]);
  });

  it('drop-before and status faults create nothing', async () => {
    await start();
    m.inject('POST /api/v1/statuses', { kind: 'drop-before' });
    m.inject('POST /api/v1/statuses', { kind: 'status', status: 503 });
    await expect(postForm([['status', 'x']], { 'idempotency-key': 'k' })).rejects.toThrow();
    expect((await postForm([['status', 'x']], { 'idempotency-key': 'k' })).status).toBe(503);
    expect(m.posts).toEqual([]);
    expect((await postForm([['status', 'x']], { 'idempotency-key': 'k' })).status).toBe(200);
    expect(m.posts).toHaveLength(1);
  });

  it('media upload faults', async () => {
    await start();
    m.inject('POST /api/v2/media', { kind: 'drop-before' });
    await expect(uploadMedia('a')).rejects.toThrow();
    expect(m.media.size).toBe(0);
    expect((await uploadMedia('a')).status).toBe(200);
  });
});
