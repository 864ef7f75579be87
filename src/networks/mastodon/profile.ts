import { graphemeCount, remoteMentionsIn, urlsIn, type TextMatch } from '../entities.js';
import type { NetworkProfile } from '../types.js';

const MB = 1024 * 1024;
const URL_LENGTH = 23;

export const mastodonProfile: NetworkProfile = {
  id: 'mastodon',
  label: 'Mastodon',
  // mastodon.social's limit; other servers set their own (`max_characters` on the account).
  maxLength: 500,
  countUnit: 'characters',
  count: mastodonLength,
  seeMoreCut: () => undefined,
  // Defaults of Mastodon 4: 4 attachments (configuration.statuses.max_media_attachments), a video
  // or audio only alone, images up to 16 MB (MediaAttachment::IMAGE_LIMIT). Servers may differ.
  media: {
    required: false,
    maxItems: 4,
    maxImages: 4,
    maxVideos: 1,
    mixImagesAndVideo: false,
    imageTypes: ['jpg', 'jpeg', 'png', 'gif', 'webp', 'heic', 'heif', 'avif'],
    videoTypes: ['mp4', 'm4v', 'mov', 'webm'],
    maxImageBytes: 16 * MB,
  },
  linksClickable: true,
};

/**
 * As Mastodon's StatusLengthValidator counts: grapheme clusters, after replacing every
 * http(s) URL by 23 characters and every `@user@domain` by `@user`.
 */
export function mastodonLength(text: string): number {
  const urls = urlsIn(text, { requireProtocol: true });
  const mentions = remoteMentionsIn(text).filter((m) => !urls.some((u) => overlaps(u, m)));
  const replacements = [
    ...urls.map((u) => ({ ...u, by: 'x'.repeat(URL_LENGTH) })),
    ...mentions.map((m) => ({ ...m, by: `@${m.user}` })),
  ].sort((a, b) => a.start - b.start);
  let countable = '';
  let at = 0;
  for (const r of replacements) {
    countable += text.slice(at, r.start) + r.by;
    at = r.end;
  }
  return graphemeCount(countable + text.slice(at));
}

function overlaps(a: TextMatch, b: TextMatch): boolean {
  return a.start < b.end && b.start < a.end;
}
