import crypto from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeX, type FakeX } from './x.js';

const CREDS = { apiKey: 'ck-test', apiSecret: 'cs-test', accessToken: 'at-test', accessSecret: 'as-test' };
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

// A tiny, independent OAuth 1.0a HMAC-SHA1 signer (RFC 5849), written for this test.
const pct = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
function oauthHeader(method: string, url: string, opts: { bodyParams?: [string, string][]; nonce?: string; timestamp?: number; secret?: string } = {}): string {
  const u = new URL(url);
  const oauth: Record<string, string> = {
    oauth_consumer_key: CREDS.apiKey,
    oauth_nonce: opts.nonce ?? crypto.randomBytes(16).toString('hex'),
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: String(opts.timestamp ?? Math.floor(Date.now() / 1000)),
    oauth_token: CREDS.accessToken,
    oauth_version: '1.0',
  };
  const all: [string, string][] = [...Object.entries(oauth), ...u.searchParams, ...(opts.bodyParams ?? [])];
  const norm = all.map(([k, v]) => `${pct(k)}=${pct(v)}`).sort().join('&');
  const base = `${method}&${pct(`${u.protocol}//${u.host}${u.pathname}`)}&${pct(norm)}`;
  const key = `${pct(opts.secret ?? CREDS.apiSecret)}&${pct(CREDS.accessSecret)}`;
  oauth.oauth_signature = crypto.createHmac('sha1', key).update(base).digest('base64');
  return 'OAuth ' + Object.entries(oauth).map(([k, v]) => `${pct(k)}="${pct(v)}"`).join(', ');
}

let x: FakeX;
beforeEach(async () => {
  x = await startFakeX(CREDS);
});
afterEach(async () => {
  await x.close();
});

const postJson = (path: string, body: unknown, auth?: string) =>
  fetch(x.url + path, { method: 'POST', headers: { authorization: auth ?? oauthHeader('POST', x.url + path), 'content-type': 'application/json' }, body: JSON.stringify(body) });
const get = (pathAndQuery: string) => fetch(x.url + pathAndQuery, { headers: { authorization: oauthHeader('GET', x.url + pathAndQuery) } });
const tweet = (text: string, extra: Record<string, unknown> = {}) => postJson('/2/tweets', { text, ...extra });

describe('fake X: happy path', () => {
  it('accepts a correctly signed tweet, stores it once and answers like X', async () => {
    const me = await get('/2/users/me');
    expect(me.status).toBe(200);
    expect((await me.json()).data).toMatchObject({ id: x.userId, username: 'cedarvalleyhealth' });

    const r = await tweet('Flu shots this Saturday. Walk-ins welcome & free.');
    expect(r.status).toBe(201);
    const body = await r.json();
    expect(body.data.id).toMatch(/^\d{19}$/);
    expect(body.data.text).toBe('Flu shots this Saturday. Walk-ins welcome &amp; free.');
    expect(body.data.edit_history_tweet_ids).toEqual([body.data.id]);
    expect(x.posts).toHaveLength(1);
    expect(x.posts[0]!.text).toBe('Flu shots this Saturday. Walk-ins welcome & free.');
    expect(x.violations).toEqual([]);
  });

  it('wraps URLs in t.co and exposes expanded_url through tweet.fields=entities', async () => {
    const r = await tweet('Book at https://cedarvalley.org/book?src=x now');
    const { data } = await r.json();
    expect(data.text).toMatch(/^Book at https:\/\/t\.co\/[A-Za-z0-9]{10} now$/);
    const tl = await (await get(`/2/users/${x.userId}/tweets?max_results=5&tweet.fields=created_at,entities`)).json();
    expect(tl.data[0].entities.urls[0].expanded_url).toBe('https://cedarvalley.org/book?src=x');
    expect(tl.data[0].created_at).toBe(x.posts[0]!.createdAt);
    expect(x.violations).toEqual([]);
  });

  it('simple multipart upload + alt text + tweet with media', async () => {
    const form = new FormData();
    form.append('media', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'clinic.png');
    form.append('media_category', 'tweet_image');
    const up = await fetch(x.url + '/2/media/upload', { method: 'POST', headers: { authorization: oauthHeader('POST', x.url + '/2/media/upload') }, body: form });
    expect(up.status).toBe(200);
    const { data: m } = await up.json();
    expect(m).toMatchObject({ media_key: `3_${m.id}`, size: PNG.length });

    const meta = await postJson('/2/media/metadata', { id: m.id, metadata: { alt_text: { text: 'Front desk of the clinic' } } });
    expect(meta.status).toBe(200);
    expect((await meta.json()).data.associated_metadata.alt_text.text).toBe('Front desk of the clinic');

    const r = await tweet('Our new front desk', { media: { media_ids: [m.id] } });
    expect(r.status).toBe(201);
    expect((await r.json()).data.text).toMatch(/^Our new front desk https:\/\/t\.co\/\w{10}$/);
    expect(x.posts[0]!.media).toEqual([{ id: m.id, mediaType: 'image/png', altText: 'Front desk of the clinic', bytes: PNG.length }]);
    expect(x.violations).toEqual([]);
  });

  it('chunked upload: initialize, append, finalize, status', async () => {
    const init = await postJson('/2/media/upload/initialize', { media_type: 'image/png', total_bytes: PNG.length, media_category: 'tweet_image' });
    expect(init.status).toBe(200);
    const id = (await init.json()).data.id as string;
    const half = Math.floor(PNG.length / 2);
    for (const [i, chunk] of [PNG.subarray(0, half), PNG.subarray(half)].entries()) {
      const f = new FormData();
      f.append('segment_index', String(i));
      f.append('media', new Blob([new Uint8Array(chunk)]), 'chunk');
      const path = `/2/media/upload/${id}/append`;
      const a = await fetch(x.url + path, { method: 'POST', headers: { authorization: oauthHeader('POST', x.url + path) }, body: f });
      expect(a.status).toBe(200);
    }
    const fin = await fetch(x.url + `/2/media/upload/${id}/finalize`, { method: 'POST', headers: { authorization: oauthHeader('POST', x.url + `/2/media/upload/${id}/finalize`) } });
    expect(fin.status).toBe(200);
    expect((await fin.json()).data).toMatchObject({ id, size: PNG.length });
    const st = await get(`/2/media/upload?command=STATUS&media_id=${id}`);
    expect((await st.json()).data.processing_info.state).toBe('succeeded');
    expect((await tweet('chunked', { media: { media_ids: [id] } })).status).toBe(201);
    expect(x.violations).toEqual([]);
  });

  it('timeline lookup pages newest first and honours since_id', async () => {
    for (let i = 0; i < 7; i++) await tweet(`post ${i}`);
    const p1 = await (await get(`/2/users/${x.userId}/tweets?max_results=5`)).json();
    expect(p1.data.map((t: { text: string }) => t.text)).toEqual(['post 6', 'post 5', 'post 4', 'post 3', 'post 2']);
    expect(p1.meta).toMatchObject({ result_count: 5, newest_id: x.posts[6]!.id });
    const p2 = await (await get(`/2/users/${x.userId}/tweets?max_results=5&pagination_token=${p1.meta.next_token}`)).json();
    expect(p2.data).toHaveLength(2);
    const since = await (await get(`/2/users/${x.userId}/tweets?max_results=5&since_id=${x.posts[5]!.id}`)).json();
    expect(since.data.map((t: { text: string }) => t.text)).toEqual(['post 6']);
    const none = await (await get(`/2/users/${x.userId}/tweets?since_id=${x.posts[6]!.id}`)).json();
    expect(none).toEqual({ meta: { result_count: 0 } });
    expect(x.violations).toEqual([]);
  });
});

describe('fake X: OAuth 1.0a', () => {
  it('rejects a tampered signature', async () => {
    const good = oauthHeader('POST', x.url + '/2/tweets');
    const tampered = good.replace(/oauth_signature="([^"]+)"/, (_m, s: string) => `oauth_signature="${s.startsWith('A') ? 'B' : 'A'}${s.slice(1)}"`);
    const r = await tweet('hello', {});
    expect(r.status).toBe(201);
    const bad = await postJson('/2/tweets', { text: 'hello again' }, tampered);
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
    expect(x.posts).toHaveLength(1);
    expect(x.violations.some((v) => v.includes('bad oauth_signature'))).toBe(true);
  });

  it('rejects a wrong consumer secret and a query that differs from the signed one', async () => {
    expect((await postJson('/2/tweets', { text: 'a' }, oauthHeader('POST', x.url + '/2/tweets', { secret: 'nope' }))).status).toBe(401);
    const signedFor = `/2/users/${x.userId}/tweets?max_results=5`;
    const r = await fetch(x.url + `/2/users/${x.userId}/tweets?max_results=10`, { headers: { authorization: oauthHeader('GET', x.url + signedFor) } });
    expect(r.status).toBe(401);
    expect(x.violations).toHaveLength(2);
  });

  it('signs query params (including ones needing percent-encoding)', async () => {
    const r = await get(`/2/users/${x.userId}/tweets?max_results=5&tweet.fields=created_at%2Centities&start_time=2020-01-01T00%3A00%3A00Z`);
    expect(r.status).toBe(200);
    expect(x.violations).toEqual([]);
  });

  it('includes x-www-form-urlencoded body params in the base string, but not JSON/multipart bodies', async () => {
    const body: [string, string][] = [['command', 'INIT'], ['media_type', 'image/png'], ['total_bytes', '10']];
    const send = (auth: string) =>
      fetch(x.url + '/2/media/upload', { method: 'POST', headers: { authorization: auth, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(body).toString() });
    expect((await send(oauthHeader('POST', x.url + '/2/media/upload'))).status).toBe(401); // body params left out
    expect((await send(oauthHeader('POST', x.url + '/2/media/upload', { bodyParams: body }))).status).toBe(400); // signed right; form upload itself is refused
    expect(x.violations[0]).toContain('bad oauth_signature');
    expect(x.violations[1]).toContain('content-type application/x-www-form-urlencoded');
  });

  it('rejects a reused nonce and a stale timestamp', async () => {
    const h = oauthHeader('POST', x.url + '/2/tweets', { nonce: 'fixed-nonce' });
    expect((await postJson('/2/tweets', { text: 'one' }, h)).status).toBe(201);
    expect((await postJson('/2/tweets', { text: 'two' }, oauthHeader('POST', x.url + '/2/tweets', { nonce: 'fixed-nonce' }))).status).toBe(401);
    expect((await postJson('/2/tweets', { text: 'three' }, oauthHeader('POST', x.url + '/2/tweets', { timestamp: Math.floor(Date.now() / 1000) - 3600 }))).status).toBe(401);
    expect(x.posts.map((p) => p.text)).toEqual(['one']);
    expect(x.violations.map((v) => v.replace(/^.*OAuth: /, ''))).toEqual([expect.stringContaining('reused oauth_nonce'), expect.stringContaining('oauth_timestamp')]);
  });

  it('rejects a missing Authorization header and a Bearer token', async () => {
    expect((await fetch(x.url + '/2/users/me')).status).toBe(401);
    expect((await fetch(x.url + '/2/users/me', { headers: { authorization: 'Bearer abc' } })).status).toBe(401);
    expect(x.violations).toHaveLength(2);
  });
});

describe('fake X: contract violations', () => {
  it('rejects each malformed create with X’s invalid-request shape and lists it', async () => {
    const cases: [string, RequestInit][] = [
      ['form body', { body: 'text=hi', headers: { 'content-type': 'application/x-www-form-urlencoded' } }],
      ['unknown field', { body: JSON.stringify({ text: 'hi', status: 'x' }) }],
      ['numeric media id', { body: JSON.stringify({ text: 'hi', media: { media_ids: [123] } }) }],
      ['unknown media id', { body: JSON.stringify({ text: 'hi', media: { media_ids: ['1234567'] } }) }],
      ['no text, no media', { body: JSON.stringify({}) }],
    ];
    for (const [name, init] of cases) {
      const bodyParams: [string, string][] = name === 'form body' ? [['text', 'hi']] : [];
      const headers = { authorization: oauthHeader('POST', x.url + '/2/tweets', { bodyParams }), 'content-type': 'application/json', ...(init.headers as Record<string, string>) };
      const r = await fetch(x.url + '/2/tweets', { method: 'POST', ...init, headers });
      expect(r.status).toBe(400);
      const b = await r.json();
      expect(b).toMatchObject({ title: 'Invalid Request', type: 'https://api.twitter.com/2/problems/invalid-request' });
      expect(b.errors[0].message).toEqual(expect.any(String));
    }
    expect(x.posts).toEqual([]);
    expect(x.violations).toHaveLength(cases.length);
  });

  it('rejects too-long text (weighted, URLs count 23)', async () => {
    expect((await tweet('a'.repeat(256) + ' https://example.com/' + 'p'.repeat(200))).status).toBe(201);
    expect((await tweet('b'.repeat(281))).status).toBe(403);
    expect(x.violations).toHaveLength(1);
  });

  it('answers a duplicate with X’s 403 duplicate-content shape (not a violation)', async () => {
    expect((await tweet('Same words')).status).toBe(201);
    const r = await tweet('Same words');
    expect(r.status).toBe(403);
    expect(await r.json()).toEqual({ detail: 'You are not allowed to create a Tweet with duplicate content.', type: 'about:blank', title: 'Forbidden', status: 403 });
    expect(x.posts).toHaveLength(1);
    expect(x.violations).toEqual([]);
  });

  it('rejects unknown timeline parameters and out-of-range max_results', async () => {
    expect((await get(`/2/users/${x.userId}/tweets?count=5`)).status).toBe(400);
    expect((await get(`/2/users/${x.userId}/tweets?max_results=3`)).status).toBe(400);
    expect(x.violations).toHaveLength(2);
  });
});

describe('fake X: faults', () => {
  it('status fault: 503 and nothing created', async () => {
    x.inject('POST /2/tweets', { kind: 'status', status: 503, body: { title: 'Service Unavailable' } });
    const r = await tweet('first');
    expect(r.status).toBe(503);
    expect(x.posts).toEqual([]);
    expect((await tweet('first')).status).toBe(201);
    expect(x.posts).toHaveLength(1);
  });

  it('rate-limit fault: 429 with x-rate-limit-reset epoch seconds', async () => {
    x.inject('POST /2/tweets', { kind: 'rate-limit', resetSeconds: 60 });
    const before = Math.floor(Date.now() / 1000);
    const r = await tweet('limited');
    expect(r.status).toBe(429);
    expect(r.headers.get('x-rate-limit-remaining')).toBe('0');
    const reset = Number(r.headers.get('x-rate-limit-reset'));
    expect(reset).toBeGreaterThanOrEqual(before + 59);
    expect(reset).toBeLessThanOrEqual(before + 62);
    expect(x.posts).toEqual([]);
  });

  it('rate-limit fault with the 24-hour user cap', async () => {
    x.inject('POST /2/tweets', { kind: 'rate-limit', resetSeconds: 7200, scope: 'user-24h' });
    const r = await tweet('capped');
    expect(r.status).toBe(429);
    expect(r.headers.get('x-user-limit-24hour-remaining')).toBe('0');
    expect(Number(r.headers.get('x-user-limit-24hour-reset'))).toBeGreaterThan(Date.now() / 1000 + 7000);
  });

  it('drop-after-create: the tweet exists, the client sees a socket error, the timeline shows it', async () => {
    x.inject('POST /2/tweets', { kind: 'drop-after-create' });
    await expect(tweet('ambiguous')).rejects.toThrow();
    expect(x.posts.map((p) => p.text)).toEqual(['ambiguous']);
    const tl = await (await get(`/2/users/${x.userId}/tweets?max_results=5`)).json();
    expect(tl.data[0].text).toBe('ambiguous');
    expect((await tweet('ambiguous')).status).toBe(403); // a blind retry is a duplicate
    expect(x.violations).toEqual([]);
  });

  it('drop-before: socket error and nothing created', async () => {
    x.inject('POST /2/tweets', { kind: 'drop-before' }, 2);
    await expect(tweet('never')).rejects.toThrow();
    await expect(tweet('never')).rejects.toThrow();
    expect(x.posts).toEqual([]);
    expect(x.requests.filter((r) => r.path === '/2/tweets')).toHaveLength(2);
    expect((await tweet('now')).status).toBe(201);
  });

  it('faults are consumed in order per route', async () => {
    x.inject('POST /2/tweets', { kind: 'status', status: 500 });
    x.inject('POST /2/tweets', { kind: 'rate-limit', resetSeconds: 1 });
    expect((await tweet('a')).status).toBe(500);
    expect((await tweet('a')).status).toBe(429);
    expect((await tweet('a')).status).toBe(201);
    expect(() => x.inject('POST /2/tweet', { kind: 'drop-before' })).toThrow(/no route/);
  });
});
