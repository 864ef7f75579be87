import { textsWhereRecordLives } from './record.js';
import { METRIC_NAMES, NETWORK_IDS, type MetricName, type NetworkId } from './schemas/index.js';

/** The figures of published posts, kept with the publish record: in the working tree and on the record branch. */
export const METRICS_FILE = '.plan/metrics.jsonl';
/** Where `plan insights --fetch --commit` keeps, inside this clone's git folder, every snapshot it wrote. */
export const METRICS_JOURNAL_FILE = 'plan/metrics.jsonl';

/** What a network gave for one post; a figure it does not give is absent, never 0. */
export type Metrics = Partial<Record<MetricName, number>>;

/** One line of the metrics file: the figures of one published post on one network at one time. */
export interface MetricsSnapshot {
  post: string;
  network: NetworkId;
  remoteId: string;
  /** ISO time the figures were read. */
  at: string;
  metrics: Metrics;
}

export interface MetricsFile {
  snapshots: MetricsSnapshot[];
  /** Lines that could not be read, with where they were. */
  damaged: { source: string; line: number }[];
  sources: string[];
}

/**
 * Every snapshot this clone knows: the record branch (as fetched, and local), this clone's journal and
 * the working-tree file. A line known in two places counts once.
 */
export async function readMetrics(root: string): Promise<MetricsFile> {
  return metricsFromTexts(await textsWhereRecordLives(root, METRICS_FILE, METRICS_JOURNAL_FILE));
}

/** The snapshots of metrics files' texts, each named by where it was read; oldest first. */
export function metricsFromTexts(texts: readonly { source: string; text: string }[]): MetricsFile {
  const file: MetricsFile = { snapshots: [], damaged: [], sources: texts.map((t) => t.source) };
  const seen = new Set<string>();
  for (const { source, text } of texts) {
    text.split('\n').forEach((raw, index) => {
      const line = raw.trim();
      if (line === '') return;
      const snapshot = parseSnapshot(line);
      if (!snapshot) {
        file.damaged.push({ source, line: index + 1 });
        return;
      }
      const key = JSON.stringify(snapshot);
      if (seen.has(key)) return;
      seen.add(key);
      file.snapshots.push(snapshot);
    });
  }
  file.snapshots.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return file;
}

/** The latest snapshot of each post × network (key `post\tnetwork`). */
export function latestSnapshots(snapshots: readonly MetricsSnapshot[]): Map<string, MetricsSnapshot> {
  const latest = new Map<string, MetricsSnapshot>();
  for (const snapshot of snapshots) {
    const key = snapshotKey(snapshot.post, snapshot.network);
    const known = latest.get(key);
    if (!known || known.at <= snapshot.at) latest.set(key, snapshot);
  }
  return latest;
}

export function snapshotKey(post: string, network: NetworkId): string {
  return `${post}\t${network}`;
}

function parseSnapshot(line: string): MetricsSnapshot | undefined {
  let value: Partial<MetricsSnapshot>;
  try {
    value = JSON.parse(line) as Partial<MetricsSnapshot>;
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const { post, network, remoteId, at, metrics } = value;
  if (typeof post !== 'string' || typeof remoteId !== 'string' || typeof at !== 'string' || Number.isNaN(Date.parse(at))) return undefined;
  if (!NETWORK_IDS.includes(network as NetworkId) || typeof metrics !== 'object' || metrics === null) return undefined;
  const figures: Metrics = {};
  for (const name of METRIC_NAMES) {
    const figure = (metrics as Record<string, unknown>)[name];
    if (typeof figure === 'number' && Number.isFinite(figure) && figure >= 0) figures[name] = figure;
  }
  return { post, network: network as NetworkId, remoteId, at, metrics: figures };
}
