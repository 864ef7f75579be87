/**
 * The figures of media on Instagram: `GET /{ig-media-id}/insights?metric=views,reach,likes,comments,shares,saved,total_interactions`
 * in the Graph API version the publisher uses, with the publisher's token.
 *
 *   views → impressions (Meta's "views", which replaced `impressions` and `plays` in April 2025), reach,
 *   likes → reactions, comments, shares, saved → saves, total_interactions → engagements
 *
 * Graph answers media it has no figures for yet (up to 48 hours) with an empty `data`: no figures. One
 * metric the media type does not support fails the whole call (#100 "…does not support the views
 * metric…"), so that metric is left out and the call made again.
 */
import { GraphClient } from '../graph.js';
import { TOKEN_VARIABLE } from './publisher.js';
import { countsOf, type MetricsReader, type MetricsReaderOptions, type MetricsTarget, type ReadResult } from '../metrics.js';
import { insightsValues, isGone, type InsightsAnswer } from '../facebook/metrics.js';
import type { Metrics } from '../../loading/metrics.js';
import { CallError } from '../../http/errors.js';

export const MEDIA_METRICS = ['views', 'reach', 'likes', 'comments', 'shares', 'saved', 'total_interactions'] as const;

export function createMetricsReader(options: MetricsReaderOptions<'instagram'>): MetricsReader {
  const graph = new GraphClient({ http: options.http, baseUrl: options.baseUrl, token: options.env[TOKEN_VARIABLE]?.trim() ?? '', tokenVariable: TOKEN_VARIABLE, network: 'Instagram' });
  return { read: (targets) => read(targets, graph, options) };
}

async function read(targets: readonly MetricsTarget[], graph: GraphClient, options: MetricsReaderOptions<'instagram'>): Promise<ReadResult> {
  const result: ReadResult = { metrics: new Map(), problems: [] };
  for (const target of targets) {
    try {
      const answer = await readMedia(target.remoteId, graph, options);
      if (answer) result.metrics.set(target.remoteId, metricsOf(answer));
    } catch (error) {
      if (!(error instanceof CallError) || error.kind === 'credentials') throw error;
      if (!isGone(error)) result.problems.push(error.message);
    }
  }
  return result;
}

/** The media's insights, leaving out each metric Graph says this media does not support. */
async function readMedia(id: string, graph: GraphClient, options: MetricsReaderOptions<'instagram'>): Promise<InsightsAnswer | undefined> {
  let metrics: string[] = [...MEDIA_METRICS];
  const what = `reading the figures of media ${id}`;
  for (;;) {
    try {
      return await options.calls.run(what, () => graph.get<InsightsAnswer>(`${id}/insights`, { metric: metrics.join(',') }, { what }));
    } catch (error) {
      const unsupported = error instanceof CallError && error.kind === 'final' ? metrics.find((m) => new RegExp(`\\b${m} metric\\b`).test(error.message)) : undefined;
      if (!unsupported) throw error;
      metrics = metrics.filter((m) => m !== unsupported);
      if (metrics.length === 0) return undefined;
    }
  }
}

function metricsOf(answer: InsightsAnswer): Metrics {
  const values = insightsValues(answer);
  return countsOf([
    ['impressions', values.get('views')],
    ['reach', values.get('reach')],
    ['reactions', values.get('likes')],
    ['comments', values.get('comments')],
    ['shares', values.get('shares')],
    ['saves', values.get('saved')],
    ['engagements', values.get('total_interactions')],
  ]);
}
