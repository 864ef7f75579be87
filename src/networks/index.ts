import { blueskyProfile } from './bluesky/profile.js';
import { facebookProfile } from './facebook/profile.js';
import { instagramProfile } from './instagram/profile.js';
import { linkedinProfile } from './linkedin/profile.js';
import { mastodonProfile } from './mastodon/profile.js';
import type { AccountLimits, NetworkId, NetworkProfile } from './types.js';
import { xProfile } from './x/profile.js';

export * from './types.js';
export { composeText, compose, type ComposableExcerpt, type ComposedText, type TextOrigin } from './compose.js';
export { markdownToPlain, type PlainText } from './markdown.js';
export { seeMoreCutAt } from './see-more.js';
export {
  hashtagsIn,
  urlsIn,
  remoteMentionsIn,
  graphemeCount,
  codePointCount,
  utf8Length,
  type Hashtag,
  type FoundUrl,
  type RemoteMention,
  type TextMatch,
} from './entities.js';
export { mastodonLength } from './mastodon/profile.js';

const PROFILES: Record<NetworkId, NetworkProfile> = {
  x: xProfile,
  linkedin: linkedinProfile,
  facebook: facebookProfile,
  instagram: instagramProfile,
  bluesky: blueskyProfile,
  mastodon: mastodonProfile,
};

/**
 * The profile of a network, with the account's own `max_characters` when it sets one
 * (a Mastodon server with another limit, an X Premium account).
 */
export function profileFor(id: NetworkId, account?: AccountLimits): NetworkProfile {
  const profile = PROFILES[id];
  const own = account?.max_characters;
  if (own === undefined || !Number.isInteger(own) || own <= 0) return profile;
  return { ...profile, maxLength: own };
}
