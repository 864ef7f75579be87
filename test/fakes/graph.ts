/**
 * Shared Meta Graph API plumbing for the strict Facebook Page and Instagram fakes
 * (facebook.ts, instagram.ts). Builds on server.ts; only node:http / node:crypto.
 *
 * What lives here (all of it follows Graph's documented contracts, see the notes per function):
 *  - the Graph error envelope  {error:{message,type,code,error_subcode?,error_user_title?,error_user_msg?,
 *    is_transient?,fbtrace_id}}  and the reply builders the fakes use;
 *  - request parameters: Graph merges the query string with a form / multipart / JSON body;
 *  - the access token: `access_token` parameter or `Authorization: Bearer|OAuth <token>`;
 *  - `fields=` parsing, cursor pagination ({data, paging:{cursors:{before,after}, next?}}), Graph timestamps;
 *  - the Business-Use-Case rate-limit reply (HTTP 400 + code 80001/80002 + X-Business-Use-Case-Usage);
 *  - fetching media by URL for real (as Meta's crawler does) and sniffing image/video bytes;
 *  - test helpers: a tiny static media server (stands in for `media_base_url`) and byte builders for
 *    JPEG / PNG / MP4 headers with given dimensions.
 */
import http from 'node:http';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Socket } from 'node:net';
import { Violation } from './server.js';
import type { Ctx, MultipartPart, Reply } from './server.js';

export const GRAPH_VERSION = 'v26.0';
export const V = `/${GRAPH_VERSION}`;

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

export interface GraphErrorBody {
  message: string;
  type?: string;
  code: number;
  error_subcode?: number;
  error_user_title?: string;
  error_user_msg?: string;
  is_transient?: boolean;
}

/** Graph's fbtrace_id: an opaque ~11-character support id. */
export function fbtraceId(): string {
  return randomBytes(8).toString('base64url').slice(0, 11);
}

/**
 * A Graph error reply. `type` defaults to OAuthException (what Graph uses for most errors,
 * including parameter and throttling errors). Token errors also get the WWW-Authenticate header
 * Graph sends with OAuthException.
 */
export function graphError(status: number, e: GraphErrorBody, headers: Record<string, string> = {}): Reply {
  const error: Record<string, unknown> = { message: e.message, type: e.type ?? 'OAuthException', code: e.code };
  if (e.error_subcode !== undefined) error.error_subcode = e.error_subcode;
  if (e.is_transient !== undefined) error.is_transient = e.is_transient;
  if (e.error_user_title !== undefined) error.error_user_title = e.error_user_title;
  if (e.error_user_msg !== undefined) error.error_user_msg = e.error_user_msg;
  error.fbtrace_id = fbtraceId();
  const h: Record<string, string> = { ...graphHeaders(), ...headers };
  if ((e.type ?? 'OAuthException') === 'OAuthException' && (e.code === 190 || e.code === 104)) {
    h['www-authenticate'] = `OAuth "Facebook Platform" "invalid_token" "${e.message.replace(/"/g, "'")}"`;
  }
  return { status, headers: h, body: { error } };
}

/** Throw a contract violation that answers with a Graph error. */
export function violation(message: string, status: number, e: GraphErrorBody): never {
  throw new Violation(message, graphError(status, e));
}

/** A legitimate (documented) API error — not a client contract violation. */
export class GraphFailure extends Error {
  constructor(public readonly reply: Reply) {
    super('graph failure');
  }
}
export function fail(status: number, e: GraphErrorBody): never {
  throw new GraphFailure(graphError(status, e));
}

/** Headers Graph sends on every response. */
export function graphHeaders(): Record<string, string> {
  return { 'facebook-api-version': GRAPH_VERSION, 'x-fb-trace-id': fbtraceId(), 'cache-control': 'private, no-cache, no-store, must-revalidate' };
}

export function ok(body: unknown): Reply {
  return { status: 200, headers: graphHeaders(), body };
}

/** `(#100)`-style parameter error. */
export function paramError(message: string, subcode?: number): GraphErrorBody {
  return { message: `(#100) ${message}`, type: 'OAuthException', code: 100, ...(subcode ? { error_subcode: subcode } : {}) };
}

/** Graph's answer when the object does not exist / the token cannot see it / the edge is wrong. */
export function unsupported(method: string, id: string): GraphErrorBody {
  return {
    message: `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    type: 'GraphMethodException',
    code: 100,
    error_subcode: 33,
  };
}

/** notFoundReply for createFakeServer: unknown endpoint in Graph's shape (also recorded as a violation by server.ts). */
export function graphNotFound(ctx: Ctx): Reply {
  const parts = ctx.path.split('/').filter(Boolean);
  if (parts[0] !== GRAPH_VERSION) {
    return graphError(400, {
      message: `Unknown path components: ${ctx.path} (this fake serves only ${V}/…)`,
      type: 'OAuthException',
      code: 2500,
    });
  }
  return graphError(400, unsupported(ctx.method, parts[1] ?? ''));
}

/**
 * Business Use Case rate-limit reply (Pages with a Page token: code 80001; Instagram: code 80002),
 * per developers.facebook.com/docs/graph-api/overview/rate-limiting: HTTP 400 (Graph does not use 429),
 * error type OAuthException, and the X-Business-Use-Case-Usage header whose
 * `estimated_time_to_regain_access` is in MINUTES (so resetSeconds is rounded up to whole minutes).
 * `code: 4` gives the platform (app) limit instead: X-App-Usage, which carries no regain time.
 */
export function rateLimitReply(opts: {
  objectId: string;
  type: 'pages' | 'instagram';
  code: number;
  status: number;
}): (resetSeconds: number) => Reply {
  return (resetSeconds) => {
    const minutes = Math.max(0, Math.ceil(resetSeconds / 60));
    const headers: Record<string, string> = {};
    let message: string;
    if (opts.code === 4 || opts.code === 17) {
      headers['x-app-usage'] = JSON.stringify({ call_count: 100, total_cputime: 12, total_time: 14 });
      message = opts.code === 4 ? '(#4) Application request limit reached' : '(#17) User request limit reached';
    } else {
      headers['x-business-use-case-usage'] = JSON.stringify({
        [opts.objectId]: [
          { type: opts.type, call_count: 100, total_cputime: 12, total_time: 14, estimated_time_to_regain_access: minutes },
        ],
      });
      message =
        opts.code === 80002
          ? '(#80002) There have been too many calls to this Instagram account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.'
          : opts.code === 32
            ? '(#32) Page request limit reached'
            : opts.code === 613
              ? '(#613) Calls to this api have exceeded the rate limit.'
              : `(#${opts.code}) There have been too many calls to this Page account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.`;
    }
    return graphError(opts.status, { message, type: 'OAuthException', code: opts.code, is_transient: true }, headers);
  };
}

/**
 * Wrap a Graph handler: GraphFailure → its reply (a documented error, not a violation).
 * Violation (from server.ts) propagates so server.ts records it.
 */
export function graphRoute(h: (ctx: Ctx) => Promise<Reply> | Reply): (ctx: Ctx) => Promise<Reply> {
  return async (ctx) => {
    try {
      return await h(ctx);
    } catch (e) {
      if (e instanceof GraphFailure) return e.reply;
      throw e;
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Parameters and token
// ---------------------------------------------------------------------------------------------

export interface GraphParams {
  /** Every parameter by name: strings from query/form/multipart, JSON values as given. */
  values: Map<string, unknown>;
  /** Multipart file parts by field name. */
  files: Map<string, MultipartPart>;
  /** Where the body came from. */
  bodyKind: 'none' | 'form' | 'multipart' | 'json';
}

/** Parameters that Graph accepts on any request. */
export const COMMON_PARAMS = ['access_token', 'appsecret_proof', 'fields', 'pretty', 'format', 'locale', 'debug'];

/**
 * Graph reads parameters from the query string and, on POST, from the body
 * (application/x-www-form-urlencoded, multipart/form-data or application/json).
 * A parameter given twice, a malformed body or another content type is a violation.
 */
export function readParams(ctx: Ctx): GraphParams {
  const values = new Map<string, unknown>();
  const files = new Map<string, MultipartPart>();
  const put = (k: string, v: unknown): void => {
    if (values.has(k)) violation(`parameter ${k} given more than once`, 400, paramError(`Parameter ${k} was given more than once`));
    values.set(k, v);
  };
  for (const [k, v] of ctx.query) put(k, v);
  let bodyKind: GraphParams['bodyKind'] = 'none';
  if (ctx.method !== 'GET' && ctx.body.length > 0) {
    const ct = ctx.contentType();
    if (ct === 'application/x-www-form-urlencoded') {
      bodyKind = 'form';
      for (const [k, v] of ctx.form()) put(k, v);
    } else if (ct === 'multipart/form-data') {
      bodyKind = 'multipart';
      const parts = ctx.multipart();
      if (!parts) violation('malformed multipart/form-data body', 400, paramError('Malformed multipart body'));
      for (const part of parts) {
        if (part.filename !== undefined) {
          if (files.has(part.name) || values.has(part.name)) {
            violation(`parameter ${part.name} given more than once`, 400, paramError(`Parameter ${part.name} was given more than once`));
          }
          files.set(part.name, part);
        } else put(part.name, part.data.toString('utf8'));
      }
    } else if (ct === 'application/json') {
      bodyKind = 'json';
      let parsed: unknown;
      try {
        parsed = ctx.json();
      } catch {
        violation('body is not valid JSON', 400, paramError('Invalid JSON body'));
      }
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
        violation('JSON body must be an object', 400, paramError('Invalid JSON body'));
      }
      for (const [k, v] of Object.entries(parsed as Record<string, unknown>)) put(k, v);
    } else {
      violation(`unsupported request content type ${JSON.stringify(ct)}`, 400, paramError(`Unsupported content type ${ct || '(none)'}`));
    }
  } else if (ctx.method === 'GET' && ctx.body.length > 0) {
    ctx.violation('GET request with a body');
  }
  return { values, files, bodyKind };
}

/** A parameter as a string (JSON numbers/booleans stringified, objects/arrays JSON-encoded), or undefined. */
export function str(p: GraphParams, name: string): string | undefined {
  const v = p.values.get(name);
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** A boolean parameter (Graph accepts true/false and 1/0); undefined when absent; violation when not boolean. */
export function bool(p: GraphParams, name: string): boolean | undefined {
  const v = p.values.get(name);
  if (v === undefined) return undefined;
  if (v === true || v === 'true' || v === '1' || v === 1) return true;
  if (v === false || v === 'false' || v === '0' || v === 0) return false;
  violation(`parameter ${name} must be a boolean, got ${JSON.stringify(v)}`, 400, paramError(`Param ${name} must be a boolean`));
}

/** A parameter that is a JSON value: parsed from a string, or as given in a JSON body. */
export function jsonParam(p: GraphParams, name: string): unknown {
  const v = p.values.get(name);
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v) as unknown;
  } catch {
    violation(`parameter ${name} is not valid JSON: ${JSON.stringify(v)}`, 400, paramError(`Param ${name} must be a valid JSON value`));
  }
}

/** Record (softly) parameters the endpoint does not document: Graph ignores them, but the client is off-contract. */
export function checkKnownParams(ctx: Ctx, p: GraphParams, allowed: readonly string[]): void {
  const all = new Set([...COMMON_PARAMS, ...allowed]);
  for (const k of [...p.values.keys(), ...p.files.keys()]) {
    const base = k.replace(/\[.*$/, '');
    if (!all.has(k) && !all.has(base)) ctx.violation(`undocumented parameter ${JSON.stringify(k)}`);
  }
}

/**
 * The access token, from the `access_token` parameter or `Authorization: Bearer|OAuth <token>`.
 * Missing → code 104; wrong → code 190; both given and different → violation.
 */
export function requireToken(ctx: Ctx, p: GraphParams, expected: string): void {
  const param = str(p, 'access_token');
  const m = /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(ctx.header('authorization') ?? '');
  const header = m?.[1];
  if (ctx.header('authorization') !== undefined && !header) {
    violation('malformed Authorization header (want "Bearer <token>" or "OAuth <token>")', 400, {
      message: 'Invalid OAuth access token - Cannot parse access token',
      type: 'OAuthException',
      code: 190,
    });
  }
  if (param !== undefined && header !== undefined && param !== header) {
    violation('access_token parameter and Authorization header disagree', 400, {
      message: 'Invalid OAuth access token - Cannot parse access token',
      type: 'OAuthException',
      code: 190,
    });
  }
  const token = param ?? header;
  if (token === undefined || token === '') {
    violation('no access token', 400, {
      message: 'An access token is required to request this resource.',
      type: 'OAuthException',
      code: 104,
    });
  }
  const a = Buffer.from(token);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) {
    violation('wrong access token', 400, {
      message: 'Invalid OAuth access token - Cannot parse access token',
      type: 'OAuthException',
      code: 190,
    });
  }
}

/** A URL parameter must be an absolute http(s) URL. */
export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// fields=, pagination, time
// ---------------------------------------------------------------------------------------------

/** Top-level names of a `fields=` value (nested `{…}` and `.limit(…)` modifiers are skipped). */
export function parseFields(v: string | undefined): string[] | undefined {
  if (v === undefined) return undefined;
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of v) {
    if (ch === '{' || ch === '(') depth++;
    else if (ch === '}' || ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && ch === ',') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out
    .map((f) => f.replace(/[{(.].*$/s, '').trim())
    .filter((f) => f !== '');
}

/**
 * Check requested fields against the node type's fields.
 * Unknown → (#100) Tried accessing nonexisting field; deprecated → the given error.
 */
export function checkFields(
  fields: string[],
  nodeType: string,
  allowed: readonly string[],
  deprecated: Record<string, GraphErrorBody> = {},
): void {
  for (const f of fields) {
    const dep = deprecated[f];
    if (dep) violation(`requested deprecated field ${JSON.stringify(f)} on ${nodeType}`, 400, dep);
    if (!allowed.includes(f)) {
      violation(`requested nonexisting field ${JSON.stringify(f)} on ${nodeType}`, 400, paramError(`Tried accessing nonexisting field (${f}) on node type (${nodeType})`));
    }
  }
}

/** Pick the requested fields from a full record (absent values are omitted, as Graph does). */
export function pick(full: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) if (full[f] !== undefined) out[f] = full[f];
  return out;
}

/** Graph's timestamp format: 2026-10-06T13:00:00+0000. */
export function graphTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, '+0000');
}

/** `since` / `until`: a Unix timestamp or anything Date.parse understands (Graph takes strtotime values). */
export function parseTimeParam(v: string | undefined, name: string): Date | undefined {
  if (v === undefined) return undefined;
  if (/^\d+$/.test(v)) return new Date(Number(v) * 1000);
  const t = Date.parse(v);
  if (Number.isNaN(t)) violation(`parameter ${name} is not a time: ${JSON.stringify(v)}`, 400, paramError(`Param ${name} must be a valid time`));
  return new Date(t);
}

function encodeCursor(i: number): string {
  return Buffer.from(`i:${i}`).toString('base64url');
}
function decodeCursor(c: string, name: string): number {
  const m = /^i:(\d+)$/.exec(Buffer.from(c, 'base64url').toString('utf8'));
  if (!m) violation(`invalid ${name} cursor ${JSON.stringify(c)}`, 400, paramError(`Invalid ${name} cursor`));
  return Number(m[1]);
}

/**
 * Cursor-based pagination: `limit` (default 25, max 100), `after` / `before` cursors.
 * Returns {data, paging:{cursors:{before,after}, next?, previous?}} ({data:[]} when empty).
 */
export function paginate<T>(items: readonly T[], ctx: Ctx, p: GraphParams, baseUrl: string): { data: T[]; paging?: unknown } {
  const limitStr = str(p, 'limit');
  let limit = 25;
  if (limitStr !== undefined) {
    if (!/^\d+$/.test(limitStr) || Number(limitStr) < 1) {
      violation(`invalid limit ${JSON.stringify(limitStr)}`, 400, paramError('Param limit must be a positive integer'));
    }
    limit = Math.min(100, Number(limitStr));
  }
  const after = str(p, 'after');
  const before = str(p, 'before');
  let start = 0;
  if (after !== undefined) start = decodeCursor(after, 'after') + 1;
  else if (before !== undefined) start = Math.max(0, decodeCursor(before, 'before') - limit);
  const data = items.slice(start, start + limit);
  if (data.length === 0) return { data };
  const first = start;
  const last = start + data.length - 1;
  const paging: Record<string, unknown> = { cursors: { before: encodeCursor(first), after: encodeCursor(last) } };
  const link = (cursorName: string, cursor: string): string => {
    const q = new URLSearchParams(ctx.query);
    q.delete('after');
    q.delete('before');
    q.set('limit', String(limit));
    q.set(cursorName, cursor);
    return `${baseUrl}${ctx.path}?${q.toString()}`;
  };
  if (last < items.length - 1) paging.next = link('after', encodeCursor(last));
  if (first > 0) paging.previous = link('before', encodeCursor(first));
  return { data, paging };
}

/** Unicode code points (what a person counts as characters, emoji as one). */
export function charCount(s: string): number {
  return [...s].length;
}

// ---------------------------------------------------------------------------------------------
// Media: fetch by URL (as Meta's crawler does) and sniff the bytes
// ---------------------------------------------------------------------------------------------

export type MediaKind = 'jpeg' | 'png' | 'gif' | 'webp' | 'bmp' | 'tiff' | 'heic' | 'mp4' | 'mov';

/** One fetch the fake made: tests can assert media was really fetched. */
export interface MediaFetch {
  url: string;
  ok: boolean;
  status?: number;
  contentType?: string;
  bytes?: number;
  kind?: MediaKind;
  sha256?: string;
  width?: number;
  height?: number;
  /** Why the fetch was rejected (not ok). */
  reason?: string;
}

/** Identify image / video bytes by their magic numbers. */
export function sniff(b: Buffer): MediaKind | undefined {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (b.length >= 6 && /^GIF8[79]a$/.test(b.subarray(0, 6).toString('latin1'))) return 'gif';
  if (b.length >= 12 && b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  if (b.length >= 2 && b.subarray(0, 2).toString('latin1') === 'BM') return 'bmp';
  if (b.length >= 4 && (b.subarray(0, 4).equals(Buffer.from('II*\0', 'latin1')) || b.subarray(0, 4).equals(Buffer.from('MM\0*', 'latin1')))) return 'tiff';
  if (b.length >= 12 && b.subarray(4, 8).toString('latin1') === 'ftyp') {
    const brand = b.subarray(8, 12).toString('latin1');
    if (/^(heic|heix|mif1|msf1|hevc)$/.test(brand)) return 'heic';
    if (brand === 'qt  ') return 'mov';
    return 'mp4';
  }
  return undefined;
}

export function isImageKind(k: MediaKind | undefined): boolean {
  return k !== undefined && k !== 'mp4' && k !== 'mov';
}

/** Width and height of a JPEG (from its SOFn segment) or PNG (IHDR). */
export function imageSize(b: Buffer): { width: number; height: number } | undefined {
  const kind = sniff(b);
  if (kind === 'png' && b.length >= 24) return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  if (kind !== 'jpeg') return undefined;
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // EOI / SOS before any SOF
    const len = b.readUInt16BE(i + 2);
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof && i + 9 <= b.length) return { height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
    i += 2 + len;
  }
  return undefined;
}

export interface FetchOptions {
  maxBytes: number;
  timeoutMs: number;
}

/**
 * GET a media URL over HTTP like Meta's crawler (User-Agent facebookexternalhit), following up to
 * 5 redirects. Only http: is reachable from the fake (no internet); https: URLs are reported as
 * unreachable. Never throws.
 */
export async function fetchMedia(url: string, opts: FetchOptions): Promise<MediaFetch & { body?: Buffer }> {
  let current = url;
  for (let hop = 0; hop <= 5; hop++) {
    let u: URL;
    try {
      u = new URL(current);
    } catch {
      return { url, ok: false, reason: 'not a valid URL' };
    }
    if (u.protocol !== 'http:') return { url, ok: false, reason: `${u.protocol} URL is not reachable from the fake` };
    const res = await new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer } | { error: string }>((resolve) => {
      const req = http.get(u, { headers: { 'user-agent': 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)', accept: '*/*' } }, (r) => {
        const chunks: Buffer[] = [];
        let size = 0;
        r.on('data', (c: Buffer) => {
          size += c.length;
          if (size > opts.maxBytes) {
            r.destroy();
            resolve({ error: `larger than ${opts.maxBytes} bytes` });
            return;
          }
          chunks.push(c);
        });
        r.on('end', () => resolve({ status: r.statusCode ?? 0, headers: r.headers, body: Buffer.concat(chunks) }));
        r.on('error', (e) => resolve({ error: e.message }));
      });
      req.setTimeout(opts.timeoutMs, () => req.destroy(new Error(`timed out after ${opts.timeoutMs} ms`)));
      req.on('error', (e) => resolve({ error: e.message }));
    });
    if ('error' in res) return { url, ok: false, reason: res.error };
    if ([301, 302, 303, 307, 308].includes(res.status) && res.headers.location) {
      current = new URL(res.headers.location, u).toString();
      continue;
    }
    const contentType = res.headers['content-type'];
    const base = { url, status: res.status, bytes: res.body.length, ...(contentType ? { contentType } : {}) };
    if (res.status !== 200) return { ...base, ok: false, reason: `HTTP ${res.status}` };
    const kind = sniff(res.body);
    const size = imageSize(res.body);
    return {
      ...base,
      ok: true,
      body: res.body,
      ...(kind ? { kind } : {}),
      ...(size ? size : {}),
      sha256: createHash('sha256').update(res.body).digest('hex'),
    };
  }
  return { url, ok: false, reason: 'too many redirects' };
}

/** Drop the body before storing a fetch record. */
export function fetchRecord(f: MediaFetch & { body?: Buffer }): MediaFetch {
  const { body: _body, ...rest } = f;
  return rest;
}

// ---------------------------------------------------------------------------------------------
// Test helpers: bytes and a static media server
// ---------------------------------------------------------------------------------------------

/**
 * Bytes of a structurally valid baseline JPEG header with the given dimensions
 * (SOI, APP0/JFIF, SOF0, EOI) padded to `padTo` bytes. Enough for sniffing and size checks;
 * not meant to be decoded into pixels.
 */
export function jpegBytes(width: number, height: number, padTo = 0): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  const sof = Buffer.alloc(19);
  sof.writeUInt16BE(0xffc0, 0);
  sof.writeUInt16BE(17, 2);
  sof[4] = 8;
  sof.writeUInt16BE(height, 5);
  sof.writeUInt16BE(width, 7);
  sof[9] = 3;
  Buffer.from([1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]).copy(sof, 10);
  const head = Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof]);
  // Pad with a COM segment so the result stays a well-formed marker sequence.
  const padding: Buffer[] = [];
  let remaining = padTo - head.length - 2;
  while (remaining > 4) {
    const n = Math.min(remaining - 4, 65533);
    const com = Buffer.alloc(4 + n, 0x20);
    com.writeUInt16BE(0xfffe, 0);
    com.writeUInt16BE(n + 2, 2);
    padding.push(com);
    remaining -= 4 + n;
  }
  return Buffer.concat([head, ...padding, Buffer.from([0xff, 0xd9])]);
}

/** Bytes of a PNG signature + IHDR with the given dimensions. */
export function pngBytes(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(25);
  ihdr.writeUInt32BE(13, 0);
  ihdr.write('IHDR', 4, 'latin1');
  ihdr.writeUInt32BE(width, 8);
  ihdr.writeUInt32BE(height, 12);
  ihdr[16] = 8;
  ihdr[17] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), ihdr]);
}

/** Bytes starting with an ISO-BMFF `ftyp` box (an MP4 as far as sniffing goes). */
export function mp4Bytes(size = 64): Buffer {
  const b = Buffer.alloc(Math.max(size, 32));
  b.writeUInt32BE(24, 0);
  b.write('ftypisom', 4, 'latin1');
  b.writeUInt32BE(512, 12);
  b.write('isomiso2', 16, 'latin1');
  return b;
}

export interface StaticFile {
  body: Buffer | string;
  contentType?: string;
  status?: number;
}

export interface StaticServer {
  /** 'http://127.0.0.1:PORT/' (with trailing slash, like media_base_url). */
  url: string;
  /** Paths requested, in order, with their User-Agent. */
  hits: { path: string; userAgent: string | undefined }[];
  set(path: string, file: StaticFile): void;
  close(): Promise<void>;
}

/** A tiny static file server standing in for the practice's `media_base_url` (unknown paths → 404). */
export async function startStaticServer(files: Record<string, StaticFile> = {}): Promise<StaticServer> {
  const table = new Map<string, StaticFile>(Object.entries(files).map(([k, v]) => [k.startsWith('/') ? k : `/${k}`, v]));
  const hits: StaticServer['hits'] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const ua = req.headers['user-agent'];
    hits.push({ path, userAgent: Array.isArray(ua) ? ua[0] : ua });
    const f = table.get(path);
    if (!f) {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html><body>Not Found</body></html>');
      return;
    }
    const body = typeof f.body === 'string' ? Buffer.from(f.body) : f.body;
    res.writeHead(f.status ?? 200, { 'content-type': f.contentType ?? 'application/octet-stream', 'content-length': String(body.length) });
    res.end(req.method === 'HEAD' ? undefined : body);
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
    url: `http://127.0.0.1:${addr.port}/`,
    hits,
    set(path, file) {
      table.set(path.startsWith('/') ? path : `/${path}`, file);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A numeric-id generator starting at a given 15–18 digit base (Graph ids are numeric strings). */
export function numericIds(base: string): () => string {
  let n = BigInt(base);
  return () => {
    n += BigInt(1 + Math.floor(Math.random() * 7));
    return n.toString();
  };
}

// ---------------------------------------------------------------------------------------------
// Token debugging (GET /debug_token)
// ---------------------------------------------------------------------------------------------

/** What `GET /debug_token` says of the account's token (developers.facebook.com/docs/graph-api/reference/debug_token). */
export interface TokenFacts {
  /** The app the token belongs to; its app token `<id>|<secret>` may ask, as may the token itself. */
  appId?: string;
  appSecret?: string;
  /** Epoch seconds; 0 = never (a Page token from a long-lived user token). Default: 60 days from now. */
  expiresAt?: number;
  /** Epoch seconds when the token's data access ends (90 days after the user's last use). Default: 90 days from now. */
  dataAccessExpiresAt?: number;
  type?: 'PAGE' | 'USER';
  /** The Page or IG user the token is for. */
  profileId?: string;
  scopes?: string[];
}

/**
 * The debug_token route: the token asked about in `input_token`, the asker's token (the app token or the
 * token itself) in `access_token` or the Authorization header. An expired token answers 200 with
 * `is_valid: false` and `error` {code 190, subcode 463}; an unknown one, subcode 467.
 */
export function debugTokenRoute(token: string, facts: TokenFacts, now: () => Date): (ctx: Ctx) => Promise<Reply> {
  return graphRoute((ctx) => {
    const p = readParams(ctx);
    checkKnownParams(ctx, p, ['input_token']);
    const appToken = facts.appId && facts.appSecret ? `${facts.appId}|${facts.appSecret}` : undefined;
    const asker = str(p, 'access_token') ?? /^(?:Bearer|OAuth)\s+(\S+)\s*$/i.exec(ctx.header('authorization') ?? '')?.[1];
    if (!asker) violation('no access token', 400, { message: 'An access token is required to request this resource.', code: 104 });
    if (asker !== token && asker !== appToken) violation('debug_token asked with a token that is neither the app token nor the token itself', 400, { message: 'Invalid OAuth access token - Cannot parse access token', code: 190 });
    const input = str(p, 'input_token');
    if (!input) violation('debug_token without input_token', 400, paramError('(#100) The parameter input_token is required'));
    const nowSeconds = Math.floor(now().getTime() / 1000);
    const expiresAt = facts.expiresAt ?? nowSeconds + 60 * 86_400;
    const dataAccessExpiresAt = facts.dataAccessExpiresAt ?? nowSeconds + 90 * 86_400;
    const base = { app_id: facts.appId ?? '1234567890', type: facts.type ?? 'PAGE', application: 'Cedar Valley Publisher' };
    if (input !== token) {
      return ok({ data: { ...base, error: { code: 190, message: 'Invalid OAuth access token.', subcode: 467 }, is_valid: false, scopes: [] } });
    }
    if (expiresAt !== 0 && expiresAt <= nowSeconds) {
      const when = new Date(expiresAt * 1000).toUTCString();
      return ok({ data: { ...base, data_access_expires_at: dataAccessExpiresAt, error: { code: 190, message: `Error validating access token: Session has expired on ${when}.`, subcode: 463 }, expires_at: expiresAt, is_valid: false, scopes: facts.scopes ?? [] } });
    }
    return ok({
      data: {
        ...base,
        data_access_expires_at: dataAccessExpiresAt,
        expires_at: expiresAt,
        is_valid: true,
        issued_at: nowSeconds - 86_400,
        scopes: facts.scopes ?? [],
        ...(facts.profileId ? { profile_id: facts.profileId } : {}),
      },
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Insights (GET /{object-id}/insights)
// ---------------------------------------------------------------------------------------------

export interface InsightsRules {
  /** Metrics this object type has. */
  valid: readonly string[];
  /** Metrics Meta removed: asking for one fails the whole call, as any invalid metric does. */
  deprecated: readonly string[];
  /** Valid metrics this particular object does not support (a media product type): the call fails naming it. */
  unsupported?: readonly string[];
  /** What Graph has for each metric; one without a value is left out of `data`. */
  values: Record<string, number>;
}

export const INSIGHTS_PARAMS = ['metric', 'period', 'since', 'until', 'date_preset', 'breakdown', 'metric_type'];

/**
 * The answer of `GET /{id}/insights?metric=a,b[&period=lifetime]`: `{data:[{name, period, values:[{value}],
 * title, description, id}]}` for each metric that has a value. A missing `metric`, an invalid or deprecated
 * one (#100 "The value must be a valid insights metric", for the whole call) and a period other than
 * lifetime are refused; an unsupported metric fails with "…does not support the M metric for this media
 * product type" (a documented answer, not a client mistake).
 */
export function insightsReply(p: GraphParams, id: string, rules: InsightsRules): Reply {
  const metricParam = str(p, 'metric');
  if (!metricParam) violation('insights without metric', 400, { message: '(#100) The parameter metric is required', type: 'OAuthException', code: 100, error_subcode: 1504028 });
  const metrics = metricParam.split(',').map((m) => m.trim());
  for (const metric of metrics) {
    if (rules.deprecated.includes(metric)) violation(`deprecated insights metric ${metric}`, 400, paramError(`${metric} is no longer supported. The value must be a valid insights metric`));
    if (!rules.valid.includes(metric)) violation(`unknown insights metric ${metric}`, 400, paramError('The value must be a valid insights metric'));
  }
  const period = str(p, 'period');
  if (period !== undefined && period !== 'lifetime') violation(`period ${period}: these metrics are lifetime only`, 400, paramError(`The period ${period} is not supported for these metrics`));
  const refused = metrics.find((m) => rules.unsupported?.includes(m));
  if (refused) fail(400, paramError(`The Media Insights API does not support the ${refused} metric for this media product type.`, 2108006));
  const data = metrics
    .filter((m) => rules.values[m] !== undefined)
    .map((name) => ({ name, period: 'lifetime', values: [{ value: rules.values[name] }], title: name, description: `Lifetime ${name}`, id: `${id}/insights/${name}/lifetime` }));
  return ok({ data });
}
