import { seeMoreCutAt } from '../see-more.js';
import type { NetworkProfile } from '../types.js';

const MB = 1024 * 1024;

// Meta publishes no figure for the fold. About 477 characters on desktop is the figure
// character-counter tools give (socialk.it, posthell.com); mobile cuts earlier.
const SEE_MORE_AT = 477;

export const facebookProfile: NetworkProfile = {
  id: 'facebook',
  label: 'Facebook',
  maxLength: 63206,
  countUnit: 'characters',
  // Facebook does not document its unit; UTF-16 units are the strictest reading (an emoji counts 2).
  count: (text) => text.length,
  seeMoreAt: SEE_MORE_AT,
  seeMoreCut: (text) => seeMoreCutAt(text, SEE_MORE_AT),
  // Page posts: photos uploaded unpublished to /{page-id}/photos and attached with `attached_media`,
  // or one video through /{page-id}/videos; the two do not mix in one post. Meta gives no maximum
  // number of photos; 10 is what scheduling tools allow (docs.getlate.dev media guidelines).
  // 4 MB per photo is Meta's older Page photo guidance, not confirmed in the current docs;
  // scheduling tools quote 10 MB.
  media: {
    required: false,
    maxItems: 10,
    maxImages: 10,
    maxVideos: 1,
    mixImagesAndVideo: false,
    imageTypes: ['jpg', 'jpeg', 'png', 'gif', 'bmp', 'tif', 'tiff'],
    videoTypes: ['mp4', 'mov'],
    maxImageBytes: 4 * MB,
  },
  linksClickable: true,
};
