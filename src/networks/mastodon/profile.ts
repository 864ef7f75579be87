import twitter from 'twitter-text';
import { graphemeCount, remoteMentionsIn, type TextMatch } from '../entities.js';
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

// Mastodon's URL pattern (its config/initializers/twitter_regex.rb over twitter-text): a path may hold
// any character but whitespace and < > ( ) ?, CJK included, and does not end in whitespace or one of
// ( ) ? ! * " ' 「 」 < > ; : = , . $ % [ ] ~ & | @ unless that is a balanced (…) group; a query may
// hold any Unicode letter. Written without the u flag, as twitter-text's own parts are.
const WHITE_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000';
const PATH_CHAR = `[^${WHITE_SPACE}<>()?]`;
const BALANCED_PARENS = `\\((?:${PATH_CHAR}+|(?:${PATH_CHAR}*\\(${PATH_CHAR}+\\)${PATH_CHAR}*))\\)`;
// Mastodon sets the ending characters before it redefines the balanced parentheses, so they keep twitter-text's.
const PATH_END = `(?:[^${WHITE_SPACE}()?!*"'「」<>;:=,.$%\\[\\]~&|@]|(?:${twitter.regexen.validUrlBalancedParens.source}))`;
const PATH = `(?:(?:${PATH_CHAR}*(?:${BALANCED_PARENS}${PATH_CHAR}*)*${PATH_END})|(?:${PATH_CHAR}+/))`;
const UCHARS = '\\u00A0-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFEF\\uE000-\\uF8FF';
const ASTRAL = '[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]';
const QUERY_CHAR = `(?:[a-z0-9!?*'();:&=+$/%#\\[\\]\\-_.,~|@^${UCHARS}]|${ASTRAL})`;
const QUERY_END = `(?:[a-z0-9_&=#/\\-${UCHARS}]|${ASTRAL})`;
const PROTOCOL = '(?:https?|dat|dweb|ipfs|ipns|ssb|gopher|gemini)://';
const MASTODON_URL = new RegExp(
  `(${twitter.regexen.validUrlPrecedingChars.source})(${PROTOCOL}(?:${twitter.regexen.validDomain.source})(?::${twitter.regexen.validPortNumber.source})?(?:/${PATH}*)?(?:\\?${QUERY_CHAR}*${QUERY_END})?)`,
  'gi',
);

/** The URLs Mastodon counts as 23 characters: those written with their protocol, as its own pattern reads them. */
export function mastodonUrlsIn(text: string): TextMatch[] {
  if (!text.includes('://')) return [];
  return [...text.matchAll(MASTODON_URL)].map((m) => ({ start: m.index + m[1]!.length, end: m.index + m[0].length }));
}

/**
 * As Mastodon's StatusLengthValidator counts: grapheme clusters, after replacing every URL by 23
 * characters and every `@user@domain` by `@user`.
 */
export function mastodonLength(text: string): number {
  const urls = mastodonUrlsIn(text);
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
