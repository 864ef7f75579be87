import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeFacebook, type FakeFacebook } from './facebook.js';
import { jpegBytes, pngBytes, startStaticServer, type StaticServer } from './graph.js';

const PAGE = '104857600000000';
const TOKEN = 'page-token-123';

let fb: FakeFacebook;
let media: StaticServer;

beforeEach(async () => {
  fb = await startFakeFacebook({ pageId: PAGE, pageToken: TOKEN });
  media = await startStaticServer({
    '/2026/flu.jpg': { body: jpegBytes(1200, 800), contentType: 'image/jpeg' },
    '/2026/two.jpg': { body: jpegBytes(1080, 1080), contentType: 'image/jpeg' },
    '/2026/logo.png': { body: pngBytes(400, 400), contentType: 'image/png' },
    '/2026/page.html': { body: '<html>hello</html>', contentType: 'text/html' },
  });
});

afterEach(async () => {
  await fb.close();
  await media.close();
});

const api = (path: string): string => `${fb.url}/v26.0${path}`;

function form(params: Record<string, string>): RequestInit {
  return { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(params).toString() };
}

async function json(res: Response): Promise<Record<string, any>> {
  return (await res.json()) as Record<string, any>;
}

function expectGraphError(body: Record<string, any>, code: number): void {
  expect(body.error).toBeDefined();
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(typeof body.error.type).toBe('string');
  expect(typeof body.error.fbtrace_id).toBe('string');
}

describe('facebook fake: valid flows', () => {
  it('accepts a text post with access_token in a form body and lists it', async () => {
    const res = await fetch(api(`/${PAGE}/feed`), form({ message: 'Flu shots are here!', access_token: TOKEN }));
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.id).toMatch(new RegExp(`^${PAGE}_\\d+$`));
    expect(fb.posts).toHaveLength(1);
    expect(fb.posts[0]).toMatchObject({ id: body.id, message: 'Flu shots are here!', via: 'feed', published: true });

    const list = await fetch(api(`/${PAGE}/feed?fields=id,message,created_time,permalink_url&limit=10`), {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(list.status).toBe(200);
    const data = await json(list);
    expect(data.data).toHaveLength(1);
    expect(data.data[0]).toMatchObject({ id: body.id, message: 'Flu shots are here!' });
    expect(data.data[0].created_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
    expect(data.data[0].permalink_url).toContain(PAGE);
    expect(fb.violations).toEqual([]);
  });

  it('accepts a link post with a Bearer token and a JSON body; /published_posts shows it with default fields', async () => {
    const res = await fetch(api(`/${PAGE}/feed`), {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'Walk-in flu clinic', link: 'https://cedarvalleyhealth.com/flu' }),
    });
    expect(res.status).toBe(200);
    expect(fb.posts[0]).toMatchObject({ message: 'Walk-in flu clinic', link: 'https://cedarvalleyhealth.com/flu' });
    const list = await json(await fetch(api(`/${PAGE}/published_posts?access_token=${TOKEN}`)));
    expect(Object.keys(list.data[0]).sort()).toEqual(['created_time', 'id', 'message']);
    expect(fb.violations).toEqual([]);
  });

  it('publishes a photo by URL, really fetching it from the media server', async () => {
    const url = `${media.url}2026/flu.jpg`;
    const res = await fetch(
      api(`/${PAGE}/photos`),
      form({ url, caption: 'Flu shots', alt_text_custom: 'Nurse giving a flu shot', access_token: TOKEN }),
    );
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.id).toMatch(/^\d+$/);
    expect(body.post_id).toMatch(new RegExp(`^${PAGE}_\\d+$`));
    expect(media.hits.map((h) => h.path)).toEqual(['/2026/flu.jpg']);
    expect(media.hits[0]!.userAgent).toMatch(/facebookexternalhit/);
    expect(fb.mediaFetches[0]).toMatchObject({ url, ok: true, kind: 'jpeg', width: 1200, height: 800 });
    expect(fb.posts).toHaveLength(1);
    expect(fb.posts[0]).toMatchObject({ id: body.post_id, message: 'Flu shots', via: 'photos' });
    expect(fb.posts[0]!.photos[0]).toMatchObject({ id: body.id, url, altText: 'Nurse giving a flu shot', published: true });
    expect(fb.violations).toEqual([]);
  });

  it('publishes several photos: unpublished uploads, then one feed post with attached_media[N]', async () => {
    const ids: string[] = [];
    for (const f of ['flu.jpg', 'two.jpg']) {
      const res = await fetch(api(`/${PAGE}/photos`), form({ url: `${media.url}2026/${f}`, published: 'false', access_token: TOKEN }));
      expect(res.status).toBe(200);
      const body = await json(res);
      expect(body.post_id).toBeUndefined();
      ids.push(body.id as string);
    }
    expect(fb.posts).toHaveLength(0);
    const res = await fetch(
      api(`/${PAGE}/feed`),
      form({
        message: 'Two photos',
        'attached_media[0]': JSON.stringify({ media_fbid: ids[0] }),
        'attached_media[1]': JSON.stringify({ media_fbid: ids[1] }),
        access_token: TOKEN,
      }),
    );
    expect(res.status).toBe(200);
    expect(fb.posts).toHaveLength(1);
    expect(fb.posts[0]!.photos.map((p) => p.id)).toEqual(ids);
    expect(fb.photos.every((p) => p.postId === fb.posts[0]!.id)).toBe(true);
    const list = await json(await fetch(api(`/${PAGE}/feed?fields=id,attachments&access_token=${TOKEN}`)));
    expect(list.data[0].attachments.data[0].subattachments.data).toHaveLength(2);
    expect(fb.violations).toEqual([]);
  });

  it('accepts attached_media as a JSON array in a JSON body', async () => {
    const up = await json(await fetch(api(`/${PAGE}/photos`), form({ url: `${media.url}2026/flu.jpg`, published: 'false', access_token: TOKEN })));
    const res = await fetch(api(`/${PAGE}/feed`), {
      method: 'POST',
      headers: { authorization: `OAuth ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ message: 'One', attached_media: [{ media_fbid: up.id }] }),
    });
    expect(res.status).toBe(200);
    expect(fb.posts[0]!.photos[0]!.id).toBe(up.id);
    expect(fb.violations).toEqual([]);
  });

  it('accepts a multipart `source` upload', async () => {
    const fd = new FormData();
    fd.set('access_token', TOKEN);
    fd.set('message', 'Uploaded');
    fd.set('source', new Blob([new Uint8Array(jpegBytes(800, 600))], { type: 'image/jpeg' }), 'clinic.jpg');
    const res = await fetch(api(`/${PAGE}/photos`), { method: 'POST', body: fd });
    expect(res.status).toBe(200);
    expect(fb.posts[0]!.photos[0]!.upload).toMatchObject({ filename: 'clinic.jpg', contentType: 'image/jpeg' });
    expect(fb.violations).toEqual([]);
  });

  it('pages /published_posts with cursors, newest first; seeded posts are listed', async () => {
    fb.seedPost({ message: 'old one', createdTime: new Date('2026-01-01T00:00:00Z') });
    for (const m of ['a', 'b', 'c']) await fetch(api(`/${PAGE}/feed`), form({ message: m, access_token: TOKEN }));
    const p1 = await json(await fetch(api(`/${PAGE}/published_posts?fields=message&limit=2&access_token=${TOKEN}`)));
    expect(p1.data.map((d: any) => d.message)).toEqual(['c', 'b']);
    expect(p1.paging.next).toBeDefined();
    const p2 = await json(await fetch(p1.paging.next as string));
    expect(p2.data.map((d: any) => d.message)).toEqual(['a', 'old one']);
    expect(p2.paging.next).toBeUndefined();
    const since = await json(await fetch(api(`/${PAGE}/feed?fields=message&since=1767225601&access_token=${TOKEN}`)));
    expect(since.data).toHaveLength(3);
    expect(fb.violations).toEqual([]);
  });

  it('reads one post by id', async () => {
    const { id } = await json(await fetch(api(`/${PAGE}/feed`), form({ message: 'x', access_token: TOKEN })));
    const post = await json(await fetch(api(`/${id}?fields=id,permalink_url,is_published&access_token=${TOKEN}`)));
    expect(post).toMatchObject({ id, is_published: true });
    expect(fb.violations).toEqual([]);
  });
});

describe('facebook fake: contract violations', () => {
  it('rejects a missing or wrong token (codes 104 / 190)', async () => {
    const a = await fetch(api(`/${PAGE}/feed`), form({ message: 'x' }));
    expect(a.status).toBe(400);
    expectGraphError(await json(a), 104);
    const b = await fetch(api(`/${PAGE}/feed`), form({ message: 'x', access_token: 'nope' }));
    expect(b.status).toBe(400);
    expect(b.headers.get('www-authenticate')).toMatch(/invalid_token/);
    expectGraphError(await json(b), 190);
    expect(fb.posts).toHaveLength(0);
    expect(fb.violations).toHaveLength(2);
  });

  it('rejects another page id, another API version, and an empty post', async () => {
    expectGraphError(await json(await fetch(api('/999/feed'), form({ message: 'x', access_token: TOKEN }))), 100);
    const v = await fetch(`${fb.url}/v22.0/${PAGE}/feed`, form({ message: 'x', access_token: TOKEN }));
    expect(v.status).toBe(400);
    expect((await json(v)).error).toBeDefined();
    expectGraphError(await json(await fetch(api(`/${PAGE}/feed`), form({ access_token: TOKEN }))), 100);
    expect(fb.posts).toHaveLength(0);
    expect(fb.violations).toHaveLength(3);
  });

  it('rejects unknown or expired media_fbid and a photo attached twice', async () => {
    expectGraphError(
      await json(await fetch(api(`/${PAGE}/feed`), form({ message: 'x', 'attached_media[0]': '{"media_fbid":"123"}', access_token: TOKEN }))),
      100,
    );
    const up = await json(await fetch(api(`/${PAGE}/photos`), form({ url: `${media.url}2026/flu.jpg`, published: 'false', access_token: TOKEN })));
    const att = JSON.stringify({ media_fbid: up.id });
    expect((await fetch(api(`/${PAGE}/feed`), form({ message: 'ok', 'attached_media[0]': att, access_token: TOKEN }))).status).toBe(200);
    expectGraphError(await json(await fetch(api(`/${PAGE}/feed`), form({ message: 'again', 'attached_media[0]': att, access_token: TOKEN }))), 100);
    expect(fb.posts).toHaveLength(1);
    expect(fb.violations).toHaveLength(2);
  });

  it('rejects deprecated and unknown fields when reading posts', async () => {
    expectGraphError(await json(await fetch(api(`/${PAGE}/feed?fields=id,link&access_token=${TOKEN}`))), 12);
    expectGraphError(await json(await fetch(api(`/${PAGE}/feed?fields=id,bogus&access_token=${TOKEN}`))), 100);
    expect(fb.violations).toHaveLength(2);
  });

  it('answers (#506) to the same post twice in a row, and records it', async () => {
    expect((await fetch(api(`/${PAGE}/feed`), form({ message: 'same', access_token: TOKEN }))).status).toBe(200);
    const again = await fetch(api(`/${PAGE}/feed`), form({ message: 'same', access_token: TOKEN }));
    expect(again.status).toBe(400);
    expectGraphError(await json(again), 506);
    expect(fb.posts).toHaveLength(1);
    expect(fb.violations.join('\n')).toMatch(/duplicate/);
  });

  it('records undocumented parameters and duplicated parameters', async () => {
    const soft = await fetch(api(`/${PAGE}/feed`), form({ message: 'x', colour: 'blue', access_token: TOKEN }));
    expect(soft.status).toBe(200); // Graph ignores it; the fake only notes it
    const dup = await fetch(api(`/${PAGE}/feed?message=a`), form({ message: 'b', access_token: TOKEN }));
    expectGraphError(await json(dup), 100);
    expect(fb.violations).toHaveLength(2);
    expect(fb.violations[0]).toMatch(/colour/);
  });

  it('rejects a photo url that is not an absolute http(s) URL', async () => {
    expectGraphError(await json(await fetch(api(`/${PAGE}/photos`), form({ url: 'media/2026/flu.jpg', access_token: TOKEN }))), 100);
    expect(media.hits).toHaveLength(0);
    expect(fb.violations).toHaveLength(1);
  });
});

describe('facebook fake: image fetch failures (documented errors, not violations)', () => {
  it('answers (#324) when the image URL 404s, and stores nothing', async () => {
    const res = await fetch(api(`/${PAGE}/photos`), form({ url: `${media.url}missing.jpg`, access_token: TOKEN }));
    expect(res.status).toBe(400);
    expectGraphError(await json(res), 324);
    expect(media.hits.map((h) => h.path)).toEqual(['/missing.jpg']);
    expect(fb.mediaFetches[0]).toMatchObject({ ok: false, status: 404 });
    expect(fb.posts).toHaveLength(0);
    expect(fb.photos).toHaveLength(0);
    expect(fb.violations).toEqual([]);
  });

  it('answers (#324) when the URL is not an image', async () => {
    const res = await fetch(api(`/${PAGE}/photos`), form({ url: `${media.url}2026/page.html`, access_token: TOKEN }));
    expectGraphError(await json(res), 324);
    expect(fb.mediaFetches[0]!.reason).toMatch(/not an image/);
    expect(fb.posts).toHaveLength(0);
  });

  it('accepts PNG for Facebook photos', async () => {
    const res = await fetch(api(`/${PAGE}/photos`), form({ url: `${media.url}2026/logo.png`, access_token: TOKEN }));
    expect(res.status).toBe(200);
    expect(fb.violations).toEqual([]);
  });
});

describe('facebook fake: faults', () => {
  const FEED = 'POST /v26.0/:pageId/feed';

  it('503: the handler does not run, nothing is created', async () => {
    fb.inject(FEED, { kind: 'status', status: 503, body: { error: { message: 'Service temporarily unavailable', type: 'OAuthException', code: 2, is_transient: true } } });
    const res = await fetch(api(`/${PAGE}/feed`), form({ message: 'x', access_token: TOKEN }));
    expect(res.status).toBe(503);
    expect(fb.posts).toHaveLength(0);
    const retry = await fetch(api(`/${PAGE}/feed`), form({ message: 'x', access_token: TOKEN }));
    expect(retry.status).toBe(200);
    expect(fb.posts).toHaveLength(1);
  });

  it('rate-limit: HTTP 400, code 80001 and X-Business-Use-Case-Usage with the wait in minutes', async () => {
    fb.inject(FEED, { kind: 'rate-limit', resetSeconds: 90 });
    const res = await fetch(api(`/${PAGE}/feed`), form({ message: 'x', access_token: TOKEN }));
    expect(res.status).toBe(400);
    const body = await json(res);
    expectGraphError(body, 80001);
    expect(body.error.is_transient).toBe(true);
    const usage = JSON.parse(res.headers.get('x-business-use-case-usage')!) as Record<string, any[]>;
    expect(usage[PAGE]![0]).toMatchObject({ type: 'pages', call_count: 100, estimated_time_to_regain_access: 2 });
    expect(fb.posts).toHaveLength(0);
  });

  it('rate-limit with the platform code 4 gives X-App-Usage', async () => {
    const other = await startFakeFacebook({ pageId: PAGE, pageToken: TOKEN, rateLimitCode: 4 });
    try {
      other.inject(FEED, { kind: 'rate-limit', resetSeconds: 60 });
      const res = await fetch(`${other.url}/v26.0/${PAGE}/feed`, form({ message: 'x', access_token: TOKEN }));
      expectGraphError(await json(res), 4);
      expect(JSON.parse(res.headers.get('x-app-usage')!)).toMatchObject({ call_count: 100 });
    } finally {
      await other.close();
    }
  });

  it('final 400: a Graph error body, nothing created', async () => {
    fb.inject(FEED, { kind: 'status', status: 400, body: { error: { message: '(#200) Permissions error', type: 'OAuthException', code: 200, fbtrace_id: 'x' } } });
    const res = await fetch(api(`/${PAGE}/feed`), form({ message: 'x', access_token: TOKEN }));
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe(200);
    expect(fb.posts).toHaveLength(0);
  });

  it('drop-after-create: the post IS created, the client sees a socket error, the feed settles it', async () => {
    fb.inject(FEED, { kind: 'drop-after-create' });
    await expect(fetch(api(`/${PAGE}/feed`), form({ message: 'Lost answer', access_token: TOKEN }))).rejects.toThrow();
    expect(fb.posts).toHaveLength(1);
    const list = await json(await fetch(api(`/${PAGE}/feed?fields=id,message,created_time&access_token=${TOKEN}`)));
    expect(list.data[0].message).toBe('Lost answer');
  });

  it('drop-before: nothing is created', async () => {
    fb.inject('POST /v26.0/:pageId/photos', { kind: 'drop-before' });
    await expect(fetch(api(`/${PAGE}/photos`), form({ url: `${media.url}2026/flu.jpg`, access_token: TOKEN }))).rejects.toThrow();
    expect(fb.posts).toHaveLength(0);
    expect(media.hits).toHaveLength(0);
    expect(fb.requests).toHaveLength(1);
  });
});
