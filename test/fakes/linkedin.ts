/**
 * Strict fake of LinkedIn's versioned REST API (Posts + Images), over real HTTP on 127.0.0.1.
 *
 *   const li = await startFakeLinkedIn({ token: 'li-token', organization: 'urn:li:organization:5590506' });
 *   li.url            base URL to use as `api_url`
 *   li.posts          posts actually created, oldest first (exactly-once assertions)
 *   li.images         images by URN (owner, status, bytes)
 *   li.truncated()    posts whose commentary LinkedIn silently cut at an unescaped reserved character
 *   li.seedPost({commentary}) put an existing post on the page (duplicates, settling)
 *   li.violations / li.requests / li.inject(route, fault) / li.close()   — see server.ts
 *
 * Every /rest call needs `Authorization: Bearer <token>`, `LinkedIn-Version: YYYYMM` (or YYYYMM.RR) and
 * `X-Restli-Protocol-Version: 2.0.0`.
 *   POST /rest/posts                         JSON Posts API body → 201, empty body, `x-restli-id: urn:li:share:…`
 *                                            (opts.created: 200, with the URN in that header, the body's `id`, or nowhere)
 *                                            (content: media {id, altText} | multiImage {images: [{id, altText}]} (2–20) | article)
 *   GET  /rest/posts?author=<urlencoded urn>&q=author[&count&start&sortBy]  (X-RestLi-Method: FINDER)
 *                                            → {paging:{start,count,links,total}, elements:[post…]} newest first
 *   GET  /rest/posts/:urn                    → post
 *   POST /rest/images?action=initializeUpload {initializeUploadRequest:{owner}} → {value:{uploadUrlExpiresAt,uploadUrl,image}}
 *   PUT  <uploadUrl> (= /dms-uploads/:token) image bytes, Authorization: Bearer → 201
 *   GET  /rest/images/:urn                   → {id, owner, status: WAITING_UPLOAD|AVAILABLE, downloadUrl?}
 *   GET  /rest/organizations/:id             → {id, localizedName, vanityName}; 403 ACCESS_DENIED for another organization
 *   GET  /rest/organizationalEntityShareStatistics?q=organizationalEntity&organizationalEntity=<urlencoded urn>
 *        [&shares=List(<urlencoded urn>,…)][&ugcPosts=List(…)]  (Rest.li 2.0: `List(`, `,` and `)` literal, each
 *        URN percent-encoded) → {paging:{start,count,links}, elements:[{organizationalEntity, share|ugcPost,
 *        totalShareStatistics:{uniqueImpressionsCount,shareCount,engagement,clickCount,likeCount,impressionCount,
 *        commentCount}}]}; figures from li.setStatistics(urn, …); a post without them, or older than 12 months,
 *        gets no element; another organization → 403 ACCESS_DENIED
 *   POST /oauth/v2/introspectToken           (www.linkedin.com; no Bearer) form client_id, client_secret, token →
 *                                            {active, client_id, authorized_at, created_at, status, expires_at (epoch s),
 *                                            scope, auth_type}; a wrong client → 401 {error:'invalid_client',error_description}
 *
 * Commentary is "little" text: `| { } @ [ ] ( ) < > # \ * _ ~` must be backslash-escaped unless they form a
 * mention `@[Name](urn:li:organization:123)`, a hashtag `#word` or a template `{hashtag|\#|word}`. Like
 * LinkedIn, the fake accepts an unescaped one with 201 but keeps the commentary only up to it; the post
 * records `truncated`/`truncatedAt`, and the fake lists it in `violations` (a client bug the real API hides).
 *
 * Errors: 401 {status,serviceErrorCode:65600,code:'INVALID_ACCESS_TOKEN',message}; 426 {status,code:'NONEXISTENT_VERSION',
 * message:'Requested version X is not active'}; 422 {errorDetailType,message,errorDetails:{inputErrors:[{description,input,code}]},status};
 * duplicate → 422 with code DUPLICATE_POST and message "…Content is a duplicate of urn:li:share:…";
 * 429 (fault 'rate-limit') {status:429,serviceErrorCode:101,code:'TOO_MANY_REQUESTS',message} with no reset header
 * (LinkedIn documents none: its daily limits reset at midnight UTC).
 */
import crypto from 'node:crypto';
import { bearerToken, createFakeServer, idSequence, sniffImage, Violation } from './server.js';
import type { Ctx, FakeServer, Reply } from './server.js';

export interface FakeLinkedInOptions {
  token: string;
  /** The organization the token administers (default urn:li:organization:5590506). */
  organization?: string;
  /** Accepted LinkedIn-Version values; default any well-formed YYYYMM from 202401 up to the current month. */
  activeVersions?: string[];
  now?: () => number;
  /**
   * How the create call answers: 201 with the URN in `x-restli-id` (what LinkedIn documents, the default),
   * or 200 with the URN in that header, in the body's `id`, or nowhere.
   */
  created?: { status: 200 | 201; id: 'header' | 'body' | 'none' };
  /** The app's client id and secret, for token introspection (POST /oauth/v2/introspectToken). */
  client?: { id: string; secret: string };
  /** What introspection says of the token: its expiry (epoch seconds) and status (default active, 60 days). */
  tokenExpiresAt?: number;
  tokenStatus?: 'active' | 'expired' | 'revoked';
}

export interface LinkedInImage {
  urn: string;
  owner: string;
  status: 'WAITING_UPLOAD' | 'AVAILABLE';
  uploadToken: string;
  bytes?: Buffer;
  mediaType?: string;
}

export interface LinkedInPost {
  id: string;
  author: string;
  /** Commentary exactly as sent. */
  commentary: string;
  /** Commentary as LinkedIn keeps it (cut at the first unescaped reserved character). */
  storedCommentary: string;
  /** What readers see: escapes removed, mentions shown by name, hashtags as #tag. */
  text: string;
  truncated: boolean;
  truncatedAt?: { index: number; char: string };
  visibility: string;
  lifecycleState: string;
  isReshareDisabledByAuthor: boolean;
  distribution: unknown;
  content?: Record<string, unknown>;
  image?: { urn: string; altText?: string; bytes: number };
  /** The images of a MultiImage post (content.multiImage, 2 to 20 images). */
  images?: { urn: string; altText?: string; bytes: number }[];
  article?: { source: string; title?: string };
  createdAt: number;
}

export interface FakeLinkedIn extends FakeServer {
  posts: LinkedInPost[];
  images: Map<string, LinkedInImage>;
  organization: string;
  truncated(): LinkedInPost[];
  seedPost(p: { commentary: string; createdAt?: number }): LinkedInPost;
  /** The lifetime statistics of a post (its URN), as totalShareStatistics gives them; `engagement` is computed. */
  setStatistics(urn: string, statistics: { impressionCount: number; uniqueImpressionsCount: number; clickCount: number; likeCount: number; commentCount: number; shareCount: number }): void;
}

const RESERVED = new Set(['|', '{', '}', '@', '[', ']', '(', ')', '<', '>', '#', '\\', '*', '_', '~']);

/** Parse LinkedIn "little" text; returns where LinkedIn would cut it. */
export function parseLittle(s: string): { stored: string; text: string; truncatedAt?: { index: number; char: string } } {
  let text = '';
  let i = 0;
  const unescape = (x: string) => x.replace(/\\(.)/gs, '$1');
  while (i < s.length) {
    const c = s[i]!;
    const rest = s.slice(i);
    if (c === '\\') {
      if (i + 1 < s.length) {
        // Escape a whole code point (a backslash before a surrogate pair escapes both halves).
        const cp = String.fromCodePoint(s.codePointAt(i + 1)!);
        text += cp;
        i += 1 + cp.length;
        continue;
      }
    } else if (c === '@') {
      const m = /^@\[((?:[^\]\\]|\\.)*)\]\((urn:li:(?:person|organization|organizationBrand):[A-Za-z0-9_-]+)\)/s.exec(rest);
      if (m) {
        text += unescape(m[1]!);
        i += m[0].length;
        continue;
      }
    } else if (c === '{') {
      const m = /^\{hashtag\|\\?([#\uFF03])\|([^{}|\\]+)\}/.exec(rest);
      if (m) {
        text += m[1]! + m[2]!;
        i += m[0].length;
        continue;
      }
    } else if (c === '#') {
      const m = /^#[\p{L}\p{N}\p{M}]+/u.exec(rest);
      if (m) {
        text += m[0];
        i += m[0].length;
        continue;
      }
    } else if (!RESERVED.has(c)) {
      text += c;
      i += 1;
      continue;
    }
    return { stored: s.slice(0, i), text, truncatedAt: { index: i, char: c } };
  }
  return { stored: s, text };
}

function unprocessable(fieldPath: string, description: string, code = 'INVALID_VALUE'): Reply {
  return {
    status: 422,
    body: {
      errorDetailType: 'com.linkedin.common.error.BadRequest',
      message: `com.linkedin.content.common.exception.BadRequestResponseException: ${description}`,
      errorDetails: { inputErrors: [{ description, input: { inputPath: { fieldPath } }, code }] },
      status: 422,
    },
  };
}

function plain(status: number, message: string, code?: string): Reply {
  return { status, body: { status, ...(code ? { code } : {}), message } };
}

/** The OAuth endpoints' error shape (RFC 6749): `{error, error_description}`. */
function oauthError(status: number, error: string, description: string): Reply {
  return { status, body: { error, error_description: description } };
}

const UNAUTHORIZED: Reply = { status: 401, body: { status: 401, serviceErrorCode: 65600, code: 'INVALID_ACCESS_TOKEN', message: 'Invalid access token' } };

export async function startFakeLinkedIn(opts: FakeLinkedInOptions): Promise<FakeLinkedIn> {
  const now = opts.now ?? (() => Date.now());
  const organization = opts.organization ?? 'urn:li:organization:5590506';
  const posts: LinkedInPost[] = [];
  const statistics = new Map<string, Parameters<FakeLinkedIn['setStatistics']>[1]>();
  const images = new Map<string, LinkedInImage>();
  const nextShare = idSequence(7300000000000000000n);
  let baseUrl = '';

  const versionOk = (v: string): boolean => {
    if (opts.activeVersions) return opts.activeVersions.includes(v);
    const m = /^(\d{4})(\d{2})(\.\d{2})?$/.exec(v);
    if (!m) return false;
    const month = Number(m[2]);
    if (month < 1 || month > 12) return false;
    const d = new Date(now());
    const current = d.getUTCFullYear() * 100 + d.getUTCMonth() + 1;
    const asked = Number(m[1]) * 100 + month;
    return asked >= 202401 && asked <= current;
  };

  const common = (ctx: Ctx): void => {
    if (bearerToken(ctx) !== opts.token) throw new Violation('missing or wrong Bearer token', UNAUTHORIZED);
    const v = ctx.header('linkedin-version');
    if (!v) throw new Violation('missing LinkedIn-Version header', plain(400, 'A version must be present. Please specify a version by adding the LinkedIn-Version header.', 'VERSION_MISSING'));
    if (!versionOk(v.trim())) throw new Violation(`LinkedIn-Version ${v} not active`, plain(426, `Requested version ${v} is not active`, 'NONEXISTENT_VERSION'));
    const p = ctx.header('x-restli-protocol-version');
    if (p !== '2.0.0') throw new Violation(`X-Restli-Protocol-Version is ${p ?? '(missing)'}, want 2.0.0`, plain(400, 'Rest.li protocol version 2.0.0 is required (X-Restli-Protocol-Version header).'));
  };

  const jsonBody = (ctx: Ctx): Record<string, unknown> => {
    if (ctx.contentType() !== 'application/json') throw new Violation(`content-type ${ctx.contentType() || '(none)'}, want application/json`, plain(400, 'Unsupported content type; expected application/json'));
    let v: unknown;
    try {
      v = ctx.json();
    } catch {
      throw new Violation('body is not valid JSON', plain(400, 'Malformed JSON request body'));
    }
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Violation('body is not a JSON object', plain(400, 'Request body must be a JSON object'));
    return v as Record<string, unknown>;
  };

  const view = (p: LinkedInPost) => ({
    id: p.id,
    author: p.author,
    commentary: p.storedCommentary,
    visibility: p.visibility,
    distribution: p.distribution,
    lifecycleState: p.lifecycleState,
    isReshareDisabledByAuthor: p.isReshareDisabledByAuthor,
    createdAt: p.createdAt,
    publishedAt: p.createdAt,
    lastModifiedAt: p.createdAt,
    lifecycleStateInfo: { isEditedByAuthor: false },
    ...(p.content ? { content: p.content } : {}),
  });

  const addPost = (fields: Omit<LinkedInPost, 'id' | 'storedCommentary' | 'text' | 'truncated' | 'truncatedAt' | 'createdAt'>, createdAt?: number): LinkedInPost => {
    const parsed = parseLittle(fields.commentary);
    const post: LinkedInPost = {
      id: `urn:li:share:${nextShare()}`,
      ...fields,
      storedCommentary: parsed.stored,
      text: parsed.text,
      truncated: parsed.truncatedAt !== undefined,
      ...(parsed.truncatedAt ? { truncatedAt: parsed.truncatedAt } : {}),
      createdAt: createdAt ?? now(),
    };
    posts.push(post);
    return post;
  };

  const TOP_LEVEL = ['author', 'commentary', 'visibility', 'distribution', 'lifecycleState', 'isReshareDisabledByAuthor', 'content', 'contentLandingPage', 'contentCallToActionLabel', 'reshareContext', 'container', 'adContext', 'lifecycleStateInfo'];

  const server = await createFakeServer({
    name: 'linkedin',
    rateLimitReply: () => ({
      status: 429,
      body: { status: 429, serviceErrorCode: 101, code: 'TOO_MANY_REQUESTS', message: 'Resource level throttle APPLICATION DAY limit for calls to this resource is reached.' },
    }),
    notFoundReply: () => plain(404, 'No virtual resource found', 'RESOURCE_NOT_FOUND'),
    routes: {
      'POST /rest/posts': (ctx) => {
        common(ctx);
        const b = jsonBody(ctx);
        for (const k of Object.keys(b)) if (!TOP_LEVEL.includes(k)) throw new Violation(`unknown field ${k}`, unprocessable(`/${k}`, `Unrecognized field "${k}"`, 'UNRECOGNIZED_FIELD'));
        const author = b.author;
        if (typeof author !== 'string' || !/^urn:li:(organization|person):[A-Za-z0-9_-]+$/.test(author)) throw new Violation(`author ${String(author)} is not an organization/person URN`, unprocessable('/author', 'Field author is required and must be a person or organization URN', 'MISSING_FIELD'));
        if (author !== organization) {
          throw new Violation(`author ${author} is not the organization the token administers`, { status: 403, body: { status: 403, serviceErrorCode: 100, code: 'ACCESS_DENIED', message: `Not enough permissions to access: partnerApiPostsExternal.CREATE.${ctx.header('linkedin-version')}` } });
        }
        if (typeof b.commentary !== 'string') throw new Violation('commentary missing or not a string', unprocessable('/commentary', 'Field commentary is required', 'MISSING_FIELD'));
        if (b.commentary.length > 3000) throw new Violation(`commentary ${b.commentary.length} > 3000 characters`, unprocessable('/commentary', 'Commentary exceeds the maximum length of 3000', 'FIELD_LENGTH_TOO_LONG'));
        if (b.visibility !== 'PUBLIC') throw new Violation(`visibility ${String(b.visibility)} (an organization post must be PUBLIC)`, unprocessable('/visibility', `Invalid visibility ${String(b.visibility)} for an organization post`));
        const d = b.distribution as Record<string, unknown> | undefined;
        if (!d || typeof d !== 'object' || Array.isArray(d)) throw new Violation('distribution missing', unprocessable('/distribution', 'Field distribution is required', 'MISSING_FIELD'));
        if (d.feedDistribution !== 'MAIN_FEED' && d.feedDistribution !== 'NONE') throw new Violation(`distribution.feedDistribution ${String(d.feedDistribution)}`, unprocessable('/distribution/feedDistribution', 'feedDistribution must be MAIN_FEED or NONE'));
        if (d.feedDistribution !== 'MAIN_FEED') throw new Violation('distribution.feedDistribution NONE creates a dark post, not a page post', unprocessable('/distribution/feedDistribution', 'A dark post requires adContext'));
        if (!Array.isArray(d.targetEntities)) throw new Violation('distribution.targetEntities must be an array', unprocessable('/distribution/targetEntities', 'targetEntities must be an array'));
        if (!Array.isArray(d.thirdPartyDistributionChannels)) throw new Violation('distribution.thirdPartyDistributionChannels must be an array', unprocessable('/distribution/thirdPartyDistributionChannels', 'thirdPartyDistributionChannels must be an array'));
        for (const k of Object.keys(d)) if (!['feedDistribution', 'targetEntities', 'thirdPartyDistributionChannels'].includes(k)) throw new Violation(`unknown field distribution.${k}`, unprocessable(`/distribution/${k}`, `Unrecognized field "${k}"`, 'UNRECOGNIZED_FIELD'));
        if (b.lifecycleState !== 'PUBLISHED' && b.lifecycleState !== 'DRAFT') throw new Violation(`lifecycleState ${String(b.lifecycleState)}`, unprocessable('/lifecycleState', 'lifecycleState must be PUBLISHED or DRAFT'));
        if (typeof b.isReshareDisabledByAuthor !== 'boolean') throw new Violation('isReshareDisabledByAuthor missing or not boolean', unprocessable('/isReshareDisabledByAuthor', 'Field isReshareDisabledByAuthor is required', 'MISSING_FIELD'));

        let image: LinkedInPost['image'];
        let article: LinkedInPost['article'];
        let multi: LinkedInPost['images'];
        const content = b.content as Record<string, unknown> | undefined;
        if (content !== undefined) {
          if (!content || typeof content !== 'object' || Array.isArray(content)) throw new Violation('content is not an object', unprocessable('/content', 'content must be an object'));
          const kinds = Object.keys(content);
          if (kinds.length !== 1) throw new Violation(`content has ${kinds.length} kinds (${kinds.join(',')}); exactly one allowed`, unprocessable('/content', 'Exactly one content type is allowed'));
          if (content.media !== undefined) {
            const m = content.media as Record<string, unknown>;
            for (const k of Object.keys(m ?? {})) if (!['id', 'title', 'altText'].includes(k)) throw new Violation(`unknown field content.media.${k}`, unprocessable(`/content/media/${k}`, `Unrecognized field "${k}"`, 'UNRECOGNIZED_FIELD'));
            if (typeof m?.id !== 'string' || !/^urn:li:(image|video|document):\S+$/.test(m.id)) throw new Violation(`content.media.id ${String(m?.id)} is not a media URN`, unprocessable('/content/media/id', 'content.media.id must be an image, video or document URN', 'MISSING_FIELD'));
            const img = images.get(m.id);
            if (!img) throw new Violation(`content.media.id ${m.id} unknown`, unprocessable('/content/media/id', `Media ${m.id} not found`, 'NOT_FOUND'));
            if (img.owner !== author) throw new Violation(`image ${m.id} owned by ${img.owner}, not ${author}`, unprocessable('/content/media/id', 'Media owner does not match post author'));
            if (img.status !== 'AVAILABLE') throw new Violation(`image ${m.id} is ${img.status} (not uploaded)`, unprocessable('/content/media/id', `Media ${m.id} is not AVAILABLE`));
            if (m.altText !== undefined && (typeof m.altText !== 'string' || m.altText.length > 4086)) throw new Violation('content.media.altText not a string of at most 4086 chars', unprocessable('/content/media/altText', 'altText must be at most 4086 characters', 'FIELD_LENGTH_TOO_LONG'));
            image = { urn: m.id, bytes: img.bytes?.length ?? 0, ...(typeof m.altText === 'string' ? { altText: m.altText } : {}) };
          } else if (content.multiImage !== undefined) {
            const mi = content.multiImage as Record<string, unknown>;
            for (const k of Object.keys(mi ?? {})) if (!['images', 'altText'].includes(k)) throw new Violation(`unknown field content.multiImage.${k}`, unprocessable(`/content/multiImage/${k}`, `Unrecognized field "${k}"`, 'UNRECOGNIZED_FIELD'));
            const list = mi?.images;
            if (!Array.isArray(list) || list.length < 2 || list.length > 20) throw new Violation('content.multiImage.images must hold 2 to 20 images', unprocessable('/content/multiImage/images', 'A MultiImage post needs 2 to 20 images'));
            multi = list.map((entry: unknown, i: number) => {
              const m = entry as Record<string, unknown>;
              for (const k of Object.keys(m ?? {})) if (!['id', 'altText'].includes(k)) throw new Violation(`unknown field content.multiImage.images[${i}].${k}`, unprocessable(`/content/multiImage/images/${i}/${k}`, `Unrecognized field "${k}"`, 'UNRECOGNIZED_FIELD'));
              const img = typeof m?.id === 'string' ? images.get(m.id) : undefined;
              if (!img || img.owner !== author || img.status !== 'AVAILABLE') throw new Violation(`content.multiImage.images[${i}].id ${String(m?.id)} is not an AVAILABLE image of ${author}`, unprocessable(`/content/multiImage/images/${i}/id`, 'Each image must be an AVAILABLE image owned by the author'));
              if (m.altText !== undefined && (typeof m.altText !== 'string' || m.altText.length > 4086)) throw new Violation(`content.multiImage.images[${i}].altText not a string of at most 4086 chars`, unprocessable(`/content/multiImage/images/${i}/altText`, 'altText must be at most 4086 characters', 'FIELD_LENGTH_TOO_LONG'));
              return { urn: img.urn, bytes: img.bytes?.length ?? 0, ...(typeof m.altText === 'string' ? { altText: m.altText } : {}) };
            });
          } else if (content.article !== undefined) {
            const a = content.article as Record<string, unknown>;
            for (const k of Object.keys(a ?? {})) if (!['source', 'title', 'description', 'thumbnail', 'thumbnailAltText'].includes(k)) throw new Violation(`unknown field content.article.${k}`, unprocessable(`/content/article/${k}`, `Unrecognized field "${k}"`, 'UNRECOGNIZED_FIELD'));
            if (typeof a?.source !== 'string' || !/^https?:\/\/\S+$/.test(a.source)) throw new Violation(`content.article.source ${String(a?.source)} is not a URL`, unprocessable('/content/article/source', 'article.source must be a URL', 'MISSING_FIELD'));
            if (typeof a.title !== 'string' || !a.title) throw new Violation('content.article.title missing', unprocessable('/content/article/title', 'article.title is required', 'MISSING_FIELD'));
            if (a.thumbnail !== undefined && !(typeof a.thumbnail === 'string' && images.get(a.thumbnail)?.status === 'AVAILABLE')) throw new Violation(`content.article.thumbnail ${String(a.thumbnail)} is not an uploaded image`, unprocessable('/content/article/thumbnail', 'thumbnail must be an AVAILABLE image URN'));
            article = { source: a.source, title: a.title };
          } else {
            throw new Violation(`content kind ${kinds[0]} not supported by this fake`, unprocessable(`/content/${kinds[0]}`, `Unsupported content ${kinds[0]}`));
          }
        }
        if (!b.commentary.trim() && !content) throw new Violation('empty commentary and no content', unprocessable('/commentary', 'A post needs commentary or content', 'MISSING_FIELD'));

        const dup = posts.find((p) => p.author === author && p.commentary === b.commentary && b.commentary !== '' && JSON.stringify(p.content ?? null) === JSON.stringify(content ?? null));
        if (dup) {
          // LinkedIn's own answer; not a contract violation (the publisher must recognise it as "already there").
          return {
            status: 422,
            body: {
              errorDetailType: 'com.linkedin.common.error.BadRequest',
              message: `com.linkedin.content.common.exception.BadRequestResponseException: Content is a duplicate of ${dup.id}`,
              errorDetails: { inputErrors: [{ description: 'Duplicate post is detected', input: {}, code: 'DUPLICATE_POST' }] },
              status: 422,
            },
          };
        }
        const post = addPost({
          author,
          commentary: b.commentary,
          visibility: b.visibility as string,
          lifecycleState: b.lifecycleState as string,
          isReshareDisabledByAuthor: b.isReshareDisabledByAuthor,
          distribution: d,
          ...(content ? { content } : {}),
          ...(image ? { image } : {}),
          ...(multi ? { images: multi } : {}),
          ...(article ? { article } : {}),
        });
        if (post.truncatedAt) {
          ctx.violation(`commentary truncated at unescaped '${post.truncatedAt.char}' (index ${post.truncatedAt.index}); LinkedIn keeps ${JSON.stringify(post.storedCommentary)}`);
        }
        const created = opts.created ?? { status: 201, id: 'header' };
        if (created.id === 'body') return { status: created.status, body: { id: post.id } };
        if (created.id === 'none') return { status: created.status };
        return { status: created.status, headers: { 'x-restli-id': post.id, 'x-linkedin-id': post.id } };
      },

      // Token introspection (www.linkedin.com, no Bearer): the app's credentials and the token in a form.
      'POST /oauth/v2/introspectToken': (ctx) => {
        if (ctx.header('authorization') !== undefined) ctx.violation('introspection takes the app credentials in the form, not an Authorization header');
        if (ctx.contentType() !== 'application/x-www-form-urlencoded') {
          throw new Violation(`content-type ${ctx.contentType() || '(none)'}, want application/x-www-form-urlencoded`, oauthError(400, 'invalid_request', 'Unsupported content type'));
        }
        const form = ctx.form();
        for (const field of ['client_id', 'client_secret', 'token']) {
          if (!form.get(field)) throw new Violation(`introspection without ${field}`, oauthError(400, 'invalid_request', `A required parameter "${field}" is missing`));
        }
        if (!opts.client || form.get('client_id') !== opts.client.id || form.get('client_secret') !== opts.client.secret) {
          return oauthError(401, 'invalid_client', 'Client authentication failed');
        }
        if (form.get('token') !== opts.token) return { status: 200, body: { active: false, status: 'revoked' } };
        const issued = Math.floor(now() / 1000) - 86_400;
        const status = opts.tokenStatus ?? 'active';
        return {
          status: 200,
          body: {
            active: status === 'active',
            client_id: opts.client.id,
            authorized_at: issued,
            created_at: issued,
            status,
            expires_at: opts.tokenExpiresAt ?? issued + 60 * 86_400,
            scope: 'r_organization_social,w_organization_social,rw_organization_admin',
            auth_type: '3L',
          },
        };
      },

      'GET /rest/organizations/:id': (ctx) => {
        common(ctx);
        if (`urn:li:organization:${ctx.params.id}` !== organization) return plain(403, `Not enough permissions to access: organizations.GET.${ctx.params.id}`, 'ACCESS_DENIED');
        return { status: 200, body: { id: Number(ctx.params.id), localizedName: 'Cedar Valley Family Health', vanityName: 'cedar-valley-family-health' } };
      },

      'GET /rest/organizationalEntityShareStatistics': (ctx) => {
        common(ctx);
        const pairs = ctx.rawQuery.split('&').map((pair) => [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)] as const);
        const known = ['q', 'organizationalEntity', 'shares', 'ugcPosts', 'timeIntervals'];
        for (const [k] of pairs) if (!known.includes(k)) throw new Violation(`unknown query parameter ${k}`, plain(400, `Query parameter ${k} is not allowed`, 'ILLEGAL_ARGUMENT'));
        const value = (k: string) => pairs.find(([key]) => key === k)?.[1];
        if (value('q') !== 'organizationalEntity') throw new Violation(`q=${value('q')}`, plain(400, 'Invalid finder: q must be organizationalEntity', 'ILLEGAL_ARGUMENT'));
        const entity = decodeURIComponent(value('organizationalEntity') ?? '');
        if (!/^urn:li:organization:\d+$/.test(entity) || !/^urn%3Ali%3Aorganization%3A\d+$/i.test(value('organizationalEntity') ?? '')) {
          throw new Violation(`organizationalEntity ${value('organizationalEntity')} is not a percent-encoded organization URN`, plain(400, 'organizationalEntity must be an organization URN', 'ILLEGAL_ARGUMENT'));
        }
        if (entity !== organization) return plain(403, `Not enough permissions to access: organizationalEntityShareStatistics for ${entity}`, 'ACCESS_DENIED');
        const urns: string[] = [];
        for (const [key, kind] of [['shares', 'share'], ['ugcPosts', 'ugcPost']] as const) {
          const raw = value(key);
          if (raw === undefined) continue;
          const list = new RegExp(`^List\\((urn%3Ali%3A${kind}%3A\\d+(?:,urn%3Ali%3A${kind}%3A\\d+)*)\\)$`, 'i').exec(raw);
          if (!list) throw new Violation(`${key}=${raw} is not List(…) of percent-encoded ${kind} URNs`, plain(400, `Invalid value for param: ${key}`, 'ILLEGAL_ARGUMENT'));
          urns.push(...list[1]!.split(',').map(decodeURIComponent));
        }
        const yearAgo = now() - 365 * 86_400_000;
        const elements = urns.flatMap((urn) => {
          const figures = statistics.get(urn);
          const post = posts.find((p) => p.id === urn);
          if (!figures || (post && post.createdAt < yearAgo)) return [];
          const { clickCount, likeCount, commentCount, shareCount, impressionCount } = figures;
          const engagement = impressionCount === 0 ? 0 : (clickCount + likeCount + commentCount + shareCount) / impressionCount;
          return [{ organizationalEntity: organization, [urn.startsWith('urn:li:share:') ? 'share' : 'ugcPost']: urn, totalShareStatistics: { ...figures, engagement } }];
        });
        return { status: 200, body: { paging: { start: 0, count: 10, links: [] }, elements } };
      },

      'GET /rest/posts': (ctx) => {
        common(ctx);
        const q = ctx.query;
        if (q.get('q') !== 'author') throw new Violation(`finder q=${q.get('q')} (want author)`, plain(400, `Invalid finder: ${q.get('q')}`));
        if ((ctx.header('x-restli-method') ?? '').toUpperCase() !== 'FINDER') ctx.violation('finder call without X-RestLi-Method: FINDER');
        const author = q.get('author');
        if (!author) throw new Violation('finder without author', plain(400, 'Missing required query parameter: author'));
        if (!/(^|&)author=urn%3Ali%3A/i.test(ctx.rawQuery)) throw new Violation('author URN not URL-encoded in the query', plain(400, `Invalid query parameter author: ${author}`));
        for (const k of q.keys()) if (!['q', 'author', 'count', 'start', 'sortBy', 'viewContext'].includes(k)) throw new Violation(`unknown query parameter ${k}`, plain(400, `Unknown query parameter: ${k}`));
        const count = q.has('count') ? Number(q.get('count')) : 10;
        const start = q.has('start') ? Number(q.get('start')) : 0;
        if (!Number.isInteger(count) || count < 1 || count > 100) throw new Violation(`count ${q.get('count')}`, plain(400, `Invalid count ${q.get('count')}`));
        if (!Number.isInteger(start) || start < 0) throw new Violation(`start ${q.get('start')}`, plain(400, `Invalid start ${q.get('start')}`));
        const sortBy = q.get('sortBy') ?? 'LAST_MODIFIED';
        if (sortBy !== 'LAST_MODIFIED' && sortBy !== 'CREATED') throw new Violation(`sortBy ${sortBy}`, plain(400, `Invalid sortBy ${sortBy}`));
        const vc = q.get('viewContext');
        if (vc !== null && vc !== 'READER' && vc !== 'AUTHOR') throw new Violation(`viewContext ${vc}`, plain(400, `Invalid viewContext ${vc}`));
        const all = posts
          .filter((p) => p.author === author && (vc === 'AUTHOR' || p.lifecycleState === 'PUBLISHED'))
          .sort((a, b) => b.createdAt - a.createdAt || (BigInt(b.id.split(':')[3]!) > BigInt(a.id.split(':')[3]!) ? 1 : -1));
        return { status: 200, body: { paging: { start, count, links: [], total: all.length }, elements: all.slice(start, start + count).map(view) } };
      },

      'GET /rest/posts/:urn': (ctx) => {
        common(ctx);
        if (!/^urn%3Ali%3A/i.test(ctx.path.split('/')[3] ?? '')) throw new Violation('post URN not URL-encoded in the path', plain(400, 'Invalid URN in path'));
        const p = posts.find((x) => x.id === ctx.params.urn);
        if (!p) return plain(404, `Post ${ctx.params.urn} not found`, 'NOT_FOUND');
        return { status: 200, body: view(p) };
      },

      'POST /rest/images': (ctx) => {
        common(ctx);
        if (ctx.query.get('action') !== 'initializeUpload') throw new Violation(`POST /rest/images action=${ctx.query.get('action')}`, plain(400, `Unknown action ${ctx.query.get('action')}`));
        const b = jsonBody(ctx);
        const req = b.initializeUploadRequest as Record<string, unknown> | undefined;
        if (!req || typeof req.owner !== 'string') throw new Violation('initializeUploadRequest.owner missing', unprocessable('/initializeUploadRequest/owner', 'Field owner is required', 'MISSING_FIELD'));
        for (const k of Object.keys(b)) if (k !== 'initializeUploadRequest') throw new Violation(`unknown field ${k}`, unprocessable(`/${k}`, `Unrecognized field "${k}"`, 'UNRECOGNIZED_FIELD'));
        if (req.owner !== organization) throw new Violation(`image owner ${req.owner} is not the organization`, { status: 403, body: { status: 403, serviceErrorCode: 100, code: 'ACCESS_DENIED', message: 'Not enough permissions to access: images.ACTION.initializeUpload' } });
        const id = crypto.randomBytes(12).toString('base64url');
        const urn = `urn:li:image:D4E10AQ${id}`;
        const uploadToken = crypto.randomBytes(16).toString('hex');
        images.set(urn, { urn, owner: req.owner, status: 'WAITING_UPLOAD', uploadToken });
        return { status: 200, body: { value: { uploadUrlExpiresAt: now() + 24 * 3600 * 1000, uploadUrl: `${baseUrl}/dms-uploads/${uploadToken}`, image: urn } } };
      },

      'PUT /dms-uploads/:token': (ctx) => {
        const img = [...images.values()].find((i) => i.uploadToken === ctx.params.token);
        if (!img) throw new Violation('PUT to an unknown upload URL', plain(404, 'Upload URL not found'));
        if (bearerToken(ctx) !== opts.token) throw new Violation('image upload without the Bearer token', UNAUTHORIZED);
        if (ctx.body.length === 0) throw new Violation('empty image upload', plain(400, 'Empty upload'));
        const type = sniffImage(ctx.body);
        if (!type || !['image/jpeg', 'image/png', 'image/gif'].includes(type)) throw new Violation('uploaded bytes are not a JPG/PNG/GIF image', plain(400, 'Unsupported image format'));
        img.bytes = ctx.body;
        img.mediaType = type;
        img.status = 'AVAILABLE';
        return { status: 201 };
      },

      'GET /rest/images/:urn': (ctx) => {
        common(ctx);
        const img = images.get(ctx.params.urn!);
        if (!img) return plain(404, `Image ${ctx.params.urn} not found`, 'NOT_FOUND');
        return {
          status: 200,
          body: { id: img.urn, owner: img.owner, status: img.status, ...(img.status === 'AVAILABLE' ? { downloadUrl: `${baseUrl}/media/${encodeURIComponent(img.urn)}`, downloadUrlExpiresAt: now() + 3600_000 } : {}) },
        };
      },
    },
  });
  baseUrl = server.url;

  return Object.assign(server, {
    posts,
    images,
    organization,
    setStatistics: (urn: string, figures: Parameters<FakeLinkedIn['setStatistics']>[1]) => void statistics.set(urn, figures),
    truncated: () => posts.filter((p) => p.truncated),
    seedPost: (p: { commentary: string; createdAt?: number }) =>
      addPost(
        {
          author: organization,
          commentary: p.commentary,
          visibility: 'PUBLIC',
          lifecycleState: 'PUBLISHED',
          isReshareDisabledByAuthor: false,
          distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
        },
        p.createdAt,
      ),
  });
}
