import twitter from 'twitter-text';
import type { NetworkProfile } from '../types.js';

const MB = 1024 * 1024;

export const xProfile: NetworkProfile = {
  id: 'x',
  label: 'X',
  maxLength: 280,
  countUnit: 'weighted characters',
  // twitter-text's weighting: URLs 23, emoji and CJK 2, most other text 1; text is NFC-normalised first.
  count: (text) => twitter.parseTweet(text).weightedLength,
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
