import type { Post } from '../../loading/post.js';
import type { Project } from '../../loading/project.js';
import type { NetworkId } from '../../loading/schemas/index.js';

/**
 * Whether the publish record (.plan/ledger.jsonl) shows the post published on the network.
 * The record is not loaded yet, so nothing counts as published; once the project carries it, this
 * is the one place the plan rules ask.
 */
export function isPublished(_project: Project, _post: Post, _network: NetworkId): boolean {
  return false;
}

/** The networks a post names that the record does not show it published on. */
export function unpublishedNetworks(project: Project, post: Post): NetworkId[] {
  return (post.frontmatter.networks ?? []).filter((network) => !isPublished(project, post, network));
}
