import type { Rule } from '../types.js';
import { reach } from './reach.js';

export const AUDIENCE_RULES: readonly Rule[] = [reach];
