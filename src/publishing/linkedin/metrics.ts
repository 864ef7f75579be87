/**
 * The figures of an organization's posts on LinkedIn: `GET /rest/organizationalEntityShareStatistics
 * ?q=organizationalEntity&organizationalEntity={organization}&shares=List(…)&ugcPosts=List(…)`, lifetime
 * totals (no timeIntervals), with the publisher's token, `LinkedIn-Version` and
 * `X-Restli-Protocol-Version: 2.0.0`. Each URN in a `List(…)` is percent-encoded; the `List(`, commas and
 * `)` are sent as they are (Rest.li 2.0).
 *
 *   totalShareStatistics   impressionCount → impressions, uniqueImpressionsCount → reach,
 *                          clickCount → clicks, likeCount → reactions, commentCount → comments,
 *                          shareCount → shares; engagements = clicks + likes + comments + shares (the
 *                          counts LinkedIn's `engagement` rate divides by impressions)
 *
 * LinkedIn keeps these statistics for a rolling 12 months: an older post gives none. Its 429 tells no
 * reset time, so the publisher's fixed wait applies.
 */
import { linkedInErrors, LINKEDIN_VERSION, TOKEN_VARIABLE } from './publisher.js';
import { batches, countsOf, readJson, sumOf, type MetricsReader, type MetricsReaderOptions, type MetricsTarget, type ReadResult } from '../metrics.js';
import type { Metrics } from '../../loading/metrics.js';
import { CallError } from '../../http/errors.js';
import type { NetworkErrors } from '../base.js';

/** Posts asked for in one call. */
const URNS_PER_CALL = 20;

interface StatisticsAnswer {
  elements?: { share?: unknown; ugcPost?: unknown; totalShareStatistics?: Record<string, unknown> }[];
}

export function createMetricsReader(options: MetricsReaderOptions<'linkedin'>): MetricsReader {
  return { read: (targets) => read(targets, options) };
}

async function read(targets: readonly MetricsTarget[], options: MetricsReaderOptions<'linkedin'>): Promise<ReadResult> {
  const token = options.env[TOKEN_VARIABLE]?.trim() ?? '';
  options.http.redactor.add(token);
  const result: ReadResult = { metrics: new Map(), problems: [] };
  const known = targets.filter((t) => /^urn:li:(share|ugcPost):\d+$/.test(t.remoteId));
  if (known.length < targets.length) result.problems.push(`${targets.length - known.length} record line(s) hold no LinkedIn post URN (urn:li:share:… or urn:li:ugcPost:…)`);
  for (const batch of batches(known, URNS_PER_CALL)) {
    try {
      const answer = await readJson<StatisticsAnswer>(
        { http: options.http, calls: options.calls, errors: statisticsErrors(options.account.organization) },
        `reading the figures of ${batch.length} post(s)`,
        () => ({ method: 'GET', url: `${options.baseUrl}/rest/organizationalEntityShareStatistics?${queryFor(options.account.organization, batch)}`, headers: headers(token) }),
      );
      for (const element of answer.elements ?? []) {
        const urn = typeof element.share === 'string' ? element.share : typeof element.ugcPost === 'string' ? element.ugcPost : undefined;
        if (urn && element.totalShareStatistics) result.metrics.set(urn, metricsOf(element.totalShareStatistics));
      }
    } catch (error) {
      if (!(error instanceof CallError) || error.kind === 'credentials') throw error;
      result.problems.push(error.message);
    }
  }
  return result;
}

/** The publisher's reading of LinkedIn's answers, with what reading statistics needs of the token. */
function statisticsErrors(organization: string): NetworkErrors {
  const errors = linkedInErrors(organization);
  return {
    ...errors,
    credentials: (status, what, said) =>
      status === 403
        ? `LinkedIn refused ${TOKEN_VARIABLE} the statistics of ${organization} while ${what} (HTTP 403${said}): the token needs the rw_organization_admin scope and its member must be an administrator of the page`
        : errors.credentials(status, what, said),
  };
}

function queryFor(organization: string, batch: MetricsTarget[]): string {
  const list = (kind: string) => {
    const urns = batch.filter((t) => t.remoteId.startsWith(`urn:li:${kind}:`)).map((t) => encodeURIComponent(t.remoteId));
    return urns.length === 0 ? [] : [`${kind === 'share' ? 'shares' : 'ugcPosts'}=List(${urns.join(',')})`];
  };
  return ['q=organizationalEntity', `organizationalEntity=${encodeURIComponent(organization)}`, ...list('share'), ...list('ugcPost')].join('&');
}

function headers(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}`, 'linkedin-version': LINKEDIN_VERSION, 'x-restli-protocol-version': '2.0.0', accept: 'application/json' };
}

export function metricsOf(statistics: Record<string, unknown>): Metrics {
  const { impressionCount, uniqueImpressionsCount, clickCount, likeCount, commentCount, shareCount } = statistics;
  return countsOf([
    ['impressions', impressionCount],
    ['reach', uniqueImpressionsCount],
    ['clicks', clickCount],
    ['reactions', likeCount],
    ['comments', commentCount],
    ['shares', shareCount],
    ['engagements', sumOf(clickCount, likeCount, commentCount, shareCount)],
  ]);
}
