import { judgePosts, type DueFacts, type Verdict } from '../audit/due.js';
import type { Post } from '../loading/post.js';
import type { Project } from '../loading/project.js';
import { latestEntry, type PublishRecord, type RecordEntry } from '../loading/record.js';
import { NETWORK_IDS, type NetworkId } from '../loading/schemas/index.js';
import type { Finding } from '../rules/types.js';

/**
 * Where a post stands on one network:
 * - `draft`: not ready, so it will not be published;
 * - `planned`: its time is still to come and nothing holds it back;
 * - `due`: its time has come (less than 24 hours ago): the next publish run sends it;
 * - `published`: the publish record shows it on the network;
 * - `missed`: more than 24 hours late and not published: `plan publish` reports it and sends nothing;
 * - `held`: it will not go out until a person acts (an error finding, a missing approval), or it is
 *   held for safety (the record cannot say whether it went out, or another run is sending it);
 * - `failed`: the network refused it, and the text has not changed since;
 * - `unknown`: an earlier run started sending it and did not record the result;
 * - `expired`: its `expires` comes before it could be published.
 */
export type PublicationState = 'draft' | 'planned' | 'due' | 'published' | 'missed' | 'held' | 'failed' | 'unknown' | 'expired';

/** Every state, in the order summaries list them: what went out, what goes out now, what needs a person, what is to come. */
export const PUBLICATION_STATES: readonly PublicationState[] = ['published', 'due', 'missed', 'failed', 'held', 'unknown', 'planned', 'draft', 'expired'];

export interface NetworkState {
  network: NetworkId;
  state: PublicationState;
  /** Why, in words a person can act on (held, failed, missed, unknown, expired, published under another id). */
  detail?: string;
  /** The address of the published post. */
  url?: string;
  /** When the record shows it published, ISO. */
  publishedAt?: string;
  /** Held for safety: the record cannot say whether it went out, or another publish run is sending it now. */
  safety?: true;
}

/** What the states are read from: the publish record and the audit's findings, at the run's clock. */
export interface StateFacts {
  project: Project;
  record: PublishRecord;
  findings: readonly Finding[];
  now: Date;
  /** Where approval is required: each post's approval, read from GitHub; without it, approval is not judged. */
  approvalOf?: DueFacts['approvalOf'];
}

/**
 * The state of a post on each of its networks. Every judgement is the due policy's (`judgePosts`), the
 * one `plan publish` acts on: a post whose time has come is judged now; a post still to come is
 * judged as of its publish time, so what would hold it then (an error, a missing approval) shows today.
 */
export function statesOf(post: Post, facts: StateFacts): NetworkState[] {
  if (!post.publishAt) return [];
  const networks = [...new Set(post.frontmatter.networks ?? [])].filter((network) => NETWORK_IDS.includes(network));
  const judgedAt = new Date(Math.max(facts.now.getTime(), post.publishAt.instant.getTime()));
  const expired = post.expires !== undefined && post.expires.instant <= judgedAt;
  const verdicts = post.frontmatter.status === 'ready' && !expired ? judgePosts([post], { ...facts, now: judgedAt }) : [];
  return networks.flatMap((network): NetworkState[] => {
    const entry = latestEntry(facts.record, post.id, network);
    if (entry?.state === 'published') return [{ network, state: 'published', ...(entry.url ? { url: entry.url } : {}), publishedAt: entry.at }];
    if (post.frontmatter.status !== 'ready') return [{ network, state: 'draft' }];
    if (expired) return [{ network, state: 'expired', detail: expiredDetail(post) }];
    const verdict = verdicts.find((v) => v.post.network === network);
    return verdict ? [{ network, ...fromVerdict(verdict, post, facts.now) }] : [];
  });
}

function fromVerdict(verdict: Verdict, post: Post, now: Date): Omit<NetworkState, 'network'> {
  switch (verdict.kind) {
    case 'due': {
      const previous = verdict.previous;
      if (previous?.state === 'attempting' || previous?.state === 'unknown') return { state: 'unknown', detail: unknownDetail(previous) };
      const retried = previous?.state === 'failed' ? { detail: 'an earlier attempt failed; the text has changed since, so it is sent again' } : {};
      return { state: post.publishAt!.instant > now ? 'planned' : 'due', ...retried };
    }
    case 'renamed':
      return { state: 'published', detail: `published as "${verdict.twin.post}" with the same text`, ...(verdict.twin.url ? { url: verdict.twin.url } : {}), publishedAt: verdict.twin.at };
    case 'missed':
      return { state: 'missed', detail: 'more than 24 hours late: plan publish does not send it (give it a new publish_at, or publish with --catch-up)' };
    case 'blocked':
      return { state: 'held', detail: verdict.reason };
    case 'held':
      return { state: 'held', detail: verdict.reason, safety: true };
    case 'failed':
      return { state: 'failed', detail: verdict.previous.detail ?? 'the network refused it: change the post to try again' };
  }
}

function unknownDetail(previous: RecordEntry): string {
  const check = 'the next run checks the account before sending anything';
  if (previous.state === 'unknown' && previous.detail) return `${previous.detail} (${check})`;
  return `an earlier run started sending it (${previous.at}) and did not record the result: ${check}`;
}

function expiredDetail(post: Post): string {
  return post.expires!.instant < post.publishAt!.instant ? 'it expires before its publish time, so it will never be published' : 'it expired before it was published';
}

/** How many post × network pairs are in each state. */
export function countStates(states: readonly NetworkState[]): Partial<Record<PublicationState, number>> {
  const counts: Partial<Record<PublicationState, number>> = {};
  for (const { state } of states) counts[state] = (counts[state] ?? 0) + 1;
  return counts;
}
