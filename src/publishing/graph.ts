/**
 * What the Facebook and Instagram publishers share: calls to Meta's Graph API (GRAPH_VERSION, set
 * here only) and the reading of its answers.
 *
 * - The access token travels only in the `Authorization: Bearer` header: never in a URL or a body,
 *   and every message built here goes through the run's one redaction.
 * - Graph's error envelope `{error:{message, type, code, error_subcode, error_user_title,
 *   error_user_msg, is_transient, fbtrace_id}}` is read first, because Graph answers most failures
 *   with HTTP 400 and says what they are in `code`; then the statuses go through the common ladder
 *   of base.ts:
 *     rate limits (HTTP 400 with codes 4, 17, 32, 613, 80000–80014, or a gateway's 429) → 'rate-limited',
 *       waiting what `X-Business-Use-Case-Usage` / `X-App-Usage` / `X-Page-Usage`
 *       (`estimated_time_to_regain_access`, in minutes) or `Retry-After` say;
 *     a missing, invalid or expired token (102, 104, 190) or a token without the permission
 *       (10, 200–299) → 'credentials' (every post of the network would fail the same way);
 *     5xx and transient errors (codes 1 and 2, `is_transient`) → 'ambiguous' on a call that creates
 *       the post (it may exist), 'retryable' otherwise;
 *     any other 4xx → 'final', with Graph's own message.
 */
import type { HttpClient, HttpResponse } from '../http/client.js';
import { CallError } from '../http/errors.js';
import { expiryCheck, failedCheck, failureOf, type NetworkErrors } from './base.js';
import type { CheckResult } from './types.js';

/** The Graph API version every Facebook and Instagram call uses (v26.0, released 2026-07-29). */
export const GRAPH_VERSION = 'v26.0';

/** A throttled call whose answer gives no time to wait (the platform limits' X-App-Usage has none). */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 5 * 60_000;
/** Graph rounds its estimate to whole minutes; 0 while throttled still means "not yet". */
const MIN_RATE_LIMIT_WAIT_MS = 60_000;

const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);
const TOKEN_CODES = new Set([102, 104, 190]);
const TRANSIENT_CODES = new Set([1, 2]);

export interface GraphErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_user_title?: string;
  error_user_msg?: string;
  is_transient?: boolean;
  fbtrace_id?: string;
}

/** The `error` object of a Graph answer, or undefined when the body is not Graph's error envelope. */
export function parseGraphError(body: string): GraphErrorBody | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    const error = parsed?.error;
    if (!error || typeof error !== 'object') return undefined;
    const e = error as Record<string, unknown>;
    const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined);
    const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
    const out: GraphErrorBody = {};
    const fields: [keyof GraphErrorBody, unknown][] = [
      ['message', text(e.message)],
      ['type', text(e.type)],
      ['code', num(e.code)],
      ['error_subcode', num(e.error_subcode)],
      ['error_user_title', text(e.error_user_title)],
      ['error_user_msg', text(e.error_user_msg)],
      ['is_transient', typeof e.is_transient === 'boolean' ? e.is_transient : undefined],
      ['fbtrace_id', text(e.fbtrace_id)],
    ];
    for (const [k, v] of fields) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
    return out;
  } catch {
    return undefined;
  }
}

export function isRateLimitCode(code: number | undefined): boolean {
  return code !== undefined && (RATE_LIMIT_CODES.has(code) || (code >= 80000 && code <= 80014));
}

/**
 * How long the rate-limit headers of an answer say to wait, in ms, or undefined when they say nothing.
 * `estimated_time_to_regain_access` (minutes) is read from X-Business-Use-Case-Usage
 * (`{"<object id>": [{type, call_count, …, estimated_time_to_regain_access}]}`) and from
 * X-App-Usage / X-Page-Usage when present; the longest wait wins. `Retry-After` (seconds or a date)
 * is honoured for gateways that answer 429.
 */
export function rateLimitWaitMs(headers: Record<string, string>, now: Date = new Date()): number | undefined {
  const waits: number[] = [];
  for (const name of ['x-business-use-case-usage', 'x-app-usage', 'x-page-usage', 'x-ad-account-usage']) {
    const raw = headers[name];
    if (!raw) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      continue;
    }
    collectRegainMinutes(parsed, waits, 0);
  }
  const retryAfter = headers['retry-after']?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) waits.push(Number(retryAfter) * 1000);
    else {
      const at = Date.parse(retryAfter);
      if (!Number.isNaN(at)) waits.push(Math.max(0, at - now.getTime()));
    }
  }
  if (waits.length === 0) return undefined;
  return Math.max(MIN_RATE_LIMIT_WAIT_MS, ...waits);
}

function collectRegainMinutes(value: unknown, out: number[], depth: number): void {
  if (depth > 4 || !value || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const v of value) collectRegainMinutes(v, out, depth + 1);
    return;
  }
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k === 'estimated_time_to_regain_access') {
      const minutes = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
      if (Number.isFinite(minutes) && minutes >= 0) out.push(minutes * 60_000);
    } else collectRegainMinutes(v, out, depth + 1);
  }
}

/** Text as compared when looking for a post on the account: line ends, Unicode form and outer space evened out. */
export function comparableText(text: string | undefined): string {
  return (text ?? '')
    .replace(/\r\n?/g, '\n')
    .normalize('NFC')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}

/** What a Graph call is for, as a person reads it ("uploading photo 1 of 2"), and whether it creates the post. */
export interface GraphCall {
  what: string;
  /** The call makes the post visible: a failure after sending leaves the outcome unknown. */
  creates?: boolean;
}

export interface GraphClientOptions {
  http: HttpClient;
  /** The account's checked base URL: Graph's own host, or its `api_url`. */
  baseUrl: string;
  token: string;
  /** The environment variable the token came from, named (never its value) in credential errors. */
  tokenVariable: string;
  /** 'Facebook' or 'Instagram', for messages. */
  network: string;
}

/** Graph API calls with the token in the Authorization header, and failures as safe `CallError`s. */
export class GraphClient {
  readonly base: string;

  constructor(private readonly options: GraphClientOptions) {
    this.base = `${options.baseUrl.replace(/\/+$/, '')}/${GRAPH_VERSION}`;
    options.http.redactor.add(options.token);
  }

  /** GET `/{version}/{path}?query`: reads are never the create call. */
  get<T>(path: string, query: Record<string, string>, call: GraphCall): Promise<T> {
    const search = new URLSearchParams(query).toString();
    return this.send<T>('GET', `${this.url(path)}${search ? `?${search}` : ''}`, undefined, call);
  }

  /** POST `/{version}/{path}` with the parameters as an application/x-www-form-urlencoded body. */
  post<T>(path: string, params: Record<string, string>, call: GraphCall): Promise<T> {
    return this.send<T>('POST', this.url(path), new URLSearchParams(params).toString(), call);
  }

  private url(path: string): string {
    return `${this.base}/${path.split('/').map(encodeURIComponent).join('/')}`;
  }

  private async send<T>(method: 'GET' | 'POST', url: string, body: string | undefined, call: GraphCall): Promise<T> {
    const { http } = this.options;
    const headers: Record<string, string> = { authorization: `Bearer ${this.options.token}`, accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    let response: HttpResponse;
    try {
      response = await http.send({ method, url, headers, ...(body !== undefined ? { body } : {}), ...(call.creates ? { creates: true } : {}) });
    } catch (error) {
      if (error instanceof CallError) throw new CallError(error.kind, http.redact(`${call.what}: ${error.message}`), error.waitMs);
      throw new CallError(call.creates ? 'ambiguous' : 'retryable', http.redact(`${call.what}: ${(error as Error)?.message ?? String(error)}`));
    }
    if (response.status >= 200 && response.status < 300) {
      try {
        return response.json<T>();
      } catch {
        // Something answered "done" in a shape that is not Graph's: the post may exist.
        throw new CallError(call.creates ? 'ambiguous' : 'retryable', `${call.what}: ${this.options.network} answered HTTP ${response.status} with a body that is not JSON`);
      }
    }
    throw this.failure(response, call);
  }

  /** The CallError for a non-2xx answer: Graph's codes first, then the common ladder. */
  failure(response: HttpResponse, call: GraphCall): CallError {
    const error = parseGraphError(response.text());
    const { network, tokenVariable } = this.options;
    const errors: NetworkErrors = {
      label: network,
      explain: () => describe(response, error),
      rateLimit: () => {
        const waitMs = rateLimitWaitMs(response.headers) ?? (error?.code === 9 ? 60 * 60_000 : DEFAULT_RATE_LIMIT_WAIT_MS);
        return { waitMs, says: `access returns in about ${Math.ceil(waitMs / 60_000)} min` };
      },
      credentials: (status, what, said) => `${network} refused the token in ${tokenVariable} while ${what} (HTTP ${status}${said})`,
      special: (_response, step, what, said) => graphSpecial(response, error, { network, tokenVariable, what, said, creates: step === 'create' }),
    };
    return failureOf(response, call.creates ? 'create' : 'read', call.what, errors, this.options.http);
  }
}

interface GraphCase {
  network: string;
  tokenVariable: string;
  what: string;
  said: string;
  creates: boolean;
}

/** What Graph's error code says, whatever the HTTP status (Graph answers most failures with 400). */
function graphSpecial(response: HttpResponse, error: GraphErrorBody | undefined, c: GraphCase): CallError | undefined {
  const code = error?.code;
  const { network, tokenVariable, what, said } = c;
  if (response.status !== 429 && (isRateLimitCode(code) || (code === 9 && error?.error_subcode === 2207042))) {
    const waitMs = rateLimitWaitMs(response.headers) ?? (code === 9 ? 60 * 60_000 : DEFAULT_RATE_LIMIT_WAIT_MS);
    return new CallError('rate-limited', `${network} rate limit reached while ${what} (HTTP ${response.status}${said}); access returns in about ${Math.ceil(waitMs / 60_000)} min`, waitMs);
  }
  if (code !== undefined && TOKEN_CODES.has(code)) {
    return new CallError('credentials', `${network} rejected the token in ${tokenVariable} while ${what} (HTTP ${response.status}${said}): renew the token and update the secret`);
  }
  if (code !== undefined && (code === 10 || (code >= 200 && code <= 299))) {
    return new CallError('credentials', `the token in ${tokenVariable} lacks a permission ${network} needs for ${what} (HTTP ${response.status}${said})`);
  }
  const transient = response.status < 500 && (error?.is_transient === true || (code !== undefined && TRANSIENT_CODES.has(code)));
  if (transient) {
    return c.creates
      ? new CallError('ambiguous', `${network} answered HTTP ${response.status} while ${what}${said}: the post may exist`)
      : new CallError('retryable', `${network} answered HTTP ${response.status} while ${what}${said}`);
  }
  return undefined;
}

/** Graph's own explanation: message, the user-facing title and text, code and subcode, trace id. */
function describe(response: HttpResponse, error: GraphErrorBody | undefined): string {
  if (!error) return response.text();
  // The code first: a long message is shortened, and the code is what Meta's documentation explains.
  const code = error.code !== undefined ? `code ${error.code}${error.error_subcode !== undefined ? `/${error.error_subcode}` : ''}: ` : '';
  const user = [error.error_user_title, error.error_user_msg].filter(Boolean).join(': ');
  const text = [error.message ?? 'no message', user].filter(Boolean).join(' — ');
  const trace = error.fbtrace_id ? ` (fbtrace_id ${error.fbtrace_id})` : '';
  return `${code}${text}${trace}`;
}

/** The token from the environment, or a 'credentials' error naming the variable (never a value). */
export function requireToken(env: NodeJS.ProcessEnv, variable: string, network: string): string {
  const token = env[variable]?.trim();
  if (!token) throw new CallError('credentials', `${variable} is not set: ${network} needs it to publish (set it as a CI secret)`);
  return token;
}

export const APP_ID_VARIABLE = 'PLAN_META_APP_ID';
export const APP_SECRET_VARIABLE = 'PLAN_META_APP_SECRET';

interface DebuggedToken {
  data?: { is_valid?: unknown; expires_at?: unknown; data_access_expires_at?: unknown; error?: { message?: unknown } };
}

/**
 * `plan doctor`'s expiry lines for a Meta token, from `GET /debug_token?input_token=…`, asked with the app
 * token (`PLAN_META_APP_ID|PLAN_META_APP_SECRET`) when both are set, else with the token itself.
 * `expires_at` 0 means the token does not expire; `data_access_expires_at` is when its data access ends.
 */
export async function tokenExpiryChecks(
  options: { http: HttpClient; baseUrl: string; token: string; tokenVariable: string; network: string; env: NodeJS.ProcessEnv; now: Date },
  renew: string,
): Promise<CheckResult[]> {
  const { env, now, tokenVariable } = options;
  const name = `${options.network.toLowerCase()}: token expiry`;
  const appId = env[APP_ID_VARIABLE]?.trim();
  const appSecret = env[APP_SECRET_VARIABLE]?.trim();
  const asker = appId && appSecret ? `${appId}|${appSecret}` : options.token;
  const graph = new GraphClient({ ...options, token: asker });
  let debugged: DebuggedToken;
  try {
    debugged = await graph.get<DebuggedToken>('debug_token', { input_token: options.token }, { what: 'reading the token’s expiry (debug_token)' });
  } catch (error) {
    return [failedCheck(name, error, renew)];
  }
  const data = debugged.data ?? {};
  const seconds = (value: unknown) => (typeof value === 'number' && value > 0 ? new Date(value * 1000) : undefined);
  if (data.is_valid !== true) {
    const expired = seconds(data.expires_at);
    if (expired && expired <= now) return [expiryCheck(name, tokenVariable, expired, now, renew)];
    const why = typeof data.error?.message === 'string' ? `: ${options.http.excerpt(data.error.message)}` : '';
    return [{ name, status: 'error', message: `${options.network} says ${tokenVariable} is not valid${why}`, fix: renew }];
  }
  const checks = [expiryCheck(name, tokenVariable, seconds(data.expires_at), now, renew)];
  const dataAccess = seconds(data.data_access_expires_at);
  if (dataAccess) checks.push(expiryCheck(`${options.network.toLowerCase()}: data access`, `the data access of ${tokenVariable}`, dataAccess, now, renew));
  return checks;
}
