import type { Post } from '../loading/post.js';
import type { Project } from '../loading/project.js';
import type { SourceRange } from '../loading/source.js';
import type { NetworkId } from '../networks/index.js';
import { accountProfile, composeFor, rangeAt, type NetworkTarget } from '../rules/network/targets.js';
import type { Finding } from '../rules/types.js';

/** What replaces text that a PHI finding covers. */
export const HIDDEN = '█████';

/**
 * Hides what PHI findings cover in the texts a review shows. A review must show the exact text of
 * a post, yet no output may print what a PHI finding matched: the matched text is hidden
 * wherever it appears; where a finding cannot be pinpointed in a shown text (markdown changed it,
 * or the finding keeps no text), every line written on the finding's lines is hidden instead.
 */
export interface PhiHider {
  /** A frontmatter value (title, alt text, media file, link) written at `origin`. */
  field(text: string, origin: SourceRange): string;
  /** The text a network receives, and where "see more" cuts it, moved to match. */
  networkText(network: NetworkId, text: string, cut?: number): { text: string; cut?: number };
  /** How many spans were hidden so far. */
  readonly hidden: number;
}

interface Secret {
  pattern?: RegExp;
  range: SourceRange;
}

type Span = [start: number, end: number];

export function phiHider(post: Post, project: Project, phiFindings: readonly Finding[]): PhiHider {
  const secrets = phiFindings.map(toSecret);
  let hidden = 0;
  const apply = (text: string, spans: Span[], cut?: number) => {
    const merged = mergeSpans(spans);
    hidden += merged.length;
    return replaceSpans(text, merged, cut);
  };
  return {
    get hidden() {
      return hidden;
    },
    field(text, origin) {
      const { spans, unmatched } = exactSpans(text, secrets);
      const pinpointed = !unmatched.some((secret) => overlaps(secret.range, origin));
      return apply(text, pinpointed ? spans : [[0, text.length]]).text;
    },
    networkText(network, text, cut) {
      const { spans, unmatched } = exactSpans(text, secrets);
      const target: NetworkTarget = { network, profile: accountProfile(project, network), composed: composeFor(post, network, project) };
      for (const [start, end] of lineSpans(text)) {
        const origin = rangeAt(post, target, start);
        if (unmatched.some((secret) => overlaps(secret.range, origin))) spans.push([start, end]);
      }
      return apply(text, spans, cut);
    },
  };
}

function toSecret(finding: Finding): Secret {
  const text = finding.sensitiveText?.trim();
  return { range: finding, ...(text ? { pattern: patternOf(text) } : {}) };
}

/** The matched text anywhere, whatever its case and spacing, and not inside a longer word. */
function patternOf(text: string): RegExp {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');
  const before = /^[\p{L}\p{N}]/u.test(text) ? '(?<![\\p{L}\\p{N}])' : '';
  const after = /[\p{L}\p{N}]$/u.test(text) ? '(?![\\p{L}\\p{N}])' : '';
  return new RegExp(`${before}${escaped}${after}`, 'giu');
}

function exactSpans(text: string, secrets: readonly Secret[]): { spans: Span[]; unmatched: Secret[] } {
  const spans: Span[] = [];
  const unmatched: Secret[] = [];
  for (const secret of secrets) {
    const found = secret.pattern ? [...text.matchAll(secret.pattern)] : [];
    if (found.length === 0) unmatched.push(secret);
    for (const match of found) spans.push([match.index, match.index + match[0].length]);
  }
  return { spans, unmatched };
}

/** Each non-blank line of a text, without its surrounding blanks. */
function lineSpans(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    const lead = line.length - line.trimStart().length;
    const content = line.trim();
    if (content !== '') spans.push([start + lead, start + lead + content.length]);
    start += line.length + 1;
  }
  return spans;
}

function overlaps(a: SourceRange, b: SourceRange): boolean {
  return a.line <= b.endLine && b.line <= a.endLine;
}

function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([span[0], span[1]]);
  }
  return merged;
}

/** Replaces each span with HIDDEN; a cut inside a hidden span moves to its end. */
export function replaceSpans(text: string, spans: readonly Span[], cut?: number): { text: string; cut?: number } {
  let out = '';
  let at = 0;
  let movedCut = cut;
  for (const [start, end] of spans) {
    out += text.slice(at, start);
    if (cut !== undefined && cut > start && cut < end) movedCut = out.length + HIDDEN.length;
    else if (cut !== undefined && cut >= end) movedCut = movedCut! - (end - start) + HIDDEN.length;
    out += HIDDEN;
    at = end;
  }
  out += text.slice(at);
  return { text: out, ...(movedCut !== undefined ? { cut: movedCut } : {}) };
}
