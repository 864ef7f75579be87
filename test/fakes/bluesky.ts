/**
 * Strict fake of the Bluesky calls `plan doctor` and `plan insights --fetch` make: com.atproto.server.createSession
 * (lexicons/com/atproto/server/createSession.json) and app.bsky.feed.getPosts (lexicons/app/bsky/feed/getPosts.json),
 * over real HTTP on 127.0.0.1. Publishing itself is tested against a real PDS, and the figures against a real
 * AppView too where PostgreSQL is installed (test/bluesky).
 *
 *   GET /xrpc/app.bsky.feed.getPosts?uris=at://…&uris=at://…  (the key repeated, 1 to 25 at:// URIs; Bearer
 *        accessJwt of a session) → 200 {posts:[PostView…]} with likeCount, repostCount, replyCount, quoteCount,
 *        bookmarkCount from b.setCounts(uri, …); a URI without counts is left out, like a deleted post;
 *        more than 25 → 400 InvalidRequest; RateLimit-Limit/-Remaining/-Reset/-Policy on every answer
 *
 *   const b = await startFakeBluesky({ handle: 'cedarvalley.test', password: 'abcd-efgh-ijkl-mnop' });
 *   b.url           the PDS base URL (use as `service` / `api_url`)
 *
 *   POST /xrpc/com.atproto.server.createSession  JSON {identifier, password, authFactorToken?, allowTakendown?}
 *        → 200 {accessJwt, refreshJwt, handle, did, active}
 *        → 401 {"error":"AuthenticationRequired","message":"Invalid identifier or password"}
 *        → 400 {"error":"InvalidRequest","message":…} for a body that is not the lexicon's input
 * 429 (fault 'rate-limit'): {"error":"RateLimitExceeded","message":"Rate Limit Exceeded"} with RateLimit-* headers
 * (reset in epoch seconds).
 */
import { randomBytes } from 'node:crypto';
import { createFakeServer, Violation } from './server.js';
import type { FakeServer } from './server.js';

export interface FakeBlueskyOptions {
  handle: string;
  password: string;
}

const xrpcError = (status: number, error: string, message: string) => ({ status, body: { error, message } });

function jwt(): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ typ: 'at+jwt', alg: 'ES256K' })}.${part({ scope: 'com.atproto.appPass', sub: 'did:plc:fake', iat: Math.floor(Date.now() / 1000) })}.${randomBytes(32).toString('base64url')}`;
}

export interface PostCounts {
  likeCount?: number;
  repostCount?: number;
  replyCount?: number;
  quoteCount?: number;
  bookmarkCount?: number;
}

export interface FakeBluesky extends FakeServer {
  did: string;
  /** The counts getPosts shows for a post (its at:// URI). */
  setCounts(uri: string, counts: PostCounts): void;
}

export async function startFakeBluesky(opts: FakeBlueskyOptions): Promise<FakeBluesky> {
  const did = `did:plc:${randomBytes(12).toString('hex').slice(0, 24)}`;
  const sessions = new Set<string>();
  const counts = new Map<string, PostCounts>();
  const limitHeaders = () => ({ 'ratelimit-limit': '3000', 'ratelimit-remaining': '2999', 'ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 300), 'ratelimit-policy': '3000;w=300' });
  const server = await createFakeServer({
    name: 'bluesky',
    rateLimitReply: (resetSeconds) => ({
      status: 429,
      headers: { 'ratelimit-limit': '30', 'ratelimit-remaining': '0', 'ratelimit-reset': String(Math.ceil(Date.now() / 1000) + resetSeconds), 'ratelimit-policy': '30;w=300' },
      body: { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' },
    }),
    notFoundReply: () => xrpcError(501, 'MethodNotImplemented', 'Method Not Implemented'),
    routes: {
      'POST /xrpc/com.atproto.server.createSession': (ctx) => {
        if (ctx.contentType() !== 'application/json') throw new Violation(`content-type ${ctx.contentType() || '(none)'}`, xrpcError(400, 'InvalidRequest', 'Wrong request encoding (Content-Type): ' + ctx.contentType()));
        let body: Record<string, unknown>;
        try {
          body = ctx.json() as Record<string, unknown>;
        } catch {
          throw new Violation('body is not JSON', xrpcError(400, 'InvalidRequest', 'Request body is not valid JSON'));
        }
        if (typeof body?.identifier !== 'string' || typeof body.password !== 'string') {
          throw new Violation('identifier and password are required strings', xrpcError(400, 'InvalidRequest', 'Input must have the property "identifier"'));
        }
        const extra = Object.keys(body).filter((k) => !['identifier', 'password', 'authFactorToken', 'allowTakendown'].includes(k));
        if (extra.length) ctx.violation(`unknown input properties ${extra.join(', ')}`);
        if (ctx.header('authorization') !== undefined) ctx.violation('createSession sent with an Authorization header');
        if (body.identifier.replace(/^@/, '') !== opts.handle || body.password !== opts.password) return xrpcError(401, 'AuthenticationRequired', 'Invalid identifier or password');
        const accessJwt = jwt();
        sessions.add(accessJwt);
        return { status: 200, body: { accessJwt, refreshJwt: jwt(), handle: opts.handle, did, active: true } };
      },
      'GET /xrpc/app.bsky.feed.getPosts': (ctx) => {
        const token = /^Bearer (\S+)$/.exec(ctx.header('authorization') ?? '')?.[1];
        if (!token || !sessions.has(token)) throw new Violation('getPosts without the accessJwt of a session', xrpcError(401, 'AuthenticationRequired', 'Authentication Required'));
        for (const key of ctx.query.keys()) if (key !== 'uris') throw new Violation(`unknown parameter ${key}`, xrpcError(400, 'InvalidRequest', `Unknown parameter: ${key}`));
        const uris = ctx.query.getAll('uris');
        if (uris.length === 0) throw new Violation('no uris', xrpcError(400, 'InvalidRequest', 'Error: Params must have the property "uris"'));
        if (uris.length > 25) return xrpcError(400, 'InvalidRequest', 'Error: Params/uris must not have more than 25 elements');
        const bad = uris.find((uri) => !/^at:\/\/did:[a-z]+:[A-Za-z0-9._:%-]+\/app\.bsky\.feed\.post\/[A-Za-z0-9._:~-]{1,512}$/.test(uri));
        if (bad) throw new Violation(`uris holds ${bad}, not an at:// URI of a post (comma-joined instead of repeated?)`, xrpcError(400, 'InvalidRequest', 'Error: Params/uris must be a valid at-uri'));
        const posts = uris.flatMap((uri) => {
          const own = counts.get(uri);
          if (!own) return [];
          const rkey = uri.split('/').pop()!;
          return [
            {
              uri,
              cid: `bafyrei${rkey.padEnd(52, 'a').slice(0, 52)}`,
              author: { did, handle: opts.handle, labels: [] },
              record: { $type: 'app.bsky.feed.post', text: 'a post', createdAt: new Date().toISOString() },
              replyCount: 0,
              repostCount: 0,
              likeCount: 0,
              quoteCount: 0,
              bookmarkCount: 0,
              ...own,
              indexedAt: new Date().toISOString(),
              labels: [],
            },
          ];
        });
        return { status: 200, headers: limitHeaders(), body: { posts } };
      },
    },
  });
  return Object.assign(server, { did, setCounts: (uri: string, figures: PostCounts) => void counts.set(uri, figures) });
}
