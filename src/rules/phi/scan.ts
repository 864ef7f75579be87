import type { Post } from '../../loading/post.js';
import type { SourceRange } from '../../loading/source.js';
import { createPhiScanner, type PhiField, type PhiMatch, type PhiScanner } from '../../phi/index.js';
import type { RunContext } from '../types.js';

/** A PHI match placed in the post file, with the field it was found in. */
export interface PlacedMatch extends PhiMatch {
  field: PhiField;
  /** Where in the file, for the finding. */
  range: SourceRange;
  text: string;
}

interface ScannedValue {
  field: PhiField;
  text: string;
  path: (string | number)[];
}

/** Scans every part of a post once per run, however many `phi/*` rules ask. */
export function scanPost(context: RunContext, post: Post): PlacedMatch[] {
  const scanner = context.once('phi:scanner', () => createPhiScanner(context.project.config.data?.practice ?? {}));
  return context.once(`phi:post:${post.file}`, () => scanAll(scanner, post));
}

function scanAll(scanner: PhiScanner, post: Post): PlacedMatch[] {
  const placed: PlacedMatch[] = scanner.scan(post.body, 'body').map((match) => ({
    ...match,
    field: 'body',
    text: post.body.slice(match.start, match.end),
    range: post.lines.range(post.bodyOffset + match.start, post.bodyOffset + match.end),
  }));
  for (const value of frontmatterValues(post)) {
    for (const match of scanner.scan(value.text, value.field)) {
      const text = value.text.slice(match.start, match.end);
      placed.push({ ...match, field: value.field, text, range: placeInValue(post, value.path, text) });
    }
  }
  return placed;
}

function frontmatterValues(post: Post): ScannedValue[] {
  const { title, variants = {}, media = [], link } = post.frontmatter;
  const values: ScannedValue[] = [];
  if (title) values.push({ field: 'title', text: title, path: ['title'] });
  for (const [network, text] of Object.entries(variants)) if (text) values.push({ field: 'variant', text, path: ['variants', network] });
  media.forEach((item, index) => {
    values.push({ field: 'file', text: item.file, path: ['media', index, 'file'] });
    if (item.alt) values.push({ field: 'alt', text: item.alt, path: ['media', index, 'alt'] });
  });
  if (link) values.push({ field: 'link', text: link, path: ['link'] });
  return values;
}

/** The matched text's own place inside the YAML value when it is written there as is, else the value's start. */
function placeInValue(post: Post, path: (string | number)[], text: string): SourceRange {
  const value = post.locate(path);
  const from = post.lines.offsetOf(value.line, value.column);
  const to = post.lines.offsetOf(value.endLine, value.endColumn);
  const at = post.lines.text.slice(from, to).indexOf(text);
  return at === -1 ? value : post.lines.range(from + at, from + at + text.length);
}
