import { docsUrl } from '../messages.js';
import { OWN_FACTS, phiRule, REPLY_FIX } from './rule.js';

export const phone = phiRule({
  id: 'phi/phone',
  severity: 'error',
  docs: {
    description: "Phone and fax numbers of a person; the practice's own numbers (practice.phones) are fine.",
    why: "A phone or fax number leads straight to one person, and next to the practice's name it says that person is a patient. The practice's own numbers are fine once they are listed under practice.phones in plan.config.yaml.",
    url: docsUrl('phi/phone'),
  },
  messages: {
    found: `{{what}} in {{where}}: remove it; ${OWN_FACTS}`,
    reply: REPLY_FIX,
  },
  cacheable: true,
});
