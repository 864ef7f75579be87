/**
 * The figures of Page posts on Facebook, through the Graph API version the publisher uses, with the Page
 * token, two reads per post:
 *
 *   GET /{post-id}/insights?metric=post_media_view,post_total_media_view_unique,post_clicks&period=lifetime
 *        post_media_view → impressions (Meta's "views", which replaced post_impressions in November 2025),
 *        post_total_media_view_unique → reach (which replaced post_impressions_unique), post_clicks → clicks
 *   GET /{post-id}?fields=reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares
 *        reactions → reactions, comments → comments, shares.count → shares (Graph leaves `shares` out of a
 *        post nobody shared: that is 0)
 *
 * A metric Graph gives no value for is left out. A post that no longer exists gives no figures.
 */
import { GraphClient } from '../graph.js';
import { TOKEN_VARIABLE } from './publisher.js';
import { countsOf, type MetricsReader, type MetricsReaderOptions, type MetricsTarget, type ReadResult } from '../metrics.js';
import type { Metrics } from '../../loading/metrics.js';
import { CallError } from '../../http/errors.js';

export const POST_METRICS = ['post_media_view', 'post_total_media_view_unique', 'post_clicks'] as const;
const NODE_FIELDS = 'reactions.summary(total_count).limit(0),comments.summary(total_count).limit(0),shares';

export interface InsightsAnswer {
  data?: { name?: unknown; values?: { value?: unknown }[] }[];
}

interface PostNode {
  reactions?: { summary?: { total_count?: unknown } };
  comments?: { summary?: { total_count?: unknown } };
  shares?: { count?: unknown };
}

export function createMetricsReader(options: MetricsReaderOptions<'facebook'>): MetricsReader {
  const graph = new GraphClient({ http: options.http, baseUrl: options.baseUrl, token: options.env[TOKEN_VARIABLE]?.trim() ?? '', tokenVariable: TOKEN_VARIABLE, network: 'Facebook' });
  return { read: (targets) => read(targets, graph, options) };
}

async function read(targets: readonly MetricsTarget[], graph: GraphClient, options: MetricsReaderOptions<'facebook'>): Promise<ReadResult> {
  const result: ReadResult = { metrics: new Map(), problems: [] };
  for (const target of targets) {
    try {
      const what = `reading the figures of post ${target.remoteId}`;
      const insights = await options.calls.run(what, () => graph.get<InsightsAnswer>(`${target.remoteId}/insights`, { metric: POST_METRICS.join(','), period: 'lifetime' }, { what }));
      const node = await options.calls.run(what, () => graph.get<PostNode>(target.remoteId, { fields: NODE_FIELDS }, { what }));
      result.metrics.set(target.remoteId, { ...insightsMetrics(insights), ...nodeMetrics(node) });
    } catch (error) {
      if (!(error instanceof CallError) || error.kind === 'credentials') throw error;
      if (!isGone(error)) result.problems.push(error.message);
    }
  }
  return result;
}

/** The lifetime value of each named metric an insights answer holds, under plan's names. */
export function insightsValues(answer: InsightsAnswer): Map<string, number> {
  const values = new Map<string, number>();
  for (const metric of answer.data ?? []) {
    const value = metric.values?.[metric.values.length - 1]?.value;
    if (typeof metric.name === 'string' && typeof value === 'number') values.set(metric.name, value);
  }
  return values;
}

function insightsMetrics(answer: InsightsAnswer): Metrics {
  const values = insightsValues(answer);
  return countsOf([
    ['impressions', values.get('post_media_view')],
    ['reach', values.get('post_total_media_view_unique')],
    ['clicks', values.get('post_clicks')],
  ]);
}

function nodeMetrics(node: PostNode): Metrics {
  return countsOf([
    ['reactions', node.reactions?.summary?.total_count],
    ['comments', node.comments?.summary?.total_count],
    ['shares', node.shares?.count ?? 0],
  ]);
}

/** Graph's answer for an object that no longer exists (a post deleted on the Page): it has no figures to give. */
export function isGone(error: CallError): boolean {
  return error.kind === 'final' && /does not exist|cannot be loaded due to missing permissions|Unsupported get request/i.test(error.message);
}
