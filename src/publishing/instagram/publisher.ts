/**
 * Publishes to an Instagram professional account through the Graph API (GRAPH_VERSION in graph.ts) with the token in
 * PLAN_INSTAGRAM_TOKEN, in Instagram's two steps:
 *
 * 1. a media container: `POST /{ig-user-id}/media` with image_url (under media_base_url), caption and
 *    alt_text (a video is a REELS container with video_url); several images or videos make a
 *    carousel: one item container each (`is_carousel_item=true`, no caption), then a CAROUSEL
 *    container with `children` and the caption. Creating containers shows nothing, so it is safe to
 *    repeat;
 * 2. the container id is recorded (`hooks.checkpoint({containerId, fingerprint})`) BEFORE anything
 *    can publish it, its `status_code` is polled until FINISHED (once a minute, five minutes at most), then
 *    `POST /{ig-user-id}/media_publish` (creation_id) makes the post; its permalink is read after.
 *
 * A container is published at most once, and its status says whether it was, so a run that finds a
 * recorded container (`post.checkpoint`, or one made earlier in this run) checks it first:
 *   PUBLISHED               → never published again: the media is found by its caption and returned;
 *   FINISHED / IN_PROGRESS  → published (after waiting), no new container — unless the post's text
 *                             changed since (the container holds the old caption): a new container;
 *   EXPIRED (24 h unpublished) or ERROR → nothing was ever published from it: a new container;
 *   unreadable              → the account is searched by caption first; if absent, a new container.
 * A container that turns ERROR while this run waits is 'final' (Instagram could not use the media);
 * one that expires or is still processing after the last check is 'retryable' (the next attempt
 * picks it up, or makes a new one).
 * A media_publish whose answer is lost (5xx, broken connection) is settled at once when the
 * container already says PUBLISHED; otherwise it is 'ambiguous' and the next run settles it.
 */
import { type PublishedPost, type Publisher, type PublisherOptions, type PublishHooks } from '../types.js';
import { sleep } from '../../http/client.js';
import { comparableText, GraphClient, requireToken } from '../graph.js';
import { allowedBaseUrl } from '../base.js';
import { CallError } from '../../http/errors.js';
import { type PreparedMedia, type PreparedPost } from '../../networks/prepare.js';

export const TOKEN_VARIABLE = 'PLAN_INSTAGRAM_TOKEN';

/**
 * Meta's advice for a container's status: ask about once a minute, for no more than five minutes.
 * So an attempt waits at most WAITS intervals (`PLAN_POLL_INTERVAL_MS` overrides the minute); a
 * container still processing then is picked up by the next attempt, which finds it recorded.
 */
const DEFAULT_POLL_MS = 60_000;
const WAITS = 5;
const MAX_CAROUSEL_ITEMS = 10;
/** How many of the account's latest media `findExisting` reads (two pages of 50). */
const LOOKBACK_PAGES = 2;
const PAGE_SIZE = 50;
/** Where a post points when its permalink could not be read (the media id is still recorded). */
const FALLBACK_URL = 'https://www.instagram.com/';

type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

interface ContainerState {
  status_code?: ContainerStatus | string;
  status?: string;
}
interface Created {
  id?: string;
}
interface MediaList {
  data?: { id?: string; caption?: string; permalink?: string; timestamp?: string }[];
  paging?: { cursors?: { after?: string }; next?: string };
}

export function createPublisher(options: PublisherOptions<'instagram'>): Publisher {
  const token = requireToken(options.env, TOKEN_VARIABLE, 'Instagram');
  const userId = options.account.user_id;
  if (!userId) throw new CallError('final', 'plans/networks.yaml: instagram needs user_id (the Instagram professional account id)');
  const graph = new GraphClient({ http: options.http, baseUrl: allowedBaseUrl('instagram', options.account, options.env), token, tokenVariable: TOKEN_VARIABLE, network: 'Instagram' });
  const pollMs = positive(options.env.PLAN_POLL_INTERVAL_MS) ?? DEFAULT_POLL_MS;
  // Containers made in this run, by post: a retry within the run resumes them like a later run would.
  const made = new Map<string, Record<string, string>>();

  const checkpointOf = (post: PreparedPost): Record<string, string> | undefined => made.get(post.idempotencyKey) ?? post.checkpoint;

  async function readStatus(containerId: string): Promise<ContainerState> {
    return graph.get<ContainerState>(containerId, { fields: 'status_code,status' }, { what: 'checking the media container' });
  }

  /** Polls until every container is FINISHED (or one is PUBLISHED), waiting at most WAITS intervals. */
  async function waitFinished(ids: string[], what: string): Promise<'FINISHED' | 'PUBLISHED'> {
    const pending = new Set(ids);
    for (let wait = 0; ; wait++) {
      for (const id of [...pending]) {
        const state = await readStatus(id);
        switch (state.status_code) {
          case 'FINISHED':
            pending.delete(id);
            break;
          case 'PUBLISHED':
            return 'PUBLISHED';
          case 'ERROR':
            throw new CallError('final', options.http.redact(`${what}: Instagram could not use the media (${state.status ?? 'status ERROR'}): check the image or video at its URL`));
          case 'EXPIRED':
            throw new CallError('retryable', `${what}: the media container expired before it was published: the next attempt makes a new one`);
          default:
            break; // IN_PROGRESS
        }
      }
      if (pending.size === 0) return 'FINISHED';
      if (wait === WAITS) break;
      await sleep(pollMs);
    }
    throw new CallError('retryable', `${what}: Instagram is still processing the media after ${Math.round((WAITS * pollMs) / 1000)} s: the next attempt publishes it`);
  }

  function itemParams(media: PreparedMedia, inCarousel: boolean): Record<string, string> {
    if (media.mimeType.startsWith('video/')) {
      return inCarousel ? { media_type: 'VIDEO', video_url: media.url!, is_carousel_item: 'true' } : { media_type: 'REELS', video_url: media.url! };
    }
    return { image_url: media.url!, ...(media.alt ? { alt_text: media.alt } : {}), ...(inCarousel ? { is_carousel_item: 'true' } : {}) };
  }

  /** Makes the container(s) for a post and returns the one to publish. Nothing shows on the account yet. */
  async function createContainer(post: PreparedPost, hooks: PublishHooks): Promise<string> {
    const caption: Record<string, string> = comparableText(post.text) ? { caption: post.text } : {};
    if (post.media.length === 1) {
      hooks.log('instagram: creating the media container');
      const created = await graph.post<Created>(`${userId}/media`, { ...itemParams(post.media[0]!, false), ...caption }, { what: 'creating the media container' });
      return requireContainerId(created.id, 'creating the media container');
    }
    const children: string[] = [];
    for (const [index, media] of post.media.entries()) {
      const what = `creating carousel item ${index + 1} of ${post.media.length}`;
      hooks.log(`instagram: ${what}`);
      const created = await graph.post<Created>(`${userId}/media`, itemParams(media, true), { what });
      children.push(requireContainerId(created.id, what));
    }
    await waitFinished(children, 'processing the carousel items');
    hooks.log('instagram: creating the carousel container');
    const created = await graph.post<Created>(`${userId}/media`, { media_type: 'CAROUSEL', children: children.join(','), ...caption }, { what: 'creating the carousel container' });
    return requireContainerId(created.id, 'creating the carousel container');
  }

  async function findByCaption(post: PreparedPost): Promise<PublishedPost | undefined> {
    const wanted = comparableText(post.text);
    if (wanted === '') return undefined;
    let after: string | undefined;
    for (let page = 0; page < LOOKBACK_PAGES; page++) {
      const list = await graph.get<MediaList>(
        `${userId}/media`,
        { fields: 'id,caption,permalink,timestamp', limit: String(PAGE_SIZE), ...(after ? { after } : {}) },
        { what: 'reading the account’s recent posts' },
      );
      const match = (list.data ?? []).find((m) => m.id && comparableText(m.caption) === wanted);
      if (match?.id) return { remoteId: match.id, url: match.permalink ?? FALLBACK_URL };
      after = list.paging?.next ? list.paging.cursors?.after : undefined;
      if (!after) return undefined;
    }
    return undefined;
  }

  /** A container that says PUBLISHED: the post exists; find it, never publish again. */
  async function alreadyPublished(post: PreparedPost, containerId: string): Promise<PublishedPost> {
    const found = await findByCaption(post);
    if (found) return found;
    throw new CallError(
      'ambiguous',
      `media container ${containerId} was already published, but no recent post has this caption (was the text changed since?): check the account; plan will not publish it again`,
    );
  }

  type Resume = { kind: 'published'; result: PublishedPost } | { kind: 'reuse'; containerId: string } | { kind: 'new' };

  /** What to do with a container recorded by an earlier attempt. */
  async function resume(post: PreparedPost, checkpoint: Record<string, string>, hooks: PublishHooks): Promise<Resume> {
    const containerId = checkpoint.containerId!;
    let state: ContainerState;
    try {
      state = await readStatus(containerId);
    } catch (error) {
      if (!(error instanceof CallError) || error.kind !== 'final') throw error;
      // Graph no longer knows the container. Look for the post before making a new one.
      const found = await findByCaption(post);
      if (found) return { kind: 'published', result: found };
      hooks.log(`instagram: the recorded media container ${containerId} cannot be read: making a new one`);
      return { kind: 'new' };
    }
    switch (state.status_code) {
      case 'PUBLISHED':
        hooks.log(`instagram: media container ${containerId} is already published: not publishing again`);
        return { kind: 'published', result: await alreadyPublished(post, containerId) };
      case 'FINISHED':
      case 'IN_PROGRESS':
        if (checkpoint.fingerprint && checkpoint.fingerprint !== post.fingerprint) {
          hooks.log(`instagram: the text changed since media container ${containerId} was made: making a new one`);
          return { kind: 'new' };
        }
        hooks.log(`instagram: resuming media container ${containerId}`);
        return { kind: 'reuse', containerId };
      default:
        // EXPIRED or ERROR: nothing was ever published from it.
        hooks.log(`instagram: media container ${containerId} is ${state.status_code ?? 'unknown'}: making a new one`);
        return { kind: 'new' };
    }
  }

  async function permalink(mediaId: string, hooks: PublishHooks): Promise<string> {
    try {
      const media = await graph.get<{ permalink?: string }>(mediaId, { fields: 'permalink' }, { what: 'reading the post’s link' });
      if (media.permalink) return media.permalink;
    } catch (error) {
      hooks.log(`instagram: published as media ${mediaId}, but its link could not be read (${error instanceof CallError ? error.message : 'unexpected error'})`);
    }
    return FALLBACK_URL;
  }

  async function publishContainer(post: PreparedPost, containerId: string, hooks: PublishHooks): Promise<PublishedPost> {
    hooks.log('instagram: publishing');
    let created: Created;
    try {
      created = await graph.post<Created>(`${userId}/media_publish`, { creation_id: containerId }, { what: 'publishing the media container', creates: true });
    } catch (error) {
      if (error instanceof CallError && error.kind === 'ambiguous') {
        const settled = await settleLostAnswer(post, containerId);
        if (settled) return settled;
      }
      throw error;
    }
    if (!created.id) {
      const settled = await settleLostAnswer(post, containerId);
      if (settled) return settled;
      throw new CallError('ambiguous', 'publishing the media container: Instagram answered without a media id: the post may exist');
    }
    return { remoteId: created.id, url: await permalink(created.id, hooks) };
  }

  /** After a lost media_publish answer: the container's status tells whether it was published. */
  async function settleLostAnswer(post: PreparedPost, containerId: string): Promise<PublishedPost | undefined> {
    try {
      const state = await readStatus(containerId);
      return state.status_code === 'PUBLISHED' ? await findByCaption(post) : undefined;
    } catch {
      return undefined;
    }
  }

  async function publish(post: PreparedPost, hooks: PublishHooks): Promise<PublishedPost> {
    validate(post);
    const recorded = checkpointOf(post);
    let containerId: string | undefined;
    if (recorded?.containerId) {
      const next = await resume(post, recorded, hooks);
      if (next.kind === 'published') return next.result;
      if (next.kind === 'reuse') containerId = next.containerId;
    }
    if (!containerId) {
      containerId = await createContainer(post, hooks);
      const values = { containerId, fingerprint: post.fingerprint };
      // Recorded before anything can publish it: a crash from here on resumes this container.
      await hooks.checkpoint(values);
      made.set(post.idempotencyKey, values);
    }
    const state = await waitFinished([containerId], 'processing the media');
    if (state === 'PUBLISHED') return alreadyPublished(post, containerId);
    return publishContainer(post, containerId, hooks);
  }

  async function findExisting(post: PreparedPost): Promise<PublishedPost | undefined> {
    const recorded = checkpointOf(post);
    if (recorded?.containerId) {
      try {
        const state = await readStatus(recorded.containerId);
        // Only media_publish of the recorded container could have made the post: if it is not PUBLISHED, nothing was.
        if (state.status_code !== 'PUBLISHED') return undefined;
      } catch (error) {
        if (!(error instanceof CallError) || error.kind !== 'final') throw error;
      }
    }
    return findByCaption(post);
  }

  return { network: 'instagram', publish, findExisting };
}

function validate(post: PreparedPost): void {
  if (post.media.length === 0) throw new CallError('final', 'Instagram needs an image or video: add one under media:');
  if (post.media.length > MAX_CAROUSEL_ITEMS) throw new CallError('final', `Instagram takes at most ${MAX_CAROUSEL_ITEMS} images or videos in one post (this one has ${post.media.length})`);
  for (const media of post.media) {
    if (!media.url) throw new CallError('final', `${media.file} has no public URL: set media_base_url in plan.config.yaml (Instagram fetches media from it)`);
    if (media.mimeType.startsWith('image/') && media.mimeType !== 'image/jpeg') {
      throw new CallError('final', `${media.file}: Instagram accepts only JPEG images`);
    }
    if (!media.mimeType.startsWith('image/') && !media.mimeType.startsWith('video/')) {
      throw new CallError('final', `${media.file}: Instagram accepts only images and videos`);
    }
  }
}

function requireContainerId(id: string | undefined, what: string): string {
  if (!id) throw new CallError('retryable', `${what}: Instagram answered without a container id`);
  return id;
}

function positive(text: string | undefined): number | undefined {
  const value = Number(text);
  return text !== undefined && text.trim() !== '' && Number.isFinite(value) && value > 0 ? value : undefined;
}
