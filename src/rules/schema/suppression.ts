import type { Rule } from '../types.js';

// The engine itself finds these while applying plan-disable comments; the rules give them an id and severity.
export const INVALID_SUPPRESSION: Rule['meta'] = {
  id: 'schema/suppression',
  severity: 'error',
  docs: 'A plan-disable comment without a reason after " -- ", or naming a rule that does not exist.',
};

export const UNUSED_SUPPRESSION: Rule['meta'] = {
  id: 'schema/unused-suppression',
  severity: 'warning',
  docs: 'A plan-disable comment that turns no finding off: remove it so it does not hide a future problem.',
};

export const invalidSuppression: Rule = { meta: INVALID_SUPPRESSION };
export const unusedSuppression: Rule = { meta: UNUSED_SUPPRESSION };
