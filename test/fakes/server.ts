/**
 * Shared HTTP plumbing for the strict fake social-network servers used by the publisher tests.
 * Only node:http / node:crypto. Listens on 127.0.0.1, port 0.
 *
 * STABLE API (other fakes in this folder build on it — only ever extend it, never change it):
 *
 *   const srv = await createFakeServer({
 *     name: 'x',                                   // used in violation messages
 *     routes: {                                    // 'METHOD /path/:param' -> handler
 *       'POST /2/tweets': (ctx) => ({ status: 201, body: { data: { id, text } } }),
 *       'GET /2/users/:id/tweets': (ctx) => ({ status: 200, body: { ... } }),   // ctx.params.id
 *     },
 *     rateLimitReply: (resetSeconds) => ({ status: 429, headers: {...}, body: {...} }), // network's own 429
 *     notFoundReply?: (ctx) => Reply,               // body for unknown endpoints (also a violation)
 *   });
 *   srv.url          // 'http://127.0.0.1:PORT' (no trailing slash)
 *   srv.requests     // RecordedRequest[] — every request received, in order (faulted ones too)
 *   srv.violations   // string[] — every contract violation; tests assert it is empty
 *   srv.inject('POST /2/tweets', { kind: 'status', status: 503 }, times = 1)
 *   await srv.close()
 *
 * Handlers receive a Ctx (method, path, params, query, rawQuery, headers, body: Buffer, plus helpers:
 * header(name), contentType(), json(), form(), multipart()) and return a Reply
 * { status, headers?, body? } (object/array → JSON; string/Buffer → sent as is; undefined → empty).
 * A handler reports a contract violation by `throw new Violation(message, reply)`: the message is
 * appended to `violations` and `reply` (the network's documented error shape) is sent.
 * `ctx.violation(message)` just records a violation without changing the reply (for "soft"
 * violations the real network silently tolerates, e.g. LinkedIn truncation).
 * Any other thrown error → 500 and a violation "internal: …" (a bug in the fake).
 * Unknown METHOD+path → 404 (notFoundReply or {error:'not found'}) and a violation.
 *
 * Faults (consumed in order per route key; the key is the route pattern as registered, e.g.
 * 'POST /2/tweets' or 'GET /api/v1/media/:id'; `inject` throws on an unknown key):
 *   { kind: 'status', status, body?, headers? } respond with that status; the handler does NOT run
 *   { kind: 'rate-limit', resetSeconds, scope? } respond with rateLimitReply(resetSeconds, fault); handler
 *                                               does NOT run (scope: network-specific, e.g. X 'user-24h')
 *   { kind: 'drop-after-create' }               run the handler (the post IS created), then destroy the
 *                                               socket without responding (client sees a socket error)
 *   { kind: 'drop-before' }                     destroy the socket without running the handler (nothing created)
 *   { kind: 'delay', ms }                       run the handler (post IS created), send its reply after ms
 *                                               (for client timeouts)
 * Requests that hit a fault are still recorded in `requests` (body included).
 *
 * Helpers: bearerToken(ctx), rfc3986(s) (OAuth percent-encoding), idSequence(start) (numeric string ids),
 * parseMultipart(body, contentType), sniffImage(bytes) ('image/png' | 'image/jpeg' | 'image/gif' | 'image/webp').
 */
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export type Fault =
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  | { kind: 'rate-limit'; resetSeconds: number; scope?: string }
  | { kind: 'drop-after-create' }
  | { kind: 'drop-before' }
  | { kind: 'delay'; ms: number };

export interface FakeServer {
  url: string;
  requests: RecordedRequest[];
  violations: string[];
  inject(route: string, fault: Fault, times?: number): void;
  close(): Promise<void>;
}

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  headers: Record<string, string>;
  data: Buffer;
}

export interface Ctx extends RecordedRequest {
  /** Path parameters from ':name' segments of the route pattern. */
  params: Record<string, string>;
  /** The route key that matched, e.g. 'POST /2/tweets'. */
  route: string;
  /** The query string exactly as sent (without '?'), for checking percent-encoding. */
  rawQuery: string;
  /** First value of a request header (case-insensitive), or undefined. */
  header(name: string): string | undefined;
  /** Lower-cased media type without parameters ('' when absent). */
  contentType(): string;
  /** Parsed JSON body, or throws a plain Error when it is not valid JSON. */
  json(): unknown;
  /** Body parsed as application/x-www-form-urlencoded. */
  form(): URLSearchParams;
  /** Parts of a multipart/form-data body, or undefined if not multipart / malformed. */
  multipart(): MultipartPart[] | undefined;
  /** Record a violation without changing the reply. */
  violation(message: string): void;
}

export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;

/** Thrown by a handler: records `message` in violations and sends `reply`. */
export class Violation extends Error {
  constructor(
    message: string,
    public readonly reply: Reply,
  ) {
    super(message);
    this.name = 'Violation';
  }
}

export interface FakeServerOptions {
  name: string;
  routes: Record<string, Handler>;
  /** The network's own 429. `fault.scope` (optional, network-specific) picks which limit was hit. */
  rateLimitReply: (resetSeconds: number, fault: Extract<Fault, { kind: 'rate-limit' }>) => Reply;
  notFoundReply?: (ctx: Ctx) => Reply;
}

interface CompiledRoute {
  key: string;
  method: string;
  segments: string[];
  handler: Handler;
}

function compile(key: string, handler: Handler): CompiledRoute {
  const m = /^([A-Z]+) (\/\S*)$/.exec(key);
  if (!m) throw new Error(`bad route key ${JSON.stringify(key)} (want 'METHOD /path')`);
  return { key, method: m[1]!, segments: m[2]!.split('/').slice(1), handler };
}

function match(route: CompiledRoute, method: string, path: string): Record<string, string> | undefined {
  if (route.method !== method) return undefined;
  const parts = path.split('/').slice(1);
  if (parts.length !== route.segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const seg = route.segments[i]!;
    const part = parts[i]!;
    if (seg.startsWith(':')) {
      if (part === '') return undefined;
      try {
        params[seg.slice(1)] = decodeURIComponent(part);
      } catch {
        return undefined;
      }
    } else if (seg !== part) return undefined;
  }
  return params;
}

/** Parse a multipart/form-data body. Returns undefined when malformed. */
export function parseMultipart(body: Buffer, contentTypeHeader: string | undefined): MultipartPart[] | undefined {
  if (!contentTypeHeader) return undefined;
  const bm = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentTypeHeader);
  if (!/^multipart\/form-data/i.test(contentTypeHeader.trim()) || !bm) return undefined;
  const boundary = Buffer.from(`--${bm[1] ?? bm[2]}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(boundary);
  if (pos < 0) return undefined;
  for (;;) {
    pos += boundary.length;
    if (body.subarray(pos, pos + 2).toString() === '--') return parts; // closing delimiter
    if (body.subarray(pos, pos + 2).toString() !== '\r\n') return undefined;
    pos += 2;
    const headerEnd = body.indexOf('\r\n\r\n', pos);
    if (headerEnd < 0) return undefined;
    const headers: Record<string, string> = {};
    for (const line of body.subarray(pos, headerEnd).toString('utf8').split('\r\n')) {
      const i = line.indexOf(':');
      if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
    }
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), boundary]), headerEnd + 4);
    if (next < 0) return undefined;
    const disp = headers['content-disposition'] ?? '';
    const name = /\bname="([^"]*)"/i.exec(disp)?.[1];
    if (name === undefined) return undefined;
    const filename = /\bfilename="([^"]*)"/i.exec(disp)?.[1];
    parts.push({
      name,
      ...(filename !== undefined ? { filename } : {}),
      ...(headers['content-type'] ? { contentType: headers['content-type'] } : {}),
      headers,
      data: body.subarray(headerEnd + 4, next),
    });
    pos = next + 2;
  }
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...(reply.headers ?? {}) };
  let payload: Buffer | undefined;
  if (reply.body === undefined || reply.body === null) payload = undefined;
  else if (Buffer.isBuffer(reply.body)) payload = reply.body;
  else if (typeof reply.body === 'string') payload = Buffer.from(reply.body);
  else {
    payload = Buffer.from(JSON.stringify(reply.body));
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
      headers['content-type'] = 'application/json; charset=utf-8';
    }
  }
  headers['content-length'] = String(payload?.length ?? 0);
  res.writeHead(reply.status, headers);
  res.end(payload);
}

export async function createFakeServer(opts: FakeServerOptions): Promise<FakeServer> {
  const routes = Object.entries(opts.routes).map(([k, h]) => compile(k, h));
  const faults = new Map<string, { fault: Fault; remaining: number }[]>();
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const sockets = new Set<Socket>();

  const takeFault = (key: string): Fault | undefined => {
    const q = faults.get(key);
    const head = q?.[0];
    if (!q || !head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) q.shift();
    return head.fault;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> => {
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const recorded: RecordedRequest = { method, path: u.pathname, query: u.searchParams, headers: req.headers, body };
    requests.push(recorded);

    let found: { route: CompiledRoute; params: Record<string, string> } | undefined;
    for (const route of routes) {
      const params = match(route, method, u.pathname);
      if (params) {
        found = { route, params };
        break;
      }
    }
    const header = (name: string): string | undefined => {
      const v = req.headers[name.toLowerCase()];
      return Array.isArray(v) ? v[0] : v;
    };
    const ctx: Ctx = {
      ...recorded,
      params: found?.params ?? {},
      route: found?.route.key ?? `${method} ${u.pathname}`,
      rawQuery: (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?') + 1) : '',
      header,
      contentType: () => (header('content-type') ?? '').split(';')[0]!.trim().toLowerCase(),
      json: () => JSON.parse(body.toString('utf8')) as unknown,
      form: () => new URLSearchParams(body.toString('utf8')),
      multipart: () => parseMultipart(body, header('content-type')),
      violation: (m: string) => {
        violations.push(`${opts.name}: ${method} ${u.pathname}: ${m}`);
      },
    };
    if (!found) {
      ctx.violation('unknown endpoint');
      send(res, opts.notFoundReply ? opts.notFoundReply(ctx) : { status: 404, body: { error: 'not found' } });
      return;
    }

    const fault = takeFault(found.route.key);
    if (fault?.kind === 'drop-before') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'status') {
      send(res, { status: fault.status, body: fault.body, ...(fault.headers ? { headers: fault.headers } : {}) });
      return;
    }
    if (fault?.kind === 'rate-limit') {
      send(res, opts.rateLimitReply(fault.resetSeconds, fault));
      return;
    }

    let reply: Reply;
    try {
      reply = await found.route.handler(ctx);
    } catch (e) {
      if (e instanceof Violation) {
        ctx.violation(e.message);
        reply = e.reply;
      } else {
        ctx.violation(`internal: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        reply = { status: 500, body: { error: 'fake server internal error' } };
      }
    }
    if (fault?.kind === 'drop-after-create') {
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'delay') {
      await new Promise((r) => setTimeout(r, fault.ms));
      if (req.socket.destroyed) return;
    }
    send(res, reply);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks)).catch((e: unknown) => {
        violations.push(`${opts.name}: internal: ${String(e)}`);
        if (!res.headersSent) send(res, { status: 500, body: { error: 'fake server internal error' } });
      });
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('no address');

  return {
    url: `http://127.0.0.1:${addr.port}`,
    requests,
    violations,
    inject(route: string, fault: Fault, times = 1) {
      if (!routes.some((r) => r.key === route)) {
        throw new Error(`${opts.name} fake: no route ${JSON.stringify(route)}; have ${routes.map((r) => r.key).join(', ')}`);
      }
      const q = faults.get(route) ?? [];
      q.push({ fault, remaining: times });
      faults.set(route, q);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Value of the bearer token in an Authorization header, or undefined. */
export function bearerToken(ctx: Ctx): string | undefined {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(ctx.header('authorization') ?? '');
  return m?.[1];
}

/** RFC 3986 percent-encoding (unreserved: A-Z a-z 0-9 - . _ ~), as OAuth 1.0a requires. */
export function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Small monotonically increasing numeric id generator (as strings), e.g. for snowflake-like ids. */
export function idSequence(start: bigint): () => string {
  let n = start;
  return () => {
    n += 1n;
    return n.toString();
  };
}

/** Sniff an image type from magic bytes. */
export function sniffImage(b: Buffer): string | undefined {
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 6 && (b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a')) return 'image/gif';
  if (b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  return undefined;
}
