import { urlsIn } from './entities.js';
import { keepRecent } from '../util/recent-memo.js';

/** Plain text converted from a markdown body, with the body line every output line came from. */
export interface PlainText {
  text: string;
  /** `sourceLines[i]` is the 1-based markdown line that output line `i` (0-based) came from. */
  sourceLines: number[];
}

interface OutputLine {
  text: string;
  source: number;
}

interface ScanState {
  inComment: boolean;
  inFence: boolean;
}

/**
 * Markdown to the plain text a network shows. Line breaks are kept as written (a social post's
 * lines are meant as lines), runs of blank lines become one, comments and markup go, links
 * become `text url`, list items `• item`. Lines that only held markup or a comment disappear.
 */
export const markdownToPlain: (markdown: string) => PlainText = keepRecent(convertMarkdown);

function convertMarkdown(markdown: string): PlainText {
  const state: ScanState = { inComment: false, inFence: false };
  const lines: OutputLine[] = [];
  linesOf(markdown).forEach((raw, index) => {
    const text = convertLine(raw, state);
    if (text === undefined) return;
    const previous = lines[lines.length - 1];
    if (text === '' && (previous === undefined || previous.text === '')) return;
    lines.push({ text, source: index + 1 });
  });
  while (lines[lines.length - 1]?.text === '') lines.pop();
  return { text: lines.map((l) => l.text).join('\n'), sourceLines: lines.map((l) => l.source) };
}

/** The lines of a text as `split(/\r?\n/)` gives them, without a regex split's cost. */
function linesOf(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length - 1; i++) if (lines[i]!.endsWith('\r')) lines[i] = lines[i]!.slice(0, -1);
  return lines;
}

/** The output line for one markdown line: '' for a blank line, undefined when it disappears. */
function convertLine(raw: string, state: ScanState): string | undefined {
  if (!state.inComment && /^ {0,3}(```|~~~)/.test(raw)) {
    state.inFence = !state.inFence;
    return undefined;
  }
  if (state.inFence) return raw.trimEnd();
  const { text, hadComment } = stripComments(raw, state);
  if (text.trim() === '') return hadComment ? undefined : '';
  const plain = blockToPlain(text);
  return plain === undefined || plain.trim() === '' ? undefined : plain.trimEnd();
}

function stripComments(line: string, state: ScanState): { text: string; hadComment: boolean } {
  let text = '';
  let rest = line;
  let hadComment = state.inComment;
  while (rest !== '') {
    const marker = state.inComment ? '-->' : '<!--';
    const at = rest.indexOf(marker);
    if (at === -1) {
      if (!state.inComment) text += rest;
      break;
    }
    if (!state.inComment) text += rest.slice(0, at);
    rest = rest.slice(at + marker.length);
    state.inComment = !state.inComment;
    hadComment = true;
    // "a <!-- c --> b" leaves one space, not two.
    if (!state.inComment && /\s$/.test(text)) rest = rest.trimStart();
  }
  return { text, hadComment };
}

const THEMATIC_BREAK = /^ {0,3}([-*_])([ \t]*\1){2,}[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}=+[ \t]*$/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const LIST_ITEM = /^([ \t]*)[-*+][ \t]+(.*)$/;
const BLOCKQUOTE = /^ {0,3}>[ \t]?(.*)$/;

function blockToPlain(line: string): string | undefined {
  if (THEMATIC_BREAK.test(line) || SETEXT_UNDERLINE.test(line)) return undefined;
  const heading = HEADING.exec(line);
  if (heading) return inlineToPlain(heading[1] ?? '');
  const item = LIST_ITEM.exec(line);
  if (item) return `${item[1]}• ${inlineToPlain(item[2]!)}`;
  const quote = BLOCKQUOTE.exec(line);
  if (quote) return blockToPlain(quote[1]!);
  return inlineToPlain(line.trim().replace(/\\$/, ''));
}

// Images, links with an optional title, autolinks, code spans.
const INLINE_TOKEN =
  /!\[[^\]]*\]\([^)]*\)|\[([^\]]+)\]\(\s*<?([^)\s>]+)>?(?:\s+["'(][^)]*["')])?\s*\)|<((?:https?:\/\/|mailto:)[^>\s]+)>|`([^`]+)`/g;

// Every inline token starts with one of these; most lines hold none.
const INLINE_TOKEN_START = /[[<`]/;

export function inlineToPlain(text: string): string {
  if (!INLINE_TOKEN_START.test(text)) return plainRun(text);
  let out = '';
  let at = 0;
  for (const m of text.matchAll(INLINE_TOKEN)) {
    out += plainRun(text.slice(at, m.index)) + tokenToPlain(m);
    at = m.index + m[0].length;
  }
  return out + plainRun(text.slice(at));
}

function tokenToPlain([whole, linkText, linkUrl, autolink, code]: RegExpMatchArray): string {
  if (code !== undefined) return code;
  if (autolink !== undefined) return autolink.replace(/^mailto:/, '');
  if (linkText === undefined || linkUrl === undefined) return whole.startsWith('!') ? '' : whole;
  const url = linkUrl.replace(/^mailto:/, '');
  const label = inlineToPlain(linkText);
  return withoutScheme(label) === withoutScheme(url) ? url : `${label} ${url}`;
}

function withoutScheme(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/\/$/, '');
}

const ESCAPED = /\\([\\`*_{}[\]()#+\-.!<>~|])/g;
const URL_MARK = '\uE000';
const ESCAPE_MARK = '\uE001';

/** Emphasis and escapes removed from text outside links; bare URLs and escaped characters are kept as they are. */
function plainRun(text: string): string {
  const urls = urlsIn(text);
  let marked = '';
  let at = 0;
  for (const url of urls) {
    marked += text.slice(at, url.start) + URL_MARK;
    at = url.end;
  }
  marked += text.slice(at);
  const escaped: string[] = [];
  if (marked.includes('\\')) {
    marked = marked.replace(ESCAPED, (_, char: string) => {
      escaped.push(char);
      return ESCAPE_MARK;
    });
  }
  const plain = restore(stripEmphasis(marked), ESCAPE_MARK, escaped);
  return restore(plain, URL_MARK, urls.map((u) => u.url));
}

function restore(text: string, mark: string, values: string[]): string {
  if (!text.includes(mark)) return text;
  let i = 0;
  return text.replaceAll(mark, () => values[i++] ?? '');
}

// In the order they apply, each with the character it needs: text without it is left as it is.
const EMPHASIS: [marker: string, pattern: RegExp][] = [
  ['*', /\*\*(?=\S)(.+?)(?<=\S)\*\*/g],
  ['_', /(?<![\p{L}\p{N}_])__(?=\S)(.+?)(?<=\S)__(?![\p{L}\p{N}_])/gu],
  ['~', /~~(?=\S)(.+?)(?<=\S)~~/g],
  ['*', /\*(?=[^\s*])(.+?)(?<=[^\s*])\*/g],
  ['_', /(?<![\p{L}\p{N}_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\p{L}\p{N}_])/gu],
];

function stripEmphasis(text: string): string {
  return EMPHASIS.reduce((out, [marker, pattern]) => (out.includes(marker) ? out.replace(pattern, '$1') : out), text);
}
