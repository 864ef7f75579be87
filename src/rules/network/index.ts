import type { Rule } from '../types.js';
import { altText } from './alt-text.js';
import { hashtags } from './hashtags.js';
import { hiddenText } from './hidden-text.js';
import { length } from './length.js';
import { mediaLimits } from './media-limits.js';
import { mediaMissing } from './media-missing.js';
import { mediaRequired } from './media-required.js';
import { mentions } from './mentions.js';
import { seeMore } from './see-more.js';
import { unclickableLink } from './unclickable-link.js';

export const NETWORK_RULES: readonly Rule[] = [length, mediaRequired, mediaMissing, mediaLimits, altText, hashtags, mentions, unclickableLink, seeMore, hiddenText];
