/**
 * The figures of statuses on Mastodon: `GET /api/v1/statuses/:id` with the publisher's token (so a status
 * that is not public can be read too), one status a call.
 *
 *   favourites_count → reactions, replies_count → comments, reblogs_count + quotes_count (Mastodon 4.5
 *   and later) → shares
 *
 * Mastodon counts no impressions, reach or clicks. A status that was deleted answers 404: no figures.
 * Calls are paced by `X-RateLimit-Remaining` / `X-RateLimit-Reset` (an ISO time).
 */
import { MASTODON_ERRORS, TOKEN_VARIABLE } from './publisher.js';
import { countsOf, readJson, sumOf, type MetricsReader, type MetricsReaderOptions, type MetricsTarget, type ReadResult } from '../metrics.js';
import type { Metrics } from '../../loading/metrics.js';
import { CallError } from '../../http/errors.js';

interface Status {
  id?: unknown;
  favourites_count?: unknown;
  replies_count?: unknown;
  reblogs_count?: unknown;
  quotes_count?: unknown;
}

export function createMetricsReader(options: MetricsReaderOptions<'mastodon'>): MetricsReader {
  return { read: (targets) => read(targets, options) };
}

async function read(targets: readonly MetricsTarget[], options: MetricsReaderOptions<'mastodon'>): Promise<ReadResult> {
  const token = options.env[TOKEN_VARIABLE]?.trim() ?? '';
  options.http.redactor.add(token);
  const result: ReadResult = { metrics: new Map(), problems: [] };
  for (const target of targets) {
    if (!/^\d+$/.test(target.remoteId)) {
      result.problems.push(`the record holds "${target.remoteId}" for ${target.post}, which is not a Mastodon status id`);
      continue;
    }
    try {
      const status = await readJson<Status>({ http: options.http, calls: options.calls, errors: MASTODON_ERRORS, limits }, `reading the figures of status ${target.remoteId}`, () => ({
        method: 'GET',
        url: `${options.baseUrl}/api/v1/statuses/${target.remoteId}`,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      }));
      result.metrics.set(target.remoteId, metricsOf(status));
    } catch (error) {
      if (!(error instanceof CallError) || error.kind === 'credentials') throw error;
      if (!/HTTP 404/.test(error.message)) result.problems.push(error.message);
    }
  }
  return result;
}

export function metricsOf(status: Status): Metrics {
  return countsOf([
    ['reactions', status.favourites_count],
    ['comments', status.replies_count],
    ['shares', sumOf(status.reblogs_count, status.quotes_count)],
  ]);
}

function limits(headers: Record<string, string>) {
  const remaining = Number(headers['x-ratelimit-remaining']);
  const reset = Date.parse(headers['x-ratelimit-reset'] ?? '');
  return {
    ...(headers['x-ratelimit-remaining'] !== undefined && Number.isFinite(remaining) ? { remaining } : {}),
    ...(Number.isFinite(reset) ? { resetAt: reset + 1000 } : {}),
  };
}
