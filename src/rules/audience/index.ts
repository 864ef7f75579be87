import type { Rule } from '../types.js';

export const AUDIENCE_RULES: readonly Rule[] = [];
