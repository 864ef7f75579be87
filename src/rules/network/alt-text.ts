import { docsUrl } from '../messages.js';
import { defineRule, type PostCheckContext } from '../types.js';
import { mediaOf, mediaRange, type MediaItem } from './media-item.js';
import { accountsOf, formatNumber } from './targets.js';

const messages = {
  missing: 'this image has no alt text: add "alt:" with a short description of what it shows, for people who use screen readers',
  tooLong: '{{network}} takes alt text of at most {{max}} {{unit}}, and this one has {{count}}: shorten it by {{over}} (a sentence or two about what the image shows is what screen reader users need)',
};

export const altText = defineRule({
  meta: {
    id: 'network/alt-text',
    severity: 'error',
    docs: {
      description: "An image without alt text, or with more alt text than a network takes (Instagram: 1,000 characters).",
      why: 'Alt text is what a screen reader says instead of the picture: without it, people who cannot see the image do not know what it shows, and health information should reach everyone. Instagram refuses alt text over 1,000 characters, so such a post would fail when it is due.',
      url: docsUrl('network/alt-text'),
    },
    messages,
  },
  checkPost(context) {
    const { post, report } = context;
    const images = mediaOf(post).filter((item) => item.kind === 'image');
    for (const item of images) {
      if ((item.alt ?? '').trim() !== '') continue;
      const range = item.alt === undefined ? mediaRange(post, item.index) : mediaRange(post, item.index, 'alt');
      report({ messageId: 'missing', range });
    }
    checkAltLength(context, images);
  },
});

function checkAltLength(context: PostCheckContext<keyof typeof messages>, images: readonly MediaItem[]): void {
  for (const { network, profile } of accountsOf(context)) {
    const max = profile.maxAltLength;
    if (max === undefined) continue;
    for (const item of images) {
      const count = profile.count(item.alt ?? '');
      if (count <= max) continue;
      const data = { network: profile.label, max: formatNumber(max), unit: profile.countUnit, count: formatNumber(count), over: formatNumber(count - max) };
      context.report({ messageId: 'tooLong', data, range: mediaRange(context.post, item.index, 'alt'), network });
    }
  }
}
