import { markdownToPlain } from './markdown.js';
import type { NetworkId } from './types.js';
import { withTracking, type LinkTracking } from './tracking.js';

export interface ComposableExcerpt {
  /** Markdown, the post's body after its frontmatter. */
  body: string;
  variants: Partial<Record<NetworkId, string>>;
  link?: string;
  /** UTM parameters for links to the practice's websites (see tracking.ts); none when absent. */
  tracking?: LinkTracking;
}

/** Where a character of the composed text came from. */
export type TextOrigin =
  /** `line` is 1-based within the body: the first line after the frontmatter is 1. */
  | { from: 'body'; line: number }
  /** `line` is 1-based within the value of `variants.<network>`. */
  | { from: 'variant'; line: number }
  /** The `link` field, appended. */
  | { from: 'link' };

export interface ComposedText {
  text: string;
  from: 'body' | 'variant';
  /** The origin of the character at a UTF-16 offset of `text`. */
  originAt(offset: number): TextOrigin;
}

/** The text a network receives for a post. */
export function composeText(post: ComposableExcerpt, network: NetworkId): string {
  return compose(post, network).text;
}

/**
 * The network's variant when the post has a non-blank one, else the body as plain text; then the
 * link on its own line after a blank line, unless the text already holds it or the network is
 * Instagram, whose captions do not link.
 */
export function compose(post: ComposableExcerpt, network: NetworkId): ComposedText {
  return withTracking(composeUntracked(post, network), post.tracking, network);
}

function composeUntracked(post: ComposableExcerpt, network: NetworkId): ComposedText {
  const variant = post.variants[network];
  const main = variant !== undefined && variant.trim() !== '' ? fromVariant(variant) : fromBody(post.body);
  const link = post.link?.trim();
  if (!link || network === 'instagram' || main.text.includes(link)) return main;
  const linkStart = main.text === '' ? 0 : main.text.length + 2;
  return {
    text: main.text === '' ? link : `${main.text}\n\n${link}`,
    from: main.from,
    originAt: (offset) => (offset >= linkStart ? { from: 'link' } : main.originAt(offset)),
  };
}

function fromVariant(variant: string): ComposedText {
  const lead = variant.length - variant.trimStart().length;
  const lineOf = lineFinder(variant);
  return {
    text: variant.trim(),
    from: 'variant',
    originAt: (offset) => ({ from: 'variant', line: lineOf(lead + offset) }),
  };
}

function fromBody(body: string): ComposedText {
  const plain = markdownToPlain(body);
  const lineOf = lineFinder(plain.text);
  return {
    text: plain.text,
    from: 'body',
    originAt: (offset) => {
      const outputLine = lineOf(offset) - 1;
      const line = plain.sourceLines[Math.min(outputLine, plain.sourceLines.length - 1)] ?? 1;
      return { from: 'body', line };
    },
  };
}

/** The 1-based line of a UTF-16 offset of `text`; the line breaks are found on the first call. */
function lineFinder(text: string): (offset: number) => number {
  let breaks: number[] | undefined;
  return (offset) => {
    if (!breaks) {
      breaks = [];
      for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) breaks.push(at);
    }
    // Lines before the offset's: the breaks before it.
    let low = 0;
    let high = breaks.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (breaks[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    return low + 1;
  };
}
