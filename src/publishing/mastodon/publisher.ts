/**
 * Publishes to a Mastodon instance through its client API, with the access token in PLAN_MASTODON_TOKEN.
 *
 *   media       POST /api/v2/media (multipart: file, description = alt text); while the answer is 202 or
 *               its url is null, GET /api/v1/media/:id until 200 (bounded)
 *   the post    POST /api/v1/statuses (form: status, media_ids[], visibility=public, language) with
 *               `Idempotency-Key: post.idempotencyKey`
 *   settling    GET /api/v1/accounts/verify_credentials, GET /api/v1/accounts/:id/statuses (newest 80 at
 *               most), matched on the text of the HTML `content`
 *
 * Exactly once: Mastodon remembers an Idempotency-Key for an hour and answers a repeat with the status it
 * already made, creating nothing. So when the create call is cut off after it was sent, or answers 5xx,
 * this publisher repeats it once itself, with the same key, a moment later; only if that also fails is the
 * outcome 'ambiguous'. `findExisting` does NOT re-post with the key (the key expires after an hour, and a
 * later run would then create a second status): it only reads the account's recent statuses.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { HttpResponse } from '../../http/client.js';
import { parseJson, sleep } from '../../http/client.js';
import type { PublishedPost, Publisher, PublisherOptions, PublishHooks } from '../types.js';
import { CallError } from '../../http/errors.js';
import { HttpPublisher, type NetworkErrors, type Step } from '../base.js';
import { type PreparedMedia, type PreparedPost } from '../../networks/prepare.js';

export const TOKEN_VARIABLE = 'PLAN_MASTODON_TOKEN';
/** Pause before repeating an interrupted create call with the same Idempotency-Key. */
const RETRY_DELAY_MS = 1000;
/** Waits between polls of a media attachment Mastodon is still processing (then the last one repeats). */
const MEDIA_POLL_DELAYS_MS = [100, 250, 500, 1000, 2000, 5000];
/** How long to wait at most for Mastodon to process one media attachment. */
const MEDIA_PROCESSING_LIMIT_MS = 5 * 60_000;
/** Statuses per page (Mastodon's maximum) and pages `findExisting` reads. */
const PAGE_SIZE = 40;
const PAGES = 2;

interface Status {
  id?: unknown;
  url?: unknown;
  uri?: unknown;
  content?: unknown;
}

export function createPublisher(options: PublisherOptions<'mastodon'>): Publisher {
  return new MastodonPublisher(options);
}

export const MASTODON_ERRORS: NetworkErrors = {
  label: 'Mastodon',
  noun: 'status',
  explain,
  rateLimit: (response, now) => {
    const waitMs = rateLimitWait(response.headers, now);
    return { waitMs, says: `it resets in ${Math.ceil(waitMs / 1000)} s` };
  },
  credentials: (status, what, said) => `Mastodon rejected ${TOKEN_VARIABLE} while ${what} (HTTP ${status}${said}): check the token and its read, write:statuses and write:media scopes`,
  // Nothing was created: the media just needs a moment more.
  special: (response, _step, what) =>
    response.status === 422 && /not finished processing/i.test(explain(response)) ? new CallError('retryable', `Mastodon refused ${what} because its media is still processing`) : undefined,
};

class MastodonPublisher extends HttpPublisher<'mastodon'> {
  private accountId: string | undefined;
  private token = '';

  constructor(options: PublisherOptions<'mastodon'>) {
    super('mastodon', options, MASTODON_ERRORS);
  }

  async publish(post: PreparedPost, hooks: PublishHooks): Promise<PublishedPost> {
    this.credentials();
    const mediaIds: string[] = [];
    for (const [index, media] of post.media.entries()) {
      mediaIds.push(await this.upload(media, index, post.media.length, hooks));
    }

    const form = new URLSearchParams();
    form.append('status', post.text);
    for (const id of mediaIds) form.append('media_ids[]', id);
    form.append('visibility', 'public');
    form.append('language', post.lang);
    const call = () =>
      this.send({
        method: 'POST',
        path: '/api/v1/statuses',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': post.idempotencyKey },
        body: form.toString(),
        creates: true,
      });

    hooks.log('creating the status on Mastodon');
    let first: CallError;
    try {
      return this.created(await call(), 'create');
    } catch (error) {
      if (!(error instanceof CallError) || error.kind !== 'ambiguous') throw error;
      first = error;
    }
    // The status may exist: the same Idempotency-Key makes a repeat return it instead of making another.
    hooks.log(`${first.message}; repeating the call once with the same Idempotency-Key`);
    await sleep(RETRY_DELAY_MS);
    try {
      return this.created(await call(), 'create');
    } catch (error) {
      if (!(error instanceof CallError)) throw error;
      // Only an answer that proves nothing was made may replace "the status may exist": a validation
      // error (422 and the like), which the first call would have met too. A repeat that finds the key
      // answers with the status before validating anything.
      if (error.kind === 'final') throw error;
      throw new CallError('ambiguous', `${first.message}; the repeat with the same Idempotency-Key did not settle it either (${error.message})`);
    }
  }

  async findExisting(post: PreparedPost): Promise<PublishedPost | undefined> {
    this.credentials();
    const wanted = normalize(post.text);
    if (!wanted) return undefined;
    const accountId = await this.me();
    let maxId: string | undefined;
    for (let page = 0; page < PAGES; page++) {
      const query = new URLSearchParams({ limit: String(PAGE_SIZE), exclude_replies: 'true', exclude_reblogs: 'true', ...(maxId ? { max_id: maxId } : {}) });
      const response = await this.send({ method: 'GET', path: `/api/v1/accounts/${encodeURIComponent(accountId)}/statuses?${query.toString()}` });
      if (response.status !== 200) throw this.failure(response, 'read', 'reading the account’s recent statuses');
      const statuses = parseJson<Status[]>(response);
      if (!Array.isArray(statuses) || statuses.length === 0) break;
      for (const status of statuses) {
        if (typeof status.id === 'string' && typeof status.content === 'string' && normalize(htmlToText(status.content)) === wanted) {
          return { remoteId: status.id, url: this.statusUrl(status) };
        }
      }
      const last = statuses[statuses.length - 1]?.id;
      if (typeof last !== 'string') break;
      maxId = last;
    }
    return undefined;
  }

  private credentials(): void {
    [this.token] = this.variables([TOKEN_VARIABLE], 'add it as a repository secret') as [string];
  }

  private created(response: HttpResponse, step: Step): PublishedPost {
    if (response.status !== 200) throw this.failure(response, step, 'creating the status');
    const status = parseJson<Status>(response);
    if (!status || typeof status.id !== 'string' || !status.id) {
      throw new CallError('ambiguous', 'Mastodon answered the create call without a status id: the status may exist');
    }
    return { remoteId: status.id, url: this.statusUrl(status) };
  }

  private statusUrl(status: Status): string {
    if (typeof status.url === 'string' && status.url) return status.url;
    if (typeof status.uri === 'string' && status.uri) return status.uri;
    return `${this.base}/statuses/${String(status.id)}`;
  }

  private async me(): Promise<string> {
    if (this.accountId) return this.accountId;
    const response = await this.send({ method: 'GET', path: '/api/v1/accounts/verify_credentials' });
    if (response.status !== 200) throw this.failure(response, 'read', 'looking up the account');
    const id = parseJson<{ id?: unknown }>(response)?.id;
    if (typeof id !== 'string' || !id) throw new CallError('retryable', 'Mastodon answered verify_credentials without an account id');
    this.accountId = id;
    return id;
  }

  private async upload(media: PreparedMedia, index: number, total: number, hooks: PublishHooks): Promise<string> {
    let bytes: Buffer;
    try {
      bytes = await readFile(media.path);
    } catch {
      throw new CallError('final', `cannot read ${media.file} to upload it`);
    }
    const kind = media.mimeType.startsWith('video/') ? 'video' : 'image';
    hooks.log(`uploading ${kind} ${index + 1} of ${total} (${media.file}) to Mastodon`);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: media.mimeType }), path.basename(media.file));
    if (media.alt) form.append('description', media.alt);
    const encoded = new Response(form);
    const body = Buffer.from(await encoded.arrayBuffer());
    const response = await this.send({
      method: 'POST',
      path: '/api/v2/media',
      headers: { 'content-type': encoded.headers.get('content-type') ?? 'multipart/form-data' },
      body,
    });
    if (response.status !== 200 && response.status !== 202) throw this.failure(response, 'upload', `uploading ${media.file}`);
    const attachment = parseJson<{ id?: unknown; url?: unknown }>(response);
    const id = attachment?.id;
    if (typeof id !== 'string' || !id) throw new CallError('retryable', `Mastodon answered the upload of ${media.file} without a media id`);
    if (response.status === 200 && attachment?.url) return id;

    // Processed asynchronously: poll until Mastodon has the file ready (200 with a url), or give up.
    const deadline = Date.now() + MEDIA_PROCESSING_LIMIT_MS;
    for (let poll = 0; ; poll++) {
      if (Date.now() > deadline) throw new CallError('retryable', `Mastodon was still processing ${media.file} after ${MEDIA_PROCESSING_LIMIT_MS / 60_000} minutes`);
      if (poll === 0) hooks.log(`Mastodon is processing ${media.file}`);
      await sleep(MEDIA_POLL_DELAYS_MS[Math.min(poll, MEDIA_POLL_DELAYS_MS.length - 1)]!);
      const check = await this.send({ method: 'GET', path: `/api/v1/media/${encodeURIComponent(id)}` });
      if (check.status === 206) continue;
      if (check.status !== 200) throw this.failure(check, 'upload', `checking on ${media.file}`);
      if (parseJson<{ url?: unknown }>(check)?.url) return id;
    }
  }

  private send(call: { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string | Buffer; creates?: boolean }): Promise<HttpResponse> {
    return this.http.send({
      method: call.method,
      url: `${this.base}${call.path}`,
      headers: { authorization: `Bearer ${this.token}`, accept: 'application/json', ...(call.headers ?? {}) },
      ...(call.body !== undefined ? { body: call.body } : {}),
      ...(call.creates ? { creates: true } : {}),
    });
  }
}

/** How long to wait after a 429: until `X-RateLimit-Reset` (an ISO time), or 5 minutes when it is missing. */
export function rateLimitWait(headers: Record<string, string>, now: number): number {
  const reset = Date.parse(headers['x-ratelimit-reset'] ?? '');
  if (Number.isNaN(reset)) return 5 * 60_000;
  return Math.max(1000, reset - now + 1000);
}

/** The plain text of a status's HTML `content`: paragraphs and line breaks kept, tags removed, entities decoded. */
export function htmlToText(html: string): string {
  return decodeEntities(
    html
      .replace(/<br\s*\/?>/gi, '\n')
      .replace(/<\/p>\s*<p[^>]*>/gi, '\n\n')
      .replace(/<[^>]*>/g, ''),
  );
}

/**
 * What texts are compared on: NFC, whitespace collapsed, and a remote mention `@user@domain` reduced to
 * `@user` (Mastodon's HTML shows only the local part).
 */
export function normalize(text: string): string {
  return text
    .normalize('NFC')
    .replace(/(^|[^\p{L}\p{N}_/])@([\p{L}\p{N}_]+(?:[.-]+[\p{L}\p{N}_]+)*)@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu, '$1@$2')
    .replace(/\s+/g, ' ')
    .trim();
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** Mastodon's own explanation: its `{"error": …, "error_description": …}`, else the body's text. */
function explain(response: HttpResponse): string {
  const body = parseJson<{ error?: unknown; error_description?: unknown }>(response);
  if (!body || typeof body !== 'object' || Array.isArray(body)) return response.text();
  return [body.error, body.error_description].filter((v): v is string => typeof v === 'string' && v.length > 0).join(': ');
}
