import type { Rule } from './types.js';
import * as schemaProblems from './schema/problems.js';
import { unknownId } from './schema/unknown-id.js';
import { duplicateId } from './schema/duplicate-id.js';
import { invalidSuppression, unusedSuppression } from './schema/suppression.js';

/** Every rule the tool has, in the order their findings are computed. */
export const RULES: readonly Rule[] = [
  schemaProblems.parse,
  schemaProblems.frontmatter,
  schemaProblems.unknownKey,
  schemaProblems.date,
  schemaProblems.config,
  schemaProblems.plans,
  unknownId,
  duplicateId,
  invalidSuppression,
  unusedSuppression,
];
