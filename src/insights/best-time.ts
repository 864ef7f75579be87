import { NETWORK_IDS, type NetworkId } from '../loading/schemas/index.js';
import { WEEKDAYS, weekdayIndex, type Weekday } from './dates.js';
import { engagementOf, median } from './figures.js';
import type { Publication } from './publications.js';

/** Fewest publications a weekday-and-hour cell must rest on before its median is shown. */
export const MIN_SAMPLE = 5;
/** Figures read this soon after publishing are still growing: they would make early hours look worse. */
export const SETTLED_AFTER_MS = 7 * 86_400_000;

/** One weekday and hour of one network: how many publications it rests on, and their median engagement when enough. */
export interface TimeCell {
  weekday: Weekday;
  hour: number;
  posts: number;
  /** Median engagement of these publications; only when `posts` reaches MIN_SAMPLE. */
  median?: number;
}

export interface BestTimes {
  network: NetworkId;
  /** Publications whose figures were read at least a week after they went out, which the cells rest on. */
  settled: number;
  /** Every weekday and hour the network was posted at, best median first, then the cells with too few posts. */
  cells: TimeCell[];
}

/**
 * When posts did best on each network, from the practice's own history: the median engagement of the
 * publications made at each weekday and hour (practice time), counting only figures read at least a
 * week after publishing, and giving a median only where a cell rests on MIN_SAMPLE publications.
 */
export function bestTimes(publications: readonly Publication[]): BestTimes[] {
  const byNetwork = new Map<NetworkId, Map<string, { weekday: Weekday; hour: number; values: number[] }>>();
  const settled = new Map<NetworkId, number>();
  for (const publication of publications) {
    const value = settledEngagement(publication);
    if (value === undefined) continue;
    settled.set(publication.network, (settled.get(publication.network) ?? 0) + 1);
    const weekday = WEEKDAYS[weekdayIndex(publication.date)]!;
    const cells = byNetwork.get(publication.network) ?? new Map();
    byNetwork.set(publication.network, cells);
    const key = `${weekday} ${publication.hour}`;
    const cell = cells.get(key) ?? { weekday, hour: publication.hour, values: [] };
    cell.values.push(value);
    cells.set(key, cell);
  }
  return [...byNetwork].sort(([a], [b]) => NETWORK_IDS.indexOf(a) - NETWORK_IDS.indexOf(b)).map(([network, cells]) => ({
    network,
    settled: settled.get(network) ?? 0,
    cells: [...cells.values()].map(toCell).sort(byMedianThenTime),
  }));
}

function settledEngagement(publication: Publication): number | undefined {
  const snapshot = publication.snapshot;
  if (!snapshot || Date.parse(snapshot.at) - publication.publishedAt.getTime() < SETTLED_AFTER_MS) return undefined;
  return engagementOf(snapshot.metrics);
}

function toCell(cell: { weekday: Weekday; hour: number; values: number[] }): TimeCell {
  const posts = cell.values.length;
  return { weekday: cell.weekday, hour: cell.hour, posts, ...(posts >= MIN_SAMPLE ? { median: median(cell.values) } : {}) };
}

function byMedianThenTime(a: TimeCell, b: TimeCell): number {
  if (a.median !== undefined || b.median !== undefined) return (b.median ?? -1) - (a.median ?? -1);
  return WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday) || a.hour - b.hour;
}
