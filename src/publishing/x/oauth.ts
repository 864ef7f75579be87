/**
 * OAuth 1.0a request signing (RFC 5849), HMAC-SHA1, as X's user-context authentication uses it.
 *
 * Only what `plan` needs: signing a request made with an access token the user already has (no
 * request-token or authorization steps). Parameters in a JSON or multipart body are not signed;
 * parameters of an `application/x-www-form-urlencoded` body are (pass them as `formParams`).
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface OAuthCredentials {
  /** API key (consumer key). */
  consumerKey: string;
  /** API key secret (consumer secret). */
  consumerSecret: string;
  /** Access token of the user. */
  token: string;
  /** Access token secret. */
  tokenSecret: string;
}

export interface SignOptions {
  /** Fixed nonce (tests); default 32 random hex characters. */
  nonce?: string;
  /** Fixed timestamp in seconds since the epoch (tests); default now. */
  timestamp?: number | string;
  /** Parameters of an application/x-www-form-urlencoded body, decoded. */
  formParams?: readonly (readonly [string, string])[];
}

export interface SignedRequest {
  /** The value of the `Authorization` header. A secret: never print it. */
  header: string;
  /** The signature alone (base64), so that it can be scrubbed from anything printed. */
  signature: string;
}

/** Percent-encoding of RFC 3986 §2.1 as RFC 5849 §3.6 requires: everything but A-Z a-z 0-9 - . _ ~, UTF-8, upper-case hex. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** The base string URI (RFC 5849 §3.4.1.2): lower-case scheme and host, default port left out, path, no query. */
export function baseStringUri(url: URL): string {
  // URL already lower-cases the scheme and host and drops a default port (80 for http, 443 for https).
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/**
 * The signature base string (RFC 5849 §3.4.1): METHOD&uri&params, where params are the URL's query
 * parameters plus `params` (the oauth_* ones and any form body ones), encoded, sorted by name then value.
 */
export function signatureBaseString(method: string, url: string, params: readonly (readonly [string, string])[]): string {
  const parsed = new URL(url);
  const all: [string, string][] = [...parsed.searchParams].map(([k, v]) => [percentEncode(k), percentEncode(v)]);
  for (const [k, v] of params) all.push([percentEncode(k), percentEncode(v)]);
  all.sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const normalized = all.map(([k, v]) => `${k}=${v}`).join('&');
  return [method.toUpperCase(), percentEncode(baseStringUri(parsed)), percentEncode(normalized)].join('&');
}

/** HMAC-SHA1 of the base string keyed by `consumerSecret&tokenSecret` (RFC 5849 §3.4.2), base64. */
export function hmacSha1Signature(baseString: string, consumerSecret: string, tokenSecret: string): string {
  const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
  return createHmac('sha1', key).update(baseString).digest('base64');
}

/** A fresh nonce: 16 random bytes as 32 hex characters (unique per request, only letters and digits). */
export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

/** Signs one request and returns its `Authorization: OAuth …` header value (RFC 5849 §3.5.1). */
export function signRequest(credentials: OAuthCredentials, method: string, url: string, options: SignOptions = {}): SignedRequest {
  const oauth: [string, string][] = [
    ['oauth_consumer_key', credentials.consumerKey],
    ['oauth_nonce', options.nonce ?? newNonce()],
    ['oauth_signature_method', 'HMAC-SHA1'],
    ['oauth_timestamp', String(options.timestamp ?? Math.floor(Date.now() / 1000))],
    ['oauth_token', credentials.token],
    ['oauth_version', '1.0'],
  ];
  const base = signatureBaseString(method, url, [...oauth, ...(options.formParams ?? [])]);
  const signature = hmacSha1Signature(base, credentials.consumerSecret, credentials.tokenSecret);
  const fields = [...oauth, ['oauth_signature', signature] as [string, string]].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const header = `OAuth ${fields.map(([k, v]) => `${percentEncode(k)}="${percentEncode(v)}"`).join(', ')}`;
  return { header, signature };
}
