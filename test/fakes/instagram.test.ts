import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeInstagram, countHashtags, countMentions, type FakeInstagram } from './instagram.js';
import { jpegBytes, mp4Bytes, pngBytes, startStaticServer, type StaticServer } from './graph.js';

const USER = '17841400000000000';
const TOKEN = 'ig-token-456';

let ig: FakeInstagram;
let media: StaticServer;

beforeEach(async () => {
  ig = await startFakeInstagram({ userId: USER, token: TOKEN });
  media = await startStaticServer({
    '/2026/flu.jpg': { body: jpegBytes(1080, 1080), contentType: 'image/jpeg' },
    '/2026/b.jpg': { body: jpegBytes(1080, 1350), contentType: 'image/jpeg' },
    '/2026/wide.jpg': { body: jpegBytes(2000, 500), contentType: 'image/jpeg' },
    '/2026/logo.png': { body: pngBytes(1080, 1080), contentType: 'image/png' },
    '/2026/page.html': { body: '<html>hi</html>', contentType: 'text/html' },
    '/2026/clip.mp4': { body: mp4Bytes(), contentType: 'video/mp4' },
  });
});

afterEach(async () => {
  await ig.close();
  await media.close();
});

const api = (path: string): string => `${ig.url}/v26.0${path}`;

function post(path: string, params: Record<string, string>): Promise<Response> {
  return fetch(api(path), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ access_token: TOKEN, ...params }).toString(),
  });
}
function get(path: string): Promise<Response> {
  return fetch(api(path), { headers: { authorization: `Bearer ${TOKEN}` } });
}
async function json(res: Response): Promise<Record<string, any>> {
  return (await res.json()) as Record<string, any>;
}
function expectGraphError(body: Record<string, any>, code: number, subcode?: number): void {
  expect(body.error).toBeDefined();
  expect(body.error.code).toBe(code);
  if (subcode !== undefined) expect(body.error.error_subcode).toBe(subcode);
  expect(typeof body.error.message).toBe('string');
  expect(typeof body.error.fbtrace_id).toBe('string');
}
async function status(id: string): Promise<string> {
  const b = await json(await get(`/${id}?fields=status_code,status`));
  return b.status_code as string;
}
async function waitFinished(id: string): Promise<void> {
  for (let i = 0; i < 10; i++) if ((await status(id)) === 'FINISHED') return;
  throw new Error(`container ${id} never finished`);
}
async function container(params: Record<string, string>): Promise<string> {
  const res = await post(`/${USER}/media`, params);
  const b = await json(res);
  expect(res.status, JSON.stringify(b)).toBe(200);
  return b.id as string;
}

describe('instagram fake: valid flows', () => {
  it('single image: container (fetched for real) → IN_PROGRESS → FINISHED → media_publish → listed', async () => {
    const url = `${media.url}2026/flu.jpg`;
    const id = await container({ image_url: url, caption: 'Flu shots are here! #flu', alt_text: 'Nurse giving a flu shot' });
    expect(media.hits.map((h) => h.path)).toEqual(['/2026/flu.jpg']);
    expect(ig.mediaFetches[0]).toMatchObject({ url, ok: true, kind: 'jpeg' });

    const first = await json(await get(`/${id}?fields=status_code,status`));
    expect(first).toMatchObject({ status_code: 'IN_PROGRESS' });
    expect(await status(id)).toBe('FINISHED');

    const pub = await post(`/${USER}/media_publish`, { creation_id: id });
    expect(pub.status).toBe(200);
    const { id: mediaId } = await json(pub);
    expect(mediaId).toMatch(/^\d+$/);
    expect(ig.posts).toHaveLength(1);
    expect(ig.posts[0]).toMatchObject({
      id: mediaId,
      containerId: id,
      mediaType: 'IMAGE',
      caption: 'Flu shots are here! #flu',
      media: [{ containerId: id, type: 'IMAGE', url, altText: 'Nurse giving a flu shot' }],
    });
    expect(await status(id)).toBe('PUBLISHED');

    const list = await json(await get(`/${USER}/media?fields=id,caption,timestamp,permalink`));
    expect(list.data).toHaveLength(1);
    expect(list.data[0]).toMatchObject({ id: mediaId, caption: 'Flu shots are here! #flu' });
    expect(list.data[0].permalink).toMatch(/^https:\/\/www\.instagram\.com\/p\/[\w-]+\/$/);
    expect(list.data[0].timestamp).toMatch(/\+0000$/);

    const limit = await json(await get(`/${USER}/content_publishing_limit?fields=config,quota_usage`));
    expect(limit.data[0]).toEqual({ quota_usage: 1, config: { quota_total: 100, quota_duration: 86400 } });
    expect(ig.violations).toEqual([]);
  });

  it('carousel: item containers with alt text, a CAROUSEL container with children, one post', async () => {
    const a = await container({ image_url: `${media.url}2026/flu.jpg`, is_carousel_item: 'true', alt_text: 'A' });
    const b = await container({ image_url: `${media.url}2026/b.jpg`, is_carousel_item: 'true', alt_text: 'B' });
    const c = await container({ media_type: 'CAROUSEL', children: `${a},${b}`, caption: 'Two pictures' });
    await waitFinished(c);
    expect(ig.containers.get(a)!.statusCode).toBe('FINISHED');
    const pub = await post(`/${USER}/media_publish`, { creation_id: c });
    expect(pub.status).toBe(200);
    expect(ig.posts).toHaveLength(1);
    expect(ig.posts[0]).toMatchObject({ mediaType: 'CAROUSEL_ALBUM', caption: 'Two pictures' });
    expect(ig.posts[0]!.media.map((m) => m.altText)).toEqual(['A', 'B']);
    expect(ig.containers.get(a)!.statusCode).toBe('PUBLISHED');
    expect(ig.violations).toEqual([]);
  });

  it('reel: video_url is fetched, processing takes more polls, publishes a VIDEO / REELS media', async () => {
    const id = await container({ media_type: 'REELS', video_url: `${media.url}2026/clip.mp4`, caption: 'Clinic tour' });
    expect(await status(id)).toBe('IN_PROGRESS');
    expect(await status(id)).toBe('IN_PROGRESS');
    expect(await status(id)).toBe('FINISHED');
    expect((await post(`/${USER}/media_publish`, { creation_id: id })).status).toBe(200);
    expect(ig.posts[0]).toMatchObject({ mediaType: 'VIDEO', mediaProductType: 'REELS' });
    expect(ig.posts[0]!.permalink).toContain('/reel/');
    expect(ig.violations).toEqual([]);
  });

  it('JSON body and a JSON children array are accepted; media listing pages newest first', async () => {
    const ids: string[] = [];
    for (const cap of ['one', 'two', 'three']) {
      const res = await fetch(api(`/${USER}/media`), {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ image_url: `${media.url}2026/flu.jpg`, caption: cap }),
      });
      const id = (await json(res)).id as string;
      await waitFinished(id);
      expect((await post(`/${USER}/media_publish`, { creation_id: id })).status).toBe(200);
      ids.push(id);
    }
    const p1 = await json(await get(`/${USER}/media?fields=caption&limit=2`));
    expect(p1.data.map((d: any) => d.caption)).toEqual(['three', 'two']);
    const p2 = await json(await fetch(p1.paging.next as string, { headers: { authorization: `Bearer ${TOKEN}` } }));
    expect(p2.data.map((d: any) => d.caption)).toEqual(['one']);
    expect(ig.violations).toEqual([]);
  });

  it('counts hashtags and mentions like Instagram (an e-mail is not a mention)', () => {
    expect(countHashtags('#flu #vaccines and#not')).toBe(2);
    expect(countMentions('@cedarvalleyhealth hello@cedarvalleyhealth.com @dr.priya')).toBe(2);
  });
});

describe('instagram fake: publishing rules', () => {
  it('publishing before FINISHED answers 9007/2207027 and creates nothing', async () => {
    const id = await container({ image_url: `${media.url}2026/flu.jpg`, caption: 'x' });
    const res = await post(`/${USER}/media_publish`, { creation_id: id });
    expect(res.status).toBe(400);
    expectGraphError(await json(res), 9007, 2207027);
    expect(ig.posts).toHaveLength(0);
    expect(ig.violations).toEqual([]);
  });

  it('re-publishing a PUBLISHED container creates nothing (error + violation)', async () => {
    const id = await container({ image_url: `${media.url}2026/flu.jpg`, caption: 'once' });
    await waitFinished(id);
    expect((await post(`/${USER}/media_publish`, { creation_id: id })).status).toBe(200);
    const again = await post(`/${USER}/media_publish`, { creation_id: id });
    expect(again.status).toBe(400);
    expectGraphError(await json(again), 100);
    expect(ig.posts).toHaveLength(1);
    expect(ig.containers.get(id)!.publishCalls).toBe(2);
    expect(ig.violations).toHaveLength(1);
    expect(ig.violations[0]).toMatch(/already PUBLISHED/);
  });

  it('ERROR and EXPIRED containers are reported and cannot be published', async () => {
    const a = await container({ image_url: `${media.url}2026/flu.jpg`, caption: 'a' });
    ig.setContainerStatus(a, 'ERROR', 2207001);
    const s = await json(await get(`/${a}?fields=status_code,status`));
    expect(s).toMatchObject({ status_code: 'ERROR' });
    expect(s.status).toMatch(/2207001/);

    const b = await container({ image_url: `${media.url}2026/flu.jpg`, caption: 'b' });
    ig.setContainerStatus(b, 'EXPIRED');
    expect(await status(b)).toBe('EXPIRED');
    const res = await post(`/${USER}/media_publish`, { creation_id: b });
    expectGraphError(await json(res), 24, 2207008);
    expect(ig.posts).toHaveLength(0);
  });

  it('containers expire 24 hours after creation', async () => {
    let t = Date.parse('2026-10-06T13:00:00Z');
    const clock = await startFakeInstagram({ userId: USER, token: TOKEN, now: () => new Date(t) });
    try {
      const res = await fetch(`${clock.url}/v26.0/${USER}/media`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ image_url: `${media.url}2026/flu.jpg` }).toString(),
      });
      const id = (await json(res)).id as string;
      t += 25 * 3600 * 1000;
      const s = await json(await fetch(`${clock.url}/v26.0/${id}?fields=status_code&access_token=${TOKEN}`));
      expect(s.status_code).toBe('EXPIRED');
    } finally {
      await clock.close();
    }
  });

  it('enforces the 24-hour publishing quota (9/2207042)', async () => {
    const small = await startFakeInstagram({ userId: USER, token: TOKEN, publishQuota: 1, pollsBeforeFinished: 1 });
    try {
      const mk = async (): Promise<string> => {
        const r = await fetch(`${small.url}/v26.0/${USER}/media`, {
          method: 'POST',
          headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ image_url: `${media.url}2026/flu.jpg` }).toString(),
        });
        const id = (await json(r)).id as string;
        await fetch(`${small.url}/v26.0/${id}?fields=status_code&access_token=${TOKEN}`);
        return id;
      };
      const pub = (id: string): Promise<Response> =>
        fetch(`${small.url}/v26.0/${USER}/media_publish?creation_id=${id}&access_token=${TOKEN}`, { method: 'POST' });
      expect((await pub(await mk())).status).toBe(200);
      expectGraphError(await json(await pub(await mk())), 9, 2207042);
      expect(small.posts).toHaveLength(1);
    } finally {
      await small.close();
    }
  });
});

describe('instagram fake: contract violations', () => {
  it('token: missing (104), wrong (190)', async () => {
    expectGraphError(await json(await fetch(api(`/${USER}/media?fields=id`))), 104);
    expectGraphError(await json(await fetch(api(`/${USER}/media?fields=id&access_token=bad`))), 190);
    expect(ig.violations).toHaveLength(2);
  });

  it('caption limits: 2200 characters, 30 hashtags, 20 @ tags', async () => {
    const url = `${media.url}2026/flu.jpg`;
    expectGraphError(await json(await post(`/${USER}/media`, { image_url: url, caption: 'x'.repeat(2201) })), 100);
    const tags = Array.from({ length: 31 }, (_, i) => `#t${i}`).join(' ');
    expectGraphError(await json(await post(`/${USER}/media`, { image_url: url, caption: tags })), 100);
    const mentions = Array.from({ length: 21 }, (_, i) => `@u${i}`).join(' ');
    expectGraphError(await json(await post(`/${USER}/media`, { image_url: url, caption: mentions })), 100);
    expect(ig.violations).toHaveLength(3);
    // Exactly at the limits is fine.
    await container({ image_url: url, caption: 'x'.repeat(2200) });
    await container({ image_url: url, caption: Array.from({ length: 30 }, (_, i) => `#t${i}`).join(' ') });
    expect(ig.violations).toHaveLength(3);
    expect(media.hits).toHaveLength(2); // over-limit requests were refused before fetching
  });

  it('alt_text: images only, at most 1000 characters', async () => {
    expectGraphError(await json(await post(`/${USER}/media`, { image_url: `${media.url}2026/flu.jpg`, alt_text: 'a'.repeat(1001) })), 100);
    expectGraphError(await json(await post(`/${USER}/media`, { media_type: 'REELS', video_url: `${media.url}2026/clip.mp4`, alt_text: 'x' })), 100);
    const a = await container({ image_url: `${media.url}2026/flu.jpg`, is_carousel_item: 'true' });
    const b = await container({ image_url: `${media.url}2026/b.jpg`, is_carousel_item: 'true' });
    expectGraphError(await json(await post(`/${USER}/media`, { media_type: 'CAROUSEL', children: `${a},${b}`, alt_text: 'x' })), 100);
    expect(ig.violations).toHaveLength(3);
  });

  it('carousels: caption on an item, one child, a non-item child, media_publish of an item', async () => {
    const url = `${media.url}2026/flu.jpg`;
    expectGraphError(await json(await post(`/${USER}/media`, { image_url: url, is_carousel_item: 'true', caption: 'no' })), 100);
    const a = await container({ image_url: url, is_carousel_item: 'true' });
    const single = await container({ image_url: url });
    expectGraphError(await json(await post(`/${USER}/media`, { media_type: 'CAROUSEL', children: a })), 100);
    expectGraphError(await json(await post(`/${USER}/media`, { media_type: 'CAROUSEL', children: `${a},${single}` })), 100);
    await waitFinished(a);
    expectGraphError(await json(await post(`/${USER}/media_publish`, { creation_id: a })), 100);
    expect(ig.violations).toHaveLength(4);
    expect(ig.posts).toHaveLength(0);
  });

  it('unknown container fields, wrong user id, missing creation_id, unknown version', async () => {
    const id = await container({ image_url: `${media.url}2026/flu.jpg` });
    expectGraphError(await json(await get(`/${id}?fields=status_code,media_url`)), 100);
    expectGraphError(await json(await post('/123/media', { image_url: `${media.url}2026/flu.jpg` })), 100);
    expectGraphError(await json(await post(`/${USER}/media_publish`, {})), 100);
    const v = await fetch(`${ig.url}/v21.0/${USER}/media?access_token=${TOKEN}`);
    expect(v.status).toBe(400);
    expect(ig.violations).toHaveLength(4);
  });
});

describe('instagram fake: image fetch failures (documented errors, not violations)', () => {
  it('404 → 9004/2207052, no container', async () => {
    const res = await post(`/${USER}/media`, { image_url: `${media.url}nope.jpg`, caption: 'x' });
    expect(res.status).toBe(400);
    const body = await json(res);
    expectGraphError(body, 9004, 2207052);
    expect(body.error.error_user_title).toMatch(/Media download has failed/);
    expect(ig.containers.size).toBe(0);
    expect(ig.mediaFetches[0]).toMatchObject({ ok: false, status: 404 });
    expect(ig.violations).toEqual([]);
  });

  it('not an image, or not a JPEG → 9004/2207052', async () => {
    expectGraphError(await json(await post(`/${USER}/media`, { image_url: `${media.url}2026/page.html` })), 9004, 2207052);
    expectGraphError(await json(await post(`/${USER}/media`, { image_url: `${media.url}2026/logo.png` })), 9004, 2207052);
    expect(ig.mediaFetches.map((f) => f.ok)).toEqual([false, false]);
    expect(ig.containers.size).toBe(0);
  });

  it('aspect ratio outside 4:5…1.91:1 → 36003/2207009', async () => {
    expectGraphError(await json(await post(`/${USER}/media`, { image_url: `${media.url}2026/wide.jpg` })), 36003, 2207009);
    expect(ig.containers.size).toBe(0);
  });

  it('an unreachable https URL is a fetch failure', async () => {
    expectGraphError(await json(await post(`/${USER}/media`, { image_url: 'https://cedarvalleyhealth.com/social/2026/flu.jpg' })), 9004, 2207052);
  });

  it('a video that cannot be fetched makes the container ERROR', async () => {
    const id = await container({ media_type: 'REELS', video_url: `${media.url}gone.mp4` });
    expect(await status(id)).toBe('ERROR');
  });
});

describe('instagram fake: faults', () => {
  const PUBLISH = 'POST /v26.0/:igUserId/media_publish';
  const finished = async (): Promise<string> => {
    const id = await container({ image_url: `${media.url}2026/flu.jpg`, caption: 'Fault test' });
    await waitFinished(id);
    return id;
  };

  it('503 on media_publish: nothing created, the container stays FINISHED', async () => {
    const id = await finished();
    ig.inject(PUBLISH, { kind: 'status', status: 503 });
    expect((await post(`/${USER}/media_publish`, { creation_id: id })).status).toBe(503);
    expect(ig.posts).toHaveLength(0);
    expect(await status(id)).toBe('FINISHED');
  });

  it('rate-limit: HTTP 400, code 80002, X-Business-Use-Case-Usage type instagram', async () => {
    ig.inject('POST /v26.0/:igUserId/media', { kind: 'rate-limit', resetSeconds: 30 });
    const res = await post(`/${USER}/media`, { image_url: `${media.url}2026/flu.jpg` });
    expect(res.status).toBe(400);
    expectGraphError(await json(res), 80002);
    const usage = JSON.parse(res.headers.get('x-business-use-case-usage')!) as Record<string, any[]>;
    expect(usage[USER]![0]).toMatchObject({ type: 'instagram', estimated_time_to_regain_access: 1 });
    expect(ig.containers.size).toBe(0);
    expect(media.hits).toHaveLength(0);
  });

  it('final 400 on media_publish: nothing created', async () => {
    const id = await finished();
    ig.inject(PUBLISH, { kind: 'status', status: 400, body: { error: { message: '(#10) permission', type: 'OAuthException', code: 10 } } });
    expect((await post(`/${USER}/media_publish`, { creation_id: id })).status).toBe(400);
    expect(ig.posts).toHaveLength(0);
  });

  it('drop-after-create on media_publish: published, the client sees a socket error; the container says PUBLISHED', async () => {
    const id = await finished();
    ig.inject(PUBLISH, { kind: 'drop-after-create' });
    await expect(post(`/${USER}/media_publish`, { creation_id: id })).rejects.toThrow();
    expect(ig.posts).toHaveLength(1);
    expect(await status(id)).toBe('PUBLISHED');
    const list = await json(await get(`/${USER}/media?fields=id,caption,timestamp`));
    expect(list.data[0].caption).toBe('Fault test');
    expect(ig.violations).toEqual([]);
  });

  it('drop-before on media_publish: nothing created', async () => {
    const id = await finished();
    ig.inject(PUBLISH, { kind: 'drop-before' });
    await expect(post(`/${USER}/media_publish`, { creation_id: id })).rejects.toThrow();
    expect(ig.posts).toHaveLength(0);
    expect(await status(id)).toBe('FINISHED');
  });
});
