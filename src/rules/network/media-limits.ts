import { extensionOf, FORMAT_EXTENSIONS, formatOfExtension, type MediaFormat } from '../../loading/media.js';
import type { NetworkProfile } from '../../networks/index.js';
import { docsUrl } from '../messages.js';
import { defineRule, type MessageData } from '../types.js';
import { isUnusable, mediaOf, mediaRange, type MediaItem } from './media-item.js';
import { accountsOf, formatNumber } from './targets.js';

const messages = {
  unknownKind: 'this media file is not an image or a video plan recognises: attach a JPG or PNG image or an MP4 video',
  mixed: '{{network}} does not take images and videos in one post, and this one has {{images}} and {{videos}}: keep one kind',
  tooManyImages: '{{network}} takes at most {{max}} in a post, and this one has {{count}}: remove {{extra}}',
  tooManyVideos: '{{network}} takes {{max}} in a post, and this one has {{count}}: remove {{extra}}',
  tooManyItems: '{{network}} takes at most {{max}} images and videos in a post, and this one has {{count}}: remove {{extra}}',
  wrongType: '{{network}} takes only {{accepted}} {{kind}}s, and this one is {{format}}: convert it to {{target}}',
  wrongTypeInside: '{{network}} takes only {{accepted}} {{kind}}s, and this one is {{format}} by its contents, whatever its name says: convert it to {{target}}',
  tooLarge: 'this image is {{size}} and {{network}} takes images up to {{limit}}: make it smaller',
};

type LimitMessage = keyof typeof messages;

export const mediaLimits = defineRule({
  meta: {
    id: 'network/media-limits',
    severity: 'error',
    docs: {
      description: 'Media a network would refuse: more images or videos than it takes, images and video mixed where it does not allow it, a file type it does not accept, an image over its size limit.',
      why: 'Each network takes its own number, types and sizes of images and videos (Instagram takes only JPG images, X at most 4 images or one video). A post whose media a network refuses fails when it is due, on that network only.',
      url: docsUrl('network/media-limits'),
    },
    messages,
  },
  checkPost(context) {
    const { post, report } = context;
    const items = mediaOf(post).filter((item) => !isUnusable(item));
    if (items.length === 0) return;
    for (const item of items) {
      if (item.kind === undefined) report({ messageId: 'unknownKind', range: mediaRange(post, item.index, 'file') });
    }
    for (const { network, profile } of accountsOf(context)) {
      const problems = [...countProblems(items, profile), ...items.flatMap((item) => itemProblems(item, profile))];
      for (const { index, ...problem } of problems) report({ ...problem, range: mediaRange(post, index), network });
    }
  },
});

interface MediaProblem {
  index: number;
  messageId: LimitMessage;
  data: MessageData;
}

function countProblems(items: readonly MediaItem[], profile: NetworkProfile): MediaProblem[] {
  const { label, media } = profile;
  const images = items.filter((item) => item.kind === 'image');
  const videos = items.filter((item) => item.kind === 'video');
  if (images.length > 0 && videos.length > 0 && !media.mixImagesAndVideo) {
    return [{ index: videos[0]!.index, messageId: 'mixed', data: { network: label, images: count(images.length, 'image'), videos: count(videos.length, 'video') } }];
  }
  const problems: MediaProblem[] = [];
  if (images.length > media.maxImages) problems.push(tooMany('tooManyImages', label, images, media.maxImages, count(media.maxImages, 'image')));
  if (videos.length > media.maxVideos) {
    problems.push(tooMany('tooManyVideos', label, videos, media.maxVideos, media.maxVideos === 1 ? 'one video' : `at most ${count(media.maxVideos, 'video')}`));
  }
  const known = [...images, ...videos].sort((a, b) => a.index - b.index);
  if (problems.length === 0 && known.length > media.maxItems) problems.push(tooMany('tooManyItems', label, known, media.maxItems, formatNumber(media.maxItems)));
  return problems;
}

function tooMany(messageId: LimitMessage, network: string, items: readonly MediaItem[], max: number, limit: string): MediaProblem {
  return { index: items[max]!.index, messageId, data: { network, max: limit, count: formatNumber(items.length), extra: formatNumber(items.length - max) } };
}

function itemProblems(item: MediaItem, profile: NetworkProfile): MediaProblem[] {
  if (!item.kind || !item.format) return [];
  const { label, media } = profile;
  const accepted = item.kind === 'image' ? media.imageTypes : media.videoTypes;
  if (!accepted.some((type) => FORMAT_EXTENSIONS[item.format!].includes(type))) {
    const names = [...new Set(accepted.map(typeName))];
    const misnamed = !FORMAT_EXTENSIONS[item.format].includes(extensionOf(item.file));
    const data = { network: label, accepted: names.join(', '), kind: item.kind, format: FORMAT_LABELS[item.format], target: names[0]! };
    return [{ index: item.index, messageId: misnamed ? 'wrongTypeInside' : 'wrongType', data }];
  }
  const bytes = item.fact?.bytes;
  if (item.kind === 'image' && media.maxImageBytes !== undefined && bytes !== undefined && bytes > media.maxImageBytes) {
    const [size, limit] = sizes(bytes, media.maxImageBytes);
    return [{ index: item.index, messageId: 'tooLarge', data: { size, network: label, limit } }];
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
