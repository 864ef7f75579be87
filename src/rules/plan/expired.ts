import type { Post } from '../../loading/post.js';
import type { PublishRecord } from '../../loading/record.js';
import { docsUrl } from '../messages.js';
import { defineRule } from '../types.js';
import { unpublishedNetworks } from './published.js';
import { describeMoment } from './time.js';

export const expired = defineRule({
  meta: {
    id: 'plan/expired',
    severity: 'warning',
    docs: {
      description: 'A post that will never be published because of its expires: one that expires before its publish time, or a ready post that expired before the publish record shows it published.',
      why: 'expires: stops a post from going out after it stops being true (a clinic that has happened, an offer that has ended). A post that expires before its own publish time, or that expired while it waited, will never be published: usually a typo in one of the dates, or a post to delete.',
      url: docsUrl('plan/expired'),
    },
    messages: {
      beforeDue: 'this post expires {{until}}, before it is due ({{due}}), so it will never be published: move expires after publish_at',
      expiredUnpublished: 'this ready post expired {{until}} without being published, so it never will be: delete it, set it back to draft, or set a later expires',
    },
  },
  checkPost({ post, project, record, now, report }) {
    const { publishAt, expires } = post;
    if (!expires) return;
    const range = post.locate(['expires']);
    const until = describeMoment(expires.instant, project.timeZone);
    if (publishAt && expires.instant <= publishAt.instant) {
      report({ messageId: 'beforeDue', data: { until, due: describeMoment(publishAt.instant, project.timeZone) }, range });
    } else if (expires.instant <= now && isWaiting(post, record)) {
      report({ messageId: 'expiredUnpublished', data: { until }, range });
    }
  },
});

function isWaiting(post: Post, record: PublishRecord): boolean {
  return post.frontmatter.status === 'ready' && unpublishedNetworks(record, post).length > 0;
}
