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
}

const blank = (s: string): string => s.replace(/[^\n]/g, ' ');

/** Blanks HTML comments (plan-disable directives and the like), keeping offsets. */
export function maskComments(text: string): string {
  if (!text.includes('<!--')) return text;
  return text.replace(/<!--[\s\S]*?(?:-->|$)/g, blank);
}

export const URL_RE =
  /\b(?:https?:\/\/|www\.)[^\s<>"'`)\]]+|\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:com|org|net|gov|edu|io|co|us|info|health|me|ly|gl|page|site|app|bio|link|ee|social|blog|care|fund|int|mil|ca|uk)\b(?:\/[^\s<>"'`)\]]*)?/gi;
export const EMAIL_RE = /\b[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}\b/g;
export const HANDLE_RE = /(?<![\w@./])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])/g;
const HASHTAG_RE = /(?<![\w&#])#[\p{L}\p{N}_]+/gu;

/** Trims trailing punctuation that is usually sentence punctuation, not part of a URL. */
export function trimUrl(s: string): string {
  let out = s;
  for (;;) {
    const t = out.replace(/[.,;:!?'"*_~]+$/, '');
    if (t.length > 0 && t !== out) {
      out = t;
      continue;
    }
    // A closing paren only belongs to the URL when it opened one inside it.
    if (out.endsWith(')') && (out.match(/\(/g)?.length ?? 0) < (out.match(/\)/g)?.length ?? 0)) {
      out = out.slice(0, -1);
      continue;
    }
    return out;
  }
}

function collect(re: RegExp, text: string, trim?: (s: string) => string): Span[] {
  const out: Span[] = [];
  re.lastIndex = 0;
  for (const m of text.matchAll(re)) {
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

/** Splits into sentences: at line breaks and at . ! ? followed by space, except after abbreviations and initials. */
export function splitSentences(text: string): Span[] {
  const out: Span[] = [];
  let start = 0;
  const push = (end: number): void => {
    let s = start;
    let e = end;
    while (s < e && /\s/.test(text[s]!)) s++;
    while (e > s && /\s/.test(text[e - 1]!)) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text[i]!;
    if (c === '\n') {
      push(i);
      start = i + 1;
      continue;
    }
    if (c !== '.' && c !== '!' && c !== '?') continue;
    // Swallow runs of terminal punctuation and closing quotes/brackets.
    let j = i + 1;
    while (j < n && /[.!?"'”’)\]]/.test(text[j]!)) j++;
    if (j < n && !/\s/.test(text[j]!)) continue;
    if (c === '.') {
      // Word before the period.
      let k = i - 1;
      while (k >= 0 && /[\p{L}.]/u.test(text[k]!)) k--;
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

const WORD_RE = /[\p{L}\p{M}](?:[\p{L}\p{M}'’-]*[\p{L}\p{M}])?(?:['’]s?)?/gu;

export function tokenize(words: string, sentences: Span[]): { tokens: Token[]; sents: Sentence[] } {
  const tokens: Token[] = [];
  const sents: Sentence[] = [];
  let si = 0;
  WORD_RE.lastIndex = 0;
  const all = [...words.matchAll(WORD_RE)];
  let ti = 0;
  for (const s of sentences) {
    const first = tokens.length;
    let capCount = 0;
    let wordCount = 0;
    while (ti < all.length && all[ti]!.index < s.start) ti++;
    let isFirst = true;
    while (ti < all.length && all[ti]!.index < s.end) {
      const m = all[ti]!;
      const t = m[0];
      const start = m.index;
      const possessive = /['’]s?$/.test(t) && t.length > 2;
      const base = t.replace(/['’]s?$/, '');
      const bare = base.toLowerCase().replace(/’/g, "'");
      const cap = /^\p{Lu}/u.test(t) && /\p{Ll}/u.test(base);
      const upper = base.length >= 2 && !/\p{Ll}/u.test(base);
      // A line that starts with an emoji or bullet still makes its first word initial.
      tokens.push({
        text: t,
        bare,
        start,
        end: start + t.length,
        cap,
        upper,
        possessive,
        sentence: si,
        initial: isFirst,
        index: tokens.length,
      });
      if (base.length > 3 || cap) {
        wordCount++;
        if (cap || upper) capCount++;
      }
      isFirst = false;
      ti++;
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

export function prepare(raw: string, field: PhiField): Doc {
  const text = maskComments(raw);
  const urls = collect(URL_RE, text, trimUrl);
  const emails = collect(EMAIL_RE, text);
  // A URL match inside an email (the domain part) is the email's, not a URL.
  const urlsOnly = urls.filter((u) => !overlaps(u, emails));
  const handles = collect(HANDLE_RE, text).filter((h) => !overlaps(h, emails) && !overlaps(h, urlsOnly));
  const hashtags = collect(HASHTAG_RE, text).filter((h) => !overlaps(h, urlsOnly));
  let words = text;
  if (urlsOnly.length || emails.length || handles.length || hashtags.length) {
    const arr = words.split('');
    for (const s of [...urlsOnly, ...emails, ...handles, ...hashtags]) {
      for (let i = s.start; i < s.end; i++) if (arr[i] !== '\n') arr[i] = ' ';
    }
    words = arr.join('');
  }
  // Markdown emphasis and link brackets are not words; keep offsets.
  const sentenceSpans = splitSentences(words);
  const { tokens, sents } = tokenize(words, sentenceSpans);
  return { field, raw, text, words, urls: urlsOnly, emails, handles, hashtags, tokens, sentences: sents };
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
