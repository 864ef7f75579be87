import { latestSnapshots, snapshotKey, type MetricsSnapshot } from '../loading/metrics.js';
import type { Post } from '../loading/post.js';
import type { PublishRecord, RecordEntry } from '../loading/record.js';
import type { NetworkId } from '../loading/schemas/index.js';
import { localTime } from './dates.js';

/** One post published on one network, as the record tells it, with what the post was for and its latest figures. */
export interface Publication {
  post: string;
  network: NetworkId;
  /** The post's file now, or when it was published (a post since deleted). */
  file: string;
  title?: string;
  objective?: string;
  audiences: string[];
  remoteId?: string;
  url?: string;
  publishedAt: Date;
  /** The practice's date and hour of the publication. */
  date: string;
  hour: number;
  snapshot?: MetricsSnapshot;
}

/** Every post × network whose latest record line says published, oldest first. */
export function publicationsOf(record: PublishRecord, posts: readonly Post[], snapshots: readonly MetricsSnapshot[], timeZone: string): Publication[] {
  const byId = new Map(posts.map((post) => [post.id, post]));
  const latest = latestSnapshots(snapshots);
  const publications: Publication[] = [];
  for (const entry of latestEntries(record).values()) {
    if (entry.state !== 'published') continue;
    const post = byId.get(entry.post);
    const publishedAt = new Date(entry.at);
    const { date, hour } = localTime(publishedAt, timeZone);
    const snapshot = latest.get(snapshotKey(entry.post, entry.network));
    const { title, objective, audience } = post?.frontmatter ?? {};
    publications.push({
      post: entry.post,
      network: entry.network,
      file: post?.file ?? entry.file,
      ...(title ? { title } : {}),
      ...(objective ? { objective } : {}),
      audiences: audience ?? [],
      ...(entry.remoteId ? { remoteId: entry.remoteId } : {}),
      ...(entry.url ? { url: entry.url } : {}),
      publishedAt,
      date,
      hour,
      ...(snapshot ? { snapshot } : {}),
    });
  }
  return publications.sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
}

/** The latest record line of each post × network. */
function latestEntries(record: PublishRecord): Map<string, RecordEntry> {
  const latest = new Map<string, RecordEntry>();
  for (const entry of record.entries) latest.set(snapshotKey(entry.post, entry.network), entry);
  return latest;
}
