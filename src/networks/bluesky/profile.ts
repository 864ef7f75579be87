import { graphemeCount } from '../entities.js';
import type { NetworkProfile } from '../types.js';

export const blueskyProfile: NetworkProfile = {
  id: 'bluesky',
  label: 'Bluesky',
  // app.bsky.feed.post `text`: maxGraphemes 300, maxLength 3000 (UTF-8 bytes). URLs count in full.
  maxLength: 300,
  maxBytes: 3000,
  countUnit: 'graphemes',
  count: graphemeCount,
  seeMoreCut: () => undefined,
  // app.bsky.embed.images: up to 4 images, each blob at most 2,000,000 bytes;
  // app.bsky.embed.video: one video/mp4 (300 MB). A post has one embed, so no mix.
  media: {
    required: false,
    maxItems: 4,
    maxImages: 4,
    maxVideos: 1,
    mixImagesAndVideo: false,
    imageTypes: ['jpg', 'jpeg', 'png', 'webp', 'gif'],
    videoTypes: ['mp4'],
    maxImageBytes: 2_000_000,
  },
  linksClickable: true,
};
