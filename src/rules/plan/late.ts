import { MISSED_AFTER_MS } from '../../loading/record.js';
import type { NetworkId } from '../../loading/schemas/index.js';
import { profileFor } from '../../networks/index.js';
import type { PostCheckContext } from '../types.js';
import { unpublishedNetworks } from './published.js';
import { isDueAt } from './schedule.js';

export interface LatePost {
  publishAt: Date;
  networks: NetworkId[];
  /** More than a day late: `plan publish` reports it missed instead of publishing it. */
  missed: boolean;
}

/**
 * A ready post past its time that the record does not show published, and how late it is. Less than
 * a day late, it publishes the moment it is merged; later, `plan publish` reports it missed.
 */
export function latePost({ post, record, now }: PostCheckContext): LatePost | undefined {
  if (!isDueAt(post, now)) return undefined;
  const networks = unpublishedNetworks(record, post);
  if (networks.length === 0) return undefined;
  const missed = now.getTime() - post.publishAt.instant.getTime() > MISSED_AFTER_MS;
  return { publishAt: post.publishAt.instant, networks, missed };
}

/** "Facebook, X" */
export function networkNames(networks: readonly NetworkId[]): string {
  return networks.map((network) => profileFor(network).label).join(', ');
}
