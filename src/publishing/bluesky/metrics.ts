/**
 * The figures of posts on Bluesky: `app.bsky.feed.getPosts?uris=…&uris=…` (at most 25 at:// URIs a call,
 * the key repeated), asked of the account's PDS with the session of one login
 * (`com.atproto.server.createSession` with the app password); the PDS passes app.bsky calls on to its
 * AppView, which counts.
 *
 *   likeCount → reactions, replyCount → comments, repostCount + quoteCount → shares, bookmarkCount → saves
 *
 * Bluesky counts no impressions, reach or clicks. A post that was deleted is left out of `posts`: no
 * figures. Calls are paced by `ratelimit-remaining` / `ratelimit-reset` (epoch seconds).
 */
import { blueskyErrors, PASSWORD_VARIABLE } from './publisher.js';
import { batches, countsOf, readJson, sumOf, type MetricsReader, type MetricsReaderOptions, type MetricsTarget, type ReadResult } from '../metrics.js';
import type { Metrics } from '../../loading/metrics.js';
import { CallError } from '../../http/errors.js';
import type { NetworkErrors } from '../base.js';

/** getPosts takes at most 25 URIs (its lexicon's maxLength). */
const URIS_PER_CALL = 25;

interface PostView {
  uri?: unknown;
  likeCount?: unknown;
  replyCount?: unknown;
  repostCount?: unknown;
  quoteCount?: unknown;
  bookmarkCount?: unknown;
}

export function createMetricsReader(options: MetricsReaderOptions<'bluesky'>): MetricsReader {
  return { read: (targets) => read(targets, options) };
}

async function read(targets: readonly MetricsTarget[], options: MetricsReaderOptions<'bluesky'>): Promise<ReadResult> {
  const identifier = options.account.handle.replace(/^@/, '');
  const errors = blueskyErrors(identifier);
  const accessJwt = await login(identifier, errors, options);
  const result: ReadResult = { metrics: new Map(), problems: [] };
  for (const batch of batches(targets, URIS_PER_CALL)) {
    const query = batch.map((t) => `uris=${encodeURIComponent(t.remoteId)}`).join('&');
    try {
      const answer = await readJson<{ posts?: PostView[] }>(
        { http: options.http, calls: options.calls, errors, limits },
        `reading the figures of ${batch.length} post(s)`,
        () => ({ method: 'GET', url: `${options.baseUrl}/xrpc/app.bsky.feed.getPosts?${query}`, headers: { authorization: `Bearer ${accessJwt}`, accept: 'application/json' } }),
      );
      for (const post of answer.posts ?? []) if (typeof post.uri === 'string') result.metrics.set(post.uri, metricsOf(post));
    } catch (error) {
      if (!(error instanceof CallError) || error.kind === 'credentials') throw error;
      result.problems.push(error.message);
    }
  }
  return result;
}

/** One login for the run: the access token of the session. */
async function login(identifier: string, errors: NetworkErrors, options: MetricsReaderOptions<'bluesky'>): Promise<string> {
  const password = options.env[PASSWORD_VARIABLE]?.trim() ?? '';
  options.http.redactor.add(password);
  const loginErrors: NetworkErrors = { ...errors, special: (response, _step, what, said) => errors.special?.(response, 'login', what, said) };
  const session = await readJson<{ accessJwt?: unknown; refreshJwt?: unknown }>({ http: options.http, calls: options.calls, errors: loginErrors, limits }, `logging in as ${identifier}`, () => ({
    method: 'POST',
    url: `${options.baseUrl}/xrpc/com.atproto.server.createSession`,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ identifier, password }),
  }));
  if (typeof session.accessJwt !== 'string' || !session.accessJwt) throw new CallError('retryable', 'Bluesky answered createSession without a session');
  options.http.redactor.add(session.accessJwt, typeof session.refreshJwt === 'string' ? session.refreshJwt : '');
  return session.accessJwt;
}

export function metricsOf(post: PostView): Metrics {
  return countsOf([
    ['reactions', post.likeCount],
    ['comments', post.replyCount],
    ['shares', sumOf(post.repostCount, post.quoteCount)],
    ['saves', post.bookmarkCount],
  ]);
}

function limits(headers: Record<string, string>) {
  const remaining = Number(headers['ratelimit-remaining']);
  const reset = Number(headers['ratelimit-reset']);
  return {
    ...(headers['ratelimit-remaining'] !== undefined && Number.isFinite(remaining) ? { remaining } : {}),
    ...(Number.isFinite(reset) && reset > 0 ? { resetAt: reset * 1000 + 1000 } : {}),
  };
}
