import type { Rule } from '../types.js';

export const PLAN_RULES: readonly Rule[] = [];
