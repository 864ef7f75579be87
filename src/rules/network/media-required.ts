import { docsUrl } from '../messages.js';
import { defineRule } from '../types.js';
import { hasField } from './media-item.js';
import { accountsOf } from './targets.js';

export const mediaRequired = defineRule({
  meta: {
    id: 'network/media-required',
    severity: 'error',
    docs: {
      description: 'A post without an image or a video on a network that only publishes posts with one (Instagram).',
      why: 'Instagram has no text-only posts: its publishing API refuses a post without an image or a video, so the post would fail when it is due.',
      url: docsUrl('network/media-required'),
    },
    messages: {
      noMedia: '{{network}} only publishes posts with an image or a video: add one under media:, or remove {{id}} from networks',
    },
    cacheable: true,
  },
  checkPost(context) {
    const { post, report } = context;
    // A media field with a problem is reported by the schema rules; saying it is missing too would mislead.
    if ((post.frontmatter.media ?? []).length > 0 || (!post.frontmatter.media && hasField(post, 'media'))) return;
    for (const { network, profile } of accountsOf(context)) {
      if (!profile.media.required) continue;
      const index = post.frontmatter.networks?.indexOf(network) ?? -1;
      report({ messageId: 'noMedia', data: { network: profile.label, id: network }, range: post.locate(['networks', index]), network });
    }
  },
});
