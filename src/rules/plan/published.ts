import type { Post } from '../../loading/post.js';
import type { Project } from '../../loading/project.js';
import type { NetworkId } from '../../loading/schemas/index.js';
import { publishedKey } from '../../publishing/ledger.js';

/** Whether the publish record (.plan/ledger.jsonl) shows the post published on the network. */
export function isPublished(project: Project, post: Post, network: NetworkId): boolean {
  return project.published?.has(publishedKey(post.id, network)) ?? false;
}

/** The networks a post names that the record does not show it published on. */
export function unpublishedNetworks(project: Project, post: Post): NetworkId[] {
  return (post.frontmatter.networks ?? []).filter((network) => !isPublished(project, post, network));
}
