import { docsUrl } from '../messages.js';
import { OWN_FACTS, phiRule, REPLY_FIX } from './rule.js';

export const email = phiRule({
  id: 'phi/email',
  severity: 'error',
  docs: {
    description: "Email addresses of a person; the practice's own (practice.emails) are fine.",
    why: "An email address identifies one person. In a practice's post it also says that person is a patient. The practice's own addresses are fine once they are listed under practice.emails in plan.config.yaml.",
    url: docsUrl('phi/email'),
  },
  messages: {
    found: `{{what}} in {{where}}: remove it; ${OWN_FACTS}`,
    reply: REPLY_FIX,
  },
  cacheable: true,
});
