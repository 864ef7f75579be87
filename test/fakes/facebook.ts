/**
 * Strict fake of the Facebook Page publishing surface of the Graph API (v26.0), over real HTTP on
 * 127.0.0.1, for the publisher tests. Built on server.ts (faults, request log, violations) and graph.ts.
 *
 *   const fb = await startFakeFacebook({ pageId: '104857600000000', pageToken: 'tok' });
 *   // api_url for plans/networks.yaml: fb.url   →   {fb.url}/v26.0/{page-id}/feed
 *   fb.posts        // what is actually visible on the Page, oldest first (exactly-once assertions)
 *   fb.photos       // every photo accepted by /photos (published or not)
 *   fb.unpublishedPosts // feed posts created with published=false (scheduled / hidden)
 *   fb.mediaFetches // every media URL the fake fetched, with the outcome
 *   fb.violations   // contract violations; tests assert it is empty
 *   fb.inject('POST /v26.0/:pageId/feed', { kind: 'drop-after-create' })
 *
 * Endpoints (all need the Page token: `access_token` parameter or `Authorization: Bearer|OAuth`):
 *   POST /v26.0/{page-id}/feed      message, link, published, scheduled_publish_time, attached_media
 *                                   (attached_media[N]={"media_fbid":"…"} or a JSON array)  → {id:"{page}_{post}"}
 *   POST /v26.0/{page-id}/photos    url (fetched for real) | source (multipart file), caption|message,
 *                                   alt_text_custom, published (default true)
 *                                   → {id, post_id} when published, {id} when published=false
 *   GET  /v26.0/{page-id}/feed | /posts | /published_posts   fields, limit, after/before, since/until
 *   GET  /v26.0/{object-id}         a post or photo, with fields; a post also has reactions, comments
 *                                   (with .summary(total_count): {data:[], summary:{total_count}}) and shares
 *                                   ({count}, left out when nobody shared it), from fb.setMetrics(post id, …)
 *   GET  /v26.0/{post-id}/insights  metric=post_media_view,post_total_media_view_unique,post_clicks,… (the
 *                                   post_impressions* metrics Meta removed in 2025 are refused), period=lifetime
 *                                   → {data:[{name, period, values:[{value}], …}]}; a metric without a value is left out
 * Parameters come from the query string and/or a form, multipart or JSON body (Graph merges them).
 */
import { createHash } from 'node:crypto';
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
  isImageKind,
  jsonParam,
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
  sniff,
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

export interface FakeFacebookOptions {
  /** The Page id (default '104857600000000', as in the README's example). */
  pageId?: string;
  /** The Page access token the fake accepts (default 'test-facebook-page-token'). */
  pageToken?: string;
  /** Clock (default: real time). */
  now?: () => Date;
  /** HTTP status of the rate-limit fault (Graph answers throttling with 400; default 400). */
  rateLimitStatus?: number;
  /** Error code of the rate-limit fault: 80001 (Page token, BUC; default), 32, 613, 4 or 17. */
  rateLimitCode?: number;
  /** Answer (#506) to a feed post identical to the Page's latest post, and record a violation (default true). */
  rejectDuplicates?: boolean;
  /** Largest photo accepted, bytes (default 10 MB: "a photo must be less than 10MB"). */
  maxPhotoBytes?: number;
  /** Timeout of the fake's own media fetches (default 5000 ms). */
  fetchTimeoutMs?: number;
  /** What GET /debug_token says of the Page token. */
  token?: TokenFacts;
}

export interface FacebookPhoto {
  id: string;
  /** The `url` it was fetched from, when given by URL. */
  url?: string;
  /** Multipart upload details, when given as `source`. */
  upload?: { filename?: string; contentType?: string; bytes: number; sha256: string };
  caption?: string;
  altText?: string;
  published: boolean;
  /** The feed post showing it (its own post, or the multi-photo post that attached it). */
  postId?: string;
  createdTime: Date;
}

export interface FacebookPost {
  /** "{page-id}_{post-id}" */
  id: string;
  message?: string;
  link?: string;
  photos: FacebookPhoto[];
  createdTime: Date;
  /** Which call made it. */
  via: 'feed' | 'photos' | 'seed';
  published: boolean;
  scheduledPublishTime?: Date;
  permalinkUrl: string;
}

export interface FakeFacebook extends FakeServer {
  pageId: string;
  pageToken: string;
  posts: FacebookPost[];
  unpublishedPosts: FacebookPost[];
  photos: FacebookPhoto[];
  mediaFetches: MediaFetch[];
  /** Put a post on the Page as if made earlier (e.g. by a run whose answer was lost). */
  seedPost(p: { message?: string; link?: string; createdTime?: Date }): FacebookPost;
  /** A post's figures: insights metrics by Graph name, and its reactions, comments and shares. */
  setMetrics(postId: string, metrics: { insights?: Record<string, number>; reactions?: number; comments?: number; shares?: number }): void;
}

const MAX_MESSAGE = 63206;
const UNPUBLISHED_PHOTO_TTL_MS = 24 * 3600 * 1000;

const FEED_PARAMS = [
  'message',
  'link',
  'published',
  'scheduled_publish_time',
  'unpublished_content_type',
  'attached_media',
  'place',
  'tags',
  'targeting',
  'feed_targeting',
  'backdated_time',
  'backdated_time_granularity',
  'child_attachments',
  'call_to_action',
  'formatting',
  'multi_share_end_card',
  'multi_share_optimized',
  'no_story',
];
const PHOTO_PARAMS = [
  'url',
  'source',
  'caption',
  'message',
  'published',
  'temporary',
  'alt_text_custom',
  'no_story',
  'scheduled_publish_time',
  'unpublished_content_type',
  'place',
  'tags',
  'backdated_time',
  'backdated_time_granularity',
  'allow_spherical_photo',
  'targeting',
  'feed_targeting',
];
const READ_PARAMS = ['limit', 'after', 'before', 'since', 'until', 'include_hidden', 'summary'];
const POST_FIELDS = [
  'id',
  'message',
  'created_time',
  'updated_time',
  'permalink_url',
  'full_picture',
  'is_published',
  'is_hidden',
  'status_type',
  'attachments',
  'from',
  'story',
  'scheduled_publish_time',
  'reactions',
  'comments',
  'shares',
];
const POST_INSIGHTS = [
  'post_media_view',
  'post_total_media_view_unique',
  'post_clicks',
  'post_clicks_by_type',
  'post_reactions_by_type_total',
  'post_reactions_like_total',
  'post_activity_by_action_type',
  'post_video_views',
];
const REMOVED_POST_INSIGHTS = ['post_impressions', 'post_impressions_unique', 'post_impressions_organic', 'post_impressions_paid', 'post_engaged_users', 'post_clicks_unique', 'post_negative_feedback'];
const PHOTO_FIELDS = ['id', 'name', 'alt_text_custom', 'created_time', 'link', 'images', 'from', 'page_story_id'];
/** Fields removed from /feed, /posts, /published_posts in v3.3 (Graph answers with error #12). */
const DEPRECATED_POST_FIELDS = ['caption', 'description', 'link', 'name', 'object_id', 'source', 'type'];

export async function startFakeFacebook(opts: FakeFacebookOptions = {}): Promise<FakeFacebook> {
  const pageId = opts.pageId ?? '104857600000000';
  const pageToken = opts.pageToken ?? 'test-facebook-page-token';
  const now = opts.now ?? (() => new Date());
  const rejectDuplicates = opts.rejectDuplicates ?? true;
  const maxPhotoBytes = opts.maxPhotoBytes ?? 10 * 1024 * 1024;
  const fetchTimeoutMs = opts.fetchTimeoutMs ?? 5000;
  const nextPostId = numericIds('122100000000000000');
  const nextPhotoId = numericIds('122200000000000000');

  const posts: FacebookPost[] = [];
  const unpublishedPosts: FacebookPost[] = [];
  const photos: FacebookPhoto[] = [];
  const mediaFetches: MediaFetch[] = [];
  const figures = new Map<string, { insights?: Record<string, number>; reactions?: number; comments?: number; shares?: number }>();
  let baseUrl = '';

  const deprecatedFieldErrors: Record<string, GraphErrorBody> = Object.fromEntries(
    DEPRECATED_POST_FIELDS.map((f) => [
      f,
      {
        message: `(#12) deprecate_post_aggregated_fields_for_attachement is deprecated for versions v3.3 and higher (field ${f})`,
        type: 'OAuthException',
        code: 12,
      },
    ]),
  );

  const makePost = (p: Omit<FacebookPost, 'id' | 'permalinkUrl'>): FacebookPost => {
    const local = nextPostId();
    return { ...p, id: `${pageId}_${local}`, permalinkUrl: `https://www.facebook.com/${pageId}/posts/${local}` };
  };

  /** Common prologue: params, token, the page id in the path. */
  const begin = (ctx: Ctx, allowed: readonly string[]): GraphParams => {
    const p = readParams(ctx);
    requireToken(ctx, p, pageToken);
    const expiresAt = opts.token?.expiresAt;
    if (expiresAt && expiresAt * 1000 <= now().getTime()) {
      // Graph's answer to a token past its expiry (not a client mistake: the fake's debug_token says so too).
      fail(400, { message: `Error validating access token: Session has expired on ${new Date(expiresAt * 1000).toUTCString()}.`, type: 'OAuthException', code: 190, error_subcode: 463 });
    }
    if (ctx.params.pageId !== undefined && ctx.params.pageId !== pageId) {
      violation(`page id ${JSON.stringify(ctx.params.pageId)} is not the configured Page ${pageId}`, 400, unsupported(ctx.method, ctx.params.pageId));
    }
    checkKnownParams(ctx, p, allowed);
    return p;
  };

  const postRecord = (post: FacebookPost): Record<string, unknown> => {
    const first = post.photos[0];
    const attachments =
      post.photos.length > 0
        ? {
            data: [
              post.photos.length === 1
                ? { media_type: 'photo', type: 'photo', target: { id: first!.id }, media: { image: { src: first!.url ?? `https://scontent.example/${first!.id}.jpg` } } }
                : {
                    media_type: 'album',
                    type: 'album',
                    subattachments: {
                      data: post.photos.map((ph) => ({ media_type: 'photo', type: 'photo', target: { id: ph.id }, media: { image: { src: ph.url ?? `https://scontent.example/${ph.id}.jpg` } } })),
                    },
                  },
            ],
          }
        : post.link
          ? { data: [{ media_type: 'link', type: 'share', url: post.link, unshimmed_url: post.link }] }
          : undefined;
    return {
      id: post.id,
      message: post.message,
      created_time: graphTime(post.createdTime),
      updated_time: graphTime(post.createdTime),
      permalink_url: post.permalinkUrl,
      full_picture: first ? (first.url ?? `https://scontent.example/${first.id}.jpg`) : undefined,
      is_published: post.published,
      is_hidden: false,
      status_type: post.photos.length > 0 ? 'added_photos' : post.link ? 'shared_story' : 'mobile_status_update',
      attachments,
      from: { id: pageId, name: 'Fake Page' },
      scheduled_publish_time: post.scheduledPublishTime ? Math.floor(post.scheduledPublishTime.getTime() / 1000) : undefined,
    };
  };

  /** Unpublished photos expire after about 24 hours. */
  const livePhoto = (id: string): FacebookPhoto | undefined => {
    const ph = photos.find((x) => x.id === id);
    if (!ph) return undefined;
    if (!ph.published && !ph.postId && now().getTime() - ph.createdTime.getTime() > UNPUBLISHED_PHOTO_TTL_MS) return undefined;
    return ph;
  };

  /** attached_media as attached_media[N]={"media_fbid":…}, attached_media[N][media_fbid]=…, or a JSON array. */
  const attachedMedia = (p: GraphParams): string[] | undefined => {
    const ids: { index: number; id: unknown }[] = [];
    if (p.values.has('attached_media')) {
      const arr = jsonParam(p, 'attached_media');
      if (!Array.isArray(arr)) violation('attached_media must be an array', 400, paramError('Param attached_media must be an array'));
      arr.forEach((o, index) => ids.push({ index, id: (o as Record<string, unknown> | null)?.media_fbid }));
    }
    for (const k of p.values.keys()) {
      let m = /^attached_media\[(\d+)\]$/.exec(k);
      if (m) {
        const o = jsonParam(p, k);
        if (!o || typeof o !== 'object') violation(`${k} must be a JSON object {"media_fbid":"…"}`, 400, paramError(`Param ${k} must be a JSON object`));
        ids.push({ index: Number(m[1]), id: (o as Record<string, unknown>).media_fbid });
        continue;
      }
      m = /^attached_media\[(\d+)\]\[media_fbid\]$/.exec(k);
      if (m) ids.push({ index: Number(m[1]), id: p.values.get(k) });
      else if (k.startsWith('attached_media[')) violation(`malformed parameter ${k}`, 400, paramError(`Malformed parameter ${k}`));
    }
    if (ids.length === 0) return undefined;
    ids.sort((a, b) => a.index - b.index);
    const seen = new Set<number>();
    return ids.map(({ index, id }) => {
      if (seen.has(index)) violation(`attached_media[${index}] given twice`, 400, paramError(`attached_media[${index}] given twice`));
      seen.add(index);
      if (typeof id !== 'string' && typeof id !== 'number') {
        violation(`attached_media[${index}] has no media_fbid`, 400, paramError('Each attached_media entry needs a media_fbid'));
      }
      return String(id);
    });
  };

  const feedPost = graphRoute((ctx) => {
    const p = begin(ctx, FEED_PARAMS);
    const message = str(p, 'message');
    const link = str(p, 'link');
    const published = bool(p, 'published') ?? true;
    const media = attachedMedia(p);
    if (message !== undefined && charCount(message) > MAX_MESSAGE) {
      violation(`message longer than ${MAX_MESSAGE} characters`, 400, paramError(`Param message must be at most ${MAX_MESSAGE} characters long`));
    }
    if (link !== undefined && !isHttpUrl(link)) violation(`link is not an http(s) URL: ${JSON.stringify(link)}`, 400, paramError('Param link must be a valid URL'));
    if ((message === undefined || message.trim() === '') && link === undefined && !media) {
      violation('feed post with neither message, link nor attached_media', 400, paramError('Missing message or attachment'));
    }
    if (media && link !== undefined) violation('attached_media combined with link', 400, paramError('Param attached_media cannot be used together with link'));
    let scheduled: Date | undefined;
    const sched = str(p, 'scheduled_publish_time');
    if (sched !== undefined) {
      if (published) violation('scheduled_publish_time requires published=false', 400, paramError('Cannot specify a scheduled publish time on a published post'));
      scheduled = parseTimeParam(sched, 'scheduled_publish_time');
      const dt = scheduled!.getTime() - now().getTime();
      if (dt < 10 * 60 * 1000 || dt > 75 * 24 * 3600 * 1000) {
        violation('scheduled_publish_time must be between 10 minutes and 75 days ahead', 400, paramError('The specified scheduled publish time is invalid.'));
      }
    }
    const attached = (media ?? []).map((id) => {
      const ph = livePhoto(id);
      if (!ph) violation(`attached_media ${id} is not an uploaded photo of this Page (or it expired)`, 400, paramError(`Invalid media_fbid ${id}`));
      if (ph.postId || ph.published) violation(`attached_media ${id} is already published`, 400, paramError(`The photo ${id} is already published`));
      return ph;
    });
    if (new Set(attached.map((a) => a.id)).size !== attached.length) violation('the same media_fbid attached twice', 400, paramError('Duplicate media_fbid'));
    const latest = posts[posts.length - 1];
    if (
      rejectDuplicates &&
      published &&
      latest &&
      attached.length === 0 &&
      latest.photos.length === 0 &&
      (latest.message ?? '') === (message ?? '') &&
      (latest.link ?? '') === (link ?? '')
    ) {
      violation('duplicate of the Page\'s latest post (the client posted the same thing twice)', 400, {
        message: '(#506) Duplicate status message',
        type: 'OAuthException',
        code: 506,
        error_user_title: 'Duplicate Post',
        error_user_msg: 'Duplicate posts cannot be published consecutively.',
      });
    }
    const post = makePost({
      ...(message !== undefined ? { message } : {}),
      ...(link !== undefined ? { link } : {}),
      photos: attached,
      createdTime: now(),
      via: 'feed',
      published,
      ...(scheduled ? { scheduledPublishTime: scheduled } : {}),
    });
    for (const ph of attached) {
      ph.postId = post.id;
      ph.published = published;
    }
    (published ? posts : unpublishedPosts).push(post);
    return ok({ id: post.id });
  });

  const photoPost = graphRoute(async (ctx) => {
    const p = begin(ctx, PHOTO_PARAMS);
    const url = str(p, 'url');
    const sourceFile = p.files.get('source');
    if (p.values.has('source')) violation('source must be a multipart file part, not a plain value', 400, { message: '(#324) Requires upload file', type: 'OAuthException', code: 324 });
    if (url !== undefined && sourceFile) violation('both url and source given', 400, paramError('Specify either url or source, not both'));
    if (url === undefined && !sourceFile) violation('photo with neither url nor source', 400, { message: '(#324) Requires upload file', type: 'OAuthException', code: 324 });
    const caption = str(p, 'caption');
    const messageParam = str(p, 'message');
    if (caption !== undefined && messageParam !== undefined) ctx.violation('both caption and message given for one photo');
    const text = messageParam ?? caption;
    if (text !== undefined && charCount(text) > MAX_MESSAGE) violation('photo caption too long', 400, paramError(`Param caption must be at most ${MAX_MESSAGE} characters long`));
    const published = bool(p, 'published') ?? true;
    bool(p, 'temporary');
    const altText = str(p, 'alt_text_custom');

    let bytes: Buffer;
    let photoSource: Pick<FacebookPhoto, 'url' | 'upload'>;
    if (url !== undefined) {
      if (!isHttpUrl(url)) violation(`url is not an absolute http(s) URL: ${JSON.stringify(url)}`, 400, paramError('url should represent a valid URL'));
      const f = await fetchMedia(url, { maxBytes: maxPhotoBytes, timeoutMs: fetchTimeoutMs });
      if (f.ok && !isImageKind(f.kind)) {
        f.ok = false;
        f.reason = `not an image (content-type ${f.contentType ?? 'none'})`;
      }
      mediaFetches.push(fetchRecord(f));
      if (!f.ok || !f.body) {
        // The real API cannot use the URL: a documented error, not a client contract violation.
        fail(400, { message: '(#324) Missing or invalid image file', type: 'OAuthException', code: 324, error_user_msg: `The image at ${url} could not be used: ${f.reason ?? 'unknown'}` });
      }
      bytes = f.body;
      photoSource = { url };
    } else {
      const part = sourceFile!;
      bytes = part.data;
      if (bytes.length > maxPhotoBytes) fail(400, { message: '(#324) Missing or invalid image file', type: 'OAuthException', code: 324, error_user_msg: 'The photo is too large' });
      if (!isImageKind(sniff(bytes))) fail(400, { message: '(#324) Missing or invalid image file', type: 'OAuthException', code: 324, error_user_msg: 'The uploaded file is not an image' });
      photoSource = {
        upload: {
          ...(part.filename !== undefined ? { filename: part.filename } : {}),
          ...(part.contentType !== undefined ? { contentType: part.contentType } : {}),
          bytes: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
        },
      };
    }
    const photo: FacebookPhoto = {
      id: nextPhotoId(),
      ...photoSource,
      ...(text !== undefined ? { caption: text } : {}),
      ...(altText !== undefined ? { altText } : {}),
      published,
      createdTime: now(),
    };
    photos.push(photo);
    if (!published) return ok({ id: photo.id });
    const post = makePost({ ...(text !== undefined ? { message: text } : {}), photos: [photo], createdTime: photo.createdTime, via: 'photos', published: true });
    photo.postId = post.id;
    posts.push(post);
    return ok({ id: photo.id, post_id: post.id });
  });

  const listPosts = graphRoute((ctx) => {
    const p = begin(ctx, READ_PARAMS);
    const fields = parseFields(str(p, 'fields')) ?? ['created_time', 'message', 'id'];
    checkFields(fields, 'Post', POST_FIELDS, deprecatedFieldErrors);
    const since = parseTimeParam(str(p, 'since'), 'since');
    const until = parseTimeParam(str(p, 'until'), 'until');
    const visible = posts
      .filter((x) => (!since || x.createdTime >= since) && (!until || x.createdTime <= until))
      .slice()
      .reverse();
    const page = paginate(visible, ctx, p, baseUrl);
    return ok({ ...page, data: page.data.map((x) => pick(postRecord(x), fields)) });
  });

  /** reactions, comments and shares as Graph gives them: the summary only where the fields asked for it. */
  const engagementRecord = (id: string, rawFields: string): Record<string, unknown> => {
    const own = figures.get(id) ?? {};
    const summary = (edge: string, count: number | undefined) => (new RegExp(`\\b${edge}\\.[^,]*summary\\((total_count|true)\\)`).test(rawFields) ? { summary: { total_count: count ?? 0 } } : {});
    return {
      reactions: { data: [], ...summary('reactions', own.reactions) },
      comments: { data: [], ...summary('comments', own.comments) },
      ...(own.shares ? { shares: { count: own.shares } } : {}),
    };
  };

  const postInsights = graphRoute((ctx) => {
    const p = begin(ctx, INSIGHTS_PARAMS);
    const id = ctx.params.postId!;
    if (!posts.some((x) => x.id === id)) fail(400, unsupported('GET', id));
    return insightsReply(p, id, { valid: POST_INSIGHTS, deprecated: REMOVED_POST_INSIGHTS, values: figures.get(id)?.insights ?? {} });
  });

  const getObject = graphRoute((ctx) => {
    const p = begin(ctx, []);
    const id = ctx.params.id!;
    const post = [...posts, ...unpublishedPosts].find((x) => x.id === id);
    if (post) {
      const fields = parseFields(str(p, 'fields')) ?? ['created_time', 'message', 'id'];
      checkFields(fields, 'Post', POST_FIELDS, deprecatedFieldErrors);
      return ok(pick({ ...postRecord(post), ...engagementRecord(post.id, str(p, 'fields') ?? '') }, fields));
    }
    const photo = livePhoto(id);
    if (photo) {
      const fields = parseFields(str(p, 'fields')) ?? ['created_time', 'id'];
      checkFields(fields, 'Photo', PHOTO_FIELDS);
      const full = {
        id: photo.id,
        name: photo.caption,
        alt_text_custom: photo.altText,
        created_time: graphTime(photo.createdTime),
        link: `https://www.facebook.com/photo.php?fbid=${photo.id}`,
        images: [{ source: photo.url ?? `https://scontent.example/${photo.id}.jpg` }],
        from: { id: pageId, name: 'Fake Page' },
        page_story_id: photo.postId,
      };
      return ok(pick(full, fields));
    }
    if (id === pageId) {
      const fields = parseFields(str(p, 'fields')) ?? ['id', 'name'];
      checkFields(fields, 'Page', ['id', 'name', 'username', 'link']);
      return ok(pick({ id: pageId, name: 'Cedar Valley Family Health', username: 'cedarvalleyhealth', link: `https://www.facebook.com/${pageId}` }, fields));
    }
    fail(400, unsupported('GET', id));
  });

  const srv = await createFakeServer({
    name: 'facebook',
    routes: {
      [`POST ${V}/:pageId/feed`]: feedPost,
      [`POST ${V}/:pageId/photos`]: photoPost,
      [`GET ${V}/:pageId/feed`]: listPosts,
      [`GET ${V}/:pageId/posts`]: listPosts,
      [`GET ${V}/:pageId/published_posts`]: listPosts,
      [`GET ${V}/:postId/insights`]: postInsights,
      [`GET ${V}/debug_token`]: debugTokenRoute(pageToken, { profileId: pageId, ...(opts.token ?? {}) }, now),
      [`GET ${V}/:id`]: getObject,
    },
    rateLimitReply: rateLimitReply({ objectId: pageId, type: 'pages', code: opts.rateLimitCode ?? 80001, status: opts.rateLimitStatus ?? 400 }),
    notFoundReply: graphNotFound,
  });
  baseUrl = srv.url;

  return Object.assign(srv, {
    pageId,
    pageToken,
    posts,
    unpublishedPosts,
    photos,
    mediaFetches,
    setMetrics(postId: string, metrics: { insights?: Record<string, number>; reactions?: number; comments?: number; shares?: number }): void {
      figures.set(postId, metrics);
    },
    seedPost(s: { message?: string; link?: string; createdTime?: Date }): FacebookPost {
      const post = makePost({
        ...(s.message !== undefined ? { message: s.message } : {}),
        ...(s.link !== undefined ? { link: s.link } : {}),
        photos: [],
        createdTime: s.createdTime ?? now(),
        via: 'seed',
        published: true,
      });
      posts.push(post);
      posts.sort((a, b) => a.createdTime.getTime() - b.createdTime.getTime());
      return post;
    },
  });
}
