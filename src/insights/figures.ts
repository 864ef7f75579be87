import type { Metrics } from '../loading/metrics.js';
import { METRIC_NAMES, type MetricName } from '../loading/schemas/index.js';

/** The interactions a network may count one by one, added up where it gives no `engagements` of its own. */
const INTERACTIONS: readonly MetricName[] = ['reactions', 'comments', 'shares', 'saves', 'clicks'];

/**
 * The engagement of one publication: the network's own `engagements` where it gives them, else the
 * interactions it does count (reactions, comments, shares, saves, clicks) added up. Undefined when it
 * gives none of these.
 */
export function engagementOf(metrics: Metrics): number | undefined {
  if (metrics.engagements !== undefined) return metrics.engagements;
  const given = INTERACTIONS.map((name) => metrics[name]).filter((figure): figure is number => figure !== undefined);
  return given.length === 0 ? undefined : given.reduce((sum, figure) => sum + figure, 0);
}

/** Figures added up over publications: a metric stays absent until one of them gives it. */
export function addMetrics(into: Metrics, metrics: Metrics): void {
  for (const name of METRIC_NAMES) {
    const figure = metrics[name];
    if (figure !== undefined) into[name] = (into[name] ?? 0) + figure;
  }
}

/** What a group of publications (an objective's, a network's, a week's…) earned. */
export interface Figures {
  /** Posts with at least one publication in the group. */
  posts: number;
  /** Publications: one post on one network. */
  publications: number;
  /** Publications with at least one snapshot of figures. */
  measured: number;
  /** Summed figures of the latest snapshot of each measured publication; a metric no network gave is absent. */
  metrics: Metrics;
  /** Summed engagement (see engagementOf), where any publication gave one. */
  engagement?: number;
}

/** A tally that counts each post once however many of its publications it sees. */
export class Tally {
  private readonly postIds = new Set<string>();
  private publications = 0;
  private measured = 0;
  private readonly metrics: Metrics = {};
  private engagement: number | undefined;

  add(post: string, metrics: Metrics | undefined): void {
    this.postIds.add(post);
    this.publications++;
    if (!metrics) return;
    this.measured++;
    addMetrics(this.metrics, metrics);
    const engagement = engagementOf(metrics);
    if (engagement !== undefined) this.engagement = (this.engagement ?? 0) + engagement;
  }

  figures(): Figures {
    return {
      posts: this.postIds.size,
      publications: this.publications,
      measured: this.measured,
      metrics: { ...this.metrics },
      ...(this.engagement !== undefined ? { engagement: this.engagement } : {}),
    };
  }
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
