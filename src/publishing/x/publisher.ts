/**
 * Publishes to X through the X API v2 with OAuth 1.0a user context.
 *
 *   images      POST /2/media/upload (multipart: media, media_category=tweet_image, media_type)
 *   GIF, video  POST /2/media/upload/initialize → /2/media/upload/:id/append (4 MiB chunks) → /:id/finalize,
 *               then GET /2/media/upload?command=STATUS while X processes it
 *   alt text    POST /2/media/metadata {id, metadata: {alt_text: {text}}}
 *   the post    POST /2/tweets {text, media: {media_ids}}
 *   settling    GET /2/users/me, GET /2/users/:id/tweets (newest 200 at most), matched on the text
 *
 * X has no idempotency key, so the create call is never repeated here: a 5xx or a connection lost after
 * it was sent is 'ambiguous', and `findExisting` settles it later by looking for the text on the account.
 * A 403 "duplicate content" answer means the same text is already on the account: it is settled the same
 * way at once (found: that post is the result; not found among the recent posts: 'final').
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { HttpResponse } from '../../http/client.js';
import { parseJson, sleep } from '../../http/client.js';
import type { PublishedPost, Publisher, PublisherOptions, PublishHooks } from '../types.js';
import { percentEncode, signRequest, type OAuthCredentials } from './oauth.js';
import { CallError } from '../../http/errors.js';
import { HttpPublisher, listNames, type NetworkErrors } from '../base.js';
import { type PreparedMedia, type PreparedPost } from '../../networks/prepare.js';

const VARIABLES: Record<keyof OAuthCredentials, string> = {
  consumerKey: 'PLAN_X_API_KEY',
  consumerSecret: 'PLAN_X_API_SECRET',
  token: 'PLAN_X_ACCESS_TOKEN',
  tokenSecret: 'PLAN_X_ACCESS_SECRET',
};

/** Types X takes through the one-request upload (`tweet_image`); anything else goes through the chunked upload. */
const SIMPLE_IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/bmp', 'image/pjpeg', 'image/tiff']);
const SIMPLE_MAX_BYTES = 5 * 1024 * 1024;
const CHUNK_BYTES = 4 * 1024 * 1024;
/** How long to wait at most for X to process an uploaded GIF or video. */
const PROCESSING_LIMIT_MS = 10 * 60_000;
/** How many of the account's newest posts `findExisting` reads (two pages). */
const TIMELINE_PAGES = 2;

interface Call {
  method: 'GET' | 'POST';
  path: string;
  query?: [string, string][];
  json?: unknown;
  form?: FormData;
  creates?: boolean;
}

interface Tweet {
  id: string;
  text: string;
  entities?: { urls?: { url?: string; expanded_url?: string }[] };
}

export function createPublisher(options: PublisherOptions<'x'>): Publisher {
  return new XPublisher(options);
}

export const X_VARIABLES = Object.values(VARIABLES);
const NAMES = X_VARIABLES;

export const X_ERRORS: NetworkErrors = {
  label: 'X',
  explain,
  rateLimit: (response, now) => {
    const waitMs = rateLimitWait(response.headers, now);
    return { waitMs, says: `it resets in ${Math.ceil(waitMs / 1000)} s` };
  },
  credentials: (status, what, said) => `X rejected the credentials while ${what} (HTTP ${status}${said}): check ${listNames(NAMES)} and that the app has read and write permission`,
  // A 403 about the post itself (not the app or token) is X refusing that post, for good.
  special: (response, _step, what, said) =>
    response.status === 403 && !isPermissionProblem(response, explain(response)) ? new CallError('final', `X refused ${what} (HTTP 403)${said}`) : undefined,
};

class XPublisher extends HttpPublisher<'x'> {
  private userId: string | undefined;

  constructor(options: PublisherOptions<'x'>) {
    super('x', options, X_ERRORS);
  }

  async publish(post: PreparedPost, hooks: PublishHooks): Promise<PublishedPost> {
    const credentials = this.credentials();
    const mediaIds: string[] = [];
    for (const [index, media] of post.media.entries()) {
      mediaIds.push(await this.upload(credentials, media, index, post.media.length, hooks));
    }

    const body = { ...(post.text ? { text: post.text } : {}), ...(mediaIds.length ? { media: { media_ids: mediaIds } } : {}) };
    hooks.log('creating the post on X');
    const response = await this.send(credentials, { method: 'POST', path: '/2/tweets', json: body, creates: true });
    if (response.status === 200 || response.status === 201) {
      const id = parseJson<{ data?: { id?: unknown } }>(response)?.data?.id;
      if (typeof id === 'string' && id) return { remoteId: id, url: statusUrl(id) };
      throw new CallError('ambiguous', `X answered HTTP ${response.status} to the create call without a post id: the post may exist`);
    }
    if (response.status === 403 && /duplicate content/i.test(this.detail(response))) {
      hooks.log('X says the same text is already on the account: looking for it among the recent posts');
      let found: PublishedPost | undefined;
      try {
        found = await this.findExisting(post);
      } catch (error) {
        const why = error instanceof CallError ? error.message : 'the lookup failed';
        throw new CallError('ambiguous', `X refused the post as a duplicate of one already on the account, and it could not be looked up (${why})`);
      }
      if (found) return found;
      throw new CallError(
        'final',
        'X refused the post as a duplicate of an earlier post with the same text, which is not among the account’s recent posts: change the text or delete the earlier post',
      );
    }
    throw this.failure(response, 'create', 'creating the post');
  }

  async findExisting(post: PreparedPost): Promise<PublishedPost | undefined> {
    const credentials = this.credentials();
    const wanted = normalize(post.text);
    if (!wanted) return undefined;
    const userId = await this.me(credentials);
    let token: string | undefined;
    for (let page = 0; page < TIMELINE_PAGES; page++) {
      const query: [string, string][] = [
        ['max_results', '100'],
        ['tweet.fields', 'created_at,entities'],
        ['exclude', 'replies,retweets'],
        ...(token ? ([['pagination_token', token]] as [string, string][]) : []),
      ];
      const response = await this.send(credentials, { method: 'GET', path: `/2/users/${encodeURIComponent(userId)}/tweets`, query });
      if (response.status !== 200) throw this.failure(response, 'read', 'reading the account’s recent posts');
      const body = parseJson<{ data?: Tweet[]; meta?: { next_token?: string } }>(response);
      for (const tweet of body?.data ?? []) {
        if (typeof tweet.id === 'string' && typeof tweet.text === 'string' && normalize(expandTweet(tweet)) === wanted) {
          return { remoteId: tweet.id, url: statusUrl(tweet.id) };
        }
      }
      token = body?.meta?.next_token;
      if (!token) break;
    }
    return undefined;
  }

  private credentials(): OAuthCredentials {
    const [consumerKey, consumerSecret, token, tokenSecret] = this.variables(NAMES, 'add them as repository secrets');
    return { consumerKey: consumerKey!, consumerSecret: consumerSecret!, token: token!, tokenSecret: tokenSecret! };
  }

  private async me(credentials: OAuthCredentials): Promise<string> {
    if (this.userId) return this.userId;
    const response = await this.send(credentials, { method: 'GET', path: '/2/users/me' });
    if (response.status !== 200) throw this.failure(response, 'read', 'looking up the account');
    const id = parseJson<{ data?: { id?: unknown } }>(response)?.data?.id;
    if (typeof id !== 'string' || !id) throw new CallError('retryable', 'X answered /2/users/me without an account id');
    this.userId = id;
    return id;
  }

  private async upload(credentials: OAuthCredentials, media: PreparedMedia, index: number, total: number, hooks: PublishHooks): Promise<string> {
    let bytes: Buffer;
    try {
      bytes = await readFile(media.path);
    } catch {
      throw new CallError('final', `cannot read ${media.file} to upload it`);
    }
    const kind = media.mimeType.startsWith('video/') ? 'video' : 'image';
    hooks.log(`uploading ${kind} ${index + 1} of ${total} (${media.file}) to X`);
    const id = SIMPLE_IMAGE_TYPES.has(media.mimeType) && bytes.length <= SIMPLE_MAX_BYTES ? await this.simpleUpload(credentials, media, bytes) : await this.chunkedUpload(credentials, media, bytes, hooks);
    if (media.alt) {
      const response = await this.send(credentials, { method: 'POST', path: '/2/media/metadata', json: { id, metadata: { alt_text: { text: media.alt } } } });
      if (response.status !== 200 && response.status !== 201) throw this.failure(response, 'upload', `setting the alt text of ${media.file}`);
    }
    return id;
  }

  private async simpleUpload(credentials: OAuthCredentials, media: PreparedMedia, bytes: Buffer): Promise<string> {
    const form = new FormData();
    form.append('media', new Blob([new Uint8Array(bytes)], { type: media.mimeType }), path.basename(media.file));
    form.append('media_category', 'tweet_image');
    form.append('media_type', media.mimeType);
    const response = await this.send(credentials, { method: 'POST', path: '/2/media/upload', form });
    return this.mediaId(response, media);
  }

  private async chunkedUpload(credentials: OAuthCredentials, media: PreparedMedia, bytes: Buffer, hooks: PublishHooks): Promise<string> {
    const category = media.mimeType === 'image/gif' ? 'tweet_gif' : media.mimeType.startsWith('video/') ? 'tweet_video' : 'tweet_image';
    const init = await this.send(credentials, {
      method: 'POST',
      path: '/2/media/upload/initialize',
      json: { media_type: media.mimeType, total_bytes: bytes.length, media_category: category },
    });
    const id = this.mediaId(init, media);
    for (let offset = 0, segment = 0; offset < bytes.length; offset += CHUNK_BYTES, segment++) {
      const form = new FormData();
      form.append('segment_index', String(segment));
      form.append('media', new Blob([new Uint8Array(bytes.subarray(offset, offset + CHUNK_BYTES))], { type: 'application/octet-stream' }), 'chunk');
      const append = await this.send(credentials, { method: 'POST', path: `/2/media/upload/${encodeURIComponent(id)}/append`, form });
      if (append.status < 200 || append.status > 299) throw this.failure(append, 'upload', `uploading ${media.file}`);
    }
    const finalize = await this.send(credentials, { method: 'POST', path: `/2/media/upload/${encodeURIComponent(id)}/finalize` });
    this.mediaId(finalize, media);
    let info = processingInfo(finalize);
    const deadline = Date.now() + PROCESSING_LIMIT_MS;
    while (info && (info.state === 'pending' || info.state === 'in_progress')) {
      if (Date.now() > deadline) throw new CallError('retryable', `X was still processing ${media.file} after ${PROCESSING_LIMIT_MS / 60_000} minutes`);
      hooks.log(`X is processing ${media.file}`);
      await sleep(Math.min(Math.max(info.checkAfterSecs ?? 1, 1), 30) * 1000);
      const status = await this.send(credentials, { method: 'GET', path: '/2/media/upload', query: [['command', 'STATUS'], ['media_id', id]] });
      if (status.status !== 200) throw this.failure(status, 'upload', `checking on ${media.file}`);
      info = processingInfo(status);
    }
    if (info?.state === 'failed') throw new CallError('final', `X could not process ${media.file}${info.error ? `: ${this.http.excerpt(info.error)}` : ''}`);
    return id;
  }

  private mediaId(response: HttpResponse, media: PreparedMedia): string {
    if (response.status < 200 || response.status > 299) throw this.failure(response, 'upload', `uploading ${media.file}`);
    const body = parseJson<{ data?: { id?: unknown }; media_id_string?: unknown }>(response);
    const id = body?.data?.id ?? body?.media_id_string;
    if (typeof id !== 'string' || !id) throw new CallError('retryable', `X answered the upload of ${media.file} without a media id`);
    return id;
  }

  /** Signs and sends one call; transport failures come back from the HttpClient as CallErrors already. */
  private async send(credentials: OAuthCredentials, call: Call): Promise<HttpResponse> {
    const query = call.query?.length ? `?${call.query.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&')}` : '';
    const url = `${this.base}${call.path}${query}`;
    const signed = signRequest(credentials, call.method, url);
    this.http.redactor.add(signed.signature);
    const headers: Record<string, string> = { authorization: signed.header, accept: 'application/json' };
    let body: string | Buffer | undefined;
    if (call.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(call.json);
    } else if (call.form) {
      const encoded = new Response(call.form);
      body = Buffer.from(await encoded.arrayBuffer());
      headers['content-type'] = encoded.headers.get('content-type') ?? 'multipart/form-data';
    }
    return this.http.send({ method: call.method, url, headers, ...(body !== undefined ? { body } : {}), ...(call.creates ? { creates: true } : {}) });
  }
}

function statusUrl(id: string): string {
  return `https://x.com/i/web/status/${id}`;
}

function processingInfo(response: HttpResponse): { state: string; checkAfterSecs?: number; error?: string } | undefined {
  const info = parseJson<{ data?: { processing_info?: { state?: unknown; check_after_secs?: unknown; error?: { message?: unknown } } } }>(response)?.data?.processing_info;
  if (!info || typeof info.state !== 'string') return undefined;
  return {
    state: info.state,
    ...(typeof info.check_after_secs === 'number' ? { checkAfterSecs: info.check_after_secs } : {}),
    ...(typeof info.error?.message === 'string' ? { error: info.error.message } : {}),
  };
}

/** A 403 that is about the app or token (not about the post): the whole network stops. */
function isPermissionProblem(response: HttpResponse, detail: string): boolean {
  const body = parseJson<{ type?: unknown; title?: unknown; reason?: unknown }>(response);
  const marks = [body?.type, body?.title, body?.reason].filter((v): v is string => typeof v === 'string').join(' ');
  return /client-forbidden|oauth1-permissions|unsupported-authentication|client-not-enrolled|Client Forbidden/i.test(marks) || /not permitted to perform this action|permission/i.test(detail);
}

/**
 * How long to wait after a 429: until the latest reset (epoch seconds) among X's exhausted limits — the
 * 15-minute window (`x-rate-limit-*`) and the 24-hour caps (`x-user-limit-24hour-*`, `x-app-limit-24hour-*`).
 */
export function rateLimitWait(headers: Record<string, string>, now: number): number {
  const resets: number[] = [];
  for (const prefix of ['x-rate-limit', 'x-user-limit-24hour', 'x-app-limit-24hour']) {
    const reset = Number(headers[`${prefix}-reset`]);
    if (headers[`${prefix}-remaining`]?.trim() === '0' && Number.isFinite(reset) && reset > 0) resets.push(reset * 1000);
  }
  if (!resets.length) {
    const reset = Number(headers['x-rate-limit-reset']);
    if (Number.isFinite(reset) && reset > 0) resets.push(reset * 1000);
  }
  if (!resets.length) return 15 * 60_000;
  return Math.max(1000, Math.max(...resets) - now + 1000);
}

/** The text of a post as it was sent: t.co links back to the URLs they stand for, X's trailing media link removed, HTML entities decoded. */
export function expandTweet(tweet: Tweet): string {
  let text = decodeEntities(tweet.text);
  for (const link of tweet.entities?.urls ?? []) {
    if (!link.url) continue;
    const expanded = link.expanded_url ?? link.url;
    text = text.split(link.url).join(/^https?:\/\/(?:www\.)?(?:x|twitter)\.com\/[^/]+\/status\/\d+\/(?:photo|video)\/\d+$/i.test(expanded) ? '' : expanded);
  }
  return text;
}

/** What two texts are compared on: NFC, no URL scheme (X adds http:// to bare domains), whitespace collapsed. */
export function normalize(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\bhttps?:\/\//gi, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes HTML entities once (X escapes & < > in the text it returns). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** X's own explanation of an error: its `errors[].message`, else the problem's `detail` or `title`. */
function explain(response: HttpResponse): string {
  const body = parseJson<{ errors?: { message?: unknown; detail?: unknown }[]; detail?: unknown; title?: unknown }>(response);
  if (!body || typeof body !== 'object') return response.text();
  const messages = (Array.isArray(body.errors) ? body.errors : []).map((e) => e?.message ?? e?.detail).filter((m): m is string => typeof m === 'string' && m.length > 0);
  if (messages.length) return messages.join('; ');
  return typeof body.detail === 'string' ? body.detail : typeof body.title === 'string' ? body.title : '';
}
