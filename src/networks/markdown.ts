import MarkdownIt, { type StateInline, type Token } from 'markdown-it';
import { urlsIn, type FoundUrl } from './entities.js';
import { keepRecent } from '../util/recent-memo.js';

/** Plain text converted from a markdown body, with the body line every output line came from. */
export interface PlainText {
  text: string;
  /** `sourceLines[i]` is the 1-based markdown line that output line `i` (0-based) came from. */
  sourceLines: number[];
  /** What the markdown holds that no network receives, or receives while the checks skip it. */
  hidden: HiddenText[];
}

/**
 * Text of the body that networks do not receive as written:
 *   open-comment     an HTML comment (`<!--`) at the start of a line that is never closed: the rest is cut
 *   comment-as-text  a `<!--` inside a line that is never closed: networks receive it as text, but the
 *                    PHI check reads it as a comment and skips what follows it
 *   html             HTML whose text is not shown: attributes, `<!DOCTYPE …>`, `<?…?>`, `<![CDATA[…]]>`,
 *                    what `<script>` and `<style>` hold
 *   image            an image written in the text (`![description](file)`)
 *   link-title       the title of a link (`[text](address "title")`)
 *   definition       a link definition (`[label]: address`) that no link uses
 *   skipped          text the parser leaves out (containers nested too deeply)
 */
export type HiddenKind = 'open-comment' | 'comment-as-text' | 'html' | 'image' | 'link-title' | 'definition' | 'skipped';

export interface HiddenText {
  kind: HiddenKind;
  /** 1-based body lines it spans. */
  line: number;
  endLine: number;
  /** Characters of text left out (spaces not counted). */
  characters: number;
}

// A line that holds nothing but the markers of quotes and list items (`>`, `-`, `1.`).
const ONLY_MARKERS = /^(?:\s|>|[-+*](?=\s|$)|\d{1,9}[.)](?=\s|$))*$/;
const DEFINITION = /^ {0,3}\[((?:[^\]\\]|\\.)+)\]:/;

/** How markdown-it keys link definitions: spaces collapsed, case folded. */
function normalizeLabel(label: string): string {
  return label.trim().replace(/\s+/g, ' ').toLowerCase().toUpperCase();
}

interface OutputLine {
  text: string;
  source: number;
}

/**
 * Markdown (CommonMark, with ~~strikethrough~~ and bare web addresses as GitHub reads them) to the
 * plain text a network shows. Line breaks are kept as written (a social post's lines are meant as
 * lines), runs of blank lines become one, comments and markup go, links become `text url`, list
 * items `• item`, HTML tags go and their text stays. Lines that only held markup or a comment disappear.
 */
export const markdownToPlain: (markdown: string) => PlainText = keepRecent(convertMarkdown);

// Made on first use: most commands that load this module convert no markdown.
let parser: MarkdownIt | undefined;

function createParser(): MarkdownIt {
  const md = new MarkdownIt('commonmark', { html: true });
  (md.options as { maxNesting: number }).maxNesting = MAX_NESTING;
  md.enable('strikethrough');
  // What a network receives is the address as written, whatever it is.
  md.normalizeLink = (url) => url;
  md.normalizeLinkText = (text) => text;
  md.validateLink = () => true;
  md.inline.ruler.before('text', 'bare_url', bareUrl);
  md.inline.ruler.at('text', textUpToUrl(ruleNamed(md, 'text')));
  for (const { name } of inlineRules(md)) md.inline.ruler.at(name, placed(ruleNamed(md, name)));
  md.inline.State = class extends md.inline.State {
    override pushPending(): Token {
      const token = super.pushPending();
      pendingText.add(token);
      return token;
    }
  };
  return md;
}

// Deeper than this, markdown-it stops parsing a container and drops its text ("skipped").
const MAX_NESTING = 100;

type InlineRule = (state: StateInline, silent: boolean) => boolean;

/** The inline rules in their order; markdown-it's Ruler lists them only internally. */
function inlineRules(md: MarkdownIt): { name: string; fn: InlineRule }[] {
  return (md.inline.ruler as unknown as { __rules__: { name: string; fn: InlineRule }[] }).__rules__;
}

function ruleNamed(md: MarkdownIt, name: string): InlineRule {
  const found = inlineRules(md).find((rule) => rule.name === name);
  if (!found) throw new Error(`markdown-it has no inline rule ${name}`);
  return found.fn as InlineRule;
}

/** Where each inline token starts in its inline source, by token: markdown-it keeps no positions for them. */
const tokenStarts = new WeakMap<Token, number>();
/** Text gathered character by character and pushed by whatever comes next: it has no place of its own, and no line break. */
const pendingText = new WeakSet<Token>();

function placed(rule: InlineRule): InlineRule {
  return (state, silent) => {
    const start = state.pos;
    const count = state.tokens.length;
    const matched = rule(state, silent);
    if (matched && !silent) {
      for (let i = count; i < state.tokens.length; i++) {
        const token = state.tokens[i]!;
        if (!tokenStarts.has(token) && !pendingText.has(token)) tokenStarts.set(token, start);
      }
    }
    return matched;
  };
}

// Bare web addresses are text as written: no emphasis, escape or entity inside them (`example.com/_a_`).
// The URLs of each inline source (a paragraph, an image's description), for the conversion under way.
const urlsBySource = new Map<string, FoundUrl[]>();

function urlsOfSource(src: string): FoundUrl[] {
  let urls = urlsBySource.get(src);
  if (!urls) urlsBySource.set(src, (urls = urlsIn(src)));
  return urls;
}

/** The first URL starting at or after `pos`, by binary search. */
function urlFrom(src: string, pos: number): FoundUrl | undefined {
  const urls = urlsOfSource(src);
  let low = 0;
  let high = urls.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (urls[mid]!.start < pos) low = mid + 1;
    else high = mid;
  }
  return urls[low];
}

function bareUrl(state: StateInline, silent: boolean): boolean {
  const url = urlFrom(state.src, state.pos);
  if (!url || url.start !== state.pos || url.end > state.posMax) return false;
  if (!silent) state.pending += state.src.slice(url.start, url.end);
  state.pos = url.end;
  return true;
}

/** markdown-it's text rule, stopped where a bare URL starts so that `bare_url` can take it. */
function textUpToUrl(text: InlineRule): InlineRule {
  return (state, silent) => {
    const next = urlFrom(state.src, state.pos + 1);
    if (!next || next.start >= state.posMax) return text(state, silent);
    const max = state.posMax;
    state.posMax = next.start;
    try {
      return text(state, silent);
    } finally {
      state.posMax = max;
    }
  };
}

function convertMarkdown(markdown: string): PlainText {
  // markdown-it reads a lone carriage return as a line break; the file's lines are counted at "\n".
  const source = markdown.includes('\r') ? markdown.replace(/\r(?!\n)/g, ' ').replace(/\r\n/g, '\n') : markdown;
  const env: { references?: Record<string, { href: string }> } = {};
  urlsBySource.clear();
  parser ??= createParser();
  const tokens = parser.parse(source, env);
  urlsBySource.clear();
  const walk = new Walk(source.split('\n'));
  walk.blocks(tokens);
  walk.uncovered(env.references ?? {});
  return walk.result();
}

/** One pass over markdown-it's tokens, writing the lines a network receives and noting what it does not. */
class Walk {
  private readonly lines: OutputLine[] = [];
  private readonly hidden: HiddenText[] = [];
  /** Body lines (0-based) inside a leaf block: their blank lines do not separate paragraphs. */
  private readonly covered: Uint8Array;
  private lastLeafEnd = -1;
  private readonly lists: { ordered: boolean; depth: number }[] = [];
  private itemPrefix: string | undefined;
  private readonly linkHrefs = new Set<string>();

  constructor(private readonly sourceLines: string[]) {
    this.covered = new Uint8Array(sourceLines.length + 1);
  }

  blocks(tokens: Token[]): void {
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.map) this.cover(token);
      switch (token.type) {
        case 'bullet_list_open':
        case 'ordered_list_open':
          this.lists.push({ ordered: token.type === 'ordered_list_open', depth: this.lists.length });
          break;
        case 'bullet_list_close':
        case 'ordered_list_close':
          this.lists.pop();
          break;
        case 'list_item_open':
          this.itemPrefix = `${'  '.repeat(this.lists.length - 1)}${this.lists.at(-1)?.ordered ? `${token.info}${token.markup}` : '•'} `;
          break;
        case 'inline':
          this.inline(token, tokens[i - 1]!);
          break;
        case 'fence':
        case 'code_block':
          this.code(token);
          break;
        case 'html_block':
          this.htmlBlock(token);
          break;
        case 'hr':
          this.leaf(token);
          break;
      }
    }
  }

  private cover(token: Token): void {
    if (token.nesting !== 0 && token.type !== 'paragraph_open' && token.type !== 'heading_open') return;
    const [from, to] = token.map!;
    this.covered.fill(1, from, to);
  }

  /** Starts a leaf block: a blank line written before it (outside other leaves) separates it from the last one. */
  private leaf(token: Token): void {
    const [from, to] = token.map!;
    if (this.lastLeafEnd >= 0) {
      for (let line = this.lastLeafEnd; line < from; line++) {
        if (!this.covered[line] && this.sourceLines[line]!.trim() === '') {
          this.lines.push({ text: '', source: line + 1 });
          break;
        }
      }
    }
    this.lastLeafEnd = Math.max(this.lastLeafEnd, to);
  }

  private push(text: string, source: number): void {
    const prefix = this.itemPrefix;
    if (prefix !== undefined && text.trim() === '') return;
    this.itemPrefix = undefined;
    this.lines.push({ text: prefix === undefined ? text : prefix + text, source });
  }

  private code(token: Token): void {
    this.leaf(token);
    const first = token.map![0] + (token.type === 'fence' ? 1 : 0);
    const content = token.content.endsWith('\n') ? token.content.slice(0, -1) : token.content;
    if (content === '') return;
    content.split('\n').forEach((line, index) => this.push(line.trimEnd(), first + index + 1));
  }

  private htmlBlock(token: Token): void {
    this.leaf(token);
    const [from, to] = token.map!;
    const { text, hidden, unclosedComment } = stripHtml(token.content);
    if (unclosedComment) {
      this.note('open-comment', from, to - 1, countCharacters(token.content.slice(token.content.indexOf('<!--') + 4)));
    } else if (hidden > 0) this.note('html', from, to - 1, hidden);
    text.split('\n').forEach((line, index) => {
      const trimmed = line.trim();
      if (trimmed !== '') this.push(trimmed, from + index + 1);
    });
  }

  private inline(token: Token, opening: Token): void {
    this.leaf(opening);
    const [from] = opening.map!;
    const lineStarts = newlineOffsets(token.content);
    const lineAt = (offset: number) => from + countBefore(lineStarts, offset);
    let line = from;
    let text = '';
    let skipSpace = false;
    const links: { start: number; href: string; autolink: boolean }[] = [];
    const flush = () => {
      const trimmed = text.trim();
      if (trimmed !== '') this.push(trimmed, line + 1);
      text = '';
      // A link's text that runs over lines: its address goes after the part on the last line.
      for (const link of links) link.start = 0;
    };
    for (const child of token.children ?? []) {
      const start = tokenStarts.get(child);
      // A closing token is placed where its opening one starts, possibly lines before.
      if (start !== undefined && child.nesting !== -1 && child.type !== 'softbreak' && child.type !== 'hardbreak') line = lineAt(start);
      switch (child.type) {
        case 'text':
        case 'text_special':
        case 'code_inline': {
          const content = skipSpace && /\s$/.test(text) ? child.content.trimStart() : child.content;
          text += content;
          skipSpace = false;
          break;
        }
        case 'softbreak':
        case 'hardbreak':
          flush();
          line = start === undefined ? line + 1 : lineAt(start) + 1;
          break;
        case 'link_open':
          links.push({ start: text.length, href: child.attrGet('href') ?? '', autolink: child.markup === 'autolink' });
          this.linkTitle(child, line);
          break;
        case 'link_close': {
          const link = links.pop();
          if (link) text = text.slice(0, link.start) + linkText(text.slice(link.start), link.href, link.autolink);
          break;
        }
        case 'image':
          this.note('image', line, line, countCharacters(child.content) + countCharacters(child.attrGet('src') ?? ''));
          skipSpace = true;
          break;
        case 'html_inline': {
          const { hidden } = stripHtml(child.content);
          if (hidden > 0) this.note('html', line, line, hidden);
          skipSpace = true;
          break;
        }
      }
    }
    flush();
  }

  private linkTitle(link: Token, line: number): void {
    this.linkHrefs.add(link.attrGet('href') ?? '');
    const title = link.attrGet('title');
    if (title) this.note('link-title', line, line, countCharacters(title));
  }

  /** Lines no block holds: link definitions, and what markdown-it drops past its nesting limit. */
  uncovered(references: Record<string, { href: string }>): void {
    let start = -1;
    for (let line = 0; line <= this.sourceLines.length; line++) {
      const empty = line === this.sourceLines.length || this.covered[line] === 1 || ONLY_MARKERS.test(this.sourceLines[line]!);
      if (!empty && start === -1) start = line;
      if (!empty || start === -1) continue;
      const written = this.sourceLines.slice(start, line);
      const labels = written.map((text) => DEFINITION.exec(text)?.[1]).filter((label) => label !== undefined);
      if (labels.length === 0) this.note('skipped', start, line - 1, countCharacters(written.join('')));
      else if (labels.some((label) => !this.linkHrefs.has(references[normalizeLabel(label)]?.href ?? ''))) this.note('definition', start, line - 1, countCharacters(written.join('')));
      start = -1;
    }
  }

  /** A `<!--` that networks receive as text: the PHI check takes it for a comment and skips what follows it. */
  private commentAsText(line: OutputLine): void {
    const after = line.text.slice(line.text.indexOf('<!--') + 4);
    const end = after.indexOf('-->');
    this.note('comment-as-text', line.source - 1, line.source - 1, countCharacters(end === -1 ? after : after.slice(0, end)));
  }

  private note(kind: HiddenKind, from: number, to: number, characters: number): void {
    this.hidden.push({ kind, line: from + 1, endLine: to + 1, characters });
  }

  result(): PlainText {
    const lines: OutputLine[] = [];
    for (const line of this.lines) if (line.text.includes('<!--')) this.commentAsText(line);
    for (const line of this.lines) {
      const text = line.text.trimEnd();
      if (text === '' && (lines.length === 0 || lines[lines.length - 1]!.text === '')) continue;
      lines.push({ text, source: line.source });
    }
    while (lines[lines.length - 1]?.text === '') lines.pop();
    const hidden = this.hidden.sort((a, b) => a.line - b.line);
    return { text: lines.map((l) => l.text).join('\n'), sourceLines: lines.map((l) => l.source), hidden };
  }
}

/** A link as text: its text and address, or the address alone when they say the same. */
function linkText(label: string, href: string, autolink: boolean): string {
  const url = href.replace(/^mailto:/i, '');
  if (autolink || label.trim() === '') return url;
  return withoutScheme(label) === withoutScheme(url) ? url : `${label} ${url}`;
}

function withoutScheme(url: string): string {
  return url.replace(/^https?:\/\//, '').replace(/\/$/, '');
}

function newlineOffsets(text: string): number[] {
  const offsets: number[] = [];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) offsets.push(at);
  return offsets;
}

/** How many of the sorted numbers are below `value`. */
function countBefore(sorted: number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

function countCharacters(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 10 && code !== 9 && code !== 13) count++;
  }
  return count;
}

/**
 * HTML as a reader sees it: tags gone, their text kept; comments, `<!…>`, `<?…?>`, CDATA and what
 * `<script>` and `<style>` hold gone too. `hidden` counts the characters of text that goes with them
 * (attributes, comment-like contents), not the tags' names. One pass: each end marker is searched once.
 */
export function stripHtml(html: string): { text: string; hidden: number; unclosedComment: boolean } {
  let text = '';
  let hidden = 0;
  let unclosedComment = false;
  let at = 0;
  const ends = new EndFinder(html);
  while (at < html.length) {
    const open = html.indexOf('<', at);
    if (open === -1) break;
    text += html.slice(at, open);
    const found = htmlConstructAt(html, open, ends);
    if (!found) {
      text += '<';
      at = open + 1;
      continue;
    }
    if (found.kind === 'comment' && found.unclosed) unclosedComment = true;
    else if (found.kind !== 'comment') hidden += found.hidden;
    text += html.slice(open, found.end).includes('\n') ? '\n'.repeat(newlineOffsets(html.slice(open, found.end)).length) : '';
    at = found.end;
  }
  return { text: text + html.slice(at), hidden, unclosedComment };
}

interface HtmlConstruct {
  kind: 'comment' | 'special' | 'tag';
  end: number;
  hidden: number;
  unclosed?: boolean;
}

const TAG_NAME = /<\/?([A-Za-z][A-Za-z0-9-]*)/y;
const RAW_TEXT = new Set(['script', 'style']);

function htmlConstructAt(html: string, open: number, ends: EndFinder): HtmlConstruct | undefined {
  if (html.startsWith('<!--', open)) {
    const close = ends.after('-->', open + 4);
    return close === -1 ? { kind: 'comment', end: html.length, hidden: 0, unclosed: true } : { kind: 'comment', end: close + 3, hidden: 0 };
  }
  const special = html.startsWith('<?', open) ? '?>' : html.startsWith('<![CDATA[', open) ? ']]>' : /^<![A-Za-z]/.test(html.slice(open, open + 3)) ? '>' : undefined;
  if (special) {
    const close = ends.after(special, open + 2);
    const end = close === -1 ? html.length : close + special.length;
    return { kind: 'special', end, hidden: countCharacters(html.slice(open + 2, end - special.length)) };
  }
  TAG_NAME.lastIndex = open;
  const name = TAG_NAME.exec(html);
  if (!name) return undefined;
  const close = ends.after('>', open + name[0].length);
  if (close === -1) return undefined;
  const attributes = countCharacters(html.slice(open + name[0].length, close).replace(/\/$/, ''));
  const tagName = name[1]!.toLowerCase();
  if (!name[0].startsWith('</') && RAW_TEXT.has(tagName)) {
    const endTag = ends.afterIgnoringCase(`</${tagName}`, close + 1);
    const contentEnd = endTag === -1 ? html.length : endTag;
    const after = endTag === -1 ? html.length : (ends.after('>', endTag) + 1 || html.length);
    return { kind: 'tag', end: after, hidden: attributes + countCharacters(html.slice(close + 1, contentEnd)) };
  }
  return { kind: 'tag', end: close + 1, hidden: attributes };
}

/**
 * Finds the next occurrence of a marker at or after a position, for positions that only grow: the
 * last answer is kept, so runs of `<` before one `>` do not search the same text again and again.
 */
class EndFinder {
  private readonly last = new Map<string, { from: number; at: number }>();

  constructor(private readonly text: string) {}

  after(marker: string, from: number): number {
    const known = this.last.get(marker);
    if (known && from >= known.from && (known.at === -1 || from <= known.at)) return known.at;
    const at = this.text.indexOf(marker, from);
    this.last.set(marker, { from, at });
    return at;
  }

  afterIgnoringCase(marker: string, from: number): number {
    const key = `i:${marker}`;
    const known = this.last.get(key);
    if (known && from >= known.from && (known.at === -1 || from <= known.at)) return known.at;
    const pattern = new RegExp(marker.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'), 'gi');
    pattern.lastIndex = from;
    const at = pattern.exec(this.text)?.index ?? -1;
    this.last.set(key, { from, at });
    return at;
  }
}
