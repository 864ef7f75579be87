/**
 * Publishes to a Facebook Page through the Graph API (GRAPH_VERSION in graph.ts) with the Page access token in
 * PLAN_FACEBOOK_PAGE_TOKEN.
 *
 * - text or link: `POST /{page-id}/feed` (message, link);
 * - one image: `POST /{page-id}/photos` (url under media_base_url, caption, alt_text_custom), which
 *   makes the post;
 * - several images: each uploaded unpublished (`published=false`: nothing shows, so a failed upload
 *   is safe to try again), then one `POST /{page-id}/feed` with `attached_media[N]={"media_fbid":…}`.
 * The call that makes the post visible is the create: a 5xx or a broken connection after it was
 * sent is 'ambiguous' and never repeated here; `findExisting` then looks for the text among the
 * Page's recent posts (`GET /{page-id}/published_posts`).
 */
import { type PublishedPost, type Publisher, type PublisherOptions, type PublishHooks } from '../types.js';
import { comparableText, GraphClient, requireToken } from '../graph.js';
import { allowedBaseUrl } from '../base.js';
import { CallError } from '../../http/errors.js';
import { type PreparedPost } from '../../networks/prepare.js';

export const TOKEN_VARIABLE = 'PLAN_FACEBOOK_PAGE_TOKEN';

/** How many of the Page's latest posts `findExisting` reads (two pages of 50). */
const LOOKBACK_PAGES = 2;
const PAGE_SIZE = 50;

interface CreatedPost {
  id?: string;
}
interface CreatedPhoto {
  id?: string;
  post_id?: string;
}
interface PostList {
  data?: { id?: string; message?: string; created_time?: string }[];
  paging?: { cursors?: { after?: string }; next?: string };
}

export function createPublisher(options: PublisherOptions<'facebook'>): Publisher {
  const token = requireToken(options.env, TOKEN_VARIABLE, 'Facebook');
  const pageId = options.account.page_id;
  if (!pageId) throw new CallError('final', 'plans/networks.yaml: facebook needs page_id (the Page id)');
  const graph = new GraphClient({ http: options.http, baseUrl: allowedBaseUrl('facebook', options.account, options.env), token, tokenVariable: TOKEN_VARIABLE, network: 'Facebook' });

  const result = (id: string): PublishedPost => ({ remoteId: id, url: `https://www.facebook.com/${id}` });

  async function publish(post: PreparedPost, hooks: PublishHooks): Promise<PublishedPost> {
    const text = post.text;
    if (post.media.some((m) => !m.mimeType.startsWith('image/'))) {
      throw new CallError('final', 'plan does not publish videos to Facebook yet: post the video by hand, or use images');
    }
    const missing = post.media.find((m) => !m.url);
    if (missing) {
      throw new CallError('final', `${missing.file} has no public URL: set media_base_url in plan.config.yaml (Facebook fetches images from it)`);
    }
    if (post.media.length === 0) {
      if (comparableText(text) === '' && !post.link) throw new CallError('final', 'the post has no text, link or image for Facebook');
      hooks.log('facebook: creating the post');
      const created = await graph.post<CreatedPost>(`${pageId}/feed`, { message: text, ...(post.link ? { link: post.link } : {}) }, { what: 'creating the post', creates: true });
      return result(requireId(created.id, 'creating the post'));
    }
    if (post.media.length === 1) {
      const media = post.media[0]!;
      hooks.log('facebook: posting the photo');
      const photo = await graph.post<CreatedPhoto>(
        `${pageId}/photos`,
        { url: media.url!, ...(comparableText(text) ? { caption: text } : {}), ...(media.alt ? { alt_text_custom: media.alt } : {}) },
        { what: 'posting the photo', creates: true },
      );
      return result(requireId(photo.post_id ?? photo.id, 'posting the photo'));
    }
    const ids: string[] = [];
    for (const [index, media] of post.media.entries()) {
      const what = `uploading photo ${index + 1} of ${post.media.length}`;
      hooks.log(`facebook: ${what}`);
      // Unpublished: nothing appears on the Page, so a failure here is safe to try again.
      const photo = await graph.post<CreatedPhoto>(`${pageId}/photos`, { url: media.url!, published: 'false', ...(media.alt ? { alt_text_custom: media.alt } : {}) }, { what });
      if (!photo.id) throw new CallError('retryable', `${what}: Facebook answered without a photo id`);
      ids.push(photo.id);
    }
    const params: Record<string, string> = comparableText(text) ? { message: text } : {};
    ids.forEach((id, index) => (params[`attached_media[${index}]`] = JSON.stringify({ media_fbid: id })));
    hooks.log('facebook: creating the post');
    const created = await graph.post<CreatedPost>(`${pageId}/feed`, params, { what: 'creating the post', creates: true });
    return result(requireId(created.id, 'creating the post'));
  }

  async function findExisting(post: PreparedPost): Promise<PublishedPost | undefined> {
    const wanted = comparableText(post.text);
    if (wanted === '') return undefined;
    let after: string | undefined;
    for (let page = 0; page < LOOKBACK_PAGES; page++) {
      const list = await graph.get<PostList>(
        `${pageId}/published_posts`,
        { fields: 'id,message,created_time', limit: String(PAGE_SIZE), ...(after ? { after } : {}) },
        { what: 'reading the Page’s recent posts' },
      );
      const match = (list.data ?? []).find((p) => p.id && comparableText(p.message) === wanted);
      if (match?.id) return result(match.id);
      after = list.paging?.next ? list.paging.cursors?.after : undefined;
      if (!after) return undefined;
    }
    return undefined;
  }

  return { network: 'facebook', publish, findExisting };
}

/** The id of what a create call made; without one the post may exist, and nothing here can tell. */
function requireId(id: string | undefined, what: string): string {
  if (!id) throw new CallError('ambiguous', `${what}: Facebook answered without an id: the post may exist`);
  return id;
}
