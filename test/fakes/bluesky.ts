/**
 * Strict fake of the one Bluesky call `plan doctor` makes without a PDS: com.atproto.server.createSession
 * (lexicons/com/atproto/server/createSession.json), over real HTTP on 127.0.0.1. Publishing itself is tested
 * against a real PDS (test/bluesky).
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

export async function startFakeBluesky(opts: FakeBlueskyOptions): Promise<FakeServer> {
  const did = `did:plc:${randomBytes(12).toString('hex').slice(0, 24)}`;
  return createFakeServer({
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
        return { status: 200, body: { accessJwt: jwt(), refreshJwt: jwt(), handle: opts.handle, did, active: true } };
      },
    },
  });
}
