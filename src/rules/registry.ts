import type { Rule } from './types.js';
import * as schemaProblems from './schema/problems.js';
import { config } from './schema/config.js';
import { unknownId } from './schema/unknown-id.js';
import { duplicateId } from './schema/duplicate-id.js';
import { invalidSuppression, unusedSuppression } from './schema/suppression.js';
import { NETWORK_RULES } from './network/index.js';
import { AUDIENCE_RULES } from './audience/index.js';
import { PLAN_RULES } from './plan/index.js';
import { COMPLIANCE_RULES } from './compliance/index.js';
import { PHI_RULES } from './phi/rules.js';

const SCHEMA_RULES: readonly Rule[] = [
  schemaProblems.parse,
  schemaProblems.frontmatter,
  schemaProblems.unknownKey,
  schemaProblems.date,
  config,
  schemaProblems.plans,
  unknownId,
  duplicateId,
  invalidSuppression,
  unusedSuppression,
];

/** Every rule the tool has, family by family. */
export const RULES: readonly Rule[] = [...SCHEMA_RULES, ...PHI_RULES, ...NETWORK_RULES, ...AUDIENCE_RULES, ...PLAN_RULES, ...COMPLIANCE_RULES];
