import { docsUrl } from '../messages.js';
import { defineRule } from '../types.js';

// The engine finds these once every rule has run: a comment that turned no finding off.
export const unusedSuppression = defineRule({
  meta: {
    id: 'schema/unused-suppression',
    severity: 'warning',
    docs: {
      description: 'A plan-disable comment that turns no finding off: remove it so it does not hide a future problem.',
      why: 'A plan-disable comment left behind after the text it was written for has changed turns nothing off today, but it would silently hide the next problem of that kind on that line, one nobody has reviewed.',
      url: docsUrl('schema/unused-suppression'),
    },
    messages: {
      unused: 'this plan-disable comment for {{rules}} turns nothing off: remove it',
    },
  },
});
