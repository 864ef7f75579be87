import { extensionOf, formatOfExtension, kindOfFormat, type MediaFact, type MediaFormat, type MediaKind } from '../../loading/media.js';
import type { Post } from '../../loading/post.js';
import type { SourceRange } from '../../loading/source.js';

/** One `media[i]` of a post, with what loading found in the repository for it. */
export interface MediaItem {
  index: number;
  file: string;
  alt?: string;
  fact?: MediaFact;
  /** By the file's contents when it was found, else by its extension; undefined when neither tells. */
  kind?: MediaKind;
  format?: MediaFormat;
}

export function mediaOf(post: Post): MediaItem[] {
  return (post.frontmatter.media ?? []).map((item, index) => {
    const fact = post.mediaFacts?.[index];
    // A file that was found is judged by its contents; one that was not, by its name.
    const format = fact?.status === 'found' ? fact.format : formatOfExtension(extensionOf(item.file));
    return { index, file: item.file, ...(item.alt !== undefined ? { alt: item.alt } : {}), ...(fact ? { fact } : {}), ...(format ? { format, kind: kindOfFormat(format) } : {}) };
  });
}

/** A media item whose file is known not to be usable: media-missing reports it, the other rules leave it. */
export function isUnusable(item: MediaItem): boolean {
  return item.fact !== undefined && item.fact.status !== 'found';
}

export function mediaRange(post: Post, index: number, field?: 'file' | 'alt'): SourceRange {
  return post.locate(field ? ['media', index, field] : ['media', index]);
}

export function hasField(post: Post, key: string): boolean {
  const field = post.locate([key], 'key');
  const whole = post.locate([]);
  return field.line !== whole.line || field.column !== whole.column || field.endLine !== whole.endLine || field.endColumn !== whole.endColumn;
}
