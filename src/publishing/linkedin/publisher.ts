/**
 * Publishes to a LinkedIn organization page through the versioned REST API, with a member's access token
 * (scope w_organization_social, the member an ADMINISTRATOR or CONTENT_ADMIN of the page; r_organization_social
 * to settle) in PLAN_LINKEDIN_TOKEN. Every call sends `LinkedIn-Version: LINKEDIN_VERSION` and
 * `X-Restli-Protocol-Version: 2.0.0`.
 *
 *   images      POST /rest/images?action=initializeUpload {initializeUploadRequest:{owner: organization}},
 *               PUT the bytes to the `uploadUrl` it answers, then GET /rest/images/{urn} until AVAILABLE
 *   the post    POST /rest/posts {author: organization, commentary (little text), visibility PUBLIC,
 *               distribution MAIN_FEED, lifecycleState PUBLISHED, isReshareDisabledByAuthor false,
 *               content.media {id, altText} for one image, content.multiImage for 2 to 20}
 *               → 201 (or 200), the post's URN in `x-restli-id` (or the body's `id`); an answer of
 *               success without it is settled with the finder below
 *   settling    GET /rest/posts?author={organization}&q=author (X-RestLi-Method: FINDER), newest first,
 *               matched on the commentary
 *
 * The commentary is the post's text in LinkedIn's "little" format (see little-text.ts): reserved
 * characters escaped, so LinkedIn does not silently cut the post at the first `(`, `#` or `@`.
 *
 * Exactly once: LinkedIn refuses a post whose content repeats one already on the page with
 * `422 DUPLICATE_POST` ("Content is a duplicate of urn:li:share:…"). That answer means the post is
 * there: this publisher looks it up with `findExisting` and returns it; when the finder does not show it
 * (more than PAGES×PAGE_SIZE newer posts, or a finder the token may not use) it is still published, with
 * the URN the error names. Only when the error names no URN either is the outcome 'ambiguous'.
 * A create call cut off after it was sent, or answered with a 5xx, may have made the post: 'ambiguous',
 * never repeated here; the next run settles it with `findExisting`.
 *
 * Rate limits: LinkedIn's 429 carries no reset header (its limits are per day, reset at midnight UTC,
 * and not published per app), so a 429 waits RATE_LIMIT_WAIT_MS (60 s) before the next try.
 */
import { readFile } from 'node:fs/promises';
import type { HttpResponse } from '../../http/client.js';
import { parseJson, sleep } from '../../http/client.js';
import type { PublishedPost, Publisher, PublisherOptions, PublishHooks } from '../types.js';
import { fromLittleText, toLittleText } from '../../networks/linkedin/little-text.js';
import { CallError } from '../../http/errors.js';
import { HttpPublisher, type NetworkErrors } from '../base.js';
import { type PreparedMedia, type PreparedPost } from '../../networks/prepare.js';

export const TOKEN_VARIABLE = 'PLAN_LINKEDIN_TOKEN';
/** The pinned Marketing API version (July 2026; LinkedIn supports each version for at least a year). */
export const LINKEDIN_VERSION = '202607';
/** How long to wait after a 429, which tells no reset time. */
export const RATE_LIMIT_WAIT_MS = 60_000;
/** Posts per page of the author finder, and pages `findExisting` reads. */
const PAGE_SIZE = 50;
const PAGES = 2;
/** Waits between checks of an uploaded image LinkedIn is still processing (the last one repeats). */
const IMAGE_POLL_DELAYS_MS = [0, 250, 500, 1000, 2000, 5000];
const IMAGE_PROCESSING_LIMIT_MS = 2 * 60_000;
/** LinkedIn's limit of images in one (MultiImage) post. */
const MAX_IMAGES = 20;

interface LinkedInError {
  message?: unknown;
  code?: unknown;
  serviceErrorCode?: unknown;
  errorDetails?: { inputErrors?: { code?: unknown; description?: unknown }[] };
}

interface FoundPost {
  id?: unknown;
  commentary?: unknown;
}

export function createPublisher(options: PublisherOptions<'linkedin'>): Publisher {
  return new LinkedInPublisher(options);
}

export function linkedInErrors(organization: string): NetworkErrors {
  return {
    label: 'LinkedIn',
    explain,
    rateLimit: () => ({ waitMs: RATE_LIMIT_WAIT_MS, says: `LinkedIn gives no reset time, so waiting ${RATE_LIMIT_WAIT_MS / 1000} s` }),
    credentials: (status, what, said) =>
      status === 401
        ? `LinkedIn rejected ${TOKEN_VARIABLE} while ${what} (HTTP 401${said}): the token is wrong or expired (LinkedIn tokens last 60 days)`
        : `LinkedIn refused ${TOKEN_VARIABLE} the right to act for ${organization} while ${what} (HTTP 403${said}): the token needs the w_organization_social scope and its member must be an administrator or content admin of the page`,
    special: (response, _step, _what, said) =>
      response.status === 426 ? new CallError('final', `LinkedIn no longer accepts API version ${LINKEDIN_VERSION} (HTTP 426${said}): update plan`) : undefined,
  };
}

class LinkedInPublisher extends HttpPublisher<'linkedin'> {
  private readonly organization: string;
  private token = '';

  constructor(options: PublisherOptions<'linkedin'>) {
    super('linkedin', options, linkedInErrors(options.account.organization));
    this.organization = options.account.organization;
  }

  async publish(post: PreparedPost, hooks: PublishHooks): Promise<PublishedPost> {
    this.credentials();
    const images = post.media;
    const video = images.find((m) => !m.mimeType.startsWith('image/'));
    if (video) throw new CallError('final', `LinkedIn: plan publishes images only, and ${video.file} is ${video.mimeType}`);
    if (images.length > MAX_IMAGES) throw new CallError('final', `LinkedIn takes at most ${MAX_IMAGES} images in a post, and this one has ${images.length}`);

    const uploaded: { id: string; altText?: string }[] = [];
    for (const [index, image] of images.entries()) {
      const id = await this.upload(image, index, images.length, hooks);
      uploaded.push({ id, ...(image.alt ? { altText: image.alt } : {}) });
    }

    const commentary = toLittleText(post.text);
    const body = {
      author: this.organization,
      commentary,
      visibility: 'PUBLIC',
      distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
      lifecycleState: 'PUBLISHED',
      isReshareDisabledByAuthor: false,
      ...(uploaded.length === 1 ? { content: { media: uploaded[0] } } : {}),
      ...(uploaded.length > 1 ? { content: { multiImage: { images: uploaded } } } : {}),
    };
    hooks.log('creating the post on LinkedIn');
    const response = await this.send({ method: 'POST', path: '/rest/posts', body: JSON.stringify(body), creates: true });

    if (response.status >= 200 && response.status < 300) {
      const urn = createdUrn(response);
      if (urn) return published(urn);
      // LinkedIn said it made the post without saying which: the page's posts tell.
      const found = await this.findExisting(post).catch(() => undefined);
      if (found) return found;
      throw new CallError('ambiguous', `LinkedIn answered HTTP ${response.status} to the create call without the post’s id, and the page’s recent posts do not show it yet: the post may exist`);
    }
    if (isDuplicate(response)) {
      hooks.log('LinkedIn says this post is already on the page (DUPLICATE_POST); looking it up');
      const found = await this.findExisting(post).catch(() => undefined);
      if (found) return found;
      const urn = /urn:li:(?:share|ugcPost):\d+/.exec(this.detail(response))?.[0];
      if (urn) return published(urn);
      throw new CallError('ambiguous', 'LinkedIn refused the post as a duplicate of one already on the page, but neither its answer nor the page’s recent posts show which: check the page');
    }
    throw this.failure(response, 'create', 'creating the post');
  }

  async findExisting(post: PreparedPost): Promise<PublishedPost | undefined> {
    this.credentials();
    const sent = toLittleText(post.text);
    const wanted = normalize(post.text);
    for (let page = 0; page < PAGES; page++) {
      const query = `author=${encodeURIComponent(this.organization)}&q=author&count=${PAGE_SIZE}&start=${page * PAGE_SIZE}&sortBy=LAST_MODIFIED`;
      const response = await this.send({ method: 'GET', path: `/rest/posts?${query}`, headers: { 'x-restli-method': 'FINDER' } });
      if (response.status !== 200) throw this.failure(response, 'read', 'reading the page’s recent posts');
      const elements = parseJson<{ elements?: FoundPost[] }>(response)?.elements;
      if (!Array.isArray(elements) || elements.length === 0) return undefined;
      for (const element of elements) {
        if (typeof element.id !== 'string' || typeof element.commentary !== 'string') continue;
        if (element.commentary === sent || normalize(fromLittleText(element.commentary)) === wanted) return published(element.id);
      }
      if (elements.length < PAGE_SIZE) return undefined;
    }
    return undefined;
  }

  private credentials(): void {
    [this.token] = this.variables([TOKEN_VARIABLE], 'add it as a repository secret') as [string];
  }

  private async upload(image: PreparedMedia, index: number, total: number, hooks: PublishHooks): Promise<string> {
    let bytes: Buffer;
    try {
      bytes = await readFile(image.path);
    } catch {
      throw new CallError('final', `cannot read ${image.file} to upload it`);
    }
    hooks.log(`uploading image ${index + 1} of ${total} (${image.file}) to LinkedIn`);
    const init = await this.send({
      method: 'POST',
      path: '/rest/images?action=initializeUpload',
      body: JSON.stringify({ initializeUploadRequest: { owner: this.organization } }),
    });
    if (init.status !== 200) throw this.failure(init, 'upload', `starting the upload of ${image.file}`);
    const value = parseJson<{ value?: { uploadUrl?: unknown; image?: unknown } }>(init)?.value;
    const uploadUrl = value?.uploadUrl;
    const urn = value?.image;
    if (typeof uploadUrl !== 'string' || typeof urn !== 'string' || !uploadUrl || !urn) {
      throw new CallError('retryable', `LinkedIn answered the upload of ${image.file} without an upload URL or image id`);
    }

    let target: URL;
    try {
      target = new URL(uploadUrl);
    } catch {
      throw new CallError('retryable', `LinkedIn answered the upload of ${image.file} with an upload URL that is not a URL`);
    }
    // The token goes only to LinkedIn (or to the configured gateway), never to another host an answer names.
    const trusted = target.host === new URL(this.base).host || target.hostname === 'linkedin.com' || target.hostname.endsWith('.linkedin.com');
    const put = await this.http.send({
      method: 'PUT',
      url: target.href,
      headers: { 'content-type': image.mimeType, ...(trusted ? { authorization: `Bearer ${this.token}` } : {}) },
      body: bytes,
    });
    if (put.status !== 200 && put.status !== 201) throw this.failure(put, 'upload', `uploading ${image.file}`);
    await this.available(urn, image.file);
    return urn;
  }

  /** Waits until LinkedIn has processed an uploaded image (a post naming one that is not AVAILABLE is refused). */
  private async available(urn: string, file: string): Promise<void> {
    const deadline = Date.now() + IMAGE_PROCESSING_LIMIT_MS;
    for (let poll = 0; ; poll++) {
      const delay = IMAGE_POLL_DELAYS_MS[Math.min(poll, IMAGE_POLL_DELAYS_MS.length - 1)]!;
      if (delay > 0) await sleep(delay);
      const response = await this.send({ method: 'GET', path: `/rest/images/${encodeURIComponent(urn)}` });
      if (response.status !== 200) throw this.failure(response, 'upload', `checking on ${file}`);
      const status = parseJson<{ status?: unknown }>(response)?.status;
      if (status === 'AVAILABLE') return;
      if (status === 'PROCESSING_FAILED') throw new CallError('final', `LinkedIn could not process ${file} (PROCESSING_FAILED): check the image`);
      if (Date.now() > deadline) throw new CallError('retryable', `LinkedIn was still processing ${file} after ${IMAGE_PROCESSING_LIMIT_MS / 60_000} minutes`);
    }
  }

  private send(call: { method: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string; creates?: boolean }): Promise<HttpResponse> {
    return this.http.send({
      method: call.method,
      url: `${this.base}${call.path}`,
      headers: {
        authorization: `Bearer ${this.token}`,
        'linkedin-version': LINKEDIN_VERSION,
        'x-restli-protocol-version': '2.0.0',
        accept: 'application/json',
        ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(call.headers ?? {}),
      },
      ...(call.body !== undefined ? { body: call.body } : {}),
      ...(call.creates ? { creates: true } : {}),
    });
  }
}

function published(urn: string): PublishedPost {
  return { remoteId: urn, url: `https://www.linkedin.com/feed/update/${urn}/` };
}

function isDuplicate(response: HttpResponse): boolean {
  if (response.status !== 422) return false;
  const body = parseJson<LinkedInError>(response);
  const codes = (Array.isArray(body?.errorDetails?.inputErrors) ? body.errorDetails.inputErrors : []).map((e) => e.code);
  return codes.includes('DUPLICATE_POST') || body?.code === 'DUPLICATE_POST' || /Content is a duplicate of/i.test(typeof body?.message === 'string' ? body.message : '');
}

/** What commentaries are compared on: NFC, whitespace collapsed. */
function normalize(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** The URN of the post a successful create made: `x-restli-id`, the body's `id`, or the `Location` it names. */
function createdUrn(response: HttpResponse): string | undefined {
  const fromHeader = response.headers['x-restli-id'] || response.headers['x-linkedin-id'];
  const fromBody = parseJson<{ id?: unknown }>(response)?.id;
  const fromLocation = response.headers.location?.split('/').pop();
  for (const candidate of [fromHeader, typeof fromBody === 'string' ? fromBody : undefined, fromLocation]) {
    const urn = candidate ? safeDecode(candidate) : undefined;
    if (urn && /^urn:li:(share|ugcPost):/.test(urn)) return urn;
  }
  return undefined;
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** LinkedIn's own explanation (message and input errors), else the body's text. */
function explain(response: HttpResponse): string {
  const body = parseJson<LinkedInError>(response);
  if (!body || typeof body !== 'object' || Array.isArray(body)) return response.text();
  const inputs = (Array.isArray(body.errorDetails?.inputErrors) ? body.errorDetails.inputErrors : [])
    .map((e) => [e.code, e.description].filter((v) => typeof v === 'string' && v).join(' '))
    .filter(Boolean);
  const message = typeof body.message === 'string' ? body.message.replace(/^[\w.]+Exception:\s*/, '') : '';
  return [message, ...inputs].filter(Boolean).join('; ');
}
