import { createHash } from 'node:crypto';
import type { Post } from '../../loading/post.js';
import type { NetworkId } from '../../loading/schemas/index.js';
import type { SourceRange } from '../../loading/source.js';
import { composeText, profileFor } from '../../networks/index.js';
import { keepRecent } from '../../util/recent-memo.js';
import { firstTextLine } from '../compliance/post-texts.js';
import { docsUrl } from '../messages.js';
import { defineRule, type ProjectCheckContext } from '../types.js';
import { postsCountedBy } from './schedule.js';
import { describeDay } from './time.js';

const SAME = 'this post sends the same text to {{networks}} as {{earlier}}';
const ADVICE = ': networks reject or hide repeats, and plan publish will not send it twice. Reword it, or give it its own variants for {{which}}';

const messages = {
  sameText: `${SAME} ({{day}})${ADVICE}`,
  sameTextUndated: `${SAME}${ADVICE}`,
};

export const duplicateText = defineRule({
  meta: {
    id: 'plan/duplicate-text',
    severity: 'warning',
    docs: {
      description: 'Two posts that send the same text (ignoring case and spacing) to one network: networks reject or bury repeats, and plan publish will not send a text it already published there. Reported on the later post.',
      why: 'X refuses a post that repeats an earlier one, and the other networks show repeats to fewer people. plan publish also will not send a text it has already published to a network, so the later post would not go out there. A copied post with only its date changed is the usual cause.',
      url: docsUrl('plan/duplicate-text'),
    },
    messages,
  },
  // A hash of the text each network receives, normalised: what a repeat is found by, with no words of
  // the post in it (summaries are kept in a file between runs).
  summarizePost({ post }) {
    return Object.fromEntries((post.frontmatter.networks ?? []).map((network) => [network, hashOf(normalised(textOf(post, network)))]));
  },
  checkProject(context) {
    const firstByNetwork = new Map<NetworkId, Map<string, Post>>();
    const repeats = new Map<Post, Map<Post, NetworkId[]>>();
    for (const post of postsCountedBy(context).sort(byTime)) {
      const textHashes = context.summaryOf(post);
      for (const network of post.frontmatter.networks ?? []) {
        const first = firstByNetwork.get(network) ?? new Map<string, Post>();
        firstByNetwork.set(network, first);
        const key = textHashes[network] ?? hashOf(normalised(textOf(post, network)));
        const earlier = first.get(key);
        if (!earlier) first.set(key, post);
        else remember(repeats, post, earlier, network);
      }
    }
    for (const [post, earlier] of repeats) {
      if (!post.publishAt || post.publishAt.instant >= context.now) for (const [other, networks] of earlier) reportRepeat(context, post, other, networks);
    }
  },
});

function textOf(post: Post, network: NetworkId): string {
  const { variants = {}, link } = post.frontmatter;
  return composeText({ body: post.body, variants, ...(link === undefined ? {} : { link }) }, network);
}

// The runs of blanks that are not already one space: replacing only those is far cheaper than every run.
const SPACING = /\s{2,}|[^\S ]/g;

/** Lower case, every run of blanks one space: a post's networks mostly receive the same text, normalised once. */
const normalised: (text: string) => string = keepRecent((text) => text.toLowerCase().replace(SPACING, ' ').trim());

function hashOf(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}

function remember(repeats: Map<Post, Map<Post, NetworkId[]>>, post: Post, earlier: Post, network: NetworkId): void {
  const byEarlier = repeats.get(post) ?? new Map<Post, NetworkId[]>();
  byEarlier.set(earlier, [...(byEarlier.get(earlier) ?? []), network]);
  repeats.set(post, byEarlier);
}

function reportRepeat({ project, report }: ProjectCheckContext<keyof typeof messages>, post: Post, earlier: Post, networks: NetworkId[]): void {
  const data = {
    networks: networks.map((network) => profileFor(network).label).join(', '),
    earlier: earlier.file,
    which: networks.length === 1 ? 'that network' : 'those networks',
  };
  const network = networks.length === 1 ? { network: networks[0]! } : {};
  const range = textRange(post, networks);
  if (earlier.publishAt) report({ file: post.file, messageId: 'sameText', data: { ...data, day: describeDay(earlier.publishAt.instant, project.timeZone) }, range, ...network });
  else report({ file: post.file, messageId: 'sameTextUndated', data, range, ...network });
}

/** The variant of the first network that has one, otherwise the first line of the body. */
function textRange(post: Post, networks: readonly NetworkId[]): SourceRange {
  const withVariant = networks.find((network) => post.frontmatter.variants?.[network]?.trim());
  if (withVariant) return post.locate(['variants', withVariant]);
  return firstTextLine(post);
}

function byTime(a: Post, b: Post): number {
  const time = (post: Post) => post.publishAt?.instant.getTime() ?? Infinity;
  return time(a) - time(b) || a.file.localeCompare(b.file);
}
