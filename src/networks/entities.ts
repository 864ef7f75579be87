import twitter from 'twitter-text';

/** A match in a text; `start`/`end` are UTF-16 offsets (end exclusive), as `String.prototype.slice` takes them. */
export interface TextMatch {
  start: number;
  end: number;
}

export interface Hashtag extends TextMatch {
  /** Without the `#`. */
  tag: string;
}

export interface FoundUrl extends TextMatch {
  url: string;
}

export interface RemoteMention extends TextMatch {
  user: string;
  domain: string;
}

// A URL's domain has a dot followed by the top-level domain. Most lines of prose have none (their dots
// end sentences), and twitter-text's URL pattern is the costliest step of converting and counting them.
const DOMAIN_DOT = /\.[^\s.]/;

// twitter-text's option, missing from its types: `checkUrlOverlap` (on by default) searches the text for URLs.
const extractHashtags = twitter.extractHashtagsWithIndices as (
  text: string,
  options: { checkUrlOverlap: boolean },
) => ReturnType<typeof twitter.extractHashtagsWithIndices>;

/** Hashtags as X recognises them: `#2026` (digits only) is not one, `#flu-shot` is `#flu`. */
export function hashtagsIn(text: string): Hashtag[] {
  // Only a URL hides a hashtag (`example.com/#faq`): text without one needs no URL search.
  const found = extractHashtags(text, { checkUrlOverlap: DOMAIN_DOT.test(text) });
  return found.map(({ hashtag, indices: [start, end] }) => ({ tag: hashtag, start, end }));
}

/**
 * URLs, by default also those written without a protocol (`cedarvalleyhealth.com/flu`), as X
 * links them. `requireProtocol` keeps only `http(s)://…`, as Mastodon links them.
 */
export function urlsIn(text: string, options: { requireProtocol?: boolean } = {}): FoundUrl[] {
  if (!DOMAIN_DOT.test(text)) return [];
  const found = twitter.extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: !options.requireProtocol });
  return found.map(({ url, indices: [start, end] }) => ({ url, start, end }));
}

// Mastodon's account mention: `@user@domain`, not preceded by a word character, `/` or `=`.
const REMOTE_MENTION = /(?<![=/\p{L}\p{N}_])@([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)@([\p{L}\p{N}_]+(?:[.-]+[\p{L}\p{N}_]+)*)/giu;

/** Fediverse mentions with a domain, `@user@mastodon.social`. */
export function remoteMentionsIn(text: string): RemoteMention[] {
  const firstAt = text.indexOf('@');
  if (firstAt === -1 || !text.includes('@', firstAt + 1)) return [];
  return [...text.matchAll(REMOTE_MENTION)].map((m) => ({
    user: m[1]!,
    domain: m[2]!,
    start: m.index,
    end: m.index + m[0].length,
  }));
}

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

// One grapheme per UTF-16 unit, no segmenter needed: ASCII but the carriage return ("\r\n" is one
// grapheme), Latin-1, and general punctuation (• … – “ ”) short of its joiners and invisible controls.
// No two of these join into one grapheme (text.test.ts checks every pair).
export const ONE_UNIT_GRAPHEMES = /^[\x00-\x0c\x0e-\x7f\xa0-\xff\u2010-\u2027\u2030-\u205e]*$/;

/** User-perceived characters: 👨‍👩‍👧 and 🇺🇸 count 1 each. */
export function graphemeCount(text: string): number {
  if (ONE_UNIT_GRAPHEMES.test(text)) return text.length;
  let count = 0;
  for (const _ of graphemeSegmenter.segment(text)) count++;
  return count;
}

/** UTF-16 offsets where each grapheme starts. */
export function graphemeStarts(text: string): number[] {
  if (ONE_UNIT_GRAPHEMES.test(text)) return Array.from({ length: text.length }, (_, index) => index);
  return Array.from(graphemeSegmenter.segment(text), (s) => s.index);
}

/** The UTF-16 offset where grapheme `index` (0-based) starts, undefined past the last one: `graphemeStarts(text)[index]` without segmenting the rest. */
export function graphemeStartAt(text: string, index: number): number | undefined {
  if (ONE_UNIT_GRAPHEMES.test(text)) return index < text.length ? index : undefined;
  let seen = 0;
  for (const segment of graphemeSegmenter.segment(text)) if (seen++ === index) return segment.index;
  return undefined;
}

export function codePointCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
