import type { Rule } from '../types.js';

export const NETWORK_RULES: readonly Rule[] = [];
