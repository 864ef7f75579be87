import { judgePosts, type Verdict } from '../audit/due.js';
import type { AuditResult } from '../audit/index.js';
import { latestEntry } from '../loading/record.js';
import type { NetworkId } from '../loading/schemas/index.js';

export type StatusState = 'published' | 'due' | 'scheduled' | 'failed' | 'unknown' | 'missed' | 'blocked' | 'held';

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
export function statusOf(result: AuditResult, now: Date): StatusRow[] {
  const verdicts = new Map(judgePosts(result.posts, { ...result, now }).map((v) => [`${v.post.postId}\n${v.post.network}`, v]));
  const rows: StatusRow[] = [];
  for (const post of result.posts) {
    if (post.frontmatter.status !== 'ready' || !post.publishAt) continue;
    for (const network of [...new Set(post.frontmatter.networks ?? [])]) {
      const entry = latestEntry(result.record, post.id, network);
      const verdict = verdicts.get(`${post.id}\n${network}`);
      const base = { file: post.file, post: post.id, network, at: post.publishAt.instant.toISOString(), url: entry?.url ?? null, detail: entry?.detail ?? null };
      if (entry?.state === 'published') rows.push({ ...base, state: 'published' });
      else if (entry?.state === 'failed' || entry?.state === 'unknown') rows.push({ ...base, state: entry.state });
      else if (verdict) rows.push({ ...base, ...fromVerdict(verdict) });
      else if (post.publishAt.instant > now) rows.push({ ...base, state: 'scheduled' });
    }
  }
  return rows.sort((a, b) => (a.at ?? '').localeCompare(b.at ?? '') || a.file.localeCompare(b.file) || a.network.localeCompare(b.network));
}

function fromVerdict(verdict: Verdict): Pick<StatusRow, 'state' | 'detail'> {
  switch (verdict.kind) {
    case 'missed':
      return { state: 'missed', detail: 'more than 24 hours late' };
    case 'blocked':
    case 'held':
      return { state: verdict.kind, detail: verdict.reason };
    case 'due':
      return verdict.previous
        ? { state: 'unknown', detail: `an earlier run started sending it (${verdict.previous.at}) and did not record the result: the next run checks the account before sending anything` }
        : { state: 'due', detail: null };
    default:
      return { state: 'due', detail: null };
  }
}
