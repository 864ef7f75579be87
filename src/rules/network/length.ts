import { graphemeStarts, utf8Length } from '../../networks/entities.js';
import type { Post } from '../../loading/post.js';
import type { Rule } from '../types.js';
import { formatNumber, rangeAt, targetsOf, type NetworkTarget } from './targets.js';

export const length: Rule = {
  meta: {
    id: 'network/length',
    severity: 'error',
    docs: 'The text a network receives (its variant or the body, plus the link) counted as that network counts it, against its limit.',
    cacheable: true,
  },
  checkPost(context) {
    const { post, report } = context;
    for (const target of targetsOf(context)) {
      const { profile, composed, network } = target;
      const count = profile.count(composed.text);
      if (count > profile.maxLength) {
        const message = `${profile.label} counts ${formatNumber(count)} of ${formatNumber(profile.maxLength)} ${profile.countUnit}: ${fix(post, target, count - profile.maxLength)}`;
        report({ message, range: rangeAt(post, target, overflowAt(target)), network });
        continue;
      }
      const bytes = utf8Length(composed.text);
      if (profile.maxBytes !== undefined && bytes > profile.maxBytes) {
        const message = `${profile.label} takes at most ${formatNumber(profile.maxBytes)} bytes of text and this is ${formatNumber(bytes)} (emoji and accented letters take several bytes each): shorten it`;
        report({ message, range: rangeAt(post, target, 0), network });
      }
    }
  },
};

function fix(post: Post, { network, composed }: NetworkTarget, over: number): string {
  if (composed.from === 'variant') return `shorten the ${network} variant by ${formatNumber(over)}`;
  const hasVariant = post.frontmatter.variants?.[network] !== undefined;
  const article = network === 'x' || network === 'instagram' ? 'an' : 'a';
  return hasVariant ? `shorten it by ${formatNumber(over)}` : `shorten it by ${formatNumber(over)}, or add ${article} \`${network}\` variant`;
}

/** The offset of the first character past the limit, to point at the line where the text runs over. */
function overflowAt({ profile, composed }: NetworkTarget): number {
  const starts = [...graphemeStarts(composed.text), composed.text.length];
  let low = 0;
  let high = starts.length - 1;
  // The shortest prefix that counts over the limit ends with the character that runs over.
  while (low < high) {
    const mid = (low + high) >> 1;
    if (profile.count(composed.text.slice(0, starts[mid + 1] ?? composed.text.length)) > profile.maxLength) high = mid;
    else low = mid + 1;
  }
  return starts[low] ?? 0;
}
