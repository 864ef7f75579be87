/**
 * Strict fake of Instagram content publishing through the Graph API (graph.facebook.com, v26.0),
 * over real HTTP on 127.0.0.1, for the publisher tests. Built on server.ts and graph.ts.
 *
 *   const ig = await startFakeInstagram({ userId: '17841400000000000', token: 'tok' });
 *   ig.posts          // media actually published, oldest first (exactly-once assertions)
 *   ig.containers     // every container by id (status_code, caption, urls, alt text, children, media id)
 *   ig.mediaFetches   // every image/video URL the fake fetched, with the outcome
 *   ig.violations     // contract violations; tests assert it is empty
 *   ig.setContainerStatus(id, 'ERROR' | 'EXPIRED' | …)
 *   ig.inject('POST /v26.0/:igUserId/media_publish', { kind: 'drop-after-create' })
 *
 * Endpoints (all need the token: `access_token` parameter or `Authorization: Bearer|OAuth`):
 *   POST /v26.0/{ig-user-id}/media          image_url (fetched for real: JPEG, ≤ 8 MB, aspect 4:5…1.91:1),
 *        caption (≤ 2200 chars, ≤ 30 hashtags, ≤ 20 @-mentions; not on carousel items), alt_text (images only,
 *        ≤ 1000 chars), is_carousel_item, media_type=CAROUSEL + children (2–10 item containers),
 *        media_type=REELS + video_url, media_type=VIDEO + is_carousel_item, media_type=STORIES  → {id}
 *   GET  /v26.0/{container-id}?fields=status_code,status   IN_PROGRESS (the first check, always) → FINISHED;
 *        ERROR, EXPIRED (24 h unpublished), PUBLISHED. Also reads a published media id.
 *   POST /v26.0/{ig-user-id}/media_publish  creation_id → {id: media-id}. A container that is not FINISHED
 *        is refused (9007/2207027); an EXPIRED one (24/2207008); a PUBLISHED one creates nothing
 *        (error + violation); over the 24 h quota (9/2207042).
 *   GET  /v26.0/{ig-user-id}/media?fields=id,caption,timestamp,permalink   newest first, cursor paging
 *   GET  /v26.0/{ig-user-id}/content_publishing_limit?fields=config,quota_usage
 *   GET  /v26.0/{ig-media-id}/insights?metric=views,reach,likes,comments,shares,saved,total_interactions,…
 *        → {data:[{name, period:'lifetime', values:[{value}], …}]}, from ig.setMetrics(media id, …); a metric
 *        without a value is left out (a new media gives `data: []`). The metrics Meta removed (impressions,
 *        plays, video_views, engagement…) are refused for the whole call; a STORY does not support likes,
 *        comments, saved or shares (#100 "…does not support the likes metric for this media product type").
 */
import { createFakeServer, type Ctx, type FakeServer } from './server.js';
import {
  V,
  bool,
  charCount,
  checkFields,
  checkKnownParams,
  fail,
  fetchMedia,
  fetchRecord,
  graphNotFound,
  graphRoute,
  graphTime,
  isHttpUrl,
  numericIds,
  ok,
  paginate,
  paramError,
  parseFields,
  parseTimeParam,
  pick,
  rateLimitReply,
  readParams,
  requireToken,
  str,
  unsupported,
  violation,
  type GraphErrorBody,
  type GraphParams,
  type MediaFetch,
  debugTokenRoute,
  type TokenFacts,
  INSIGHTS_PARAMS,
  insightsReply,
} from './graph.js';

export type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';
export type ContainerType = 'IMAGE' | 'VIDEO' | 'REELS' | 'CAROUSEL' | 'STORIES';

export interface IgContainer {
  id: string;
  mediaType: ContainerType;
  isCarouselItem: boolean;
  imageUrl?: string;
  videoUrl?: string;
  caption?: string;
  altText?: string;
  /** Child container ids (carousels). */
  children?: string[];
  /** The carousel that uses this item container. */
  parentId?: string;
  statusCode: ContainerStatus;
  /** Status checks still answering IN_PROGRESS. */
  pollsLeft: number;
  /** Error subcode reported in `status` when ERROR. */
  errorSubcode?: number;
  createdAt: Date;
  /** Set when published. */
  mediaId?: string;
  /** How many media_publish calls named it. */
  publishCalls: number;
}

export interface InstagramMediaItem {
  containerId: string;
  type: 'IMAGE' | 'VIDEO';
  url: string;
  altText?: string;
}

export interface InstagramPost {
  /** IG media id returned by media_publish. */
  id: string;
  containerId: string;
  mediaType: 'IMAGE' | 'VIDEO' | 'CAROUSEL_ALBUM';
  mediaProductType: 'FEED' | 'REELS' | 'STORY';
  caption?: string;
  media: InstagramMediaItem[];
  timestamp: Date;
  shortcode: string;
  permalink: string;
}

export interface FakeInstagramOptions {
  /** The Instagram professional account id (default '17841400000000000', as in SPEC §1.3). */
  userId?: string;
  /** The access token the fake accepts (default 'test-instagram-token'). */
  token?: string;
  now?: () => Date;
  /** Status checks of an image (or carousel) container that answer IN_PROGRESS before FINISHED (default 1, min 1). */
  pollsBeforeFinished?: number;
  /** The same for video / reel containers (default 2, min 1). */
  videoPollsBeforeFinished?: number;
  /** quota_total of content_publishing_limit (default 100 per 24 h, as the content-publishing guide says). */
  publishQuota?: number;
  /** HTTP status of the rate-limit fault (Graph answers throttling with 400; default 400). */
  rateLimitStatus?: number;
  /** Largest image accepted (default 8 MB, the documented image limit). */
  maxImageBytes?: number;
  /** Largest video accepted (default 300 MB, the documented reel limit). */
  maxVideoBytes?: number;
  fetchTimeoutMs?: number;
  /** What GET /debug_token says of the token. */
  tokenFacts?: TokenFacts;
}

const MEDIA_INSIGHTS = ['views', 'reach', 'likes', 'comments', 'shares', 'saved', 'total_interactions', 'follows', 'profile_visits', 'profile_activity', 'navigation', 'replies', 'ig_reels_avg_watch_time', 'ig_reels_video_view_total_time', 'reels_skip_rate', 'reposts', 'crossposted_views'];
const REMOVED_MEDIA_INSIGHTS = ['impressions', 'plays', 'clips_replays_count', 'ig_reels_aggregated_all_plays_count', 'video_views', 'engagement', 'carousel_album_impressions', 'carousel_album_reach', 'taps_forward', 'taps_back', 'exits'];
const NOT_ON_STORIES = ['likes', 'comments', 'saved', 'shares'];

export interface FakeInstagram extends FakeServer {
  /** The insights of a published media (its id), by Graph metric name. */
  setMetrics(mediaId: string, metrics: Record<string, number>): void;
  userId: string;
  token: string;
  posts: InstagramPost[];
  containers: Map<string, IgContainer>;
  mediaFetches: MediaFetch[];
  /** Force a container's status (e.g. ERROR or EXPIRED) for a test. */
  setContainerStatus(id: string, status: ContainerStatus, errorSubcode?: number): void;
  /** Put a post on the account as if made earlier (e.g. by a run whose answer was lost). */
  seedMedia(m: { caption?: string; timestamp?: Date; imageUrl?: string; mediaProductType?: 'FEED' | 'REELS' | 'STORY' }): InstagramPost;
}

const MAX_CAPTION = 2200;
const MAX_HASHTAGS = 30;
const MAX_MENTIONS = 20;
const MAX_ALT_TEXT = 1000;
const CONTAINER_TTL_MS = 24 * 3600 * 1000;
const QUOTA_DURATION = 86400;

const MEDIA_PARAMS = [
  'image_url',
  'video_url',
  'caption',
  'alt_text',
  'is_carousel_item',
  'media_type',
  'children',
  'location_id',
  'user_tags',
  'product_tags',
  'collaborators',
  'cover_url',
  'audio_name',
  'share_to_feed',
  'thumb_offset',
  'upload_type',
  'trial_params',
  'is_ai_generated',
  'branded_content_sponsor_ids',
  'is_paid_partnership',
];
const CONTAINER_FIELDS = ['id', 'status_code', 'status', 'copyright_check_status'];
const MEDIA_FIELDS = [
  'id',
  'caption',
  'timestamp',
  'permalink',
  'shortcode',
  'media_type',
  'media_product_type',
  'media_url',
  'thumbnail_url',
  'username',
  'owner',
  'alt_text',
  'children',
  'like_count',
  'comments_count',
  'is_comment_enabled',
];
const READ_PARAMS = ['limit', 'after', 'before', 'since', 'until'];

/** Hashtags and @-mentions as Instagram counts them (an e-mail address is not a mention). */
export function countHashtags(caption: string): number {
  return (caption.match(/(^|[^\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu) ?? []).length;
}
export function countMentions(caption: string): number {
  return (caption.match(/(^|[^\p{L}\p{N}_.@])@[A-Za-z0-9._]+/gu) ?? []).length;
}

const SHORTCODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
function shortcodeFor(id: string): string {
  let n = BigInt(id);
  let s = '';
  while (n > 0n) {
    s = SHORTCODE_ALPHABET[Number(n % 64n)] + s;
    n /= 64n;
  }
  return s;
}

export async function startFakeInstagram(opts: FakeInstagramOptions = {}): Promise<FakeInstagram> {
  const userId = opts.userId ?? '17841400000000000';
  const token = opts.token ?? 'test-instagram-token';
  const now = opts.now ?? (() => new Date());
  const imagePolls = Math.max(1, opts.pollsBeforeFinished ?? 1);
  const videoPolls = Math.max(1, opts.videoPollsBeforeFinished ?? 2);
  const quotaTotal = opts.publishQuota ?? 100;
  const maxImageBytes = opts.maxImageBytes ?? 8 * 1024 * 1024;
  const maxVideoBytes = opts.maxVideoBytes ?? 300 * 1024 * 1024;
  const fetchTimeoutMs = opts.fetchTimeoutMs ?? 5000;
  const nextContainerId = numericIds('17890000000000000');
  const nextMediaId = numericIds('17990000000000000');

  const posts: InstagramPost[] = [];
  const containers = new Map<string, IgContainer>();
  const mediaFetches: MediaFetch[] = [];
  let baseUrl = '';

  const begin = (ctx: Ctx, allowed: readonly string[]): GraphParams => {
    const p = readParams(ctx);
    requireToken(ctx, p, token);
    const uid = ctx.params.igUserId;
    if (uid !== undefined && uid !== userId) {
      violation(`ig user id ${JSON.stringify(uid)} is not the configured account ${userId}`, 400, unsupported(ctx.method, uid));
    }
    checkKnownParams(ctx, p, allowed);
    return p;
  };

  /** Containers expire 24 hours after creation unless published. */
  const refresh = (c: IgContainer): void => {
    if (c.statusCode !== 'PUBLISHED' && c.statusCode !== 'EXPIRED' && now().getTime() - c.createdAt.getTime() > CONTAINER_TTL_MS) {
      c.statusCode = 'EXPIRED';
    }
  };

  /** One status check: answer the current status, then move processing forward. */
  const poll = (c: IgContainer): ContainerStatus => {
    refresh(c);
    const answered = c.statusCode;
    if (c.statusCode === 'IN_PROGRESS') {
      c.pollsLeft -= 1;
      if (c.children) {
        // Processing a carousel processes its items too.
        for (const childId of c.children) {
          const child = containers.get(childId);
          if (child && child.statusCode === 'IN_PROGRESS') {
            child.pollsLeft -= 1;
            if (child.pollsLeft <= 0) child.statusCode = 'FINISHED';
          }
        }
      }
      const kids = (c.children ?? []).map((id) => containers.get(id));
      if (kids.some((k) => k?.statusCode === 'ERROR' || k?.statusCode === 'EXPIRED')) {
        c.statusCode = 'ERROR';
        c.errorSubcode = 2207028;
      } else if (c.pollsLeft <= 0 && kids.every((k) => k?.statusCode === 'FINISHED')) c.statusCode = 'FINISHED';
    }
    return answered;
  };

  const statusText = (c: IgContainer, s: ContainerStatus): string =>
    ({
      IN_PROGRESS: 'In Progress: Media is still being processed.',
      FINISHED: 'Finished: Media has been uploaded and it is ready to be published.',
      PUBLISHED: 'Published: Media has been successfully published.',
      EXPIRED: 'Expired: Media container was not published within 24 hours.',
      ERROR: `Error: Media upload has failed with error code ${c.errorSubcode ?? 2207001}`,
    })[s];

  const captionChecks = (caption: string | undefined): void => {
    if (caption === undefined) return;
    if (charCount(caption) > MAX_CAPTION) {
      violation(`caption is ${charCount(caption)} characters (max ${MAX_CAPTION})`, 400, paramError(`The caption is too long (maximum ${MAX_CAPTION} characters)`, 2207010));
    }
    const tags = countHashtags(caption);
    if (tags > MAX_HASHTAGS) violation(`caption has ${tags} hashtags (max ${MAX_HASHTAGS})`, 400, paramError(`The caption has too many hashtags (maximum ${MAX_HASHTAGS})`, 2207010));
    const mentions = countMentions(caption);
    if (mentions > MAX_MENTIONS) violation(`caption has ${mentions} @-mentions (max ${MAX_MENTIONS})`, 400, paramError(`The caption has too many @ tags (maximum ${MAX_MENTIONS})`, 2207010));
  };

  const fetchFailed = (url: string, why: string): GraphErrorBody => ({
    message: 'Only photo or video can be accepted as media type.',
    type: 'OAuthException',
    code: 9004,
    error_subcode: 2207052,
    is_transient: false,
    error_user_title: "Media download has failed. The media URI doesn't meet our requirements.",
    error_user_msg: `The media could not be fetched from this URI: ${url}. Please check the limitations section in our development document for more information. (${why})`,
  });

  /** Fetch an image synchronously, as container creation does; any problem is a documented error. */
  const fetchImage = async (url: string): Promise<void> => {
    if (!isHttpUrl(url)) violation(`image_url is not an absolute http(s) URL: ${JSON.stringify(url)}`, 400, fetchFailed(url, 'not a URL'));
    const f = await fetchMedia(url, { maxBytes: maxImageBytes, timeoutMs: fetchTimeoutMs });
    if (f.ok && f.kind !== 'jpeg') {
      f.ok = false;
      f.reason = `not a JPEG (${f.kind ?? f.contentType ?? 'unknown'})`;
    }
    mediaFetches.push(fetchRecord(f));
    if (!f.ok) {
      if (f.reason?.startsWith('larger than')) {
        fail(400, { message: 'The image is too large.', type: 'OAuthException', code: 9004, error_subcode: 2207004, error_user_title: 'Image is too large', error_user_msg: `The image at ${url} is larger than 8 MB.` });
      }
      fail(400, fetchFailed(url, f.reason ?? 'unknown'));
    }
    if (f.width && f.height) {
      const ratio = f.width / f.height;
      if (ratio < 0.8 - 1e-3 || ratio > 1.91 + 1e-3) {
        fail(400, {
          message: `The aspect ratio is not supported.`,
          type: 'OAuthException',
          code: 36003,
          error_subcode: 2207009,
          error_user_title: 'Cannot publish image with invalid aspect ratio',
          error_user_msg: `The submitted image with aspect ratio ('${f.width}/${f.height}') cannot be published. Please submit an image with a valid aspect ratio (4:5 to 1.91:1).`,
        });
      }
    }
  };

  /** Fetch a video; processing is asynchronous, so a failure shows as status ERROR later. */
  const fetchVideo = async (url: string): Promise<number | undefined> => {
    if (!isHttpUrl(url)) violation(`video_url is not an absolute http(s) URL: ${JSON.stringify(url)}`, 400, fetchFailed(url, 'not a URL'));
    const f = await fetchMedia(url, { maxBytes: maxVideoBytes, timeoutMs: fetchTimeoutMs });
    if (f.ok && f.kind !== 'mp4' && f.kind !== 'mov') {
      f.ok = false;
      f.reason = `not an MP4/MOV video (${f.kind ?? f.contentType ?? 'unknown'})`;
    }
    mediaFetches.push(fetchRecord(f));
    return f.ok ? undefined : 2207052;
  };

  const createContainer = graphRoute(async (ctx) => {
    const p = begin(ctx, MEDIA_PARAMS);
    const rawType = str(p, 'media_type');
    const imageUrl = str(p, 'image_url');
    const videoUrl = str(p, 'video_url');
    const caption = str(p, 'caption');
    const altText = str(p, 'alt_text');
    const isItem = bool(p, 'is_carousel_item') ?? false;
    if (str(p, 'upload_type') !== undefined) {
      violation('upload_type (resumable upload) is not used by this project: give video_url', 400, paramError('Resumable upload is not supported by this fake'));
    }
    if (rawType !== undefined && !['IMAGE', 'VIDEO', 'REELS', 'CAROUSEL', 'STORIES'].includes(rawType)) {
      violation(`unknown media_type ${JSON.stringify(rawType)}`, 400, paramError(`Param media_type must be one of {CAROUSEL, REELS, STORIES, VIDEO, IMAGE}`));
    }
    const type: ContainerType = (rawType as ContainerType | undefined) ?? (videoUrl !== undefined ? 'VIDEO' : 'IMAGE');
    if (type === 'VIDEO' && !isItem) {
      violation('media_type VIDEO outside a carousel: feed videos are published as REELS', 400, paramError('The VIDEO media type is no longer supported for feed posts. Use REELS.'));
    }
    if (isItem && (type === 'CAROUSEL' || type === 'REELS' || type === 'STORIES')) {
      violation(`is_carousel_item with media_type ${type}`, 400, paramError(`A ${type} container cannot be a carousel item`));
    }
    if (isItem && caption !== undefined) violation('caption on a carousel item (captions go on the carousel container)', 400, paramError('Caption is not supported on carousel items'));
    if (type === 'STORIES' && caption !== undefined) violation('caption on a story', 400, paramError('Caption is not supported on stories'));
    captionChecks(caption);
    if (altText !== undefined) {
      if (type !== 'IMAGE') {
        violation(`alt_text on a ${type} container (images only: a single image or an image carousel item)`, 400, paramError('alt_text is only supported on images'));
      }
      if (charCount(altText) > MAX_ALT_TEXT) violation(`alt_text is ${charCount(altText)} characters (max ${MAX_ALT_TEXT})`, 400, paramError(`alt_text must be at most ${MAX_ALT_TEXT} characters`));
    }

    const c: IgContainer = {
      id: '',
      mediaType: type,
      isCarouselItem: isItem,
      ...(caption !== undefined ? { caption } : {}),
      ...(altText !== undefined ? { altText } : {}),
      statusCode: 'IN_PROGRESS',
      pollsLeft: imagePolls,
      createdAt: now(),
      publishCalls: 0,
    };

    if (type === 'CAROUSEL') {
      if (imageUrl !== undefined || videoUrl !== undefined) violation('image_url/video_url on a carousel container (use children)', 400, paramError('A carousel container takes children, not media URLs'));
      const raw = p.values.get('children');
      let children: string[];
      if (raw === undefined) violation('carousel without children', 400, paramError('The parameter children is required for carousels'));
      else if (Array.isArray(raw)) children = raw.map(String);
      else {
        const s = String(raw).trim();
        if (s.startsWith('[')) {
          try {
            children = (JSON.parse(s) as unknown[]).map(String);
          } catch {
            violation('children is not a valid list', 400, paramError('Param children must be a list of container ids'));
          }
        } else children = s.split(',').map((x) => x.trim()).filter(Boolean);
      }
      if (children.length < 2 || children.length > 10) {
        violation(`carousel with ${children.length} children (2–10)`, 400, paramError('A carousel must have between 2 and 10 children', 2207028));
      }
      if (new Set(children).size !== children.length) violation('the same child twice in a carousel', 400, paramError('Duplicate child container', 2207028));
      for (const id of children) {
        const child = containers.get(id);
        if (!child) violation(`child ${id} is not a container of this account`, 400, paramError(`Invalid child container ${id}`, 2207028));
        if (!child.isCarouselItem) violation(`child ${id} was not created with is_carousel_item=true`, 400, paramError(`Container ${id} is not a carousel item`, 2207028));
        if (child.parentId) violation(`child ${id} is already used by carousel ${child.parentId}`, 400, paramError(`Container ${id} is already in a carousel`, 2207028));
        refresh(child);
        if (child.statusCode === 'ERROR' || child.statusCode === 'EXPIRED') fail(400, paramError(`Child container ${id} is ${child.statusCode}`, 2207028));
      }
      c.children = children;
    } else if (type === 'IMAGE' || (type === 'STORIES' && imageUrl !== undefined)) {
      if (videoUrl !== undefined) violation('video_url on an image container', 400, paramError('video_url is not supported for images'));
      if (imageUrl === undefined) violation('image container without image_url', 400, paramError('The parameter image_url is required'));
      await fetchImage(imageUrl);
      c.imageUrl = imageUrl;
    } else {
      if (imageUrl !== undefined) violation(`image_url on a ${type} container`, 400, paramError('image_url is not supported for videos'));
      if (videoUrl === undefined) violation(`${type} container without video_url`, 400, paramError('The parameter video_url is required'));
      c.videoUrl = videoUrl;
      c.pollsLeft = videoPolls;
      const err = await fetchVideo(videoUrl);
      if (err !== undefined) {
        c.statusCode = 'ERROR';
        c.errorSubcode = err;
      }
    }
    c.id = nextContainerId();
    for (const id of c.children ?? []) containers.get(id)!.parentId = c.id;
    containers.set(c.id, c);
    return ok({ id: c.id });
  });

  const mediaRecord = (m: InstagramPost): Record<string, unknown> => ({
    id: m.id,
    caption: m.caption,
    timestamp: graphTime(m.timestamp),
    permalink: m.permalink,
    shortcode: m.shortcode,
    media_type: m.mediaType,
    media_product_type: m.mediaProductType,
    media_url: m.media[0]?.url,
    username: 'fake_practice',
    owner: { id: userId },
    alt_text: m.mediaType === 'IMAGE' ? m.media[0]?.altText : undefined,
    children:
      m.mediaType === 'CAROUSEL_ALBUM' ? { data: m.media.map((x, i) => ({ id: `${m.id}${String(i + 1).padStart(2, '0')}` })) } : undefined,
    like_count: 0,
    comments_count: 0,
    is_comment_enabled: true,
  });

  const getNode = graphRoute((ctx) => {
    const p = begin(ctx, []);
    const id = ctx.params.id!;
    const c = containers.get(id);
    if (c) {
      const fields = parseFields(str(p, 'fields')) ?? ['id'];
      checkFields(fields, 'ShadowIGMediaBuilder', CONTAINER_FIELDS);
      const s = poll(c);
      const full: Record<string, unknown> = { id: c.id, status_code: s, status: statusText(c, s) };
      if (c.videoUrl) full.copyright_check_status = { status: s === 'IN_PROGRESS' ? 'in_progress' : 'completed', matches_found: false };
      return ok(pick(full, fields));
    }
    const m = posts.find((x) => x.id === id);
    if (m) {
      const fields = parseFields(str(p, 'fields')) ?? ['id'];
      checkFields(fields, 'IGMedia', MEDIA_FIELDS);
      return ok(pick(mediaRecord(m), fields));
    }
    if (id === userId) {
      const fields = parseFields(str(p, 'fields')) ?? ['id'];
      checkFields(fields, 'IGUser', ['id', 'username', 'name', 'media_count']);
      return ok(pick({ id: userId, username: 'cedarvalleyhealth', name: 'Cedar Valley Family Health', media_count: posts.length }, fields));
    }
    fail(400, unsupported('GET', id));
  });

  const publishedWithin24h = (): number => posts.filter((x) => now().getTime() - x.timestamp.getTime() < QUOTA_DURATION * 1000).length;

  const publish = graphRoute((ctx) => {
    const p = begin(ctx, ['creation_id']);
    const creationId = str(p, 'creation_id');
    if (creationId === undefined || creationId === '') violation('media_publish without creation_id', 400, paramError('The parameter creation_id is required.'));
    const c = containers.get(creationId);
    if (!c) violation(`creation_id ${creationId} is not a container of this account`, 400, paramError(`Invalid creation_id ${creationId}`, 2207006));
    c.publishCalls += 1;
    if (c.isCarouselItem) violation('media_publish of a carousel item (publish the carousel container)', 400, paramError('A carousel item cannot be published on its own'));
    refresh(c);
    if (c.statusCode === 'PUBLISHED') {
      // Creates nothing. The exact error the real API returns here is not documented; this is a
      // (#100)-style error. Calling it is a breach of SPEC §5 (check the container status first).
      violation(`media_publish of container ${c.id} that is already PUBLISHED (as media ${c.mediaId})`, 400, {
        message: '(#100) The media container has already been published.',
        type: 'OAuthException',
        code: 100,
        error_user_title: 'Media already published',
        error_user_msg: `The container ${c.id} was already published.`,
      });
    }
    if (c.statusCode === 'EXPIRED') {
      fail(400, { message: 'The media builder does not exist or has expired.', type: 'OAuthException', code: 24, error_subcode: 2207008, error_user_title: 'Media container expired', error_user_msg: 'The media container expired; create a new one.' });
    }
    if (c.statusCode === 'ERROR') ctx.violation(`media_publish of container ${c.id} whose status is ERROR`);
    if (c.statusCode !== 'FINISHED') {
      fail(400, {
        message: 'Media ID is not available',
        type: 'OAuthException',
        code: 9007,
        error_subcode: 2207027,
        is_transient: c.statusCode === 'IN_PROGRESS',
        error_user_title: 'Media not ready for publishing',
        error_user_msg: 'The media is not ready for publishing, please wait for a moment',
      });
    }
    if (publishedWithin24h() >= quotaTotal) {
      fail(400, { message: 'Application request limit reached', type: 'OAuthException', code: 9, error_subcode: 2207042, error_user_title: 'Max posts reached', error_user_msg: 'You reached maximum number of posts that is allowed to be published by API.' });
    }
    const items = (c.children ?? [c.id]).map((id) => containers.get(id)!);
    const mediaId = nextMediaId();
    const shortcode = shortcodeFor(mediaId);
    const post: InstagramPost = {
      id: mediaId,
      containerId: c.id,
      mediaType: c.mediaType === 'CAROUSEL' ? 'CAROUSEL_ALBUM' : c.mediaType === 'REELS' || c.mediaType === 'VIDEO' ? 'VIDEO' : c.imageUrl ? 'IMAGE' : 'VIDEO',
      mediaProductType: c.mediaType === 'REELS' ? 'REELS' : c.mediaType === 'STORIES' ? 'STORY' : 'FEED',
      ...(c.caption !== undefined ? { caption: c.caption } : {}),
      media: items.map((it) => ({
        containerId: it.id,
        type: it.imageUrl ? 'IMAGE' : 'VIDEO',
        url: (it.imageUrl ?? it.videoUrl)!,
        ...(it.altText !== undefined ? { altText: it.altText } : {}),
      })),
      timestamp: now(),
      shortcode,
      permalink: c.mediaType === 'REELS' ? `https://www.instagram.com/reel/${shortcode}/` : `https://www.instagram.com/p/${shortcode}/`,
    };
    c.statusCode = 'PUBLISHED';
    c.mediaId = mediaId;
    for (const it of items) {
      it.statusCode = 'PUBLISHED';
      it.mediaId = mediaId;
    }
    posts.push(post);
    return ok({ id: mediaId });
  });

  const listMedia = graphRoute((ctx) => {
    const p = begin(ctx, READ_PARAMS);
    const fields = parseFields(str(p, 'fields')) ?? ['id'];
    checkFields(fields, 'IGMedia', MEDIA_FIELDS);
    const since = parseTimeParam(str(p, 'since'), 'since');
    const until = parseTimeParam(str(p, 'until'), 'until');
    const list = posts
      .filter((x) => x.mediaProductType !== 'STORY')
      .filter((x) => (!since || x.timestamp >= since) && (!until || x.timestamp <= until))
      .slice()
      .reverse();
    const page = paginate(list, ctx, p, baseUrl);
    return ok({ ...page, data: page.data.map((x) => pick(mediaRecord(x), fields)) });
  });

  const publishingLimit = graphRoute((ctx) => {
    const p = begin(ctx, ['since']);
    const fields = parseFields(str(p, 'fields')) ?? ['quota_usage'];
    checkFields(fields, 'ContentPublishingLimit', ['quota_usage', 'config']);
    parseTimeParam(str(p, 'since'), 'since');
    const full = { quota_usage: publishedWithin24h(), config: { quota_total: quotaTotal, quota_duration: QUOTA_DURATION } };
    return ok({ data: [pick(full, fields)] });
  });

  const figures = new Map<string, Record<string, number>>();
  const mediaInsights = graphRoute((ctx) => {
    const p = begin(ctx, INSIGHTS_PARAMS);
    const id = ctx.params.mediaId!;
    const media = posts.find((x) => x.id === id);
    if (!media) fail(400, unsupported('GET', id));
    const unsupportedHere = media.mediaProductType === 'STORY' ? NOT_ON_STORIES : [];
    return insightsReply(p, id, { valid: MEDIA_INSIGHTS, deprecated: REMOVED_MEDIA_INSIGHTS, unsupported: unsupportedHere, values: figures.get(id) ?? {} });
  });

  const srv = await createFakeServer({
    name: 'instagram',
    routes: {
      [`POST ${V}/:igUserId/media`]: createContainer,
      [`POST ${V}/:igUserId/media_publish`]: publish,
      [`GET ${V}/:igUserId/media`]: listMedia,
      [`GET ${V}/:igUserId/content_publishing_limit`]: publishingLimit,
      [`GET ${V}/:mediaId/insights`]: mediaInsights,
      [`GET ${V}/debug_token`]: debugTokenRoute(token, { type: 'USER', ...(opts.tokenFacts ?? {}) }, now),
      [`GET ${V}/:id`]: getNode,
    },
    rateLimitReply: rateLimitReply({ objectId: userId, type: 'instagram', code: 80002, status: opts.rateLimitStatus ?? 400 }),
    notFoundReply: graphNotFound,
  });
  baseUrl = srv.url;

  return Object.assign(srv, {
    userId,
    token,
    posts,
    containers,
    mediaFetches,
    setMetrics(mediaId: string, metrics: Record<string, number>): void {
      figures.set(mediaId, metrics);
    },
    setContainerStatus(id: string, status: ContainerStatus, errorSubcode?: number): void {
      const c = containers.get(id);
      if (!c) throw new Error(`instagram fake: no container ${id}`);
      c.statusCode = status;
      if (status === 'IN_PROGRESS') c.pollsLeft = Math.max(1, c.pollsLeft);
      if (status === 'ERROR') c.errorSubcode = errorSubcode ?? 2207001;
    },
    seedMedia(m: { caption?: string; timestamp?: Date; imageUrl?: string; mediaProductType?: 'FEED' | 'REELS' | 'STORY' }): InstagramPost {
      const mediaId = nextMediaId();
      const shortcode = shortcodeFor(mediaId);
      const post: InstagramPost = {
        id: mediaId,
        containerId: '',
        mediaType: 'IMAGE',
        mediaProductType: m.mediaProductType ?? 'FEED',
        ...(m.caption !== undefined ? { caption: m.caption } : {}),
        media: [{ containerId: '', type: 'IMAGE', url: m.imageUrl ?? 'https://example.invalid/seeded.jpg' }],
        timestamp: m.timestamp ?? now(),
        shortcode,
        permalink: `https://www.instagram.com/p/${shortcode}/`,
      };
      posts.push(post);
      posts.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
      return post;
    },
  });
}
