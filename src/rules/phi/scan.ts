import { createPhiScanner, type PhiField, type PhiMatch, type PhiScanner } from '../../phi/index.js';
import type { Post } from '../../loading/post.js';
import { PARSE_RULE } from '../../loading/problems.js';
import type { NetworkId } from '../../loading/schemas/index.js';
import type { SourceRange } from '../../loading/source.js';
import type { YamlPath } from '../../loading/yaml.js';
import { profileFor } from '../../networks/index.js';
import type { PostCheckContext } from '../types.js';
import { publishedTexts, writtenValue } from '../compliance/post-texts.js';

/** One identifier found in a post, placed in the file. */
export interface PlacedPhi extends PhiMatch {
  range: SourceRange;
  /** Where it was found, in words a reader knows: "the post text", "the image description (alt)". */
  where: string;
  network?: NetworkId;
  /** The matched text: kept for --reveal, never printed by a format. */
  text: string;
}

/** Every identifier of the post, scanned once however many `phi/*` rules ask. */
export function phiIn(context: PostCheckContext): readonly PlacedPhi[] {
  const { post } = context;
  // A file that could not be parsed has no body to tell from its frontmatter; schema/parse reports it,
  // and it cannot publish until it is fixed and scanned.
  if (post.problems.some((problem) => problem.rule === PARSE_RULE)) return [];
  const scanner = context.once('phi/scanner', () => createPhiScanner(context.project.config.data?.practice ?? {}, { currentYear: context.year }));
  return context.perPost('phi', () => scanPost(post, scanner));
}

function scanPost(post: Post, scanner: PhiScanner): PlacedPhi[] {
  const found: PlacedPhi[] = [];
  const context = { reviewReply: post.frontmatter.kind === 'review-reply' };
  for (const published of publishedTexts(post)) {
    const field: PhiField = published.network ? 'variant' : 'body';
    const where = published.network ? `the ${profileFor(published.network).label} variant` : 'the post text';
    for (const match of scanner.scan(published.text, field, context)) {
      found.push({
        ...match,
        range: published.place(match.start, match.end),
        where,
        text: published.text.slice(match.start, match.end),
        ...(published.network ? { network: published.network } : {}),
      });
    }
  }
  const { title, media = [], link } = post.frontmatter;
  const scanValue = (value: string | undefined, field: PhiField, path: YamlPath, where: string) => {
    if (value === undefined) return;
    for (const match of scanner.scan(value, field, context)) {
      found.push({ ...match, range: placeInValue(post, path, value, match), where, text: value.slice(match.start, match.end) });
    }
  };
  scanValue(title, 'title', ['title'], 'the title');
  media.forEach((item, index) => {
    scanValue(item.alt, 'alt', ['media', index, 'alt'], 'the image description (alt)');
    scanValue(item.file, 'file', ['media', index, 'file'], 'the media file name');
  });
  scanValue(link, 'link', ['link'], 'the link');
  return found;
}

/** The matched words inside a frontmatter value when they are written as-is; else the whole value. */
function placeInValue(post: Post, path: YamlPath, value: string, match: PhiMatch): SourceRange {
  const { written, from, raw } = writtenValue(post, path);
  const at = raw.indexOf(value.slice(match.start, match.end));
  return at === -1 ? written : post.lines.range(from + at, from + at + match.end - match.start);
}
