import type { Post } from '../../loading/post.js';
import type { NetworkId } from '../../loading/schemas/index.js';
import type { SourceRange } from '../../loading/source.js';
import { compose, profileFor, type ComposedText } from '../../networks/index.js';
import { keepRecent } from '../../util/recent-memo.js';
import { docsUrl } from '../messages.js';
import { defineRule, type PostCheckContext } from '../types.js';
import { placeComposed, type Span } from './post-texts.js';

const NOT_DISCLOSED = 'this post is sponsored or made with a partner ({{why}}) but does not say so on {{network}}: start it with "#ad", "Sponsored" or "Paid partnership"';

const messages = {
  notDisclosed: NOT_DISCLOSED,
  hidden: '"{{words}}" is hidden behind "see more" on {{network}}, which shows only the first {{visible}} characters: move it to the start of the post',
};

export const disclosure = defineRule({
  meta: {
    id: 'compliance/disclosure',
    severity: 'error',
    docs: {
      description: 'A sponsored post, paid partnership or endorsement must say so ("#ad", "Sponsored", "Paid partnership") where readers see it: before the "see more" cut of every network.',
      why: 'The FTC requires a post made with or paid by a partner (a pharmacy, a brand, a sponsor of an event) to say so clearly, where readers see it before they read on. A disclosure hidden after "see more", or a vague "#partner", does not count.',
      url: docsUrl('compliance/disclosure'),
    },
    messages,
    cacheable: true,
  },
  checkPost(context) {
    const tag = sponsorTag(context.post);
    for (const network of context.post.frontmatter.networks ?? []) checkNetwork(context, network, tag);
  },
});

interface Found extends Span {
  words: string;
}

const SPONSOR_TAGS = new Set(['sponsored', 'sponsor', 'sponsorship', 'ad', 'ads', 'advert', 'advertisement', 'advertising', 'paid', 'paid partnership', 'paid post', 'partner', 'partners', 'partnership', 'endorsement', 'affiliate']);

// Wording that says a company paid for, or takes part in, the post.
const SPONSOR_WORDING =
  /\bsponsored\s+by\b|\bin\s+(?:paid\s+)?partnership\s+with\b|\bpaid\s+partnership\b|\bbrought\s+to\s+you\s+by\b|\bthanks?(?:\s+you)?\s+to\s+our\s+(?:partners?|sponsors?)\b|\bour\s+sponsors?\b|\b(?:paid|sponsored)\s+(?:post|content|promotion|endorsement)\b|\baffiliate\s+links?\b|(?<![\w#])#(?:ad|ads|sponsored|paid|paidpartnership|partner|spon|sponsor)(?![\p{L}\p{N}_])/iu;
// Every sponsor wording holds one of these: most texts have none and skip the long pattern.
const MAY_NAME_SPONSOR = /spon|partner|brought|paid|affiliate|#ad/iu;

// Networks without a variant receive the same text: it is searched once.
const sponsorWordingIn = keepRecent((text: string) => (MAY_NAME_SPONSOR.test(text) ? find(SPONSOR_WORDING, text) : undefined));

// What the FTC's guides accept as a clear disclosure; "#partner" or "#spon" alone are too vague.
const DISCLOSURE =
  /(?<![\w#])#(?:ad|ads|sponsored|paid|paidad|paidpartnership|advertisement)(?![\p{L}\p{N}_])|\bsponsored\b|\bpaid\s+(?:partnership|promotion|post|advertisement|endorsement)\b|\badvertisement\b|^[ \t]*ad\b\s*[:|-]/imu;

function checkNetwork({ post, report }: PostCheckContext<keyof typeof messages>, network: NetworkId, tag: { name: string; range: SourceRange } | undefined): void {
  const composed = compose({ body: post.body, variants: post.frontmatter.variants ?? {}, link: post.frontmatter.link }, network);
  const wording = sponsorWordingIn(composed.text);
  if (!tag && !wording) return;
  const profile = profileFor(network);
  const shown = find(DISCLOSURE, composed.text);
  if (!shown) {
    const why = wording ? `it says "${wording.words}"` : `it is tagged "${tag!.name}"`;
    const range = wording ? placeComposed(post, composed, network, wording) : tag!.range;
    report({ messageId: 'notDisclosed', data: { why, network: profile.label }, range, network });
    return;
  }
  const cut = profile.seeMoreCut(composed.text);
  if (cut !== undefined && shown.end > cut) {
    const data = { words: shown.words, network: profile.label, visible: visibleLength(composed, cut) };
    report({ messageId: 'hidden', data, range: placeComposed(post, composed, network, shown), network });
  }
}

function sponsorTag(post: Post): { name: string; range: SourceRange } | undefined {
  const tags = post.frontmatter.tags ?? [];
  const index = tags.findIndex((tag) => SPONSOR_TAGS.has(tag.toLowerCase().replace(/[-_]+/g, ' ').trim()));
  return index === -1 ? undefined : { name: tags[index]!, range: post.locate(['tags', index]) };
}

function find(pattern: RegExp, text: string): Found | undefined {
  const match = pattern.exec(text);
  return match ? { words: match[0].trim(), start: match.index + (match[0].length - match[0].trimStart().length), end: match.index + match[0].length } : undefined;
}

function visibleLength(composed: ComposedText, cut: number): number {
  return [...composed.text.slice(0, cut)].length;
}
