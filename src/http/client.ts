import { EnvHttpProxyAgent, errors, request, type Dispatcher } from 'undici';
import { CallError } from './errors.js';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer | Uint8Array;
  /** The call creates something remotely: a failure after it was sent leaves the outcome unknown. */
  creates?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  text(): string;
  json<T = unknown>(): T;
}

export interface HttpOptions {
  /** How long to wait for response headers and body (default 30 s). */
  timeoutMs?: number;
  /** Values that must never appear in an error message (tokens, passwords). */
  secrets?: readonly string[];
}

// Raised before any byte of the request left: nothing can have been created.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** HTTP through undici, honouring HTTPS_PROXY / NO_PROXY, turning transport failures into `CallError`s. */
export class HttpClient {
  private readonly dispatcher: Dispatcher;
  private readonly secrets: readonly string[];

  constructor(options: HttpOptions = {}) {
    const timeout = options.timeoutMs ?? 30_000;
    this.dispatcher = new EnvHttpProxyAgent({ headersTimeout: timeout, bodyTimeout: timeout, connectTimeout: Math.min(timeout, 10_000) });
    this.secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
  }

  async send(call: HttpRequest): Promise<HttpResponse> {
    try {
      const response = await request(call.url, { method: call.method, headers: call.headers, body: call.body, dispatcher: this.dispatcher });
      const body = Buffer.from(await response.body.arrayBuffer());
      const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : String(v ?? '')]));
      return { status: response.statusCode, headers, body, text: () => body.toString('utf8'), json: <T>() => JSON.parse(body.toString('utf8')) as T };
    } catch (error) {
      throw this.transportError(call, error);
    }
  }

  /** Removes any secret from text that may reach a log. */
  redact(text: string): string {
    return this.secrets.reduce((out, secret) => out.split(secret).join('[redacted]'), text);
  }

  private transportError(call: HttpRequest, error: unknown): CallError {
    const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code ?? '';
    const where = `${call.method} ${new URL(call.url).host}${new URL(call.url).pathname}`;
    if (NOT_SENT.has(code)) return new CallError('retryable', this.redact(`could not connect for ${where} (${code}): nothing was sent`));
    const timedOut = error instanceof errors.HeadersTimeoutError || error instanceof errors.BodyTimeoutError;
    const what = timedOut ? 'no answer in time' : `the connection broke (${code || 'socket closed'})`;
    if (call.creates) return new CallError('ambiguous', this.redact(`${where}: ${what} after the request was sent: the post may exist`));
    return new CallError('retryable', this.redact(`${where}: ${what}`));
  }
}

/** Removes the secrets (raw and percent-encoded) and any bearer token from text that may be printed, and shortens it. */
export function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of [secret, encodeURIComponent(secret)]) out = out.split(form).join('[redacted]');
  }
  return out
    .replace(/\b(Bearer|Basic)\s+[^\s"',\\]+/gi, '$1 [redacted]')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 400);
}

/** The response body as JSON, or undefined when it is not JSON (an HTML error page, an empty body). */
export function parseJson<T>(response: HttpResponse): T | undefined {
  try {
    return response.json<T>();
  } catch {
    return undefined;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
