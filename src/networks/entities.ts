import twitter from 'twitter-text';
import { extractUrls } from './url-finder.js';

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
  const found = extractHashtags(text, { checkUrlOverlap: false }).map(({ hashtag, indices: [start, end] }) => ({ tag: hashtag, start, end }));
  // Only a URL hides a hashtag (`example.com/#faq`): text without one needs no URL search.
  return found.length > 0 && DOMAIN_DOT.test(text) ? outsideUrls(found, urlsIn(text)) : found;
}

/**
 * The hashtags that no URL overlaps, as twitter-text's removeOverlappingEntities keeps them: by start,
 * each entity overlapping the last one kept is dropped (a hashtag and a URL starting together: the hashtag stays).
 */
function outsideUrls(hashtags: Hashtag[], urls: FoundUrl[]): Hashtag[] {
  const entities = [...hashtags.map((tag) => ({ tag, start: tag.start, end: tag.end })), ...urls.map((url) => ({ tag: undefined, start: url.start, end: url.end }))];
  entities.sort((a, b) => a.start - b.start);
  const kept: Hashtag[] = [];
  let last: { end: number } | undefined;
  for (const entity of entities) {
    if (last && last.end > entity.start) continue;
    last = entity;
    if (entity.tag) kept.push(entity.tag);
  }
  return kept;
}

/**
 * URLs, by default also those written without a protocol (`cedarvalleyhealth.com/flu`), as X
 * links them. `requireProtocol` keeps only `http(s)://…`, as Mastodon links them.
 */
export function urlsIn(text: string, options: { requireProtocol?: boolean } = {}): FoundUrl[] {
  if (!DOMAIN_DOT.test(text)) return [];
  return extractUrls(text, !options.requireProtocol).map(({ url, indices: [start, end] }) => ({ url, start, end }));
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
  for (const _ of graphemeIndices(text)) count++;
  return count;
}

/** UTF-16 offsets where each grapheme starts. */
export function graphemeStarts(text: string): number[] {
  if (ONE_UNIT_GRAPHEMES.test(text)) return Array.from({ length: text.length }, (_, index) => index);
  return Array.from(graphemeIndices(text));
}

/** The UTF-16 offset where grapheme `index` (0-based) starts, undefined past the last one: `graphemeStarts(text)[index]` without segmenting the rest. */
export function graphemeStartAt(text: string, index: number): number | undefined {
  if (ONE_UNIT_GRAPHEMES.test(text)) return index < text.length ? index : undefined;
  let seen = 0;
  for (const start of graphemeIndices(text)) if (seen++ === index) return start;
  return undefined;
}

// Intl.Segmenter takes time growing with the square of the text's length (V8 in Node 20 and 22: 80 s
// for 160,000 letters). Texts are segmented in pieces of about this many UTF-16 units instead, cut
// where a grapheme boundary is certain whatever the characters around it.
const PIECE_LENGTH = 256;

/** Where each grapheme of `text` starts, as the segmenter finds them, piece by piece. */
export function* graphemeIndices(text: string, pieceLength = PIECE_LENGTH): Generator<number> {
  for (let start = 0; start < text.length; ) {
    const end = start + pieceLength >= text.length ? text.length : certainBoundary(text, start, start + pieceLength);
    for (const segment of graphemeSegmenter.segment(text.slice(start, end))) yield start + segment.index;
    start = end;
  }
}

// What may join the character before it into one grapheme (Unicode's grapheme cluster rules GB9, GB9a:
// Extend, ZWJ, SpacingMark; every Mc and Cf is taken as one of them, to be safe).
const JOINS_PREVIOUS = /^[\p{Grapheme_Extend}\p{Mc}\p{Cf}\p{Emoji_Modifier}\u0E33\u0EB3]/u;
// What may join the character after it (GB9b Prepend, and the format characters ZWJ and ZWNJ).
const JOINS_NEXT = /[\p{Cf}\u0D4E\u{111C2}\u{111C3}\u{1193F}\u{11941}\u{11A3A}\u{11A84}-\u{11A89}\u{11D46}\u{11F02}]$/u;
const REGIONAL_INDICATOR = /^\p{Regional_Indicator}/u;
const HANGUL_JAMO = /^[\u1100-\u11FF\uA960-\uA97F\uD7B0-\uD7FF]/;
const HANGUL = /[\u1100-\u11FF\uA960-\uA97F\uAC00-\uD7FF]$/;
const HANGUL_LEADING = /[\u1100-\u115F\uA960-\uA97F]$/;
// Scripts where a consonant joins a virama before it, marks between them or not (GB9c).
const INDIC = /^[\u0900-\u0DFF]/;
const INDIC_JOINER = /[\u0900-\u0DFF\p{M}\p{Cf}\p{Grapheme_Extend}\p{Emoji_Modifier}]$/u;

/**
 * The first position at or after `from` where a grapheme boundary is certain, or the text's end.
 * `start` is one: regional indicators (flags pair them) are counted from there.
 */
function certainBoundary(text: string, start: number, from: number): number {
  for (let at = from; at < text.length; at++) {
    const unit = text.charCodeAt(at);
    if (unit >= 0xdc00 && unit <= 0xdfff) continue; // the second half of a character
    if (isCertainBoundary(text, start, at)) return at;
  }
  return text.length;
}

function isCertainBoundary(text: string, start: number, at: number): boolean {
  if (text.charCodeAt(at) === 10 && text.charCodeAt(at - 1) === 13) return false;
  const after = text.slice(at, at + 2);
  const before = text.slice(Math.max(start, at - 2), at);
  if (JOINS_PREVIOUS.test(after) || JOINS_NEXT.test(before)) return false;
  if (REGIONAL_INDICATOR.test(after)) return regionalIndicatorsBefore(text, start, at) % 2 === 0;
  if (HANGUL_JAMO.test(after)) return !HANGUL.test(before);
  if (/^[\uAC00-\uD7A3]/.test(after)) return !HANGUL_LEADING.test(before);
  if (INDIC.test(after)) return !INDIC_JOINER.test(before);
  return true;
}

function regionalIndicatorsBefore(text: string, start: number, at: number): number {
  let count = 0;
  for (let before = at - 2; before >= start && REGIONAL_INDICATOR.test(text.slice(before, before + 2)); before -= 2) count++;
  return count;
}

export function codePointCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
