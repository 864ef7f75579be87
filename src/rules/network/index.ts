import type { Rule } from '../types.js';
import { hashtags } from './hashtags.js';
import { length } from './length.js';
import { altText, mediaLimits, mediaMissing, mediaRequired } from './media.js';
import { seeMore } from './see-more.js';
import { unclickableLink } from './unclickable-link.js';

export const NETWORK_RULES: readonly Rule[] = [length, mediaRequired, mediaMissing, mediaLimits, altText, hashtags, unclickableLink, seeMore];
