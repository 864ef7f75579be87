import { urlsIn } from '../../networks/index.js';
import { docsUrl } from '../messages.js';
import { defineRule } from '../types.js';
import { formatNumber, rangeAt, targetsOf } from './targets.js';

// An Instagram username after "@": letters, digits, periods and underscores, up to 30. Not after a
// letter or digit (an email address), nor inside a web address.
const MENTION = /(?<![\p{L}\p{N}_.@])@[A-Za-z0-9._]{1,30}/gu;

export const mentions = defineRule({
  meta: {
    id: 'network/mentions',
    severity: 'error',
    docs: {
      description: 'More @-mentions than a network allows in one post (Instagram: 20).',
      why: 'Instagram takes at most 20 @-mentions in a caption, and a post with more can be refused when plan publishes it, after the post was approved. Tagging many accounts also reads as spam to the people tagged.',
      url: docsUrl('network/mentions'),
    },
    messages: {
      tooMany: '{{network}} allows at most {{max}} @-mentions in a post, and this one has {{count}}: remove {{extra}}',
    },
    cacheable: true,
  },
  checkPost(context) {
    const { post, report } = context;
    for (const target of targetsOf(context)) {
      const max = target.profile.maxMentions;
      if (max === undefined || !target.composed.text.includes('@')) continue;
      const found = mentionsIn(target.composed.text);
      if (found.length <= max) continue;
      const data = { network: target.profile.label, max: formatNumber(max), count: formatNumber(found.length), extra: formatNumber(found.length - max) };
      report({ messageId: 'tooMany', data, range: rangeAt(post, target, found[max]!), network: target.network });
    }
  },
});

/** The offset of each @-mention in a text, outside web addresses. */
function mentionsIn(text: string): number[] {
  const urls = urlsIn(text);
  const inUrl = (offset: number) => urls.some((url) => offset >= url.start && offset < url.end);
  return [...text.matchAll(MENTION)].map((match) => match.index).filter((offset) => !inUrl(offset));
}
