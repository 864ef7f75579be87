import type { PhiField } from './types.js';

/** A word of the scanned text, with its offsets. */
export interface Token {
  text: string;
  /** Lowercase, possessive ('s, s') removed, curly apostrophes straightened. */
  bare: string;
  start: number;
  end: number;
  /** Starts with an uppercase letter followed by lowercase (Title case, McDonald, O'Brien). */
  cap: boolean;
  /** Entirely uppercase letters (two or more). */
  upper: boolean;
  /** Possessive form (Sofia's, Brightwaters'). */
  possessive: boolean;
  sentence: number;
  /** First word of its sentence or line. */
  initial: boolean;
  index: number;
}

export interface Sentence {
  index: number;
  start: number;
  end: number;
  /** Token index range [first, last). */
  first: number;
  last: number;
  /** Most words capitalised: a heading or title, where capitals say little. */
  titleCase: boolean;
}

export interface Span {
  start: number;
  end: number;
}

export interface Doc {
  field: PhiField;
  /** The text as given. */
  raw: string;
  /** HTML comments blanked out (same offsets). */
  text: string;
  /** `text` with URLs, emails, handles and hashtags blanked (same offsets): for word-level recognisers. */
  words: string;
  urls: Span[];
  emails: Span[];
  handles: Span[];
  hashtags: Span[];
  tokens: Token[];
  sentences: Sentence[];
  /** `words` of each sentence (cached slices). */
  sentWords: string[];
  /** Results of the sentence tests recognisers share (see sentenceMatches). */
  sentenceTests: Map<SentenceTest, Int8Array>;
}

/** A test of a sentence's words; a regex must be neither global nor sticky (its test keeps no state). */
export type SentenceTest = RegExp | ((words: string) => boolean);

const UNKNOWN = 0;
const PASSES = 1;
const FAILS = 2;

const runTest = (test: SentenceTest, words: string): boolean => (typeof test === 'function' ? test(words) : test.test(words));

/** Whether sentence `si` passes a test: run once per sentence, however many recognisers ask. */
export function sentenceMatches(doc: Doc, test: SentenceTest, si: number): boolean {
  const words = doc.sentWords[si];
  if (words === undefined) return runTest(test, '');
  let results = doc.sentenceTests.get(test);
  if (!results) {
    results = new Int8Array(doc.sentWords.length);
    doc.sentenceTests.set(test, results);
  }
  if (results[si] === UNKNOWN) results[si] = runTest(test, words) ? PASSES : FAILS;
  return results[si] === PASSES;
}

/** Spaces for every character but line breaks (same length, same lines). */
function blank(s: string): string {
  if (!s.includes('\n')) return ' '.repeat(s.length);
  return s
    .split('\n')
    .map((line) => ' '.repeat(line.length))
    .join('\n');
}

/** Blanks HTML comments (plan-disable directives and the like), keeping offsets. */
export function maskComments(text: string): string {
  if (!text.includes('<!--')) return text;
  return text.replace(/<!--[\s\S]*?(?:-->|$)/g, blank);
}

/**
 * Every match of a global regex, as `text.matchAll(re)` lists them when re.lastIndex is 0, without
 * the copy of the regex matchAll makes on each call. Leaves re.lastIndex at 0.
 */
export function matchesOf(re: RegExp, text: string): RegExpExecArray[] {
  if (!re.global) throw new TypeError('matchesOf needs a global regex');
  const matches: RegExpExecArray[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    matches.push(m);
    if (m[0] === '') re.lastIndex = indexAfter(text, re.lastIndex, re.unicode || re.flags.includes('v'));
  }
  return matches;
}

/** The index after the character at `index`: a whole surrogate pair in unicode mode. */
function indexAfter(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const code = text.charCodeAt(index);
  const next = text.charCodeAt(index + 1);
  return code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? index + 2 : index + 1;
}

const SCHEME_URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"'`)\]]+/gi;
/** A top-level domain ending a bare domain ("cedarvalleyhealth.com/flu"); the domain is expanded by hand. */
const TLD_RE = /\.(?:com|org|net|gov|edu|io|co|us|info|health|me|ly|gl|page|site|app|bio|link|ee|social|blog|care|fund|int|mil|ca|uk)(?![a-z0-9-])/gi;
const DOMAIN_CHAR = /[a-z0-9.-]/i;

function collectUrls(text: string): Span[] {
  const out: Span[] = [];
  if (text.includes('://') || text.includes('www.')) {
    for (const m of matchesOf(SCHEME_URL_RE, text)) {
      const v = trimUrl(m[0]);
      if (v.length > 0) out.push({ start: m.index, end: m.index + v.length });
    }
  }
  if (!text.includes('.')) return out;
  // A top-level domain inside a URL found before is part of it. The scheme URLs are in order, and so are
  // the top-level domains: one pointer finds the scheme URL around each; the bare domains found so far
  // all start before it, so only where the last one ends matters.
  const schemed = out.length;
  let next = 0;
  let bareEnd = 0;
  let domains: DomainRuns | undefined;
  for (const m of matchesOf(TLD_RE, text)) {
    const tldEnd = m.index + m[0].length;
    while (next < schemed && out[next]!.end <= m.index) next++;
    if ((next < schemed && m.index >= out[next]!.start) || m.index < bareEnd) continue;
    domains ??= domainRuns(text);
    // The domain: the run of domain characters before the top-level domain, from its first letter or digit.
    const start = domains.firstAlphanumeric[domains.runStart[m.index]!]!;
    if (start >= m.index) continue; // ".com" alone
    if (start > 0 && /[@\w/]/.test(text[start - 1]!)) continue; // part of an email or a path
    // No ".." in it, and not only digits and dots.
    if (domains.lastDoubleDot[m.index]! >= start || domains.lastOther[m.index]! < start) continue;
    let end = tldEnd;
    if (text[end] === '/') {
      while (end < text.length && !/[\s<>"'`)\]]/.test(text[end]!)) end++;
    }
    const v = trimUrl(text.slice(start, end));
    if (v.length > 0) {
      out.push({ start, end: start + v.length });
      bareEnd = Math.max(bareEnd, start + v.length);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Per position of a text, what finding a bare domain ending there needs, each found in one pass. */
interface DomainRuns {
  /** Where the run of domain characters (letters, digits, `.`, `-`) that ends at the position starts. */
  runStart: Int32Array;
  /** The first letter or digit at or after the position (up to the text's length). */
  firstAlphanumeric: Int32Array;
  /** The start of the last ".." that ends before the position, or -1. */
  lastDoubleDot: Int32Array;
  /** The last position before it holding neither a digit nor a dot, or -1. */
  lastOther: Int32Array;
}

function domainRuns(text: string): DomainRuns {
  const n = text.length;
  const runs: DomainRuns = {
    runStart: new Int32Array(n + 1),
    firstAlphanumeric: new Int32Array(n + 1),
    lastDoubleDot: new Int32Array(n + 1),
    lastOther: new Int32Array(n + 1),
  };
  let runStart = 0;
  let doubleDot = -1;
  let other = -1;
  for (let i = 0; i <= n; i++) {
    runs.runStart[i] = runStart;
    runs.lastDoubleDot[i] = doubleDot;
    runs.lastOther[i] = other;
    if (i === n) break;
    const char = text[i]!;
    if (!DOMAIN_CHAR.test(char)) runStart = i + 1;
    if (char === '.' && text[i - 1] === '.') doubleDot = i - 1;
    if (!/[\d.]/.test(char)) other = i;
  }
  runs.firstAlphanumeric[n] = n;
  for (let i = n - 1; i >= 0; i--) runs.firstAlphanumeric[i] = /[a-z0-9]/i.test(text[i]!) ? i : runs.firstAlphanumeric[i + 1]!;
  return runs;
}
export const EMAIL_RE = /(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}\b/g;
export const HANDLE_RE = /(?<![\w@./])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])/g;
const HASHTAG_RE = /(?<![\w&#])#(?=[\p{N}_]*\p{L})[\p{L}\p{N}_]+/gu;

/**
 * Trims trailing punctuation that is usually sentence punctuation, not part of a URL: runs of
 * `.,;:!?'"*_~` (unless nothing would be left), and a closing parenthesis that opened none inside
 * it, as often as they end it. Counted once, not searched again at each cut.
 */
export function trimUrl(s: string): string {
  let end = s.length;
  let opening = 0;
  let closing = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(') opening++;
    else if (s[i] === ')') closing++;
  }
  for (;;) {
    let cut = end;
    while (cut > 0 && TRAILING_PUNCTUATION.has(s[cut - 1]!)) cut--;
    if (cut > 0 && cut < end) {
      end = cut;
      continue;
    }
    if (s[end - 1] === ')' && opening < closing) {
      end--;
      closing--;
      continue;
    }
    return s.slice(0, end);
  }
}

const TRAILING_PUNCTUATION = new Set([...'.,;:!?\'"*_~']);

function collect(re: RegExp, text: string, trim?: (s: string) => string): Span[] {
  const out: Span[] = [];
  for (const m of matchesOf(re, text)) {
    const v = trim ? trim(m[0]) : m[0];
    if (v.length > 0) out.push({ start: m.index, end: m.index + v.length });
  }
  return out;
}

const overlaps = (a: Span, list: Span[]): boolean => list.some((b) => a.start < b.end && b.start < a.end);

const ABBREVIATIONS = new Set([
  'dr', 'mr', 'mrs', 'ms', 'mx', 'st', 'jr', 'sr', 'vs', 'etc', 'no', 'approx', 'ave', 'rd', 'blvd',
  'ln', 'ct', 'mt', 'ft', 'apt', 'ste', 'dept', 'inc', 'co', 'corp', 'e.g', 'i.e', 'a.m', 'p.m',
  'u.s', 'ph', 'prof', 'rev', 'gov', 'sen', 'rep', 'lt', 'sgt', 'capt', 'pkwy', 'hwy', 'fig', 'min',
  'max', 'oz', 'lb', 'lbs', 'tel', 'ext', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep',
  'sept', 'oct', 'nov', 'dec', 'mon', 'tue', 'tues', 'wed', 'thu', 'thurs', 'fri', 'sat', 'sun',
]);

const NEWLINE = 10;
const EXCLAMATION = 33;
const OPEN_PAREN = 40;
const CLOSE_PAREN = 41;
const PERIOD = 46;
const QUESTION = 63;

const SPACE_RE = /\s/;
const LETTER_OR_PERIOD_RE = /[\p{L}.]/u;

/** /\s/ on one UTF-16 unit, without a regex for ASCII. */
function isSpace(code: number): boolean {
  if (code < 128) return code === 32 || (code >= 9 && code <= 13);
  return SPACE_RE.test(String.fromCharCode(code));
}

function isLetterOrPeriod(code: number): boolean {
  if (code < 128) return code === PERIOD || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return LETTER_OR_PERIOD_RE.test(String.fromCharCode(code));
}

/** Terminal punctuation and the closing quotes and brackets after it: . ! ? " ' ” ’ ) ] */
function isClosing(code: number): boolean {
  return code === PERIOD || code === EXCLAMATION || code === QUESTION || code === 34 || code === 39 || code === 0x201d || code === 0x2019 || code === CLOSE_PAREN || code === 93;
}

/** Splits into sentences: at line breaks and at . ! ? followed by space, except after abbreviations and initials. */
export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  const push = (end: number): void => {
    let s = start;
    let e = end;
    while (s < e && isSpace(text.charCodeAt(s))) s++;
    while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  const n = text.length;
  let depth = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) {
      push(i);
      start = i + 1;
      depth = 0;
      continue;
    }
    if (c === OPEN_PAREN) depth++;
    else if (c === CLOSE_PAREN && depth > 0) depth--;
    if (c !== PERIOD && c !== EXCLAMATION && c !== QUESTION) continue;
    if (depth > 0) continue; // "(shared with permission!) it's…" is one sentence
    // Swallow runs of terminal punctuation and closing quotes/brackets.
    let j = i + 1;
    while (j < n && isClosing(text.charCodeAt(j))) j++;
    if (j < n && !isSpace(text.charCodeAt(j))) continue;
    if (c === PERIOD) {
      // Word before the period.
      let k = i - 1;
      while (k >= 0 && isLetterOrPeriod(text.charCodeAt(k))) k--;
      const word = text.slice(k + 1, i).toLowerCase();
      if (ABBREVIATIONS.has(word)) continue;
      if (/^\p{L}$/u.test(text.slice(k + 1, i)) && /\p{Lu}/u.test(text[i - 1]!)) {
        // Single capital initial ("D. Farrell"); but "Kim R. Thanks" still ends when followed by lowercase? keep simple
        continue;
      }
      if (/^(?:\p{L}\.)+\p{L}$/u.test(text.slice(k + 1, i))) {
        // Initialisms like a.m / U.S: end only before a capitalised word that starts a new clause.
        let m = j;
        while (m < n && /[ \t]/.test(text[m]!)) m++;
        if (m < n && !/\p{Lu}/u.test(text[m]!)) continue;
      }
    }
    push(j);
    start = j;
    i = j - 1;
  }
  push(n);
  return out;
}

const LETTER_RE = /[\p{L}\p{M}]/u;

function isLetter(code: number): boolean {
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return LETTER_RE.test(String.fromCharCode(code));
}

const UPPER_BIT = 1;
const LOWER_BIT = 2;
const CURLY_APOSTROPHE_BIT = 4;
const OTHER_LETTERS = 8;

/** Which kinds of character a word holds: ASCII upper- and lowercase, ’, anything else beyond ASCII. */
function letterKinds(word: string): number {
  let kinds = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 65 && code <= 90) kinds |= UPPER_BIT;
    else if (code >= 97 && code <= 122) kinds |= LOWER_BIT;
    else if (code === 0x2019) kinds |= CURLY_APOSTROPHE_BIT;
    else if (code >= 128) return OTHER_LETTERS;
  }
  return kinds;
}

/** A token's lowercase form and case flags (see Token); ASCII words (with ’) skip the case mappings. */
function caseOf(base: string): { bare: string; cap: boolean; upper: boolean } {
  const kinds = letterKinds(base);
  if (kinds !== OTHER_LETTERS) {
    const hasLower = (kinds & LOWER_BIT) !== 0;
    const hasUpper = (kinds & UPPER_BIT) !== 0;
    const lower = hasUpper ? base.toLowerCase() : base;
    const c0 = base.charCodeAt(0);
    return {
      bare: kinds & CURLY_APOSTROPHE_BIT ? lower.replace(/’/g, "'") : lower,
      cap: c0 >= 65 && c0 <= 90 && hasLower,
      upper: base.length >= 2 && !hasLower && hasUpper,
    };
  }
  const lower = base.toLowerCase();
  const c0 = base[0]!;
  const hasLower = base !== base.toUpperCase();
  return {
    bare: lower.includes('’') ? lower.replace(/’/g, "'") : lower,
    cap: c0 !== c0.toLowerCase() && hasLower,
    upper: base.length >= 2 && !hasLower && base !== lower,
  };
}

/**
 * Words: letters with inner apostrophes or hyphens (O'Brien, Johnson-Reyes), plus a trailing
 * possessive ('s or '). Returned in order with their sentence index.
 */
export function tokenize(words: string, sentences: Span[]): { tokens: Token[]; sents: Sentence[] } {
  const tokens: Token[] = [];
  const sents: Sentence[] = [];
  const n = words.length;
  let si = 0;
  let pos = 0;
  for (const s of sentences) {
    const first = tokens.length;
    let capCount = 0;
    let wordCount = 0;
    let isFirst = true;
    pos = Math.max(pos, s.start);
    while (pos < s.end) {
      const code = words.charCodeAt(pos);
      if (!isLetter(code)) {
        pos++;
        continue;
      }
      const start = pos;
      let end = pos + 1;
      for (;;) {
        if (end >= n) break;
        const c = words.charCodeAt(end);
        if (isLetter(c)) {
          end++;
          continue;
        }
        // Inner apostrophe or hyphen followed by a letter.
        if ((c === 39 || c === 0x2019 || c === 45) && end + 1 < n && isLetter(words.charCodeAt(end + 1))) {
          end += 2;
          continue;
        }
        break;
      }
      // Trailing possessive apostrophe ("Brightwaters'").
      if (end < n && (words.charCodeAt(end) === 39 || words.charCodeAt(end) === 0x2019) && (end + 1 >= n || !isLetter(words.charCodeAt(end + 1)))) {
        const prevCode = words.charCodeAt(end - 1);
        if (prevCode === 115 || prevCode === 83) end++;
      }
      const t = words.slice(start, end);
      pos = end;
      const last = t.charCodeAt(t.length - 1);
      const prev = t.length > 1 ? t.charCodeAt(t.length - 2) : 0;
      let cut = 0;
      if (last === 39 || last === 0x2019) cut = 1;
      else if ((last === 115 || last === 83) && (prev === 39 || prev === 0x2019)) cut = 2;
      const possessive = cut > 0 && t.length > 2;
      const base = cut ? t.slice(0, t.length - cut) : t;
      const { bare, cap, upper } = caseOf(base);
      tokens.push({ text: t, bare, start, end, cap, upper, possessive, sentence: si, initial: isFirst, index: tokens.length });
      if (base.length > 3 || cap) {
        wordCount++;
        if (cap || upper) capCount++;
      }
      isFirst = false;
    }
    sents.push({
      index: si,
      start: s.start,
      end: s.end,
      first,
      last: tokens.length,
      titleCase: wordCount >= 3 && capCount / wordCount >= 0.6,
    });
    si++;
  }
  return { tokens, sents };
}

/**
 * `text` with the spans (sorted by start) blanked. Joined from parts, the result is one flat
 * string: the char-by-char loops over it (sentences, tokens) stay on V8's fast path.
 */
function blankSpans(text: string, spans: Span[]): string {
  const parts: string[] = [];
  let pos = 0;
  for (const s of spans) {
    if (s.end <= pos) continue;
    const from = Math.max(pos, s.start);
    parts.push(text.slice(pos, from), blank(text.slice(from, s.end)));
    pos = s.end;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}

export function prepare(raw: string, field: PhiField): Doc {
  const text = maskComments(raw);
  const hasAt = text.includes('@');
  const emails = hasAt ? collect(EMAIL_RE, text) : [];
  const urls = collectUrls(text);
  // A URL match inside an email (the domain part) is the email's, not a URL.
  const urlsOnly = emails.length ? urls.filter((u) => !overlaps(u, emails)) : urls;
  const handles = hasAt ? collect(HANDLE_RE, text).filter((h) => !overlaps(h, emails) && !overlaps(h, urlsOnly)) : [];
  const hashtags = text.includes('#') ? collect(HASHTAG_RE, text).filter((h) => !overlaps(h, urlsOnly)) : [];
  const spans = [...urlsOnly, ...emails, ...handles, ...hashtags];
  const words = spans.length ? blankSpans(text, spans.sort((a, b) => a.start - b.start)) : text;
  // Markdown emphasis and link brackets are not words; keep offsets.
  const sentenceSpans = splitSentences(words);
  const { tokens, sents } = tokenize(words, sentenceSpans);
  const sentWords = sents.map((s) => words.slice(s.start, s.end));
  return { field, raw, text, words, urls: urlsOnly, emails, handles, hashtags, tokens, sentences: sents, sentWords, sentenceTests: new Map() };
}

/** The sentence containing an offset (or the nearest before it). */
export function sentenceAt(doc: Doc, offset: number): Sentence | undefined {
  const ss = doc.sentences;
  let lo = 0;
  let hi = ss.length - 1;
  let best: Sentence | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const s = ss[mid]!;
    if (s.start <= offset) {
      best = s;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

export function sentenceText(doc: Doc, s: Sentence): string {
  return doc.text.slice(s.start, s.end);
}

/** Offset of the first token at or after `offset`. */
export function tokenIndexAt(doc: Doc, offset: number): number {
  const t = doc.tokens;
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (t[mid]!.end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export { overlaps };
