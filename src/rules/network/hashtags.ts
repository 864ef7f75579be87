import { hashtagsIn } from '../../networks/index.js';
import { docsUrl } from '../messages.js';
import { defineRule } from '../types.js';
import { formatNumber, rangeAt, targetsOf } from './targets.js';

export const hashtags = defineRule({
  meta: {
    id: 'network/hashtags',
    severity: 'error',
    docs: {
      description: 'More hashtags than a network allows in one post (Instagram: 5).',
      why: 'Since December 2025 Instagram allows at most 5 hashtags in a post or reel (it was 30). A caption with more can be refused when plan publishes it, after the post was approved.',
      url: docsUrl('network/hashtags'),
    },
    messages: {
      tooMany: '{{network}} allows at most {{max}} hashtags in a post, and this one has {{count}}: remove {{extra}}',
    },
    cacheable: true,
  },
  checkPost(context) {
    const { post, report } = context;
    for (const target of targetsOf(context)) {
      const max = target.profile.maxHashtags;
      if (max === undefined) continue;
      const found = hashtagsIn(target.composed.text);
      if (found.length <= max) continue;
      const data = { network: target.profile.label, max: formatNumber(max), count: formatNumber(found.length), extra: formatNumber(found.length - max) };
      report({ messageId: 'tooMany', data, range: rangeAt(post, target, found[max]!.start), network: target.network });
    }
  },
});
