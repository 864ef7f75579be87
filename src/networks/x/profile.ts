import twitter from 'twitter-text';
import { parse as parseEmoji } from 'twemoji-parser';
import { extractUrls } from '../url-finder.js';
import type { NetworkProfile } from '../types.js';

const MB = 1024 * 1024;

export const xProfile: NetworkProfile = {
  id: 'x',
  label: 'X',
  maxLength: 280,
  countUnit: 'weighted characters',
  // twitter-text's weighting: URLs 23, emoji and CJK 2, most other text 1; text is NFC-normalised first.
  count: weightedLength,
  seeMoreCut: () => undefined,
  // twitter-text 3's invalid characters (hasInvalidCharacters): a text holding one is not a valid post,
  // whatever its length. The direction marks U+202A–U+202E were invalid before version 3 and are not now.
  invalidCharacters: ['\uFFFE', '\uFEFF', '\uFFFF'],
  // "You may attach up to 4 photos, 1 animated GIF or 1 video in a Post"; images 5 MB
  // (docs.x.com/x-api/media/quickstart/best-practices, docs.x.com/x-api/media).
  // An animated GIF must also be alone; these limits cannot tell it from a still GIF.
  media: {
    required: false,
    maxItems: 4,
    maxImages: 4,
    maxVideos: 1,
    mixImagesAndVideo: false,
    imageTypes: ['jpg', 'jpeg', 'png', 'gif', 'webp'],
    videoTypes: ['mp4', 'mov'],
    maxImageBytes: 5 * MB,
  },
  linksClickable: true,
};

interface WeightConfig {
  scale: number;
  defaultWeight: number;
  transformedURLLength: number;
  ranges: { start: number; end: number; weight: number }[];
}

// twitter-text's weights (its type declarations leave configs out).
const WEIGHTS = (twitter as unknown as { configs: { defaults: WeightConfig } }).configs.defaults;

/**
 * The weighted length twitter-text's parseTweet gives, with the URLs found in linear time (its own URL
 * search takes time growing with the square of the length on some texts). Its loop, as it is: a URL
 * weighs 23 and skips as many characters as the URL it reports has, an emoji weighs 2, any other
 * character its range's weight (an astral one by its second UTF-16 unit).
 */
export function weightedLength(text: string): number {
  const normalized = text.normalize();
  const urls = new Map(extractUrls(normalized).map((url) => [url.indices[0], url.url.length]));
  const emoji = new Map(parseEmoji(normalized).map((found) => [found.indices[0], found.text.length]));
  let weight = 0;
  for (let at = 0; at < normalized.length; at++) {
    const url = urls.get(at);
    const emojiLength = url === undefined ? emoji.get(at) : undefined;
    if (url !== undefined) {
      weight += WEIGHTS.transformedURLLength * WEIGHTS.scale;
      at += url - 1;
    } else if (emojiLength !== undefined) {
      weight += WEIGHTS.defaultWeight;
      at += emojiLength - 1;
    } else {
      if (isSurrogatePair(normalized, at)) at++;
      weight += characterWeight(normalized.charCodeAt(at));
    }
  }
  return weight / WEIGHTS.scale;
}

function isSurrogatePair(text: string, at: number): boolean {
  const unit = text.charCodeAt(at);
  const next = text.charCodeAt(at + 1);
  return unit >= 0xd800 && unit <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
}

function characterWeight(unit: number): number {
  return WEIGHTS.ranges.find((range) => unit >= range.start && unit <= range.end)?.weight ?? WEIGHTS.defaultWeight;
}
