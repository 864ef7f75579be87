import twitter from 'twitter-text';
import punycode from 'punycode.js';

/**
 * The URLs twitter-text's `extractUrlsWithIndices` finds, found in time linear in the text's length.
 *
 * twitter-text reads a URL with one regular expression (an optional protocol, a domain of dotted
 * labels ending in a known top-level domain, a port, a path, a query) tried at every position after
 * a character that may precede a URL. Its backtracking makes that quadratic on runs that look like
 * domains without ending as one ("a1-a1-a1-…", emoji, combining marks, before a single "."). Here the
 * same grammar is read with tables made in one pass over the text: for every position, where its run
 * of domain, path or query characters ends, and the farthest domain that can start there, computed
 * from the right. Its own character classes and top-level domains are used, and the choices its
 * backtracking makes are made in the same order, so the results are the same (the tests compare them
 * on generated texts).
 */
export interface ExtractedUrl {
  url: string;
  /** UTF-16 offsets, end exclusive. */
  indices: [number, number];
}

// The patterns by their runtime names (the type declarations misspell a few).
const regexen = twitter.regexen as unknown as Record<string, RegExp> & typeof twitter.regexen;
const MAX_URL_LENGTH = 4096;
const MAX_TCO_SLUG_LENGTH = 40;
const MAX_LABEL_LENGTH = 63;
const DEFAULT_PROTOCOL = 'https://';

// Character classes by code unit (twitter-text's patterns have no u flag), looked up once per unit seen.
const DOMAIN = 1; // may be part of a domain label (validDomainChars)
const PATH = 2; // may be part of a path (validGeneralUrlPathChars)
const PATH_END = 4; // may end a path (validUrlPathEndingChars, the single characters)
const QUERY = 8; // may be part of a query (validUrlQueryChars)
const QUERY_END = 16; // may end a query (validUrlQueryEndingChars)
const PRECEDING = 32; // may come right before a URL (validUrlPrecedingChars, as a character)
const ASCII_DOMAIN = 64; // may be part of a label of an ASCII domain (validAsciiDomain's labels)
const KNOWN = 128;

const classTests: [number, RegExp][] = [
  [DOMAIN, new RegExp(`^${regexen.validDomainChars.source}$`, 'i')],
  [PATH, new RegExp(`^${regexen.validGeneralUrlPathChars.source}$`, 'i')],
  [PATH_END, new RegExp(`^${firstClass(regexen.validUrlPathEndingChars.source)}$`, 'i')],
  [QUERY, new RegExp(`^${regexen.validUrlQueryChars.source}$`, 'i')],
  [QUERY_END, new RegExp(`^${regexen.validUrlQueryEndingChars!.source}$`, 'i')],
  [PRECEDING, /^[^A-Za-z0-9@＠$#＃\uFFFE\uFEFF\uFFFF]$/i],
  [ASCII_DOMAIN, new RegExp(`^${firstClass(regexen.validAsciiDomain.source.replace(/^\(\?:\(\?:/, ''))}$`, 'i')],
];
const classes = new Uint8Array(0x10000);

/** The first bracketed character class of a pattern's source. */
function firstClass(source: string): string {
  const start = source.indexOf('[');
  let end = start + 1;
  while (source[end] !== ']' || source[end - 1] === '\\') end++;
  return source.slice(start, end + 1);
}

function classOf(unit: number): number {
  let found = classes[unit]!;
  if (found === 0) {
    const char = String.fromCharCode(unit);
    found = KNOWN;
    for (const [bit, test] of classTests) if (test.test(char)) found |= bit;
    classes[unit] = found;
  }
  return found;
}

// A top-level domain at a position, as the last part of validDomain and validAsciiDomain reads it.
const TOP_LEVEL = new RegExp(`(?:${regexen.validGTLD.source}|${regexen.validCCTLD.source}|${regexen.validPunycode.source})`, 'iy');
const PROTOCOL = /https?:\/\//iy;
const INVALID_BEFORE_BARE_URL = /[-_./]$/;
// A label punycode leaves as it is.
const ASCII_ONLY = /^[\x00-\x7f]*$/;

/** Where a known top-level domain starting at `at` ends, or -1. */
function topLevelEnd(text: string, at: number): number {
  TOP_LEVEL.lastIndex = at;
  return TOP_LEVEL.test(text) ? TOP_LEVEL.lastIndex : -1;
}

/**
 * Domains that can start at each position of `text`, farthest first, for labels made of characters
 * of one class (with `-`, and `_` where `underscore`): `ends[i]` is where the domain read from `i`
 * ends (its top-level domain included), or -1. `strictEnds` makes labels start and end with a
 * character of the class (validDomain's labels); otherwise any run of the class is a label (validAsciiDomain's).
 */
function farthestDomains(text: string, labelClass: number, strictEnds: boolean): Int32Array {
  const n = text.length;
  const ends = new Int32Array(n + 1).fill(-1);
  const topLevel = new Map<number, number>();
  const tldAt = (at: number) => {
    let end = topLevel.get(at);
    if (end === undefined) topLevel.set(at, (end = topLevelEnd(text, at)));
    return end;
  };
  // Scanning from the right: the run of label characters from i ends at runEnd; the last underscore seen.
  let runEnd = n;
  let underscoreAt = -1;
  for (let i = n - 1; i >= 0; i--) {
    const unit = text.charCodeAt(i);
    const inClass = (classOf(unit) & labelClass) !== 0;
    const isLabelChar = strictEnds ? inClass || unit === 45 || unit === 95 : inClass;
    if (!isLabelChar) {
      runEnd = i;
      continue;
    }
    if (unit === 95) underscoreAt = i;
    if (text.charCodeAt(runEnd) !== 46) continue; // a label ends with "."
    if (strictEnds && (!inClass || (classOf(text.charCodeAt(runEnd - 1)) & labelClass) === 0)) continue;
    const next = runEnd + 1;
    const further = ends[next]!;
    if (further !== -1) {
      ends[i] = further;
      continue;
    }
    // The last label before the top-level domain may not hold "_" (validDomainName).
    if (strictEnds && underscoreAt !== -1 && underscoreAt < runEnd) continue;
    ends[i] = tldAt(next);
  }
  return ends;
}

/** Per position: where the run of characters of a class starting there ends. */
function runEnds(text: string, charClass: number): Int32Array {
  const n = text.length;
  const ends = new Int32Array(n + 1);
  ends[n] = n;
  for (let i = n - 1; i >= 0; i--) ends[i] = classOf(text.charCodeAt(i)) & charClass ? ends[i + 1]! : i;
  return ends;
}

/** Per position: the last position before it holding a character of a class, or -1. */
function lastBefore(text: string, charClass: number): Int32Array {
  const n = text.length;
  const last = new Int32Array(n + 1);
  let seen = -1;
  for (let i = 0; i <= n; i++) {
    last[i] = seen;
    if (i < n && classOf(text.charCodeAt(i)) & charClass) seen = i;
  }
  return last;
}

interface Tables {
  domainEnds: Int32Array;
  pathRunEnds: Int32Array;
  lastPathEnd: Int32Array;
  queryRunEnds: Int32Array;
  lastQueryEnd: Int32Array;
  /** lastEndingInChain by position, UNKNOWN until asked. */
  chainEnds: Int32Array;
}

/** twitter.extractUrlsWithIndices(text, { extractUrlsWithoutProtocol }), in linear time. */
export function extractUrls(text: string, extractUrlsWithoutProtocol = true): ExtractedUrl[] {
  if (!text || (extractUrlsWithoutProtocol ? !text.includes('.') : !text.includes(':'))) return [];
  const tables: Tables = {
    domainEnds: farthestDomains(text, DOMAIN, true),
    pathRunEnds: runEnds(text, PATH),
    lastPathEnd: lastBefore(text, PATH_END),
    queryRunEnds: runEnds(text, QUERY),
    lastQueryEnd: lastBefore(text, QUERY_END),
    chainEnds: new Int32Array(text.length + 1).fill(UNKNOWN),
  };
  const urls: ExtractedUrl[] = [];
  let from = 0;
  while (from < text.length) {
    const match = nextMatch(text, from, tables);
    if (!match) break;
    acceptMatch(text, match, extractUrlsWithoutProtocol, urls);
    from = match.end;
  }
  return urls;
}

interface Match {
  /** The character before the URL ('' at the start of the text). */
  before: string;
  start: number;
  end: number;
  protocol: string;
  domainEnd: number;
  pathStart: number;
  pathEnd: number;
}

/** The next match of twitter-text's extractUrl pattern at or after `from`, as its exec would find it. */
function nextMatch(text: string, from: number, tables: Tables): Match | undefined {
  for (let i = from; i < text.length; i++) {
    const preceding = (classOf(text.charCodeAt(i)) & PRECEDING) !== 0;
    // At 0 the preceding character is tried before the start of the text (`^`).
    const match = (preceding ? matchFrom(text, i + 1, text[i]!, tables) : undefined) ?? (i === 0 ? matchFrom(text, 0, '', tables) : undefined);
    if (match) return match;
  }
  return undefined;
}

function matchFrom(text: string, start: number, before: string, tables: Tables): Match | undefined {
  PROTOCOL.lastIndex = start;
  const protocol = PROTOCOL.test(text) ? text.slice(start, PROTOCOL.lastIndex) : '';
  const domainStart = start + protocol.length;
  const domainEnd = tables.domainEnds[domainStart]!;
  if (domainEnd === -1) return undefined;
  let end = domainEnd;
  if (text.charCodeAt(end) === 58 && isDigit(text.charCodeAt(end + 1))) {
    end += 2;
    while (isDigit(text.charCodeAt(end))) end++;
  }
  const pathStart = end;
  if (text.charCodeAt(end) === 47) end = pathAfterSlash(text, end + 1, tables);
  const pathEnd = end;
  if (text.charCodeAt(end) === 63) {
    const lastEnd = tables.lastQueryEnd[tables.queryRunEnds[end + 1]!]!;
    if (lastEnd > end) end = lastEnd + 1;
  }
  return { before, start, end, protocol, domainEnd, pathStart, pathEnd };
}

function isDigit(unit: number): boolean {
  return unit >= 48 && unit <= 57;
}

/** Where `(?:validUrlPath)*` starting at `at` ends: each repetition as the pattern's backtracking picks it. */
function pathAfterSlash(text: string, at: number, tables: Tables): number {
  let end = at;
  for (;;) {
    const next = pathRepetition(text, end, tables);
    if (next === undefined) return end;
    end = next;
  }
}

/**
 * One repetition of validUrlPath. Its source reads `G* (BAL G*)* END` but, put together without a
 * group, means `G* (BAL G*)* [ending character] | BAL | @G+/`: path characters and balanced
 * parentheses, ending at the last ending character that backtracking reaches (the last one outside
 * parentheses); failing that, one balanced group. (The third form never matches where the first fails.)
 */
function pathRepetition(text: string, at: number, tables: Tables): number | undefined {
  const lastEnd = lastEndingInChain(text, at, tables);
  return lastEnd !== -1 ? lastEnd + 1 : balancedParensEnd(text, at, tables);
}

const UNKNOWN = -2;

/**
 * The last ending character in the chain of path runs and balanced parentheses starting at `at`,
 * outside the parentheses, or -1. Kept per chain position, so that a text of many groups is walked once.
 */
function lastEndingInChain(text: string, at: number, tables: Tables): number {
  const chain: number[] = [];
  let node = at;
  let found = -1;
  for (;;) {
    const known = tables.chainEnds[node]!;
    if (known !== UNKNOWN) {
      found = known;
      break;
    }
    chain.push(node);
    const parensEnd = balancedParensEnd(text, tables.pathRunEnds[node]!, tables);
    if (parensEnd === undefined) break;
    node = parensEnd;
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const start = chain[i]!;
    const own = tables.lastPathEnd[tables.pathRunEnds[start]!]!;
    if (found === -1 && own >= start) found = own;
    tables.chainEnds[start] = found;
  }
  return found;
}

/** validUrlBalancedParens at `at`: `(` path characters `)`, or one level of nesting; where it ends. */
function balancedParensEnd(text: string, at: number, tables: Tables): number | undefined {
  if (text.charCodeAt(at) !== 40) return undefined;
  const inner = tables.pathRunEnds[at + 1]!;
  if (inner > at + 1 && text.charCodeAt(inner) === 41) return inner + 1;
  if (text.charCodeAt(inner) !== 40) return undefined;
  const nested = tables.pathRunEnds[inner + 1]!;
  if (nested === inner + 1 || text.charCodeAt(nested) !== 41) return undefined;
  const after = tables.pathRunEnds[nested + 1]!;
  return text.charCodeAt(after) === 41 ? after + 1 : undefined;
}

/** What twitter-text does with a match: check it, keep its ASCII domain when it has no protocol, shorten t.co links. */
function acceptMatch(text: string, match: Match, withoutProtocol: boolean, urls: ExtractedUrl[]): void {
  const url = text.slice(match.start, match.end);
  const domain = text.slice(match.start + match.protocol.length, match.domainEnd);
  if (!isValidUrl(url, match.protocol || DEFAULT_PROTOCOL, domain)) return;
  if (match.protocol) {
    const kept = withTcoSlug({ url, indices: [match.start, match.end] });
    if (kept) urls.push(kept);
    return;
  }
  if (!withoutProtocol || INVALID_BEFORE_BARE_URL.test(match.before)) return;
  const asciiDomains = asciiDomainsIn(domain);
  if (asciiDomains.length === 0) return;
  // twitter-text places each by searching its text after the last one, which may find an earlier copy.
  let searchFrom = 0;
  for (const [start, end] of asciiDomains) {
    const found = domain.slice(start, end);
    const at = domain.indexOf(found, searchFrom);
    searchFrom = at + found.length;
    urls.push({ url: found, indices: [match.start + at, match.start + searchFrom] });
  }
  if (match.pathEnd > match.pathStart) {
    const last = urls[urls.length - 1]!;
    last.url = url.replace(domain, last.url);
    last.indices[1] = match.end;
  }
}

/** A t.co link is cut after its slug, and dropped when the slug is too long to be one. */
function withTcoSlug(found: ExtractedUrl): ExtractedUrl | undefined {
  const tco = regexen.validTcoUrl.exec(found.url);
  if (!tco) return found;
  if (tco[1] && tco[1].length > MAX_TCO_SLUG_LENGTH) return undefined;
  return { url: tco[0], indices: [found.indices[0], found.indices[0] + tco[0].length] };
}

function isValidUrl(url: string, protocol: string, domain: string): boolean {
  if (!isEncodableDomain(domain)) return false;
  return protocol.length + url.length <= MAX_URL_LENGTH;
}

/** twitter-text's idna.toAscii succeeds: every label encodes to 1–63 characters. */
function isEncodableDomain(domain: string): boolean {
  if (domain.startsWith('xn--') && asciiDomainsIn(domain).length === 0) return false;
  return domain.split('.').every((label) => {
    const encoded = ASCII_ONLY.test(label) ? label : punycode.toASCII(label);
    return encoded.length >= 1 && encoded.length <= MAX_LABEL_LENGTH;
  });
}

/** The matches of validAsciiDomain in `domain`, as `domain.replace(validAsciiDomain, …)` visits them. */
function asciiDomainsIn(domain: string): [number, number][] {
  const ends = farthestDomains(domain, ASCII_DOMAIN, false);
  const found: [number, number][] = [];
  for (let at = 0; at < domain.length; ) {
    const end = ends[at]!;
    if (end === -1) at++;
    else {
      found.push([at, end]);
      at = end;
    }
  }
  return found;
}
