/**
 * Rich-text facets of a Bluesky post (app.bsky.richtext.facet): what makes links, mentions and hashtags
 * in `text` clickable. A facet names a range of the text in UTF-8 bytes (`byteStart` inclusive,
 * `byteEnd` exclusive), not in JavaScript's UTF-16 units: "Café 🩺 " is 11 bytes but 7 units.
 *
 *   links     as the Bluesky app finds them (RichText.detectFacets): at the start of the text or a line,
 *             or after a space or `(`, `http(s)://…` or a bare domain whose last label is a known
 *             top-level domain (`cedarvalleyhealth.com/flu`, linked as `https://…`), running to the next
 *             space; then one trailing `. , ; : ! ?` is left out, and a trailing `)` when the link has no `(`
 *   mentions  `@handle.domain` at the start of the text or after a space or `(`; the handle is resolved to
 *             its DID with com.atproto.identity.resolveHandle. A handle that does not resolve stays
 *             plain text: no facet
 *   tags      `#tag` at the start or after a space, as the Bluesky app reads them: up to the next space,
 *             trailing punctuation left out, not only digits, at most 64 characters
 *
 * Where two overlap, a resolved mention wins over a link, and a link over a tag.
 */
import twitter from 'twitter-text';

export interface ByteSlice {
  byteStart: number;
  byteEnd: number;
}

export type FacetFeature =
  | { $type: 'app.bsky.richtext.facet#link'; uri: string }
  | { $type: 'app.bsky.richtext.facet#mention'; did: string }
  | { $type: 'app.bsky.richtext.facet#tag'; tag: string };

export interface Facet {
  index: ByteSlice;
  features: FacetFeature[];
}

/** A candidate found in the text, with UTF-16 offsets. */
export interface RichTextPart {
  kind: 'link' | 'mention' | 'tag';
  start: number;
  end: number;
  /** The URL (with its protocol), the handle (lower case, without `@`) or the tag (without `#`). */
  value: string;
}

/** Resolves a handle to a DID, or undefined when no account has it. */
export type ResolveHandle = (handle: string) => Promise<string | undefined>;

// A handle: two or more DNS labels, the last (the TLD) starting with a letter.
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const MENTION = new RegExp(`(?<=^|[\\s(])@(${LABEL}(?:\\.${LABEL})*\\.[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?)(?![\\w.-]*\\w)`, 'giu');
const TAG_START = /(?<=^|\s)[#\uFF03]/gu;
// RichText.detectFacets' URL_REGEX: a link runs to the next whitespace.
const URL_START = /(^|\s|\()((https?:\/\/\S+)|((?<domain>[a-z][a-z0-9]*(\.[a-z0-9]+)+)\S*))/gim;
// The IANA top-level domains, as twitter-text lists them (what Bluesky checks with the `tlds` package).
// Compared in lower case only, as Bluesky compares them: `Example.COM` is not linked.
const KNOWN_TLD = new RegExp(`^(?:${twitter.regexen.validGTLD.source}|${twitter.regexen.validCCTLD.source})$`);
const TAG_MAX = 64;

/** Links, mentions and tags of the text, by where they start; overlaps not yet removed. */
export function richTextParts(text: string): RichTextPart[] {
  const parts: RichTextPart[] = [];
  parts.push(...linksIn(text));
  for (const m of text.matchAll(MENTION)) {
    parts.push({ kind: 'mention', start: m.index, end: m.index + m[0].length, value: m[1]!.toLowerCase() });
  }
  for (const m of text.matchAll(TAG_START)) {
    const tag = tagAt(text, m.index + m[0].length);
    if (tag) parts.push({ kind: 'tag', start: m.index, end: m.index + m[0].length + tag.length, value: tag });
  }
  return parts.sort((a, b) => a.start - b.start);
}

/** Links as the Bluesky app detects them. */
function linksIn(text: string): RichTextPart[] {
  const links: RichTextPart[] = [];
  for (const m of text.matchAll(URL_START)) {
    let uri = m[2]!;
    const domain = m.groups?.domain;
    // Bluesky's own test, to the letter: only a lower-case `http` starts a link written with its protocol.
    if (!uri.startsWith('http')) {
      if (!domain || !KNOWN_TLD.test(domain.slice(domain.lastIndexOf('.') + 1))) continue;
      uri = `https://${uri}`;
    }
    const start = m.index + m[1]!.length;
    let end = start + m[2]!.length;
    if (/[.,;:!?]$/.test(uri)) {
      uri = uri.slice(0, -1);
      end--;
    }
    if (uri.endsWith(')') && !uri.includes('(')) {
      uri = uri.slice(0, -1);
      end--;
    }
    links.push({ kind: 'link', start, end, value: uri });
  }
  return links;
}

/** The tag that starts at `from` (just after the `#`), or undefined. */
function tagAt(text: string, from: number): string | undefined {
  const run = /^[^\s\u00AD\u2060\u200A\u200B\u200C\u200D\u20E2]+/u.exec(text.slice(from))?.[0];
  if (!run || run.startsWith('\uFE0F')) return undefined;
  const tag = run.replace(/\p{P}+$/u, '');
  if (!tag || /^[\d\p{P}]+$/u.test(tag) || [...tag].length > TAG_MAX) return undefined;
  return tag;
}

/** The facets of a post's text; mentions are resolved with `resolve` (each handle once). */
export async function facetsFor(text: string, resolve: ResolveHandle): Promise<Facet[]> {
  const parts = richTextParts(text);
  const dids = new Map<string, string | undefined>();
  for (const part of parts) {
    if (part.kind === 'mention' && !dids.has(part.value)) dids.set(part.value, await resolve(part.value));
  }

  const rank = { mention: 0, link: 1, tag: 2 } as const;
  const chosen: RichTextPart[] = [];
  for (const part of [...parts].sort((a, b) => rank[a.kind] - rank[b.kind] || a.start - b.start)) {
    if (part.kind === 'mention' && !dids.get(part.value)) continue;
    if (chosen.some((c) => part.start < c.end && c.start < part.end)) continue;
    chosen.push(part);
  }

  return chosen
    .sort((a, b) => a.start - b.start)
    .map((part) => ({
      index: byteSlice(text, part.start, part.end),
      features: [feature(part, dids)],
    }));
}

function feature(part: RichTextPart, dids: Map<string, string | undefined>): FacetFeature {
  if (part.kind === 'link') return { $type: 'app.bsky.richtext.facet#link', uri: part.value };
  if (part.kind === 'mention') return { $type: 'app.bsky.richtext.facet#mention', did: dids.get(part.value)! };
  return { $type: 'app.bsky.richtext.facet#tag', tag: part.value };
}

/** The UTF-8 byte range of the UTF-16 range [start, end) of text. */
export function byteSlice(text: string, start: number, end: number): ByteSlice {
  const byteStart = Buffer.byteLength(text.slice(0, start), 'utf8');
  return { byteStart, byteEnd: byteStart + Buffer.byteLength(text.slice(start, end), 'utf8') };
}
