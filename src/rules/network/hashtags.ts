import { hashtagsIn } from '../../networks/index.js';
import type { Rule } from '../types.js';
import { formatNumber, rangeAt, targetsOf } from './targets.js';

export const hashtags: Rule = {
  meta: {
    id: 'network/hashtags',
    severity: 'error',
    docs: 'More hashtags than a network allows in one post (Instagram: 5).',
    cacheable: true,
  },
  checkPost(context) {
    const { post, report } = context;
    for (const target of targetsOf(context)) {
      const max = target.profile.maxHashtags;
      if (max === undefined) continue;
      const found = hashtagsIn(target.composed.text);
      if (found.length <= max) continue;
      const { label } = target.profile;
      const message = `${label} allows at most ${formatNumber(max)} hashtags in a post, and this one has ${formatNumber(found.length)}: remove ${formatNumber(found.length - max)}`;
      report({ message, range: rangeAt(post, target, found[max]!.start), network: target.network });
    }
  },
};
