import { docsUrl } from '../messages.js';
import { defineRule } from '../types.js';

// The engine itself finds these while applying plan-disable comments (see suppressions.ts); the rule gives them an id, a severity and words.
export const invalidSuppression = defineRule({
  meta: {
    id: 'schema/suppression',
    severity: 'error',
    docs: {
      description: 'A plan-disable comment without a reason after " -- ", or naming a rule that does not exist.',
      why: 'A plan-disable comment turns a finding off for a line, and reviewers read its reason to agree that the finding is not a problem there. Without a reason they cannot; a misspelt rule turns nothing off, so the finding you meant to turn off stays. A comment like this turns nothing off until it is fixed.',
      url: docsUrl('schema/suppression'),
    },
    messages: {
      noRule: 'name the rule to turn off, e.g. plan-disable-next-line phi/name -- reason (in "{{directive}}")',
      unknownRule: 'unknown rule {{rules}}: the rule ids are listed in plan\'s README (in "{{directive}}")',
      noReason: 'give a reason after " -- ", so reviewers know why the finding is not a problem (in "{{directive}}")',
    },
  },
});
