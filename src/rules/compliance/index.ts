import type { Rule } from '../types.js';

export const COMPLIANCE_RULES: readonly Rule[] = [];
