import { audit } from '../audit/index.js';
import type { NetworkId } from '../loading/schemas/index.js';
import { judgePosts } from './due.js';
import { latestEntry, readLedger } from './ledger.js';

export type StatusState = 'published' | 'due' | 'scheduled' | 'failed' | 'unknown' | 'missed' | 'blocked';

export interface StatusRow {
  state: StatusState;
  file: string;
  post: string;
  network: NetworkId;
  /** Publish time (ISO). */
  at: string | null;
  url: string | null;
  /** Why it failed, what a person must check, or why it is held back. */
  detail: string | null;
}

/** Every ready post × network with where it stands: the record's view, plus what is due or held back now. */
export async function publishStatus(cwd: string, now: Date): Promise<StatusRow[]> {
  const result = await audit({ cwd, now });
  const ledger = await readLedger(result.root);
  const verdicts = new Map(
    judgePosts(result.posts, result.findings, ledger, result.project, { now, catchUp: false }).map((v) => [`${v.post.postId}\n${v.post.network}`, v]),
  );
  const rows: StatusRow[] = [];
  for (const post of result.posts) {
    if (post.frontmatter.status !== 'ready' || !post.publishAt) continue;
    for (const network of post.frontmatter.networks ?? []) {
      const entry = latestEntry(ledger, post.id, network);
      const verdict = verdicts.get(`${post.id}\n${network}`);
      const base = { file: post.file, post: post.id, network, at: post.publishAt.instant.toISOString(), url: entry?.url ?? null, detail: entry?.detail ?? null };
      if (entry?.state === 'published') rows.push({ ...base, state: 'published' });
      else if (entry?.state === 'failed' || entry?.state === 'unknown') rows.push({ ...base, state: entry.state });
      else if (verdict?.kind === 'missed' || verdict?.kind === 'blocked') rows.push({ ...base, state: verdict.kind, detail: verdict.kind === 'blocked' ? verdict.reason : 'more than 24 hours late' });
      else if (verdict) rows.push({ ...base, state: 'due' });
      else if (post.publishAt.instant > now) rows.push({ ...base, state: 'scheduled' });
    }
  }
  return rows.sort((a, b) => (a.at ?? '').localeCompare(b.at ?? '') || a.file.localeCompare(b.file) || a.network.localeCompare(b.network));
}
