import { seeMoreCutAt } from '../see-more.js';
import type { NetworkProfile } from '../types.js';

// LinkedIn publishes no figure for the fold. Organic posts show a 3-line preview on desktop and
// mobile (John Espirian, "'See more' breakpoints on LinkedIn posts", Sept 2024); about 210
// characters is the figure most guides give for those 3 lines.
const SEE_MORE_AT = 210;
const SEE_MORE_LINES = 3;

export const linkedinProfile: NetworkProfile = {
  id: 'linkedin',
  label: 'LinkedIn',
  maxLength: 3000,
  countUnit: 'characters',
  // LinkedIn does not document its unit; UTF-16 units are the strictest reading (an emoji counts 2).
  count: (text) => text.length,
  seeMoreAt: SEE_MORE_AT,
  seeMoreLines: SEE_MORE_LINES,
  seeMoreCut: (text) => seeMoreCutAt(text, SEE_MORE_AT, SEE_MORE_LINES),
  // Posts API: one image, a MultiImage post of 2 to 20 images, or one video; no mix
  // (learn.microsoft.com/linkedin/marketing/community-management/shares/multiimage-post-api,
  // images-api: JPG, PNG, GIF; videos-api: MP4). Images are limited in pixels (36,152,320), not bytes.
  media: {
    required: false,
    maxItems: 20,
    maxImages: 20,
    maxVideos: 1,
    mixImagesAndVideo: false,
    imageTypes: ['jpg', 'jpeg', 'png', 'gif'],
    videoTypes: ['mp4'],
  },
  linksClickable: true,
};
