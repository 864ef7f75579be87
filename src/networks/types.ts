import { NETWORK_IDS, type NetworkId } from '../loading/schemas/common.js';

export { NETWORK_IDS, type NetworkId };

export function isNetworkId(value: string): value is NetworkId {
  return (NETWORK_IDS as readonly string[]).includes(value);
}

/** What a network accepts as attachments of one post. Extensions are lower case, without the dot. */
export interface MediaLimits {
  required: boolean;
  maxItems: number;
  maxImages: number;
  maxVideos: number;
  mixImagesAndVideo: boolean;
  imageTypes: string[];
  videoTypes: string[];
  maxImageBytes?: number;
}

export interface NetworkProfile {
  id: NetworkId;
  label: string;
  /** Default limit of `count(text)`; an account may set another (see `profileFor`). */
  maxLength: number;
  countUnit: 'weighted characters' | 'characters' | 'graphemes';
  count(text: string): number;
  /** Bluesky also caps the post text at 3,000 UTF-8 bytes, which long emoji sequences can reach first. */
  maxBytes?: number;
  /** About how many characters the feed shows before "see more" / "…more". */
  seeMoreAt?: number;
  /** About how many lines (line breaks, blank lines included) the feed shows before "see more". */
  seeMoreLines?: number;
  /** UTF-16 offset where the hidden part starts, or undefined when all of the text is visible. */
  seeMoreCut(text: string): number | undefined;
  media: MediaLimits;
  /** The longest image description (alt text) the network takes, counted as `count` counts. */
  maxAltLength?: number;
  maxHashtags?: number;
  /** The most @-mentions the network takes in one post. */
  maxMentions?: number;
  /** Characters that make the network refuse a text, wherever they are. */
  invalidCharacters?: readonly string[];
  linksClickable: boolean;
}

/** Per-account settings from plans/networks.yaml that change a profile. */
export interface AccountLimits {
  max_characters?: number;
}
