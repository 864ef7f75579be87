/**
 * Publishes to Bluesky through the account's PDS (`service`, or `api_url` when set), logged in as
 * `handle` with an app password in PLAN_BLUESKY_APP_PASSWORD.
 *
 *   session     com.atproto.server.createSession once per run, on the first call that needs it, shared by
 *               every post of the run (Bluesky limits logins hard: 30 in 5 minutes, 300 a day); an
 *               expired access token is renewed with com.atproto.server.refreshSession, not a new login
 *   media       com.atproto.repo.uploadBlob (the bytes, with their Content-Type) for each image or video;
 *               images (at most 2,000,000 bytes each) go in app.bsky.embed.images with their alt text, a
 *               video in app.bsky.embed.video; both with their aspect ratio when the file header tells it
 *   the post    com.atproto.repo.createRecord of an app.bsky.feed.post {text, createdAt, langs: [post's lang],
 *               facets (links, mentions, tags at UTF-8 byte offsets: facets.ts), embed} under the record
 *               key derived from the post (rkey.ts)
 *   settling    com.atproto.repo.getRecord of that record key
 *
 * Exactly once: the record key is the same for every attempt at the same post, and a PDS never keeps
 * two records under one key (a repeat create fails: this PDS answers 500). So whenever a create call
 * fails in a way that might hide a success (a 5xx, an "already exists", or a connection cut after the
 * request was sent), this publisher reads the record at that key: there → published; not there →
 * 'retryable', which is safe because a retry cannot make a second record. A Bluesky outcome is never
 * 'ambiguous'.
 *
 * No link card (app.bsky.embed.external) is attached to a post with a link: a card needs the page's
 * title, which would mean fetching the page; the link is clickable through its facet.
 */
import { readFile } from 'node:fs/promises';
import type { HttpResponse } from '../../http/client.js';
import { parseJson } from '../../http/client.js';
import type { PublishedPost, Publisher, PublisherOptions, PublishHooks } from '../types.js';
import { HttpPublisher, type NetworkErrors, type Step } from '../base.js';
import { facetsFor } from '../../networks/bluesky/facets.js';
import { recordKeyFor } from './rkey.js';
import { CallError } from '../../http/errors.js';
import { type PreparedMedia, type PreparedPost } from '../../networks/prepare.js';

export const PASSWORD_VARIABLE = 'PLAN_BLUESKY_APP_PASSWORD';
const COLLECTION = 'app.bsky.feed.post';
/** Wait after a 429 that has no `ratelimit-reset` header. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;
/** app.bsky.embed.images holds at most 4 images, each blob at most 2,000,000 bytes. */
const MAX_IMAGES = 4;
export const MAX_IMAGE_BYTES = 2_000_000;

interface Session {
  accessJwt: string;
  refreshJwt: string;
  did: string;
  handle: string;
}

interface Blob {
  $type: 'blob';
  ref: { $link: string };
  mimeType: string;
  size: number;
}

interface XrpcCall {
  method: 'GET' | 'POST';
  nsid: string;
  query?: Record<string, string>;
  json?: unknown;
  bytes?: { data: Buffer; contentType: string };
  creates?: boolean;
  /** Sends the session's access token (default true). */
  auth?: boolean;
}

export function createPublisher(options: PublisherOptions<'bluesky'>): Publisher {
  return new BlueskyPublisher(options);
}

/** Bluesky's answers that mean the login or the session, not the post. */
export function blueskyErrors(identifier: string): NetworkErrors {
  return {
    label: 'Bluesky',
    explain: (response) => {
      const { error, message } = xrpcError(response);
      return [error, message].filter(Boolean).join(': ');
    },
    rateLimit: (response, now) => {
      const waitMs = rateLimitWait(response.headers, now);
      return { waitMs, says: `it resets in ${Math.ceil(waitMs / 1000)} s` };
    },
    credentials: (status, what, said) => `Bluesky refused the session of ${identifier} while ${what} (HTTP ${status}${said}): check ${PASSWORD_VARIABLE}`,
    special: (response, step, what, said) => {
      const { status } = response;
      const { error } = xrpcError(response);
      if (status === 429) return undefined;
      if (step === 'login' && (status === 400 || status === 401 || status === 403)) {
        const hint = error === 'AuthFactorTokenRequired' ? ': that is the account password with two-factor sign-in; use an app password' : ': check the app password and the handle';
        return new CallError('credentials', `Bluesky refused the login of ${identifier} with ${PASSWORD_VARIABLE} (HTTP ${status}${said})${hint}`);
      }
      if (status === 403 && (error === 'AccountTakedown' || error === 'AccountDeactivated')) {
        return new CallError('credentials', `Bluesky refused ${what} (HTTP 403${said}): the account ${identifier} cannot post`);
      }
      if (error === 'InvalidToken' || error === 'AuthRequired' || error === 'AuthenticationRequired') {
        return new CallError('credentials', `Bluesky refused the session of ${identifier} while ${what} (HTTP ${status}${said}): check ${PASSWORD_VARIABLE}`);
      }
      return undefined;
    },
  };
}

class BlueskyPublisher extends HttpPublisher<'bluesky'> {
  private readonly identifier: string;
  /** The run's one login, started by the first call that needs it. */
  private session: Promise<Session> | undefined;
  private current: Session | undefined;
  private readonly handles = new Map<string, string | undefined>();

  constructor(options: PublisherOptions<'bluesky'>) {
    const identifier = options.account.handle.replace(/^@/, '');
    super('bluesky', options, blueskyErrors(identifier));
    this.identifier = identifier;
  }

  async publish(post: PreparedPost, hooks: PublishHooks): Promise<PublishedPost> {
    const session = await this.login();
    const embed = await this.embed(post.media, hooks);
    const facets = await facetsFor(post.text, (handle) => this.resolveHandle(handle));
    const record = {
      $type: COLLECTION,
      text: post.text,
      createdAt: new Date().toISOString(),
      langs: [post.lang],
      ...(facets.length > 0 ? { facets } : {}),
      ...(embed ? { embed } : {}),
    };
    const rkey = recordKeyFor(post.idempotencyKey);

    hooks.log(`creating the post on Bluesky (record key ${rkey})`);
    let response: HttpResponse;
    try {
      response = await this.call({ method: 'POST', nsid: 'com.atproto.repo.createRecord', json: { repo: session.did, collection: COLLECTION, rkey, record }, creates: true });
    } catch (error) {
      if (!(error instanceof CallError) || error.kind !== 'ambiguous') throw error;
      return this.settle(rkey, hooks, error.message);
    }
    if (response.status === 200) {
      const uri = parseJson<{ uri?: unknown }>(response)?.uri;
      return this.published(typeof uri === 'string' && uri ? uri : this.uri(session, rkey), rkey);
    }
    const { error, message } = xrpcError(response);
    if (response.status >= 500 || /already exists/i.test(message) || error === 'RecordAlreadyExists') {
      return this.settle(rkey, hooks, `Bluesky answered HTTP ${response.status} to the create call${error ? ` (${error})` : ''}`);
    }
    throw this.failure(response, 'create', 'creating the post');
  }

  async findExisting(post: PreparedPost): Promise<PublishedPost | undefined> {
    const rkey = recordKeyFor(post.idempotencyKey);
    const uri = await this.lookup(rkey);
    return uri ? this.published(uri, rkey) : undefined;
  }

  /** After a create call that may have worked: the record at the post's key decides. */
  private async settle(rkey: string, hooks: PublishHooks, what: string): Promise<PublishedPost> {
    hooks.log(`${what}; reading record ${rkey} to see whether the post was made`);
    let uri: string | undefined;
    try {
      uri = await this.lookup(rkey);
    } catch (error) {
      if (error instanceof CallError && (error.kind === 'credentials' || error.kind === 'rate-limited')) throw error;
      const why = error instanceof CallError ? error.message : 'the record could not be read';
      throw new CallError('retryable', `${what}, and ${why}; the record key keeps a retry from posting twice`);
    }
    if (uri) return this.published(uri, rkey);
    throw new CallError('retryable', `${what}, and no post was made; the record key keeps a retry from posting twice`);
  }

  /** The at:// URI of the record at this key, or undefined when there is none. */
  private async lookup(rkey: string): Promise<string | undefined> {
    const session = await this.login();
    const response = await this.call({ method: 'GET', nsid: 'com.atproto.repo.getRecord', query: { repo: session.did, collection: COLLECTION, rkey } });
    if (response.status === 200) {
      const uri = parseJson<{ uri?: unknown }>(response)?.uri;
      return typeof uri === 'string' && uri ? uri : this.uri(session, rkey);
    }
    const { error } = xrpcError(response);
    if (response.status === 404 || (response.status === 400 && error === 'RecordNotFound')) return undefined;
    throw this.failure(response, 'read', `reading record ${rkey}`);
  }

  private published(uri: string, rkey: string): PublishedPost {
    const handle = this.current?.handle || this.identifier;
    return { remoteId: uri, url: `https://bsky.app/profile/${handle}/post/${rkey}` };
  }

  private uri(session: Session, rkey: string): string {
    return `at://${session.did}/${COLLECTION}/${rkey}`;
  }

  // ---- session

  private login(): Promise<Session> {
    if (this.rejection) return Promise.reject(this.rejection);
    if (!this.session) {
      this.session = this.createSession().then(
        (session) => (this.current = session),
        (error: unknown) => {
          this.session = undefined;
          throw error;
        },
      );
    }
    return this.session;
  }

  private async createSession(): Promise<Session> {
    const [password] = this.variables([PASSWORD_VARIABLE], `add an app password for ${this.identifier} as a repository secret`) as [string];
    const response = await this.call({ method: 'POST', nsid: 'com.atproto.server.createSession', json: { identifier: this.identifier, password }, auth: false });
    if (response.status !== 200) throw this.failure(response, 'login', `logging in as ${this.identifier}`);
    return this.sessionFrom(response, 'createSession');
  }

  /** Renews the access token with the refresh token; true when it worked. */
  private async refresh(): Promise<boolean> {
    const session = this.current;
    if (!session) return false;
    const response = await this.http.send({
      method: 'POST',
      url: `${this.base}/xrpc/com.atproto.server.refreshSession`,
      headers: { authorization: `Bearer ${session.refreshJwt}`, accept: 'application/json' },
    });
    if (response.status !== 200) return false;
    const renewed = this.sessionFrom(response, 'refreshSession');
    this.current = renewed;
    this.session = Promise.resolve(renewed);
    return true;
  }

  private sessionFrom(response: HttpResponse, nsid: string): Session {
    const body = parseJson<Partial<Session>>(response);
    const { accessJwt, refreshJwt, did, handle } = body ?? {};
    if (typeof accessJwt !== 'string' || typeof refreshJwt !== 'string' || typeof did !== 'string' || !accessJwt || !did) {
      throw new CallError('retryable', `Bluesky answered ${nsid} without a session`);
    }
    this.http.redactor.add(accessJwt, refreshJwt);
    return { accessJwt, refreshJwt, did, handle: typeof handle === 'string' && handle ? handle : this.identifier };
  }

  // ---- media, mentions

  private async embed(media: PreparedMedia[], hooks: PublishHooks): Promise<Record<string, unknown> | undefined> {
    if (media.length === 0) return undefined;
    const videos = media.filter((m) => m.mimeType.startsWith('video/'));
    if (videos.length > 0 && media.length > 1) throw new CallError('final', 'Bluesky takes one video, or up to 4 images, in a post: not both, and not two videos');
    if (media.length > MAX_IMAGES) throw new CallError('final', `Bluesky takes at most ${MAX_IMAGES} images in a post, and this one has ${media.length}`);

    const uploaded: { media: PreparedMedia; blob: Blob; size?: { width: number; height: number } }[] = [];
    for (const [index, item] of media.entries()) {
      let bytes: Buffer;
      try {
        bytes = await readFile(item.path);
      } catch {
        throw new CallError('final', `cannot read ${item.file} to upload it`);
      }
      const kind = item.mimeType.startsWith('video/') ? 'video' : 'image';
      if (kind === 'image' && bytes.length > MAX_IMAGE_BYTES) {
        throw new CallError('final', `${item.file} is ${bytes.length.toLocaleString('en-US')} bytes, and Bluesky takes images of at most ${MAX_IMAGE_BYTES.toLocaleString('en-US')}: make it smaller`);
      }
      hooks.log(`uploading ${kind} ${index + 1} of ${media.length} (${item.file}) to Bluesky`);
      const response = await this.call({ method: 'POST', nsid: 'com.atproto.repo.uploadBlob', bytes: { data: bytes, contentType: item.mimeType } });
      if (response.status !== 200) throw this.failure(response, 'upload', `uploading ${item.file}`);
      const blob = parseJson<{ blob?: Blob }>(response)?.blob;
      if (!blob || typeof blob !== 'object') throw new CallError('retryable', `Bluesky answered the upload of ${item.file} without a blob`);
      const size = kind === 'image' ? imageSize(bytes) : videoSize(bytes);
      uploaded.push({ media: item, blob, ...(size ? { size } : {}) });
    }

    const first = uploaded[0]!;
    if (first.media.mimeType.startsWith('video/')) {
      return { $type: 'app.bsky.embed.video', video: first.blob, ...(first.media.alt ? { alt: first.media.alt } : {}), ...(first.size ? { aspectRatio: first.size } : {}) };
    }
    return {
      $type: 'app.bsky.embed.images',
      images: uploaded.map((u) => ({ alt: u.media.alt ?? '', image: u.blob, ...(u.size ? { aspectRatio: u.size } : {}) })),
    };
  }

  /** The DID of a mentioned handle, or undefined when it resolves to no account (the mention stays plain text). */
  private async resolveHandle(handle: string): Promise<string | undefined> {
    if (this.handles.has(handle)) return this.handles.get(handle);
    const response = await this.call({ method: 'GET', nsid: 'com.atproto.identity.resolveHandle', query: { handle }, auth: false });
    let did: string | undefined;
    if (response.status === 200) {
      const value = parseJson<{ did?: unknown }>(response)?.did;
      did = typeof value === 'string' && value.startsWith('did:') ? value : undefined;
    } else if (response.status !== 400 && response.status !== 404) {
      throw this.failure(response, 'read', `looking up the mentioned handle @${handle}`);
    }
    this.handles.set(handle, did);
    return did;
  }

  // ---- HTTP

  /** One XRPC call; an expired access token is renewed once and the call repeated. */
  private async call(call: XrpcCall): Promise<HttpResponse> {
    const response = await this.send(call);
    if ((call.auth ?? true) && (response.status === 400 || response.status === 401) && xrpcError(response).error === 'ExpiredToken') {
      if (await this.refresh()) return this.send(call);
      throw this.reject(`Bluesky ended the session of ${this.identifier} and did not renew it: log in again with ${PASSWORD_VARIABLE}`);
    }
    return response;
  }

  private async send(call: XrpcCall): Promise<HttpResponse> {
    const auth = call.auth ?? true;
    const session = auth ? (this.current ?? (await this.login())) : undefined;
    const query = call.query ? `?${new URLSearchParams(call.query).toString()}` : '';
    const headers: Record<string, string> = { accept: 'application/json' };
    if (session) headers.authorization = `Bearer ${session.accessJwt}`;
    let body: string | Buffer | undefined;
    if (call.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(call.json);
    } else if (call.bytes) {
      headers['content-type'] = call.bytes.contentType;
      body = call.bytes.data;
    }
    return this.http.send({
      method: call.method,
      url: `${this.base}/xrpc/${call.nsid}${query}`,
      headers,
      ...(body !== undefined ? { body } : {}),
      ...(call.creates ? { creates: true } : {}),
    });
  }
}

/** The XRPC error name and message of an answer (not yet redacted). */
function xrpcError(response: HttpResponse): { error: string; message: string } {
  const body = parseJson<{ error?: unknown; message?: unknown }>(response);
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    return { error: typeof body.error === 'string' ? body.error.slice(0, 80) : '', message: typeof body.message === 'string' ? body.message : '' };
  }
  return { error: '', message: response.text() };
}

/** How long to wait after a 429: until `ratelimit-reset` (epoch seconds), or DEFAULT_RATE_LIMIT_WAIT_MS without it. */
export function rateLimitWait(headers: Record<string, string>, now: number): number {
  const reset = Number(headers['ratelimit-reset']);
  if (!headers['ratelimit-reset'] || !Number.isFinite(reset)) return DEFAULT_RATE_LIMIT_WAIT_MS;
  return Math.max(1000, reset * 1000 - now + 1000);
}

/** Width and height from a PNG, GIF, JPEG or WebP header, or undefined. */
export function imageSize(bytes: Buffer): { width: number; height: number } | undefined {
  const size = (width: number, height: number) => (width > 0 && height > 0 ? { width, height } : undefined);
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.toString('ascii', 12, 16) === 'IHDR') {
    return size(bytes.readUInt32BE(16), bytes.readUInt32BE(20));
  }
  if (bytes.length >= 10 && bytes.toString('ascii', 0, 3) === 'GIF') return size(bytes.readUInt16LE(6), bytes.readUInt16LE(8));
  if (bytes.length >= 30 && bytes.toString('ascii', 0, 4) === 'RIFF' && bytes.toString('ascii', 8, 12) === 'WEBP') {
    const chunk = bytes.toString('ascii', 12, 16);
    if (chunk === 'VP8X') return size(bytes.readUIntLE(24, 3) + 1, bytes.readUIntLE(27, 3) + 1);
    if (chunk === 'VP8L') {
      const bits = bytes.readUInt32LE(21);
      return size((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
    }
    if (chunk === 'VP8 ') return size(bytes.readUInt16LE(26) & 0x3fff, bytes.readUInt16LE(28) & 0x3fff);
    return undefined;
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let at = 2;
    while (at + 9 < bytes.length) {
      if (bytes[at] !== 0xff) return undefined;
      const marker = bytes[at + 1]!;
      if (marker === 0xff) {
        at += 1;
        continue;
      }
      if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
        at += 2;
        continue;
      }
      const length = bytes.readUInt16BE(at + 2);
      // SOF0–SOF15, except DHT (C4), JPG (C8) and DAC (CC).
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return size(bytes.readUInt16BE(at + 7), bytes.readUInt16BE(at + 5));
      }
      at += 2 + length;
    }
  }
  return undefined;
}

/**
 * Width and height of an MP4 or QuickTime video: the first track header (`tkhd`) that gives a size
 * (audio tracks give 0 × 0). Its width and height are 16.16 fixed-point numbers at the end of the box.
 */
export function videoSize(bytes: Buffer): { width: number; height: number } | undefined {
  for (let at = bytes.indexOf('tkhd'); at >= 4; at = bytes.indexOf('tkhd', at + 4)) {
    const version = bytes[at + 4];
    // After type: version and flags (4), times, track id, reserved and duration (20 or 32), reserved (8),
    // layer, group, volume, reserved (8), matrix (36): then width and height.
    const sizeAt = at + 4 + 4 + (version === 1 ? 32 : 20) + 8 + 8 + 36;
    if (sizeAt + 8 > bytes.length) return undefined;
    const width = Math.round(bytes.readUInt32BE(sizeAt) / 65536);
    const height = Math.round(bytes.readUInt32BE(sizeAt + 4) / 65536);
    if (width > 0 && height > 0) return { width, height };
  }
  return undefined;
}
