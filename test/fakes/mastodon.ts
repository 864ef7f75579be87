/**
 * Strict fake of a Mastodon instance's client API (the parts `plan` uses), over real HTTP on 127.0.0.1.
 *
 *   const m = await startFakeMastodon({ token: 'md-token' });
 *   m.url              the instance base URL (use as `instance` / `api_url`)
 *   m.posts            statuses actually created, oldest first (exactly-once assertions)
 *   m.media            media attachments by id (bytes, description, processed, attached status)
 *   m.account          the token's account
 *   m.seedPost(text)   a status created earlier (not through the API)
 *   m.violations / m.requests / m.inject(route, fault) / m.close()   — see server.ts
 *
 * Endpoints (Authorization: Bearer <token>):
 *   POST /api/v1/statuses         form, multipart or JSON: status, media_ids[] (form) / media_ids (JSON array),
 *                                 visibility, language, sensitive, spoiler_text, in_reply_to_id → 200 Status
 *                                 Idempotency-Key: the same key (per account) within opts.idempotencyWindowSeconds
 *                                 (default 3600, like Mastodon's redis setex) returns the SAME status, creates nothing.
 *                                 422 {"error":"Validation failed: Text character limit of N exceeded"} when over
 *                                 opts.maxCharacters (default 500; URLs, by Mastodon's own pattern, count as 23,
 *                                 @user@domain as @user, graphemes).
 *   POST /api/v2/media            multipart file (+ description ≤ 1500, focus) → 200 with url (opts.mediaProcessing
 *                                 'sync', default) or 202 with url null ('async')
 *   GET  /api/v1/media/:id        206 while processing (opts.asyncPolls times, default 1), then 200
 *   PUT  /api/v1/media/:id        description / focus
 *   GET  /api/v1/accounts/verify_credentials → CredentialAccount
 *   GET  /api/v1/statuses/:id                → Status, with replies_count, reblogs_count, favourites_count and
 *                                            quotes_count (4.5) from m.setCounts(id, …) (0 until set); a status
 *                                            that does not exist → 404; every answer carries X-RateLimit-*
 *                                            (m.limitReads(n) calls in a fresh 5-minute window, default 300)
 *   GET  /api/v1/accounts/:id/statuses       limit (≤40), max_id, since_id, min_id, exclude_replies, … → Status[] newest
 *                                            first, with a Link header
 * Errors are {"error": "..."}: 401 "The access token is invalid", 404 "Record not found", 422 validation messages.
 * 429 (fault 'rate-limit'): {"error":"Too many requests"} with X-RateLimit-Limit, X-RateLimit-Remaining: 0 and
 * X-RateLimit-Reset (ISO 8601 time); scope 'statuses' → limit 300 (per 3 h), 'media' → 30, default 300 (per 5 min).
 * Parameters Mastodon silently ignores (unknown keys, a scalar `media_ids` in a form, an invalid language) are
 * ignored here too but listed in `violations`, since they mean the client's post is not what it meant.
 */
import twitter from 'twitter-text';
import { bearerToken, createFakeServer, idSequence, sniffImage, Violation } from './server.js';
import type { Ctx, FakeServer, Reply } from './server.js';

export interface FakeMastodonOptions {
  token: string;
  maxCharacters?: number;
  charactersReservedPerUrl?: number;
  maxMediaAttachments?: number;
  mediaProcessing?: 'sync' | 'async';
  /** With mediaProcessing 'async': how many GET /api/v1/media/:id answer 206 before 200 (default 1). */
  asyncPolls?: number;
  idempotencyWindowSeconds?: number;
  now?: () => number;
  account?: { id?: string; username?: string; displayName?: string };
}

export interface MastodonMedia {
  id: string;
  type: 'image';
  mediaType: string;
  bytes: Buffer;
  description: string | null;
  focus?: string;
  processed: boolean;
  pollsLeft: number;
  statusId?: string;
}

export interface MastodonStatus {
  id: string;
  /** Text as sent. */
  text: string;
  /** HTML content as Mastodon renders it. */
  content: string;
  visibility: string;
  language: string;
  sensitive: boolean;
  spoilerText: string;
  mediaIds: string[];
  media: { id: string; description: string | null; bytes: number; mediaType: string }[];
  idempotencyKey?: string;
  createdAt: string;
  inReplyToId: string | null;
}

export interface FakeMastodon extends FakeServer {
  posts: MastodonStatus[];
  media: Map<string, MastodonMedia>;
  account: { id: string; username: string; acct: string; display_name: string };
  seedPost(text: string, opts?: { createdAt?: string }): MastodonStatus;
  /** The counts a status shows. */
  setCounts(id: string, counts: { replies_count?: number; reblogs_count?: number; favourites_count?: number; quotes_count?: number }): void;
  /** Calls GET /api/v1/statuses/:id allows per 5-minute window (default 300); a spent window answers 429. */
  limitReads(perWindow: number): void;
}

const err = (status: number, error: string): Reply => ({ status, body: { error } });
const UNAUTHORIZED = err(401, 'The access token is invalid');
const NOT_FOUND = err(404, 'Record not found');
const VISIBILITIES = ['public', 'unlisted', 'private', 'direct'];
const STATUS_PARAMS = ['status', 'media_ids', 'poll', 'in_reply_to_id', 'sensitive', 'spoiler_text', 'visibility', 'language', 'scheduled_at', 'quoted_status_id', 'quote_approval_policy'];

// Mastodon's own URL pattern (config/initializers/twitter_regex.rb), in short: a protocol, then anything up to
// whitespace or < > ( ) ?, then an optional query; trailing punctuation and 「」 are not part of the URL.
const MASTODON_URL = /(^|[^A-Za-z0-9@＠$#＃])((?:https?|dat|dweb|ipfs|ipns|ssb|gopher|gemini):\/\/[^\s<>()?]+(?:\?[^\s<>]*)?)/giu;
const URL_TRAILER = /[()?!*"'「」<>;:=,.$%[\]~&|@]+$/u;

/** Characters Mastodon counts for a status: URLs as `urlLength`, remote mentions by their local part, graphemes. */
export function mastodonLength(text: string, urlLength = 23): number {
  const t = text
    .replace(MASTODON_URL, (_, before: string, url: string) => {
      const trailer = URL_TRAILER.exec(url)?.[0] ?? '';
      return `${before}${'x'.repeat(urlLength)}${trailer}`;
    })
    .replace(/(^|[^\p{L}\p{N}_/])@([\p{L}\p{N}_]+(?:[.-]+[\p{L}\p{N}_]+)*)@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, '$1@$2');
  return [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(t)].length;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Roughly how Mastodon renders plain text: paragraphs, <br />, linked URLs. */
export function renderContent(text: string): string {
  const linkify = (para: string) => {
    const urls = twitter.extractUrlsWithIndices(para, { extractUrlsWithoutProtocol: false });
    let out = '';
    let last = 0;
    for (const u of urls) {
      const [s, e] = u.indices as [number, number];
      out += escapeHtml(para.slice(last, s));
      const m = /^(https?:\/\/(?:www\.)?)(.*)$/i.exec(u.url)!;
      const shown = m[2]!;
      const visible = shown.length > 30 ? shown.slice(0, 30) : shown;
      const hidden = shown.slice(visible.length);
      out += `<a href="${escapeHtml(u.url)}" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">${escapeHtml(m[1]!)}</span><span class="${hidden ? 'ellipsis' : ''}">${escapeHtml(visible)}</span><span class="invisible">${escapeHtml(hidden)}</span></a>`;
      last = e;
    }
    return out + escapeHtml(para.slice(last));
  };
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .filter((p) => p.length > 0)
    .map((p) => `<p>${p.split('\n').map(linkify).join('<br />')}</p>`)
    .join('');
}

interface StatusParams {
  status?: string;
  media_ids?: string[];
  visibility?: string;
  language?: string;
  sensitive?: boolean;
  spoiler_text?: string;
  in_reply_to_id?: string;
  scheduled_at?: string;
  poll?: unknown;
}

export async function startFakeMastodon(opts: FakeMastodonOptions): Promise<FakeMastodon> {
  const now = opts.now ?? (() => Date.now());
  const maxChars = opts.maxCharacters ?? 500;
  const urlLen = opts.charactersReservedPerUrl ?? 23;
  const maxMedia = opts.maxMediaAttachments ?? 4;
  const window = (opts.idempotencyWindowSeconds ?? 3600) * 1000;
  const nextId = idSequence(113000000000000000n);
  const posts: MastodonStatus[] = [];
  const media = new Map<string, MastodonMedia>();
  const idempotency = new Map<string, { statusId: string; at: number }>();
  const account = {
    id: opts.account?.id ?? '109000000000000001',
    username: opts.account?.username ?? 'cedarvalleyhealth',
    acct: opts.account?.username ?? 'cedarvalleyhealth',
    display_name: opts.account?.displayName ?? 'Cedar Valley Health',
  };
  let baseUrl = '';

  const auth = (ctx: Ctx): void => {
    if (bearerToken(ctx) !== opts.token) throw new Violation('missing or wrong Bearer token', UNAUTHORIZED);
  };

  const accountView = () => ({
    ...account,
    locked: false,
    bot: false,
    discoverable: true,
    group: false,
    created_at: '2023-01-01T00:00:00.000Z',
    note: '',
    url: `${baseUrl}/@${account.username}`,
    uri: `${baseUrl}/users/${account.username}`,
    avatar: `${baseUrl}/avatars/original/missing.png`,
    avatar_static: `${baseUrl}/avatars/original/missing.png`,
    header: `${baseUrl}/headers/original/missing.png`,
    header_static: `${baseUrl}/headers/original/missing.png`,
    followers_count: 0,
    following_count: 0,
    statuses_count: posts.length,
    last_status_at: posts.length ? posts[posts.length - 1]!.createdAt.slice(0, 10) : null,
    emojis: [],
    fields: [],
  });

  const mediaView = (m: MastodonMedia) => ({
    id: m.id,
    type: m.type,
    url: m.processed ? `${baseUrl}/system/media_attachments/files/${m.id}/original/image.png` : null,
    preview_url: `${baseUrl}/system/media_attachments/files/${m.id}/small/image.png`,
    remote_url: null,
    preview_remote_url: null,
    text_url: null,
    meta: m.focus ? { focus: { x: Number(m.focus.split(',')[0]), y: Number(m.focus.split(',')[1]) } } : {},
    description: m.description,
    blurhash: 'UFA,]]%MM{of~qj[ofay-;t7t7ay%Mofoffj',
  });

  const counts = new Map<string, { replies_count?: number; reblogs_count?: number; favourites_count?: number; quotes_count?: number }>();
  const reads = { used: 0, windowStart: 0, limit: 300 };
  const readLimitHeaders = (): Record<string, string> => {
    const windowMs = 5 * 60_000;
    if (now() - reads.windowStart >= windowMs) Object.assign(reads, { used: 0, windowStart: now() });
    reads.used++;
    return {
      'x-ratelimit-limit': String(reads.limit),
      'x-ratelimit-remaining': String(Math.max(0, reads.limit - reads.used)),
      'x-ratelimit-reset': new Date(reads.windowStart + windowMs).toISOString(),
    };
  };

  const statusView = (s: MastodonStatus) => ({
    id: s.id,
    created_at: s.createdAt,
    in_reply_to_id: s.inReplyToId,
    in_reply_to_account_id: null,
    sensitive: s.sensitive,
    spoiler_text: s.spoilerText,
    visibility: s.visibility,
    language: s.language,
    uri: `${baseUrl}/users/${account.username}/statuses/${s.id}`,
    url: `${baseUrl}/@${account.username}/${s.id}`,
    replies_count: 0,
    reblogs_count: 0,
    favourites_count: 0,
    quotes_count: 0,
    ...counts.get(s.id),
    edited_at: null,
    content: s.content,
    reblog: null,
    application: { name: 'plan', website: null },
    account: accountView(),
    media_attachments: s.mediaIds.map((id) => mediaView(media.get(id)!)),
    mentions: [],
    tags: [],
    emojis: [],
    card: null,
    poll: null,
  });

  const addStatus = (p: { text: string; mediaIds: string[]; visibility: string; language: string; sensitive: boolean; spoilerText: string; inReplyToId: string | null; idempotencyKey?: string; createdAt?: string }): MastodonStatus => {
    const id = nextId();
    const s: MastodonStatus = {
      id,
      text: p.text,
      content: renderContent(p.text),
      visibility: p.visibility,
      language: p.language,
      sensitive: p.sensitive,
      spoilerText: p.spoilerText,
      mediaIds: p.mediaIds,
      media: p.mediaIds.map((mid) => {
        const m = media.get(mid)!;
        m.statusId = id;
        return { id: mid, description: m.description, bytes: m.bytes.length, mediaType: m.mediaType };
      }),
      ...(p.idempotencyKey !== undefined ? { idempotencyKey: p.idempotencyKey } : {}),
      createdAt: p.createdAt ?? new Date(now()).toISOString(),
      inReplyToId: p.inReplyToId,
    };
    posts.push(s);
    return s;
  };

  /** Read POST /api/v1/statuses params the way Rails would (form, multipart or JSON). */
  const readStatusParams = (ctx: Ctx): StatusParams => {
    const ct = ctx.contentType();
    const out: StatusParams = {};
    const bool = (v: string) => ['1', 'true', 'on', 't'].includes(v.toLowerCase());
    const fromPairs = (pairs: [string, string][]) => {
      const ids: string[] = [];
      for (const [k, v] of pairs) {
        if (k === 'media_ids[]') ids.push(v);
        else if (k === 'media_ids') ctx.violation('form field `media_ids` without [] — Mastodon ignores it (use media_ids[])');
        else if (k === 'status') out.status = v;
        else if (k === 'visibility') out.visibility = v;
        else if (k === 'language') out.language = v;
        else if (k === 'sensitive') out.sensitive = bool(v);
        else if (k === 'spoiler_text') out.spoiler_text = v;
        else if (k === 'in_reply_to_id') out.in_reply_to_id = v;
        else if (k === 'scheduled_at') out.scheduled_at = v;
        else if (k.startsWith('poll[')) out.poll = true;
        else if (!STATUS_PARAMS.includes(k)) ctx.violation(`unknown status parameter ${k} (ignored by Mastodon)`);
      }
      if (ids.length) out.media_ids = ids;
    };
    if (ct === 'application/x-www-form-urlencoded') fromPairs([...ctx.form()]);
    else if (ct === 'multipart/form-data') {
      const parts = ctx.multipart();
      if (!parts) throw new Violation('malformed multipart body', err(400, 'Malformed multipart body'));
      fromPairs(parts.map((p) => [p.name, p.data.toString('utf8')]));
    } else if (ct === 'application/json') {
      let b: unknown;
      try {
        b = ctx.json();
      } catch {
        throw new Violation('body is not valid JSON', err(400, 'Error occurred while parsing request parameters'));
      }
      if (!b || typeof b !== 'object' || Array.isArray(b)) throw new Violation('JSON body is not an object', err(400, 'Error occurred while parsing request parameters'));
      const o = b as Record<string, unknown>;
      for (const k of Object.keys(o)) if (!STATUS_PARAMS.includes(k)) ctx.violation(`unknown status parameter ${k} (ignored by Mastodon)`);
      if (o.status !== undefined) out.status = String(o.status);
      if (o.media_ids !== undefined) {
        if (!Array.isArray(o.media_ids)) ctx.violation('JSON media_ids is not an array — Mastodon ignores it');
        else out.media_ids = o.media_ids.map(String);
      }
      if (o.visibility !== undefined) out.visibility = String(o.visibility);
      if (o.language !== undefined && o.language !== null) out.language = String(o.language);
      if (o.sensitive !== undefined) out.sensitive = o.sensitive === true || o.sensitive === 'true';
      if (o.spoiler_text !== undefined) out.spoiler_text = String(o.spoiler_text);
      if (o.in_reply_to_id !== undefined && o.in_reply_to_id !== null) out.in_reply_to_id = String(o.in_reply_to_id);
      if (o.scheduled_at !== undefined && o.scheduled_at !== null) out.scheduled_at = String(o.scheduled_at);
      if (o.poll !== undefined && o.poll !== null) out.poll = o.poll;
    } else {
      throw new Violation(`content-type ${ct || '(none)'} for POST /api/v1/statuses`, err(422, "Validation failed: Text can't be blank"));
    }
    return out;
  };

  const rateLimitReply = (resetSeconds: number, scope?: string): Reply => ({
    status: 429,
    headers: {
      'x-ratelimit-limit': scope === 'media' ? '30' : '300',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': new Date(now() + resetSeconds * 1000).toISOString(),
    },
    body: { error: 'Too many requests' },
  });

  const server = await createFakeServer({
    name: 'mastodon',
    rateLimitReply: (resetSeconds, fault) => rateLimitReply(resetSeconds, fault.scope),
    notFoundReply: () => NOT_FOUND,
    routes: {
      'GET /api/v1/statuses/:id': (ctx) => {
        auth(ctx);
        for (const k of ctx.query.keys()) ctx.violation(`unknown query parameter ${k}`);
        const headers = readLimitHeaders();
        if (reads.used > reads.limit) return { status: 429, headers, body: { error: 'Too many requests' } };
        const found = posts.find((p) => p.id === ctx.params.id);
        return found ? { status: 200, headers, body: statusView(found) } : { ...NOT_FOUND, headers };
      },
      'POST /api/v1/statuses': (ctx) => {
        auth(ctx);
        const key = ctx.header('idempotency-key');
        if (key !== undefined) {
          const hit = idempotency.get(`${account.id}:${key}`);
          if (hit && now() - hit.at < window) {
            const s = posts.find((p) => p.id === hit.statusId);
            if (s) return { status: 200, body: statusView(s) };
          }
        }
        const p = readStatusParams(ctx);
        if (p.scheduled_at !== undefined) throw new Violation('scheduled_at used (plan publishes now; this fake does not schedule)', err(422, 'Validation failed: scheduled_at is not supported here'));
        if (p.poll !== undefined) throw new Violation('poll used (not supported by this fake)', err(422, 'Validation failed: poll is not supported here'));
        const visibility = p.visibility ?? 'public';
        if (!VISIBILITIES.includes(visibility)) throw new Violation(`visibility ${visibility}`, err(422, 'Validation failed: Visibility is not included in the list'));
        let language = 'en';
        if (p.language !== undefined && p.language !== '') {
          if (/^[a-z]{2,3}$/.test(p.language)) language = p.language;
          else ctx.violation(`language ${JSON.stringify(p.language)} is not an ISO 639 code (Mastodon ignores it)`);
        }
        const ids = p.media_ids ?? [];
        if (ids.length > maxMedia) throw new Violation(`${ids.length} media > ${maxMedia}`, err(422, `Cannot attach more than ${maxMedia} files`));
        const missing = ids.filter((id) => {
          const m = media.get(id);
          return !m || m.statusId !== undefined;
        });
        if (missing.length) throw new Violation(`media ${missing.join(', ')} not found or already attached`, err(422, `Media ${missing.join(', ')} not found or already attached to another post`));
        if (ids.some((id) => !media.get(id)!.processed)) {
          // Mastodon's answer to attaching too early; the client should have polled GET /api/v1/media/:id.
          throw new Violation('attached media that has not finished processing', err(422, 'Cannot attach files that have not finished processing. Try again in a moment!'));
        }
        const text = p.status ?? '';
        if (!text.trim() && ids.length === 0) throw new Violation('status text is blank and no media', err(422, "Validation failed: Text can't be blank"));
        const spoiler = p.spoiler_text ?? '';
        const len = mastodonLength(text, urlLen) + mastodonLength(spoiler, urlLen);
        if (len > maxChars) throw new Violation(`status is ${len} characters > ${maxChars}`, err(422, `Validation failed: Text character limit of ${maxChars} exceeded`));
        const s = addStatus({
          text,
          mediaIds: ids,
          visibility,
          language,
          sensitive: p.sensitive ?? false,
          spoilerText: spoiler,
          inReplyToId: p.in_reply_to_id ?? null,
          ...(key !== undefined ? { idempotencyKey: key } : {}),
        });
        if (key !== undefined) idempotency.set(`${account.id}:${key}`, { statusId: s.id, at: now() });
        return { status: 200, body: statusView(s) };
      },

      'POST /api/v2/media': (ctx) => {
        auth(ctx);
        if (ctx.contentType() !== 'multipart/form-data') throw new Violation(`media upload with content-type ${ctx.contentType() || '(none)'}`, err(422, "Validation failed: File can't be blank"));
        const parts = ctx.multipart();
        if (!parts) throw new Violation('malformed multipart body', err(422, "Validation failed: File can't be blank"));
        for (const p of parts) if (!['file', 'thumbnail', 'description', 'focus'].includes(p.name)) ctx.violation(`unknown media parameter ${p.name} (ignored by Mastodon)`);
        const file = parts.find((p) => p.name === 'file');
        if (!file || file.data.length === 0) throw new Violation('no file part', err(422, "Validation failed: File can't be blank"));
        const type = sniffImage(file.data);
        if (!type) throw new Violation('file is not a supported image', err(422, 'Validation failed: File content type is invalid, File is invalid'));
        const description = parts.find((p) => p.name === 'description')?.data.toString('utf8') ?? null;
        if (description !== null && description.length > 1500) throw new Violation(`description ${description.length} > 1500`, err(422, 'Validation failed: Description is too long (maximum is 1500 characters)'));
        const focus = parts.find((p) => p.name === 'focus')?.data.toString('utf8');
        const async = opts.mediaProcessing === 'async';
        const m: MastodonMedia = {
          id: nextId(),
          type: 'image',
          mediaType: type,
          bytes: file.data,
          description,
          ...(focus !== undefined ? { focus } : {}),
          processed: !async,
          pollsLeft: async ? (opts.asyncPolls ?? 1) : 0,
        };
        media.set(m.id, m);
        return { status: async ? 202 : 200, body: mediaView(m) };
      },

      'GET /api/v1/media/:id': (ctx) => {
        auth(ctx);
        const m = media.get(ctx.params.id!);
        if (!m || m.statusId !== undefined) throw new Violation(`GET unknown or attached media ${ctx.params.id}`, NOT_FOUND);
        if (!m.processed) {
          if (m.pollsLeft > 0) {
            m.pollsLeft -= 1;
            return { status: 206, body: mediaView(m) };
          }
          m.processed = true;
        }
        return { status: 200, body: mediaView(m) };
      },

      'PUT /api/v1/media/:id': (ctx) => {
        auth(ctx);
        const m = media.get(ctx.params.id!);
        if (!m || m.statusId !== undefined) throw new Violation(`PUT unknown or attached media ${ctx.params.id}`, NOT_FOUND);
        const ct = ctx.contentType();
        let params: Record<string, string> = {};
        if (ct === 'application/json') params = Object.fromEntries(Object.entries(ctx.json() as Record<string, unknown>).map(([k, v]) => [k, String(v)]));
        else if (ct === 'application/x-www-form-urlencoded') params = Object.fromEntries(ctx.form());
        else if (ct === 'multipart/form-data') params = Object.fromEntries((ctx.multipart() ?? []).map((p) => [p.name, p.data.toString('utf8')]));
        if (params.description !== undefined) {
          if (params.description.length > 1500) throw new Violation('description > 1500', err(422, 'Validation failed: Description is too long (maximum is 1500 characters)'));
          m.description = params.description;
        }
        if (params.focus !== undefined) m.focus = params.focus;
        return { status: m.processed ? 200 : 206, body: mediaView(m) };
      },

      'GET /api/v1/accounts/verify_credentials': (ctx) => {
        auth(ctx);
        return { status: 200, body: { ...accountView(), source: { privacy: 'public', sensitive: false, language: 'en', note: '', fields: [], follow_requests_count: 0 } } };
      },

      'GET /api/v1/accounts/:id/statuses': (ctx) => {
        if (ctx.header('authorization') !== undefined) auth(ctx);
        if (ctx.params.id !== account.id) throw new Violation(`statuses of unknown account ${ctx.params.id}`, NOT_FOUND);
        const q = ctx.query;
        const allowed = ['max_id', 'since_id', 'min_id', 'limit', 'only_media', 'exclude_replies', 'exclude_reblogs', 'pinned', 'tagged'];
        for (const k of q.keys()) if (!allowed.includes(k)) ctx.violation(`unknown query parameter ${k} (ignored by Mastodon)`);
        let limit = q.has('limit') ? Number(q.get('limit')) : 20;
        if (!Number.isInteger(limit) || limit < 1) limit = 20;
        limit = Math.min(limit, 40);
        const big = (s: string | null) => (s && /^\d+$/.test(s) ? BigInt(s) : undefined);
        const maxId = big(q.get('max_id'));
        const sinceId = big(q.get('since_id'));
        const minId = big(q.get('min_id'));
        const truthy = (k: string) => ['1', 'true'].includes((q.get(k) ?? '').toLowerCase());
        let list = [...posts].sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
        if (truthy('pinned')) list = [];
        if (truthy('exclude_replies')) list = list.filter((s) => s.inReplyToId === null);
        if (truthy('only_media')) list = list.filter((s) => s.mediaIds.length > 0);
        if (maxId !== undefined) list = list.filter((s) => BigInt(s.id) < maxId);
        if (sinceId !== undefined) list = list.filter((s) => BigInt(s.id) > sinceId);
        let page: MastodonStatus[];
        if (minId !== undefined) page = list.filter((s) => BigInt(s.id) > minId).slice(-limit);
        else page = list.slice(0, limit);
        const headers: Record<string, string> = {};
        if (page.length) {
          const path = `${baseUrl}/api/v1/accounts/${account.id}/statuses`;
          headers.link = `<${path}?limit=${limit}&max_id=${page[page.length - 1]!.id}>; rel="next", <${path}?limit=${limit}&min_id=${page[0]!.id}>; rel="prev"`;
        }
        return { status: 200, headers, body: page.map(statusView) };
      },
    },
  });
  baseUrl = server.url;

  return Object.assign(server, {
    posts,
    media,
    account,
    setCounts: (id: string, figures: { replies_count?: number; reblogs_count?: number; favourites_count?: number; quotes_count?: number }) => void counts.set(id, figures),
    limitReads: (perWindow: number) => void Object.assign(reads, { limit: perWindow, used: 0, windowStart: now() }),
    seedPost: (text: string, o?: { createdAt?: string }) =>
      addStatus({ text, mediaIds: [], visibility: 'public', language: 'en', sensitive: false, spoilerText: '', inReplyToId: null, ...(o?.createdAt ? { createdAt: o.createdAt } : {}) }),
  });
}
