import type { Post } from '../../loading/post.js';
import type { NetworkId } from '../../loading/schemas/index.js';
import type { SourceRange } from '../../loading/source.js';
import type { YamlPath } from '../../loading/yaml.js';
import { hashtagsIn, urlsIn, type ComposedText, type Hashtag } from '../../networks/index.js';
import { keepRecent } from '../../util/recent-memo.js';

/** A text of a post that networks publish: the body, or one network's variant. */
export interface PublishedText {
  /** The variant's network; undefined for the body, which every network without a variant receives. */
  network?: NetworkId;
  /** As written, with HTML comments blanked out (offsets unchanged). */
  text: string;
  /** Where `text.slice(start, end)` is written in the post file. */
  place(start: number, end: number): SourceRange;
}

export interface Span {
  start: number;
  end: number;
}

/**
 * The first line of the body that holds text, HTML comments left out: where a finding about the body
 * as a whole is reported, so that a plan-disable comment written above it covers it.
 */
export function firstTextLine(post: Post): SourceRange {
  const body = blankComments(post.body);
  const lead = body.length - body.trimStart().length;
  const lineEnd = body.indexOf('\n', lead);
  return post.lines.range(post.bodyOffset + lead, post.bodyOffset + (lineEnd === -1 ? body.length : lineEnd));
}

/** The body, then each non-blank variant. */
export function publishedTexts(post: Post): PublishedText[] {
  const texts: PublishedText[] = [bodyText(post)];
  for (const [network, value] of Object.entries(post.frontmatter.variants ?? {})) {
    if (value !== undefined && value.trim() !== '') texts.push(variantText(post, network as NetworkId, value));
  }
  return texts;
}

function bodyText(post: Post): PublishedText {
  return {
    text: blankComments(post.body),
    place: (start, end) => post.lines.range(post.bodyOffset + start, post.bodyOffset + end),
  };
}

/**
 * A variant is a YAML value: its lines are indented (block scalars) or quoted in the file. Each
 * line of the value is looked up in the written value, in order; a line written differently
 * (escapes, folding) is placed at the start of the value. Looked up on the first `place`: most
 * texts are never placed.
 */
function variantText(post: Post, network: NetworkId, value: string): PublishedText {
  let placeLine: ((start: number, end: number) => SourceRange) | undefined;
  return {
    network,
    text: blankComments(value),
    place(start, end) {
      placeLine ??= variantLinePlacer(post, network, value);
      return placeLine(start, end);
    },
  };
}

function variantLinePlacer(post: Post, network: NetworkId, value: string): (start: number, end: number) => SourceRange {
  const { written, from, raw } = writtenValue(post, ['variants', network]);
  const lines = value.split('\n');
  const valueStarts: number[] = [];
  const fileStarts: (number | undefined)[] = [];
  let valueAt = 0;
  let cursor = 0;
  for (const line of lines) {
    valueStarts.push(valueAt);
    valueAt += line.length + 1;
    const found = raw.indexOf(line, cursor);
    fileStarts.push(found === -1 ? undefined : from + found);
    if (found !== -1) cursor = found + line.length;
  }
  return (start, end) => {
    let line = 0;
    while (line + 1 < lines.length && valueStarts[line + 1]! <= start) line++;
    const fileStart = fileStarts[line];
    const lineStart = valueStarts[line]!;
    if (fileStart === undefined || end > lineStart + lines[line]!.length) return written;
    return post.lines.range(fileStart + start - lineStart, fileStart + end - lineStart);
  };
}

/** A frontmatter value as written in the file: its range, its offset and its raw text (quotes, indentation). */
export function writtenValue(post: Post, path: YamlPath): { written: SourceRange; from: number; raw: string } {
  const written = post.locate(path);
  const from = post.lines.offsetOf(written.line, written.column);
  return { written, from, raw: post.lines.text.slice(from, post.lines.offsetOf(written.endLine, written.endColumn)) };
}

/** Where a part of the text a network receives (`compose`) is written in the post file. */
export function placeComposed(post: Post, composed: ComposedText, network: NetworkId, span: Span): SourceRange {
  const origin = composed.originAt(span.start);
  if (origin.from === 'link') return post.locate(['link']);
  if (origin.from === 'variant') {
    const variant = publishedTexts(post).find((t) => t.network === network);
    const value = post.frontmatter.variants?.[network] ?? '';
    const lead = value.length - value.trimStart().length;
    return variant ? variant.place(lead + span.start, lead + span.end) : post.locate(['variants', network]);
  }
  // The body was turned from markdown into plain text: find the words on the line they came from.
  const line = post.lines.position(post.bodyOffset).line + origin.line - 1;
  const source = post.lines.lineText(line);
  const lineStart = post.lines.offsetOf(line);
  const wanted = composed.text.slice(span.start, span.end).toLowerCase();
  const at = source.toLowerCase().indexOf(wanted);
  if (at === -1) return post.lines.range(lineStart, lineStart + source.length);
  return post.lines.range(lineStart + at, lineStart + at + wanted.length);
}

/** `text` with the spans replaced by spaces (line breaks kept), so offsets stay the same; spans may overlap. */
export function blank(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  let out = '';
  let copied = 0;
  for (const { start, end } of [...spans].sort((a, b) => a.start - b.start)) {
    const from = Math.max(start, copied);
    if (end <= from) continue;
    out += text.slice(copied, from) + spacesFor(text.slice(from, end));
    copied = end;
  }
  return out + text.slice(copied);
}

/** As many spaces as `piece` has UTF-16 units, its line breaks kept. */
function spacesFor(piece: string): string {
  return piece.includes('\n') ? piece.replace(/[^\n]/g, ' ') : ' '.repeat(piece.length);
}

const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;

/** HTML comments (plan-disable directives with their reasons among them) are not published. */
export function blankComments(text: string): string {
  if (!text.includes('<!--')) return text;
  return blank(text, [...text.matchAll(COMMENT)].map((m) => ({ start: m.index, end: m.index + m[0].length })));
}

const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const HANDLE = /(?<![\w@])@[A-Za-z0-9_]+(?:@[\w.-]+)?/g;

/** Blanks web addresses, email addresses and @handles: their words are not the post's wording. */
export const blankAddresses: (text: string) => string = keepRecent(blankAddressesOf);

// Every web address has a dot right before its top-level domain ("example.com"): a text without one needs no search.
const MAY_HOLD_URL = /\.\S/;

function blankAddressesOf(text: string): string {
  const spans: Span[] = MAY_HOLD_URL.test(text) ? urlsIn(text) : [];
  // Emails and handles hold an "@": most texts have none, and their patterns need not scan them.
  if (text.includes('@')) {
    for (const pattern of [EMAIL, HANDLE]) {
      for (const m of text.matchAll(pattern)) spans.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  return blank(text, spans);
}

/** Hashtags as X recognises them; the body's and each variant's are asked for by several rules. */
export const hashtagsOf: (text: string) => readonly Hashtag[] = keepRecent(hashtagsIn);

// Periods that do not end a sentence.
const ABBREVIATION = /\b(?:Dr|Mr|Mrs|Ms|St|Sr|Jr|vs|etc|No|Ave|Blvd|approx|Inc|Co)\.|\b(?:[A-Za-z]\.){2,}/g;
const SENTENCE_END = /[.!?]+(?=["')\]’”]*(?:\s|$))["')\]’”]*|\n/g;

/** Sentences: text ending in `.`, `!` or `?`, or a line of its own (list items, headings). */
export function sentencesOf(text: string): Span[] {
  const masked = text.replace(ABBREVIATION, (m) => m.replace(/\./g, '_'));
  const sentences: Span[] = [];
  let start = 0;
  const push = (end: number) => {
    const piece = text.slice(start, end).trimEnd();
    const lead = piece.length - piece.trimStart().length;
    if (lead < piece.length) sentences.push({ start: start + lead, end: start + piece.length });
  };
  for (const m of masked.matchAll(SENTENCE_END)) {
    push(m.index + (m[0] === '\n' ? 0 : m[0].length));
    start = m.index + m[0].length;
  }
  push(text.length);
  return sentences;
}

/** Curly apostrophes straightened, so patterns can say "don't" once. */
export function straighten(text: string): string {
  return text.replace(/[\u2018\u2019\u02bc]/g, "'");
}
