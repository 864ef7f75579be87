import { seeMoreCutAt } from '../see-more.js';
import type { NetworkProfile } from '../types.js';

const MB = 1024 * 1024;

// Meta publishes no figure for the fold: about 125 characters (two lines) is what guides give
// (bulkpublish.com, charactercounter.com) and what Meta recommends for ad primary text.
const SEE_MORE_AT = 125;
const SEE_MORE_LINES = 2;

export const instagramProfile: NetworkProfile = {
  id: 'instagram',
  label: 'Instagram',
  maxLength: 2200,
  countUnit: 'characters',
  // Instagram does not document its unit; UTF-16 units are the strictest reading (an emoji counts 2).
  count: (text) => text.length,
  seeMoreAt: SEE_MORE_AT,
  seeMoreLines: SEE_MORE_LINES,
  seeMoreCut: (text) => seeMoreCutAt(text, SEE_MORE_AT, SEE_MORE_LINES),
  // Content Publishing API: a post needs an image or a video; a carousel holds up to 10 images,
  // videos or a mix; JPEG is the only image format, at most 8 MB
  // (developers.facebook.com/docs/instagram-platform/content-publishing, …/reference/ig-user/media).
  // The app allows 20 in a carousel since 2024; the API documents 10.
  media: {
    required: true,
    maxItems: 10,
    maxImages: 10,
    maxVideos: 10,
    mixImagesAndVideo: true,
    imageTypes: ['jpg', 'jpeg'],
    videoTypes: ['mp4', 'mov'],
    maxImageBytes: 8 * MB,
  },
  // alt_text of an image container: Meta's reference (…/reference/ig-user/media) gives no maximum.
  // 1,000 characters is what tools built on the API enforce ("max 1000 chars per Meta's Instagram
  // media spec", glama.ai meta-mcp ig_publish_photo) and what guides give for the app's alt text
  // field; a longer one is refused when the container is made, so the post fails at publish time.
  maxAltLength: 1000,
  // Five per post or reel since December 2025 (Instagram @creators, reported by Social Media
  // Today on 2025-12-18); it was 30.
  maxHashtags: 5,
  // 20 @-mentions in a caption (Adobe Express's Instagram specifications, June 2025; the long-standing
  // limit third-party schedulers give); a caption with more is refused.
  maxMentions: 20,
  linksClickable: false,
};
