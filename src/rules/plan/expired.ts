import type { Post } from '../../loading/post.js';
import type { PublishRecord } from '../../loading/record.js';
import type { Rule } from '../types.js';
import { unpublishedNetworks } from './published.js';
import { describeMoment } from './time.js';

export const expired: Rule = {
  meta: {
    id: 'plan/expired',
    severity: 'warning',
    docs: 'A post that will never be published because of its expires: one that expires before its publish time, or a ready post that expired before the publish record shows it published.',
  },
  checkPost({ post, project, record, now, report }) {
    const { publishAt, expires } = post;
    if (!expires) return;
    const range = post.locate(['expires']);
    const until = describeMoment(expires.instant, project.timeZone);
    if (publishAt && expires.instant <= publishAt.instant) {
      const due = describeMoment(publishAt.instant, project.timeZone);
      report({ message: `this post expires ${until}, before it is due (${due}), so it will never be published: move expires after publish_at`, range });
    } else if (expires.instant <= now && isWaiting(post, record)) {
      report({
        message: `this ready post expired ${until} without being published, so it never will be: delete it, set it back to draft, or set a later expires`,
        range,
      });
    }
  },
};

function isWaiting(post: Post, record: PublishRecord): boolean {
  return post.frontmatter.status === 'ready' && unpublishedNetworks(record, post).length > 0;
}
