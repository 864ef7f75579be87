import { extensionOf, FORMAT_EXTENSIONS, formatOfExtension, type MediaFact, type MediaFormat } from '../../loading/media.js';
import type { NetworkProfile } from '../../networks/index.js';
import type { Rule } from '../types.js';
import { hasField, isUnusable, mediaOf, mediaRange, type MediaItem } from './media-item.js';
import { accountsOf, formatNumber } from './targets.js';

export const mediaRequired: Rule = {
  meta: {
    id: 'network/media-required',
    severity: 'error',
    docs: 'A post without an image or a video on a network that only publishes posts with one (Instagram).',
    cacheable: true,
  },
  checkPost(context) {
    const { post, report } = context;
    // A media field with a problem is reported by the schema rules; saying it is missing too would mislead.
    if ((post.frontmatter.media ?? []).length > 0 || (!post.frontmatter.media && hasField(post, 'media'))) return;
    for (const { network, profile } of accountsOf(context)) {
      if (!profile.media.required) continue;
      const index = post.frontmatter.networks?.indexOf(network) ?? -1;
      const message = `${profile.label} only publishes posts with an image or a video: add one under media:, or remove ${network} from networks`;
      report({ message, range: post.locate(['networks', index]), network });
    }
  },
};

export const mediaMissing: Rule = {
  meta: {
    id: 'network/media-missing',
    severity: 'error',
    docs: 'A media file that does not exist, is not a file, or lies outside the repository (a ../ path or a link out): it could not be published.',
  },
  checkPost({ post, report }) {
    // File names can hold a patient's name: the messages say what is wrong, the range says which one.
    for (const item of mediaOf(post)) {
      if (item.fact && item.fact.status !== 'found') report({ message: missingMessage(item.fact), range: mediaRange(post, item.index, 'file') });
    }
  },
};

function missingMessage(fact: MediaFact): string {
  switch (fact.status) {
    case 'outside':
      return 'this media file is outside the repository: plan only publishes files inside it; copy the file into media/ and point to the copy';
    case 'folder':
      return 'this media path is a folder, not a file: name the image or video file itself';
    case 'unreadable':
      return `this media file could not be read (${fact.error ?? 'unknown error'}): check that it is a normal file you can open`;
    default:
      return 'this media file does not exist: check the spelling and that the path starts at the repository root (e.g. media/2026/flu-clinic.jpg)';
  }
}

export const altText: Rule = {
  meta: {
    id: 'network/alt-text',
    severity: 'error',
    docs: 'An image without alt text: people who use screen readers would not know what it shows.',
  },
  checkPost({ post, report }) {
    for (const item of mediaOf(post)) {
      if (item.kind !== 'image' || (item.alt ?? '').trim() !== '') continue;
      const range = item.alt === undefined ? mediaRange(post, item.index) : mediaRange(post, item.index, 'alt');
      report({ message: 'this image has no alt text: add "alt:" with a short description of what it shows, for people who use screen readers', range });
    }
  },
};

export const mediaLimits: Rule = {
  meta: {
    id: 'network/media-limits',
    severity: 'error',
    docs: 'Media a network would refuse: more images or videos than it takes, images and video mixed where it does not allow it, a file type it does not accept, an image over its size limit.',
  },
  checkPost(context) {
    const { post, report } = context;
    const items = mediaOf(post).filter((item) => !isUnusable(item));
    if (items.length === 0) return;
    for (const item of items) {
      if (item.kind === undefined) report({ message: 'this media file is not an image or a video plan recognises: attach a JPG or PNG image or an MP4 video', range: mediaRange(post, item.index, 'file') });
    }
    for (const { network, profile } of accountsOf(context)) {
      const problems = [...countProblems(items, profile), ...items.flatMap((item) => itemProblems(item, profile))];
      for (const problem of problems) report({ message: problem.message, range: mediaRange(post, problem.index), network });
    }
  },
};

interface MediaProblem {
  index: number;
  message: string;
}

function countProblems(items: readonly MediaItem[], profile: NetworkProfile): MediaProblem[] {
  const { label, media } = profile;
  const images = items.filter((item) => item.kind === 'image');
  const videos = items.filter((item) => item.kind === 'video');
  if (images.length > 0 && videos.length > 0 && !media.mixImagesAndVideo) {
    const message = `${label} does not take images and videos in one post, and this one has ${count(images.length, 'image')} and ${count(videos.length, 'video')}: keep one kind`;
    return [{ index: videos[0]!.index, message }];
  }
  const problems: MediaProblem[] = [];
  if (images.length > media.maxImages) problems.push(tooMany(images, media.maxImages, `${label} takes at most ${count(media.maxImages, 'image')} in a post`));
  if (videos.length > media.maxVideos) problems.push(tooMany(videos, media.maxVideos, `${label} takes ${media.maxVideos === 1 ? 'one video' : `at most ${count(media.maxVideos, 'video')}`} in a post`));
  const known = [...images, ...videos].sort((a, b) => a.index - b.index);
  if (problems.length === 0 && known.length > media.maxItems) {
    problems.push(tooMany(known, media.maxItems, `${label} takes at most ${formatNumber(media.maxItems)} images and videos in a post`));
  }
  return problems;
}

function tooMany(items: readonly MediaItem[], max: number, limit: string): MediaProblem {
  return { index: items[max]!.index, message: `${limit}, and this one has ${formatNumber(items.length)}: remove ${formatNumber(items.length - max)}` };
}

function itemProblems(item: MediaItem, profile: NetworkProfile): MediaProblem[] {
  if (!item.kind || !item.format) return [];
  const { label, media } = profile;
  const accepted = item.kind === 'image' ? media.imageTypes : media.videoTypes;
  if (!accepted.some((type) => FORMAT_EXTENSIONS[item.format!].includes(type))) {
    const names = [...new Set(accepted.map(typeName))];
    const misnamed = !FORMAT_EXTENSIONS[item.format].includes(extensionOf(item.file)) ? ' by its contents, whatever its name says' : '';
    const message = `${label} takes only ${names.join(', ')} ${item.kind}s, and this one is ${FORMAT_LABELS[item.format]}${misnamed}: convert it to ${names[0]}`;
    return [{ index: item.index, message }];
  }
  const bytes = item.fact?.bytes;
  if (item.kind === 'image' && media.maxImageBytes !== undefined && bytes !== undefined && bytes > media.maxImageBytes) {
    const [size, limit] = sizes(bytes, media.maxImageBytes);
    return [{ index: item.index, message: `this image is ${size} and ${label} takes images up to ${limit}: make it smaller` }];
  }
  return [];
}

const FORMAT_LABELS: Record<MediaFormat, string> = {
  jpeg: 'JPEG',
  png: 'PNG',
  gif: 'GIF',
  webp: 'WebP',
  bmp: 'BMP',
  tiff: 'TIFF',
  heif: 'HEIC',
  avif: 'AVIF',
  mp4: 'MP4',
  mov: 'MOV',
  webm: 'WebM',
};

/** A network's accepted extension as people name the type: jpg and jpeg are both "JPG". */
function typeName(extension: string): string {
  const format = formatOfExtension(extension);
  return format ? (FORMAT_LABELS[format] === 'JPEG' ? 'JPG' : FORMAT_LABELS[format]) : extension.toUpperCase();
}

function count(n: number, word: string): string {
  return `${formatNumber(n)} ${n === 1 ? word : `${word}s`}`;
}

/** Both sizes in megabytes, or in bytes when megabytes would show no difference. */
function sizes(bytes: number, max: number): [string, string] {
  const megabytes = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
  if (megabytes(bytes) > megabytes(max)) return [`${megabytes(bytes)} MB`, `${megabytes(max)} MB`];
  return [`${formatNumber(bytes)} bytes`, `${formatNumber(max)} bytes`];
}
