import type { Rule } from './types.js';
import { parse } from './schema/parse.js';
import { frontmatter } from './schema/frontmatter.js';
import { unknownKey } from './schema/unknown-key.js';
import { date } from './schema/date.js';
import { config } from './schema/config.js';
import { plans } from './schema/plans.js';
import { unknownId } from './schema/unknown-id.js';
import { duplicateId } from './schema/duplicate-id.js';
import { invalidSuppression } from './schema/suppression.js';
import { unusedSuppression } from './schema/unused-suppression.js';
import { NETWORK_RULES } from './network/index.js';
import { AUDIENCE_RULES } from './audience/index.js';
import { PLAN_RULES } from './plan/index.js';
import { COMPLIANCE_RULES } from './compliance/index.js';
import { PHI_RULES } from './phi/index.js';

const SCHEMA_RULES: readonly Rule[] = [parse, frontmatter, unknownKey, date, config, plans, unknownId, duplicateId, invalidSuppression, unusedSuppression];

/** Every rule the tool has, family by family. */
export const RULES: readonly Rule[] = [...SCHEMA_RULES, ...PHI_RULES, ...NETWORK_RULES, ...AUDIENCE_RULES, ...PLAN_RULES, ...COMPLIANCE_RULES];
