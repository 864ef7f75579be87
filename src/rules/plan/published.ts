import type { Post } from '../../loading/post.js';
import { isPublished, type PublishRecord } from '../../loading/record.js';
import type { NetworkId } from '../../loading/schemas/index.js';

/** The networks a post names that the publish record does not show it published on. */
export function unpublishedNetworks(record: PublishRecord, post: Post): NetworkId[] {
  return (post.frontmatter.networks ?? []).filter((network) => !isPublished(record, post.id, network));
}
