/**
 * The figures of posts on X: `GET /2/tweets?ids=…&tweet.fields=public_metrics[,non_public_metrics]`, up to
 * 100 ids a call, signed with the publisher's OAuth 1.0a user context.
 *
 *   public_metrics       impression_count → impressions, like_count → reactions, reply_count → comments,
 *                        retweet_count (repost_count in X's newest schema) + quote_count → shares,
 *                        bookmark_count → saves
 *   non_public_metrics   url_link_clicks → clicks, engagements → engagements; X gives them only to the
 *                        account's own user context and only for posts at most 30 days old, so they are
 *                        asked for those posts alone (asking for an older one fails that post)
 *
 * A post X no longer has comes back in `errors` (resource-not-found) and gives no figures. Calls are
 * paced by `x-rate-limit-remaining` / `x-rate-limit-reset` (epoch seconds).
 */
import { percentEncode, signRequest, type OAuthCredentials } from './oauth.js';
import { X_ERRORS, X_VARIABLES } from './publisher.js';
import { batches, countsOf, readJson, sumOf, type MetricsReader, type MetricsReaderOptions, type MetricsTarget, type ReadResult } from '../metrics.js';
import type { Metrics } from '../../loading/metrics.js';
import { CallError } from '../../http/errors.js';

const IDS_PER_CALL = 100;
const NON_PUBLIC_DAYS = 30;

interface Tweet {
  id?: unknown;
  public_metrics?: Record<string, unknown>;
  non_public_metrics?: Record<string, unknown>;
}

interface TweetsAnswer {
  data?: Tweet[];
  errors?: { resource_id?: unknown; title?: unknown; detail?: unknown; type?: unknown }[];
}

export function createMetricsReader(options: MetricsReaderOptions<'x'>): MetricsReader {
  return { read: (targets) => read(targets, options) };
}

async function read(targets: readonly MetricsTarget[], options: MetricsReaderOptions<'x'>): Promise<ReadResult> {
  const credentials = credentialsFrom(options);
  const result: ReadResult = { metrics: new Map(), problems: [] };
  const recentSince = options.now.getTime() - NON_PUBLIC_DAYS * 86_400_000;
  const recent = targets.filter((t) => t.publishedAt.getTime() >= recentSince);
  const older = targets.filter((t) => t.publishedAt.getTime() < recentSince);
  for (const [group, fields] of [[recent, 'public_metrics,non_public_metrics'], [older, 'public_metrics']] as const) {
    for (const batch of batches(group, IDS_PER_CALL)) await readBatch(batch, fields, credentials, options, result);
  }
  return result;
}

async function readBatch(batch: MetricsTarget[], fields: string, credentials: OAuthCredentials, options: MetricsReaderOptions<'x'>, result: ReadResult): Promise<void> {
  const query = `ids=${percentEncode(batch.map((t) => t.remoteId).join(','))}&tweet.fields=${percentEncode(fields)}`;
  const url = `${options.baseUrl}/2/tweets?${query}`;
  const what = `reading the figures of ${batch.length} post(s)`;
  let answer: TweetsAnswer;
  try {
    answer = await readJson<TweetsAnswer>({ http: options.http, calls: options.calls, errors: X_ERRORS, limits }, what, () => {
      const signed = signRequest(credentials, 'GET', url);
      options.http.redactor.add(signed.signature);
      return { method: 'GET', url, headers: { authorization: signed.header, accept: 'application/json' } };
    });
  } catch (error) {
    if (error instanceof CallError && error.kind !== 'credentials') {
      result.problems.push(error.message);
      return;
    }
    throw error;
  }
  for (const tweet of answer.data ?? []) if (typeof tweet.id === 'string') result.metrics.set(tweet.id, metricsOf(tweet));
  const unexpected = (answer.errors ?? []).filter((e) => !/resource-not-found/.test(String(e.type ?? '')));
  if (unexpected.length > 0) result.problems.push(`X left out figures of ${unexpected.length} post(s): ${String(unexpected[0]!.detail ?? unexpected[0]!.title ?? 'no reason given')}`);
}

export function metricsOf(tweet: Tweet): Metrics {
  const open = tweet.public_metrics ?? {};
  const own = tweet.non_public_metrics ?? {};
  return countsOf([
    ['impressions', open.impression_count ?? own.impression_count],
    ['reactions', open.like_count],
    ['comments', open.reply_count],
    ['shares', sumOf(open.retweet_count ?? open.repost_count, open.quote_count)],
    ['saves', open.bookmark_count],
    ['clicks', own.url_link_clicks],
    ['engagements', own.engagements],
  ]);
}

function limits(headers: Record<string, string>) {
  const remaining = Number(headers['x-rate-limit-remaining']);
  const reset = Number(headers['x-rate-limit-reset']);
  return {
    ...(headers['x-rate-limit-remaining'] !== undefined && Number.isFinite(remaining) ? { remaining } : {}),
    ...(Number.isFinite(reset) && reset > 0 ? { resetAt: reset * 1000 + 1000 } : {}),
  };
}

function credentialsFrom(options: MetricsReaderOptions<'x'>): OAuthCredentials {
  const [consumerKey, consumerSecret, token, tokenSecret] = X_VARIABLES.map((name) => options.env[name]?.trim() ?? '');
  options.http.redactor.add(consumerKey!, consumerSecret!, token!, tokenSecret!);
  return { consumerKey: consumerKey!, consumerSecret: consumerSecret!, token: token!, tokenSecret: tokenSecret! };
}
