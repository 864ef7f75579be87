/**
 * What every HTTP publisher shares: the endpoint check made before any call, the credential variables
 * read from the environment, the one redaction of everything printed, and the ladder that turns an
 * unsuccessful answer into a `CallError` the orchestrator can act on:
 *
 *   429                 → 'rate-limited', waiting what the network's rate-limit headers say
 *   401, 403            → 'credentials' (every post of the network would fail the same way; after a
 *                         401 no further call of the run is made)
 *   408, 5xx            → 'ambiguous' on the call that creates the post (it may exist), else 'retryable'
 *   any other 4xx       → 'final', with the network's own message
 *
 * Each network supplies only what differs: how to read its error envelope, its rate-limit headers,
 * what to tell the user about its credentials, and the few answers it gives a meaning of its own.
 */
import type { HttpClient, HttpRequest, HttpResponse } from '../http/client.js';
import { CallError } from '../http/errors.js';
import { endpointOf, endpointProblem } from '../networks/endpoints.js';
import type { NetworkId } from '../loading/schemas/index.js';
import type { AccountOf, CheckResult, PublishedPost, Publisher, PublisherOptions, PublishHooks } from './types.js';
import type { PreparedPost } from '../networks/prepare.js';

/** What a call is for: the create call's failures may hide a success. */
export type Step = 'login' | 'create' | 'upload' | 'read';

/** How long plan quotes a network's own explanation at most. */
const DETAIL_LENGTH = 300;

export interface RateLimit {
  waitMs: number;
  /** How the wait was decided, e.g. "it resets in 42 s". */
  says: string;
}

/** What a network tells about its failures that the ladder cannot know. */
export interface NetworkErrors {
  /** The network's name in messages, e.g. "Mastodon". */
  label: string;
  /** What the create call makes, in messages ("post", "status"). */
  noun?: string;
  /** The network's own explanation of an unsuccessful answer, read from its error envelope. */
  explain(response: HttpResponse): string;
  /** After a 429: how long to wait, from the network's rate-limit headers. */
  rateLimit(response: HttpResponse, now: number): RateLimit;
  /** The message for a 401 or 403: which variables to check, and what the account needs. */
  credentials(status: number, what: string, said: string): string;
  /** An answer with a meaning of its own on this network (a 403 about the post, not the token), before the ladder. */
  special?(response: HttpResponse, step: Step, what: string, said: string): CallError | undefined;
}

/** The CallError for an unsuccessful answer: the network's own cases first, then the common ladder. */
export function failureOf(response: HttpResponse, step: Step, what: string, errors: NetworkErrors, http: HttpClient): CallError {
  const status = response.status;
  const detail = http.excerpt(errors.explain(response), DETAIL_LENGTH);
  const said = detail ? `: ${detail}` : '';
  const special = errors.special?.(response, step, what, said);
  if (special) return new CallError(special.kind, http.redact(special.message), special.waitMs);
  const { label } = errors;
  let error: CallError;
  if (status === 429) {
    const limit = errors.rateLimit(response, Date.now());
    error = new CallError('rate-limited', `${label} rate limit reached while ${what} (HTTP 429${said}); ${limit.says}`, limit.waitMs);
  } else if (status === 401 || status === 403) {
    error = new CallError('credentials', errors.credentials(status, what, said));
  } else if (status === 408 || status >= 500) {
    error =
      step === 'create'
        ? new CallError('ambiguous', `${label} answered HTTP ${status} while ${what}${said}: the ${errors.noun ?? 'post'} may exist`)
        : new CallError('retryable', `${label} answered HTTP ${status} while ${what}${said}`);
  } else {
    error = new CallError('final', `${label} refused ${what} (HTTP ${status})${said}`);
  }
  return new CallError(error.kind, http.redact(error.message), error.waitMs);
}

/**
 * The 'credentials' error when an account's endpoint may not receive its credentials (plain http to
 * another machine, an https host that is not the network's own and not allowed by the run's
 * environment), or undefined when it may.
 */
export function endpointRefusal(network: NetworkId, account: AccountOf<NetworkId>, env: NodeJS.ProcessEnv): CallError | undefined {
  const endpoint = endpointOf(network, account);
  const problem = endpointProblem(endpoint, env);
  if (!problem) return undefined;
  return new CallError('credentials', `plans/networks.yaml, ${network}.${endpoint.field ?? 'api_url'}: nothing was sent, because ${problem}`);
}

/** The base URL of an account's API calls, once the endpoint check allowed it; throws the refusal otherwise. */
export function allowedBaseUrl(network: NetworkId, account: AccountOf<NetworkId>, env: NodeJS.ProcessEnv): string {
  const refusal = endpointRefusal(network, account, env);
  if (refusal) throw refusal;
  return endpointOf(network, account).baseUrl;
}

/** The skeleton of a publisher that calls its network over HTTP. */
export abstract class HttpPublisher<N extends NetworkId> implements Publisher {
  readonly network: N;
  /** The base URL the API's paths are appended to (checked: this account may send its credentials there). */
  protected readonly base: string;
  protected readonly http: HttpClient;
  private readonly env: NodeJS.ProcessEnv;
  /** Set once the network rejected the credentials: every later call of the run would fail the same way, so none is made. */
  private rejected: CallError | undefined;

  protected constructor(
    network: N,
    options: PublisherOptions<N>,
    private readonly errors: NetworkErrors,
  ) {
    this.network = network;
    this.base = allowedBaseUrl(network, options.account as AccountOf<NetworkId>, options.env);
    this.http = options.http;
    this.env = options.env;
  }

  abstract publish(post: PreparedPost, hooks: PublishHooks): Promise<PublishedPost>;
  abstract findExisting(post: PreparedPost): Promise<PublishedPost | undefined>;

  /** The values of the variables, or a 'credentials' error naming those missing (never a value). */
  protected variables(names: readonly string[], hint: string): string[] {
    if (this.rejected) throw this.rejected;
    const values = names.map((name) => this.env[name]?.trim() ?? '');
    const missing = names.filter((_, index) => !values[index]);
    if (missing.length) throw new CallError('credentials', `${this.errors.label} needs ${listNames(names)} (missing: ${missing.join(', ')}): ${hint}`);
    this.http.redactor.add(...values);
    return values;
  }

  /** The CallError for an unsuccessful answer; a refused login or token stops the network for the run. */
  protected failure(response: HttpResponse, step: Step, what: string): CallError {
    const error = failureOf(response, step, what, this.errors, this.http);
    if (error.kind === 'credentials' && (response.status === 401 || step === 'login')) this.rejected = error;
    return error;
  }

  /** Stops the network for the run with this 'credentials' message. */
  protected reject(message: string): CallError {
    this.rejected = new CallError('credentials', this.http.redact(message));
    return this.rejected;
  }

  /** The refusal that stopped the network for this run, if any. */
  protected get rejection(): CallError | undefined {
    return this.rejected;
  }

  /** The network's own explanation of an answer, redacted and shortened. */
  protected detail(response: HttpResponse): string {
    return this.http.excerpt(this.errors.explain(response), DETAIL_LENGTH);
  }
}

/** "A, B and C". */
export function listNames(names: readonly string[]): string {
  return names.length < 2 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}


// ---- what `plan doctor` shares with the publishers

/** How long before a token expires `plan doctor` starts warning. */
export const EXPIRY_WARNING_MS = 14 * 86_400_000;

/** One call of a doctor check: its answer when successful, else the ladder's CallError. */
export async function checkedCall(http: HttpClient, request: HttpRequest, errors: NetworkErrors, what: string): Promise<HttpResponse> {
  const response = await http.send(request);
  if (response.status >= 200 && response.status < 300) return response;
  throw failureOf(response, 'read', what, errors, http);
}

/** The doctor line for a token's expiry: an error once past, a warning two weeks ahead. */
export function expiryCheck(name: string, what: string, expiresAt: Date | undefined, now: Date, renew: string): CheckResult {
  if (!expiresAt) return { name, status: 'ok', message: `${what} does not expire` };
  const day = expiresAt.toISOString().slice(0, 10);
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return { name, status: 'error', message: `${what} expired on ${day}`, fix: renew };
  const days = Math.ceil(left / 86_400_000);
  if (left < EXPIRY_WARNING_MS) return { name, status: 'warning', message: `${what} expires on ${day}, in ${days} day${days === 1 ? '' : 's'}`, fix: renew };
  return { name, status: 'ok', message: `${what} is valid until ${day}` };
}

/** The doctor line for a check whose call failed: a refused credential is to fix; a rate limit only delays the check. */
export function failedCheck(name: string, error: unknown, fix: string): CheckResult {
  if (!(error instanceof CallError)) throw error;
  if (error.kind === 'rate-limited') return { name, status: 'warning', message: `not checked now: ${error.message}`, fix: 'run plan doctor again later' };
  return { name, status: 'error', message: error.message, fix };
}
