import { EnvHttpProxyAgent, request, type Dispatcher } from 'undici';
import { CallError } from './errors.js';
import { Redactor, secretsIn } from './redact.js';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';
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
  /** The deadline of a whole call: connecting, the answer's headers and its body together (default 30 s). */
  timeoutMs?: number;
  /** The largest answer body read; a longer one fails the call (default 4 MB). */
  maxBodyBytes?: number;
  /** Values that must never appear, whole or in part, in anything printed (tokens, passwords). */
  secrets?: readonly string[];
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
const CONNECT_TIMEOUT_MS = 10_000;

// Raised before any byte of the request left: nothing can have been created.
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT', 'EHOSTUNREACH', 'ENETUNREACH']);

/** Why a call stopped before its answer was whole. */
class Stopped extends Error {
  constructor(readonly why: 'deadline' | 'too large') {
    super(why);
  }
}

/** The client of a run: its deadline from PLAN_HTTP_TIMEOUT_MS, and every credential of the environment kept out of what it prints. */
export function httpClientFor(env: NodeJS.ProcessEnv): HttpClient {
  const timeout = Number(env.PLAN_HTTP_TIMEOUT_MS);
  return new HttpClient({ secrets: secretsIn(env), ...(Number.isFinite(timeout) && timeout > 0 ? { timeoutMs: timeout } : {}) });
}

/** HTTP through undici, honouring HTTPS_PROXY / NO_PROXY, turning transport failures into `CallError`s. */
export class HttpClient {
  private readonly dispatcher: Dispatcher;
  private readonly timeoutMs: number;
  private readonly maxBodyBytes: number;
  /** The run's one redaction: publishers add the secrets they learn (session tokens, signatures). */
  readonly redactor: Redactor;

  constructor(options: HttpOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    const timeout = this.timeoutMs;
    this.dispatcher = new EnvHttpProxyAgent({ headersTimeout: timeout, bodyTimeout: timeout, connectTimeout: Math.min(timeout, CONNECT_TIMEOUT_MS) });
    this.redactor = new Redactor(options.secrets ?? []);
  }

  async send(call: HttpRequest): Promise<HttpResponse> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new Stopped('deadline')), this.timeoutMs);
    try {
      const response = await request(call.url, { method: call.method, headers: call.headers, body: call.body, dispatcher: this.dispatcher, signal: deadline.signal });
      const body = await this.readBody(response, deadline);
      const headers = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : String(v ?? '')]));
      return { status: response.statusCode, headers, body, text: () => body.toString('utf8'), json: <T>() => JSON.parse(body.toString('utf8')) as T };
    } catch (error) {
      throw this.transportError(call, deadline.signal.aborted ? (deadline.signal.reason as Stopped) : error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Removes every fragment of a secret from text that may reach a log. */
  redact(text: string): string {
    return this.redactor.redact(text);
  }

  /** Redacted, on one line, then shortened: what a message may quote of a server's answer. */
  excerpt(text: string, max?: number): string {
    return this.redactor.excerpt(text, max);
  }

  private async readBody(response: Dispatcher.ResponseData, deadline: AbortController): Promise<Buffer> {
    const declared = Number(response.headers['content-length']);
    const tooLarge = () => {
      deadline.abort(new Stopped('too large'));
      return new Stopped('too large');
    };
    if (Number.isFinite(declared) && declared > this.maxBodyBytes) throw tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body) {
      size += (chunk as Buffer).length;
      if (size > this.maxBodyBytes) throw tooLarge();
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }

  private transportError(call: HttpRequest, error: unknown): CallError {
    const url = new URL(call.url);
    const where = `${call.method} ${url.host}${url.pathname}`;
    const code = (error as { code?: string }).code ?? (error as { cause?: { code?: string } }).cause?.code ?? '';
    if (NOT_SENT.has(code)) return new CallError('retryable', this.redact(`could not connect for ${where} (${code}): nothing was sent`));
    const what = this.describeStop(error, code);
    if (call.creates) return new CallError('ambiguous', this.redact(`${where}: ${what} after the request was sent: the post may exist`));
    return new CallError('retryable', this.redact(`${where}: ${what}`));
  }

  /** Why the call stopped, for a person: the deadline, the size cap, or the connection. */
  private describeStop(error: unknown, code: string): string {
    if (error instanceof Stopped && error.why === 'deadline') return `no complete answer within ${seconds(this.timeoutMs)} (PLAN_HTTP_TIMEOUT_MS)`;
    if (error instanceof Stopped) return `the answer was larger than ${megabytes(this.maxBodyBytes)}, so plan stopped reading it`;
    if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return `no answer within ${seconds(this.timeoutMs)} (PLAN_HTTP_TIMEOUT_MS)`;
    return `the connection broke (${code || 'socket closed'})`;
  }
}

function megabytes(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  return `${mb >= 1 ? Math.round(mb) : mb.toFixed(2)} MB`;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
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
