import { docsUrl } from '../messages.js';
import { phiRule, REPLY_FIX } from './rule.js';

export const age = phiRule({
  id: 'phi/age',
  severity: 'error',
  docs: {
    description: 'Ages over 89, and birth years that imply them.',
    why: 'Few people are over 89, so an exact age like 94 (or a birth year that gives it) can point to one person in a small town. HIPAA allows such ages only grouped as "90 or older".',
    url: docsUrl('phi/age'),
  },
  messages: {
    found: '{{what}} in {{where}}: say "90 or older" instead of the age or birth year',
    reply: REPLY_FIX,
  },
  cacheable: true,
});
