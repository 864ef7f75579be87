/**
 * Strict fake of the X API v2 (the parts `plan` uses), over real HTTP on 127.0.0.1.
 *
 *   const x = await startFakeX({ apiKey, apiSecret, accessToken, accessSecret });
 *   x.url                     base URL to use as `api_url`
 *   x.posts                   tweets actually created (exactly-once assertions), oldest first
 *   x.media                   uploaded media by id (bytes, type, alt text, finalized)
 *   x.violations / x.requests / x.inject(route, fault) / x.close()   — see server.ts
 *   x.seedPost(text)          put an existing tweet on the timeline (duplicates, settling)
 *
 * Endpoints (all require OAuth 1.0a user context, HMAC-SHA1, verified for real):
 *   POST /2/tweets                         JSON {text?, media?: {media_ids: string[]}} → 201 {data:{id,text,edit_history_tweet_ids}}
 *   POST /2/media/upload                   simple upload: multipart (media=<bytes>, media_category) or JSON
 *                                          (media=<base64>, media_category); also the older multipart
 *                                          `command=INIT|APPEND|FINALIZE` form → 200 {data:{id,media_key,size,expires_after_secs}}
 *   GET  /2/media/upload?command=STATUS&media_id=…                     → {data:{id,media_key,processing_info:{state:'succeeded'}}}
 *   POST /2/media/upload/initialize        JSON {media_type,total_bytes,media_category?} → {data:{id,media_key,expires_after_secs}}
 *   POST /2/media/upload/:id/append        multipart (media, segment_index) or JSON (media base64, segment_index) → {data:{expires_at}}
 *   POST /2/media/upload/:id/finalize      → {data:{id,media_key,size,expires_after_secs}}
 *   POST /2/media/metadata                 JSON {id, metadata:{alt_text:{text}}} → {data:{id,associated_metadata:{alt_text:{text}}}}
 *   GET  /2/users/me                       → {data:{id,name,username}}
 *   GET  /2/users/:id/tweets               max_results 5..100, since_id, until_id, start_time, end_time,
 *                                          pagination_token, exclude, tweet.fields → {data?, meta:{result_count,…}}
 *   GET  /2/tweets?ids=…&tweet.fields=…    1..100 numeric ids; public_metrics for any post, non_public_metrics
 *                                          only for the account's own posts of the last 30 days (else a violation);
 *                                          figures from x.setMetrics(id, …); a metric never set is left out;
 *                                          unknown ids → `errors` (resource-not-found) beside `data`, `data`
 *                                          left out when none is found. Every answer carries
 *                                          x-rate-limit-limit/-remaining/-reset (x.limitReads(n) in a fresh 15-minute window, default 3500).
 *
 * Like the real API, the text X stores and returns is not the text sent: URLs are wrapped as
 * https://t.co/…, a tweet with media gets a trailing t.co media link, and & < > are HTML-escaped
 * (opts.wrapUrls / opts.appendMediaLink / opts.htmlEscape, all default true). `posts[i].text` is what
 * was sent, `posts[i].storedText` what X returns. Use `tweet.fields=entities` to get expanded_url.
 *
 * Errors use X's v2 problem shapes: 401 {title:'Unauthorized',type:'about:blank',status:401,detail:'Unauthorized'},
 * 400 {errors:[{message,parameters}],title:'Invalid Request',detail:'One or more parameters to your request was invalid.',
 * type:'https://api.twitter.com/2/problems/invalid-request'}, 403 duplicate
 * {detail:'You are not allowed to create a Tweet with duplicate content.',type:'about:blank',title:'Forbidden',status:403}.
 * 429 (fault 'rate-limit'): x-rate-limit-limit/-remaining: 0/-reset (epoch seconds); with scope 'user-24h' or
 * 'app-24h' also x-user-limit-24hour-* / x-app-limit-24hour-* (remaining 0, reset epoch seconds).
 */
import crypto from 'node:crypto';
import twitter from 'twitter-text';
import { createFakeServer, idSequence, rfc3986, sniffImage, Violation } from './server.js';
import type { Ctx, FakeServer, MultipartPart, Reply } from './server.js';

export interface FakeXOptions {
  apiKey: string;
  apiSecret: string;
  accessToken: string;
  accessSecret: string;
  userId?: string;
  username?: string;
  name?: string;
  /** Clock in ms (default Date.now); used for oauth_timestamp checks and created_at. */
  now?: () => number;
  /** Allowed |oauth_timestamp - now| in seconds (default 300). */
  timestampSkewSeconds?: number;
  /** Max weighted length per twitter-text (default 280). */
  maxWeightedLength?: number;
  wrapUrls?: boolean;
  appendMediaLink?: boolean;
  htmlEscape?: boolean;
  /** Base URL the client signs against; default `http://<Host header>`. */
  signatureBaseUrl?: string;
}

export interface XMedia {
  id: string;
  mediaKey: string;
  mediaType: string;
  category: string | undefined;
  bytes: Buffer;
  totalBytes: number;
  finalized: boolean;
  altText?: string;
  via: 'simple' | 'chunked';
}

export interface XPost {
  id: string;
  /** Text as sent by the client. */
  text: string;
  /** Text as X stores and returns it (t.co links, HTML escapes, trailing media link). */
  storedText: string;
  mediaIds: string[];
  media: { id: string; mediaType: string; altText?: string; bytes: number }[];
  createdAt: string;
  urls: { start: number; end: number; url: string; expanded_url: string; display_url: string }[];
}

export interface FakeX extends FakeServer {
  posts: XPost[];
  media: Map<string, XMedia>;
  userId: string;
  username: string;
  /** Add a tweet as if posted earlier (not through the API). */
  seedPost(text: string, opts?: { createdAt?: string }): XPost;
  /** The figures GET /2/tweets gives for a post, in X's own fields; one not given is left out of the answer. */
  setMetrics(id: string, metrics: { public_metrics?: Record<string, number>; non_public_metrics?: Record<string, number> }): void;
  /** Calls GET /2/tweets allows per 15-minute window (default 3500); a spent window answers 429. */
  limitReads(perWindow: number): void;
}

const INVALID_TYPE = 'https://api.twitter.com/2/problems/invalid-request';

function invalid(message: string, parameters: Record<string, string[]> = {}): Reply {
  return {
    status: 400,
    body: {
      errors: [{ parameters, message }],
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: INVALID_TYPE,
    },
  };
}

function problem(status: number, title: string, detail: string): Reply {
  return { status, body: { title, type: 'about:blank', status, detail } };
}

const UNAUTHORIZED = problem(401, 'Unauthorized', 'Unauthorized');
const DUPLICATE: Reply = {
  status: 403,
  body: {
    detail: 'You are not allowed to create a Tweet with duplicate content.',
    type: 'about:blank',
    title: 'Forbidden',
    status: 403,
  },
};

const LOOKUP_PARAMS = ['ids', 'tweet.fields', 'expansions', 'media.fields', 'user.fields', 'place.fields', 'poll.fields'];
const TWEET_FIELDS = ['attachments', 'author_id', 'created_at', 'edit_history_tweet_ids', 'entities', 'id', 'lang', 'non_public_metrics', 'organic_metrics', 'promoted_metrics', 'public_metrics', 'text'];
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/bmp', 'image/pjpeg', 'image/tiff'];
const SIMPLE_CATEGORIES = ['tweet_image', 'dm_image', 'subtitles'];
const ALL_CATEGORIES = ['tweet_image', 'tweet_gif', 'tweet_video', 'amplify_video', 'dm_image', 'dm_gif', 'dm_video', 'subtitles'];
const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

/** Parse an `Authorization: OAuth k="v", …` header into decoded params (undefined if malformed). */
export function parseOAuthHeader(h: string | undefined): Record<string, string> | undefined {
  if (!h) return undefined;
  const m = /^OAuth\s+(.*)$/is.exec(h.trim());
  if (!m) return undefined;
  const out: Record<string, string> = {};
  const re = /\s*([^=\s,]+)\s*=\s*"([^"]*)"\s*(,|$)/gy;
  const s = m[1]!;
  let pos = 0;
  while (pos < s.length) {
    re.lastIndex = pos;
    const mm = re.exec(s);
    if (!mm) return undefined;
    try {
      out[decodeURIComponent(mm[1]!)] = decodeURIComponent(mm[2]!);
    } catch {
      return undefined;
    }
    pos = re.lastIndex;
  }
  return out;
}

/** OAuth 1.0a signature base string (RFC 5849 §3.4.1). */
export function signatureBaseString(method: string, baseUrl: string, params: [string, string][]): string {
  const enc = params.map(([k, v]) => [rfc3986(k), rfc3986(v)] as const);
  enc.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  const paramString = enc.map(([k, v]) => `${k}=${v}`).join('&');
  return [method.toUpperCase(), rfc3986(baseUrl), rfc3986(paramString)].join('&');
}

function tcoFor(seed: string): string {
  const h = crypto.createHash('sha256').update(seed).digest('base64').replace(/[^A-Za-z0-9]/g, '');
  return `https://t.co/${h.slice(0, 10)}`;
}

function htmlEscape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function cpLen(s: string): number {
  return Array.from(s).length;
}

export async function startFakeX(opts: FakeXOptions): Promise<FakeX> {
  const now = opts.now ?? (() => Date.now());
  const userId = opts.userId ?? '1600000000000000001';
  const username = opts.username ?? 'cedarvalleyhealth';
  const name = opts.name ?? 'Cedar Valley Health';
  const skew = opts.timestampSkewSeconds ?? 300;
  const maxLen = opts.maxWeightedLength ?? 280;
  const nextTweetId = idSequence(1800000000000000000n);
  const nextMediaId = idSequence(1900000000000000000n);
  const posts: XPost[] = [];
  const media = new Map<string, XMedia>();
  const nonces = new Set<string>();

  /** Verify OAuth 1.0a; throws a 401 Violation on any problem. */
  const auth = (ctx: Ctx): void => {
    const p = parseOAuthHeader(ctx.header('authorization'));
    const fail = (why: string): never => {
      throw new Violation(`OAuth: ${why}`, UNAUTHORIZED);
    };
    if (!p) fail('missing or malformed Authorization: OAuth header');
    const o = p!;
    for (const k of ['oauth_consumer_key', 'oauth_token', 'oauth_signature_method', 'oauth_timestamp', 'oauth_nonce', 'oauth_signature']) {
      if (!o[k]) fail(`missing ${k}`);
    }
    if (o.oauth_signature_method !== 'HMAC-SHA1') fail(`oauth_signature_method ${o.oauth_signature_method} (want HMAC-SHA1)`);
    if (o.oauth_version !== undefined && o.oauth_version !== '1.0') fail(`oauth_version ${o.oauth_version}`);
    if (o.oauth_consumer_key !== opts.apiKey) fail('unknown oauth_consumer_key');
    if (o.oauth_token !== opts.accessToken) fail('unknown oauth_token');
    const ts = Number(o.oauth_timestamp);
    if (!/^\d+$/.test(o.oauth_timestamp!) || Math.abs(ts - now() / 1000) > skew) fail(`oauth_timestamp ${o.oauth_timestamp} out of bounds`);

    const params: [string, string][] = [];
    for (const [k, v] of Object.entries(o)) if (k !== 'oauth_signature' && k !== 'realm') params.push([k, v]);
    for (const [k, v] of new URLSearchParams(ctx.rawQuery)) params.push([k, v]);
    if (ctx.contentType() === 'application/x-www-form-urlencoded') for (const [k, v] of ctx.form()) params.push([k, v]);
    const host = (ctx.header('host') ?? '').toLowerCase();
    const base = `${opts.signatureBaseUrl ?? `http://${host}`}${ctx.path}`;
    const key = `${rfc3986(opts.apiSecret)}&${rfc3986(opts.accessSecret)}`;
    const expected = crypto.createHmac('sha1', key).update(signatureBaseString(ctx.method, base, params)).digest();
    const got = Buffer.from(o.oauth_signature!, 'base64');
    if (got.length !== expected.length || !crypto.timingSafeEqual(got, expected)) fail('bad oauth_signature');
    const nonceKey = `${o.oauth_consumer_key}:${o.oauth_token}:${o.oauth_nonce}`;
    if (nonces.has(nonceKey)) fail(`reused oauth_nonce ${o.oauth_nonce}`);
    nonces.add(nonceKey);
  };

  const jsonBody = (ctx: Ctx): Record<string, unknown> => {
    if (ctx.contentType() !== 'application/json') {
      throw new Violation(`content-type ${ctx.contentType() || '(none)'} on a JSON endpoint`, invalid('Requests with bodies must have content-type of application/json.'));
    }
    let v: unknown;
    try {
      v = ctx.json();
    } catch {
      throw new Violation('body is not valid JSON', invalid('Request body is not valid JSON.'));
    }
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Violation('body is not a JSON object', invalid('$: object expected'));
    return v as Record<string, unknown>;
  };

  const storeText = (text: string, id: string, withMedia: boolean) => {
    let out = '';
    const urls: XPost['urls'] = [];
    let last = 0;
    const found = opts.wrapUrls === false ? [] : twitter.extractUrlsWithIndices(text);
    for (const u of found) {
      const [s, e] = u.indices as [number, number];
      out += (opts.htmlEscape === false ? text.slice(last, s) : htmlEscape(text.slice(last, s)));
      const t = tcoFor(`${id}:${u.url}:${s}`);
      const start = cpLen(out);
      out += t;
      const expanded = /^https?:\/\//i.test(u.url) ? u.url : `http://${u.url}`;
      urls.push({ start, end: start + cpLen(t), url: t, expanded_url: expanded, display_url: u.url.replace(/^https?:\/\//i, '') });
      last = e;
    }
    out += opts.htmlEscape === false ? text.slice(last) : htmlEscape(text.slice(last));
    if (withMedia && opts.appendMediaLink !== false) {
      const t = tcoFor(`${id}:media`);
      out = out.length ? `${out} ${t}` : t;
      const start = cpLen(out) - cpLen(t);
      urls.push({ start, end: start + cpLen(t), url: t, expanded_url: `https://x.com/${username}/status/${id}/photo/1`, display_url: 'pic.x.com/' + t.slice(13) });
    }
    return { storedText: out, urls };
  };

  const figures = new Map<string, { public_metrics?: Record<string, number>; non_public_metrics?: Record<string, number> }>();
  const reads = { used: 0, windowStart: 0 };
  const state = { readLimit: 3500 };
  const readLimitHeaders = (): Record<string, string> => {
    const windowMs = 15 * 60_000;
    if (now() - reads.windowStart >= windowMs) Object.assign(reads, { used: 0, windowStart: now() });
    reads.used++;
    const remaining = Math.max(0, state.readLimit - reads.used);
    return { 'x-rate-limit-limit': String(state.readLimit), 'x-rate-limit-remaining': String(remaining), 'x-rate-limit-reset': String(Math.ceil((reads.windowStart + windowMs) / 1000)) };
  };

  const addPost = (text: string, mediaIds: string[], createdAt?: string): XPost => {
    const id = nextTweetId();
    const { storedText, urls } = storeText(text, id, mediaIds.length > 0);
    const post: XPost = {
      id,
      text,
      storedText,
      mediaIds,
      media: mediaIds.map((m) => {
        const md = media.get(m)!;
        return { id: m, mediaType: md.mediaType, ...(md.altText !== undefined ? { altText: md.altText } : {}), bytes: md.bytes.length };
      }),
      createdAt: createdAt ?? new Date(now()).toISOString(),
      urls,
    };
    posts.push(post);
    return post;
  };

  const mediaReply = (m: XMedia): Reply => ({
    status: 200,
    body: { data: { id: m.id, media_key: m.mediaKey, size: m.bytes.length, expires_after_secs: 86400 } },
  });

  const newMedia = (mediaType: string, category: string | undefined, bytes: Buffer, totalBytes: number, via: XMedia['via'], finalized: boolean): XMedia => {
    const id = nextMediaId();
    const m: XMedia = { id, mediaKey: `3_${id}`, mediaType, category, bytes, totalBytes, finalized, via };
    media.set(id, m);
    return m;
  };

  const checkCategory = (cat: unknown, allowed: string[], required: boolean): string | undefined => {
    if (cat === undefined || cat === '') {
      if (required) throw new Violation('media_category missing', invalid('The `media_category` field is required.', { media_category: [] }));
      return undefined;
    }
    if (typeof cat !== 'string' || !allowed.includes(cat)) {
      throw new Violation(`media_category ${String(cat)} not allowed`, invalid(`The \`media_category\` value [${String(cat)}] is not one of [${allowed.join(',')}]`, { media_category: [String(cat)] }));
    }
    return cat;
  };

  const checkImage = (bytes: Buffer, declared: unknown): string => {
    if (bytes.length === 0) throw new Violation('empty media', invalid('The `media` field is required.', { media: [] }));
    if (bytes.length > MAX_IMAGE_BYTES) throw new Violation('image over 5 MB', invalid('File size exceeds 5242880 bytes.'));
    const sniffed = sniffImage(bytes);
    if (!sniffed) throw new Violation('media bytes are not a supported image', invalid('Unsupported media type.'));
    if (declared !== undefined && declared !== '' && declared !== sniffed && !(declared === 'image/pjpeg' && sniffed === 'image/jpeg')) {
      throw new Violation(`media_type ${String(declared)} does not match bytes (${sniffed})`, invalid(`media_type ${String(declared)} does not match the uploaded file.`));
    }
    return sniffed;
  };

  const partText = (parts: MultipartPart[], name: string): string | undefined => {
    const p = parts.find((x) => x.name === name);
    return p ? p.data.toString('utf8') : undefined;
  };

  const getMedia = (id: string): XMedia => {
    const m = media.get(id);
    if (!m) throw new Violation(`unknown media id ${id}`, invalid(`Media id ${id} not found.`, { id: [id] }));
    return m;
  };

  const append = (m: XMedia, segment: unknown, bytes: Buffer | undefined): Reply => {
    if (m.via !== 'chunked' || m.finalized) throw new Violation(`APPEND to media ${m.id} that is not an open chunked upload`, invalid('Media upload is not in an appendable state.'));
    const seg = Number(segment);
    if (segment === undefined || !Number.isInteger(seg) || seg < 0 || seg > 999) {
      throw new Violation(`segment_index ${String(segment)} invalid`, invalid('The `segment_index` field must be between 0 and 999.', { segment_index: [String(segment)] }));
    }
    if (!bytes || bytes.length === 0) throw new Violation('APPEND without media bytes', invalid('The `media` field is required.', { media: [] }));
    m.bytes = Buffer.concat([m.bytes, bytes]);
    return { status: 200, body: { data: { expires_at: Math.floor(now() / 1000) + 86400 } } };
  };

  const finalize = (m: XMedia): Reply => {
    if (m.via !== 'chunked') throw new Violation(`FINALIZE on simple-uploaded media ${m.id}`, invalid('Media upload is not in a finalizable state.'));
    if (m.bytes.length !== m.totalBytes) {
      throw new Violation(`FINALIZE with ${m.bytes.length} bytes appended but total_bytes ${m.totalBytes}`, invalid('File size does not match total_bytes.'));
    }
    if (IMAGE_TYPES.includes(m.mediaType)) checkImage(m.bytes, m.mediaType);
    m.finalized = true;
    return mediaReply(m);
  };

  const init = (mediaType: unknown, totalBytes: unknown, category: unknown): Reply => {
    if (typeof mediaType !== 'string' || !mediaType) throw new Violation('INIT without media_type', invalid('The `media_type` field is required.', { media_type: [] }));
    const tb = Number(totalBytes);
    if (totalBytes === undefined || !Number.isInteger(tb) || tb <= 0) throw new Violation(`INIT total_bytes ${String(totalBytes)} invalid`, invalid('The `total_bytes` field is required.', { total_bytes: [String(totalBytes)] }));
    const cat = checkCategory(category, ALL_CATEGORIES, false);
    if (IMAGE_TYPES.includes(mediaType) && tb > MAX_IMAGE_BYTES) throw new Violation('image over 5 MB', invalid('File size exceeds 5242880 bytes.'));
    const m = newMedia(mediaType, cat, Buffer.alloc(0), tb, 'chunked', false);
    return { status: 200, body: { data: { id: m.id, media_key: m.mediaKey, expires_after_secs: 86400 } } };
  };

  const tweetView = (p: XPost, fields: Set<string>) => {
    const t: Record<string, unknown> = { id: p.id, text: p.storedText, edit_history_tweet_ids: [p.id] };
    if (fields.has('created_at')) t.created_at = p.createdAt;
    if (fields.has('author_id')) t.author_id = userId;
    if (fields.has('attachments') && p.mediaIds.length) t.attachments = { media_keys: p.mediaIds.map((m) => `3_${m}`) };
    if (fields.has('entities') && p.urls.length) t.entities = { urls: p.urls };
    return t;
  };

  const TIMELINE_PARAMS = ['since_id', 'until_id', 'max_results', 'pagination_token', 'exclude', 'start_time', 'end_time', 'expansions', 'tweet.fields', 'media.fields', 'poll.fields', 'place.fields', 'user.fields'];

  const server = await createFakeServer({
    name: 'x',
    rateLimitReply: (resetSeconds, fault) => {
      const reset = String(Math.floor(now() / 1000) + resetSeconds);
      const headers: Record<string, string> = { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': reset };
      if (fault.scope === 'user-24h' || fault.scope === 'app-24h') {
        // The 15-minute window is fine; the 24-hour cap is what ran out.
        headers['x-rate-limit-remaining'] = '99';
        headers['x-rate-limit-reset'] = String(Math.floor(now() / 1000) + 900);
        const pfx = fault.scope === 'user-24h' ? 'x-user-limit-24hour' : 'x-app-limit-24hour';
        headers[`${pfx}-limit`] = '17';
        headers[`${pfx}-remaining`] = '0';
        headers[`${pfx}-reset`] = reset;
      }
      return { status: 429, headers, body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 } };
    },
    notFoundReply: () => ({ status: 404, body: { errors: [{ message: 'Sorry, that page does not exist', code: 34 }] } }),
    routes: {
      'POST /2/tweets': (ctx) => {
        auth(ctx);
        const b = jsonBody(ctx);
        const known = ['text', 'media', 'reply', 'quote_tweet_id', 'poll', 'reply_settings', 'for_super_followers_only', 'direct_message_deep_link', 'geo', 'nullcast', 'card_uri', 'community_id', 'share_with_followers', 'made_with_ai', 'paid_partnership', 'edit_options'];
        for (const k of Object.keys(b)) {
          if (!known.includes(k)) throw new Violation(`unknown field ${k}`, invalid(`$.${k}: is not defined in the schema and the schema does not allow additional properties`));
        }
        if (b.text !== undefined && typeof b.text !== 'string') throw new Violation('text is not a string', invalid(`$.text: ${typeof b.text} found, string expected`));
        const text = (b.text as string | undefined) ?? '';
        let mediaIds: string[] = [];
        if (b.media !== undefined) {
          const m = b.media as Record<string, unknown>;
          if (!m || typeof m !== 'object' || Array.isArray(m)) throw new Violation('media is not an object', invalid('$.media: object expected'));
          for (const k of Object.keys(m)) {
            if (k !== 'media_ids' && k !== 'tagged_user_ids') throw new Violation(`unknown field media.${k}`, invalid(`$.media.${k}: is not defined in the schema and the schema does not allow additional properties`));
          }
          const ids = m.media_ids;
          if (!Array.isArray(ids) || ids.length < 1 || ids.length > 4) throw new Violation('media.media_ids must be an array of 1-4 ids', invalid('$.media.media_ids: there must be a minimum of 1 and a maximum of 4 items in the array'));
          ids.forEach((id, i) => {
            if (typeof id !== 'string') throw new Violation(`media.media_ids[${i}] is ${typeof id}, not a string`, invalid(`$.media.media_ids[${i}]: ${typeof id} found, string expected`));
            if (!/^\d{1,19}$/.test(id)) throw new Violation(`media.media_ids[${i}] ${id} is not numeric`, invalid(`$.media.media_ids[${i}]: does not match the regex pattern ^[0-9]{1,19}$`));
          });
          mediaIds = ids as string[];
          const bad = mediaIds.filter((id) => !media.get(id)?.finalized);
          if (bad.length) throw new Violation(`media ids not uploaded/finalized: ${bad.join(',')}`, invalid('Your media IDs are invalid.', { 'media.media_ids': bad }));
        }
        if (!text.trim() && mediaIds.length === 0) throw new Violation('neither text nor media', invalid('Either text or media is required.', { text: [] }));
        if (text && twitter.parseTweet(text).weightedLength > maxLen) {
          throw new Violation(`text weighted length ${twitter.parseTweet(text).weightedLength} > ${maxLen}`, problem(403, 'Forbidden', 'Your Tweet text is too long.'));
        }
        if (text.trim() && posts.some((p) => p.text === text)) {
          // Not a contract violation: X rejects it, and the publisher must recognise it.
          return DUPLICATE;
        }
        const post = addPost(text, mediaIds);
        return { status: 201, body: { data: { id: post.id, text: post.storedText, edit_history_tweet_ids: [post.id] } } };
      },

      'POST /2/media/upload': (ctx) => {
        auth(ctx);
        const ct = ctx.contentType();
        if (ct === 'multipart/form-data') {
          const parts = ctx.multipart();
          if (!parts) throw new Violation('malformed multipart body', invalid('Malformed multipart body.'));
          const command = partText(parts, 'command');
          if (command !== undefined) {
            if (command === 'INIT') return init(partText(parts, 'media_type'), partText(parts, 'total_bytes'), partText(parts, 'media_category'));
            const mid = partText(parts, 'media_id') ?? '';
            if (command === 'APPEND') return append(getMedia(mid), partText(parts, 'segment_index'), parts.find((p) => p.name === 'media')?.data);
            if (command === 'FINALIZE') return finalize(getMedia(mid));
            throw new Violation(`unknown command ${command}`, invalid(`The \`command\` value [${command}] is not one of [INIT,APPEND,FINALIZE]`));
          }
          const file = parts.find((p) => p.name === 'media');
          if (!file) throw new Violation('simple upload without a media part', invalid('The `media` field is required.', { media: [] }));
          const cat = checkCategory(partText(parts, 'media_category'), SIMPLE_CATEGORIES, true);
          const type = checkImage(file.data, partText(parts, 'media_type'));
          return mediaReply(newMedia(type, cat, file.data, file.data.length, 'simple', true));
        }
        if (ct === 'application/json') {
          const b = jsonBody(ctx);
          if (typeof b.media !== 'string') throw new Violation('JSON upload without base64 media', invalid('The `media` field is required.', { media: [] }));
          const bytes = Buffer.from(b.media, 'base64');
          const cat = checkCategory(b.media_category, SIMPLE_CATEGORIES, true);
          const type = checkImage(bytes, b.media_type);
          return mediaReply(newMedia(type, cat, bytes, bytes.length, 'simple', true));
        }
        throw new Violation(`media upload with content-type ${ct || '(none)'}`, invalid('Media upload must be multipart/form-data or application/json.'));
      },

      'GET /2/media/upload': (ctx) => {
        auth(ctx);
        const command = ctx.query.get('command');
        if (command !== null && command !== 'STATUS') throw new Violation(`GET media/upload command ${command}`, invalid(`The \`command\` query parameter value [${command}] is not one of [STATUS]`));
        const m = getMedia(ctx.query.get('media_id') ?? '');
        return { status: 200, body: { data: { id: m.id, media_key: m.mediaKey, processing_info: { state: m.finalized ? 'succeeded' : 'pending', progress_percent: m.finalized ? 100 : 0 } } } };
      },

      'POST /2/media/upload/initialize': (ctx) => {
        auth(ctx);
        const b = jsonBody(ctx);
        return init(b.media_type, b.total_bytes, b.media_category);
      },

      'POST /2/media/upload/:id/append': (ctx) => {
        auth(ctx);
        const m = getMedia(ctx.params.id!);
        if (ctx.contentType() === 'multipart/form-data') {
          const parts = ctx.multipart();
          if (!parts) throw new Violation('malformed multipart body', invalid('Malformed multipart body.'));
          return append(m, partText(parts, 'segment_index'), parts.find((p) => p.name === 'media')?.data);
        }
        const b = jsonBody(ctx);
        return append(m, b.segment_index, typeof b.media === 'string' ? Buffer.from(b.media, 'base64') : undefined);
      },

      'POST /2/media/upload/:id/finalize': (ctx) => {
        auth(ctx);
        return finalize(getMedia(ctx.params.id!));
      },

      'POST /2/media/metadata': (ctx) => {
        auth(ctx);
        const b = jsonBody(ctx);
        if (typeof b.id !== 'string') throw new Violation('metadata without string id', invalid('The `id` field is required.', { id: [] }));
        const m = getMedia(b.id);
        const alt = (b.metadata as { alt_text?: { text?: unknown } } | undefined)?.alt_text?.text;
        if (typeof alt !== 'string') throw new Violation('metadata.alt_text.text missing', invalid('$.metadata.alt_text.text: string expected'));
        if (alt.length > 1000) throw new Violation(`alt text ${alt.length} > 1000 chars`, invalid('$.metadata.alt_text.text: must be at most 1000 characters'));
        m.altText = alt;
        return { status: 200, body: { data: { id: m.id, associated_metadata: { alt_text: { text: alt } } } } };
      },

      'GET /2/users/me': (ctx) => {
        auth(ctx);
        return { status: 200, body: { data: { id: userId, name, username } } };
      },

      'GET /2/tweets': (ctx) => {
        auth(ctx);
        const q = ctx.query;
        for (const k of q.keys()) {
          if (!LOOKUP_PARAMS.includes(k)) throw new Violation(`unknown query parameter ${k}`, invalid(`The query parameter [${k}] is not one of [${LOOKUP_PARAMS.join(',')}]`, { [k]: [q.get(k) ?? ''] }));
        }
        const ids = (q.get('ids') ?? '').split(',');
        if (ids.length < 1 || ids.length > 100 || ids.some((id) => !/^\d{1,19}$/.test(id))) {
          throw new Violation(`ids ${q.get('ids')}`, invalid('The `ids` query parameter value must be 1 to 100 comma-separated numeric ids', { ids: [q.get('ids') ?? ''] }));
        }
        const fields = new Set((q.get('tweet.fields') ?? '').split(',').filter(Boolean));
        for (const f of fields) if (!TWEET_FIELDS.includes(f)) throw new Violation(`unknown tweet.fields ${f}`, invalid(`The \`tweet.fields\` query parameter value [${f}] is not one of [${TWEET_FIELDS.join(',')}]`, { 'tweet.fields': [f] }));
        const headers = readLimitHeaders();
        if (reads.used > state.readLimit) {
          return { status: 429, headers, body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 } };
        }
        const data: Record<string, unknown>[] = [];
        const errors: Record<string, unknown>[] = [];
        for (const id of ids) {
          const post = posts.find((p) => p.id === id);
          if (!post) {
            errors.push({ value: id, detail: `Could not find tweet with ids: [${id}].`, title: 'Not Found Error', resource_type: 'tweet', parameter: 'ids', resource_id: id, type: 'https://api.twitter.com/2/problems/resource-not-found' });
            continue;
          }
          const own = figures.get(id) ?? {};
          if (fields.has('non_public_metrics') && now() - Date.parse(post.createdAt) > 30 * 86_400_000) {
            throw new Violation(`non_public_metrics asked for post ${id}, older than 30 days`, {
              status: 200,
              headers,
              body: { errors: [{ value: id, detail: 'Sorry, you are not authorized to access non_public_metrics on this Tweet.', title: 'Field Authorization Error', resource_type: 'tweet', field: 'non_public_metrics', resource_id: id, type: 'https://api.twitter.com/2/problems/not-authorized-for-field' }] },
            });
          }
          data.push({
            id,
            text: post.storedText,
            edit_history_tweet_ids: [id],
            ...(fields.has('public_metrics') ? { public_metrics: own.public_metrics ?? {} } : {}),
            ...(fields.has('non_public_metrics') && own.non_public_metrics ? { non_public_metrics: own.non_public_metrics } : {}),
          });
        }
        return { status: 200, headers, body: { ...(data.length ? { data } : {}), ...(errors.length ? { errors } : {}) } };
      },

      'GET /2/users/:id/tweets': (ctx) => {
        auth(ctx);
        const q = ctx.query;
        for (const k of q.keys()) {
          if (!TIMELINE_PARAMS.includes(k)) throw new Violation(`unknown query parameter ${k}`, invalid(`The query parameter [${k}] is not one of [id,${TIMELINE_PARAMS.join(',')}]`, { [k]: [q.get(k) ?? ''] }));
        }
        if (!/^\d{1,19}$/.test(ctx.params.id!)) throw new Violation(`user id ${ctx.params.id} not numeric`, invalid(`The \`id\` query parameter value [${ctx.params.id}] does not match ^[0-9]{1,19}$`));
        const maxRaw = q.get('max_results');
        const max = maxRaw === null ? 10 : Number(maxRaw);
        if (!Number.isInteger(max) || max < 5 || max > 100) throw new Violation(`max_results ${maxRaw}`, invalid(`The \`max_results\` query parameter value [${maxRaw}] is not between 5 and 100`, { max_results: [String(maxRaw)] }));
        for (const k of ['since_id', 'until_id']) {
          const v = q.get(k);
          if (v !== null && !/^\d{1,19}$/.test(v)) throw new Violation(`${k} ${v}`, invalid(`The \`${k}\` query parameter value [${v}] does not match ^[0-9]{1,19}$`, { [k]: [v] }));
        }
        for (const k of ['start_time', 'end_time']) {
          const v = q.get(k);
          if (v !== null && (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z$/.test(v) || Number.isNaN(Date.parse(v)))) {
            throw new Violation(`${k} ${v} is not RFC 3339 UTC`, invalid(`The \`${k}\` query parameter value [${v}] is not a valid RFC 3339 timestamp`, { [k]: [v] }));
          }
        }
        const fields = new Set((q.get('tweet.fields') ?? '').split(',').filter(Boolean));
        let list = ctx.params.id === userId ? [...posts].reverse() : [];
        const since = q.get('since_id');
        const until = q.get('until_id');
        const st = q.get('start_time');
        const et = q.get('end_time');
        if (since) list = list.filter((p) => BigInt(p.id) > BigInt(since));
        if (until) list = list.filter((p) => BigInt(p.id) < BigInt(until));
        if (st) list = list.filter((p) => Date.parse(p.createdAt) >= Date.parse(st));
        if (et) list = list.filter((p) => Date.parse(p.createdAt) <= Date.parse(et));
        let offset = 0;
        const tok = q.get('pagination_token');
        if (tok !== null) {
          const m = /^p(\d+)$/.exec(tok);
          if (!m) throw new Violation(`bad pagination_token ${tok}`, invalid(`The \`pagination_token\` query parameter value [${tok}] is not valid`));
          offset = Number(m[1]);
        }
        const page = list.slice(offset, offset + max);
        if (page.length === 0) return { status: 200, body: { meta: { result_count: 0 } } };
        const meta: Record<string, unknown> = { result_count: page.length, newest_id: page[0]!.id, oldest_id: page[page.length - 1]!.id };
        if (offset + max < list.length) meta.next_token = `p${offset + max}`;
        return { status: 200, body: { data: page.map((p) => tweetView(p, fields)), meta } };
      },
    },
  });

  return Object.assign(server, {
    posts,
    media,
    userId,
    username,
    seedPost: (text: string, o?: { createdAt?: string }) => addPost(text, [], o?.createdAt),
    setMetrics: (id: string, metrics: { public_metrics?: Record<string, number>; non_public_metrics?: Record<string, number> }) => void figures.set(id, metrics),
    limitReads: (perWindow: number) => {
      state.readLimit = perWindow;
      Object.assign(reads, { used: 0, windowStart: now() });
    },
  });
}

