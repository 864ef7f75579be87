import { docsUrl } from '../messages.js';
import { OWN_FACTS, phiRule, REPLY_FIX } from './rule.js';

export const url = phiRule({
  id: 'phi/url',
  severity: 'error',
  docs: {
    description: "Personal web addresses (fund-raisers, personal blogs, patient portal records) and IP addresses; the practice's websites are fine.",
    why: "A link to a patient's fund-raiser, blog or portal record names them as surely as their name does. The practice's own websites are fine once they are listed under practice.websites in plan.config.yaml.",
    url: docsUrl('phi/url'),
  },
  messages: {
    found: `{{what}} in {{where}}: remove the link; ${OWN_FACTS} (websites)`,
    reply: REPLY_FIX,
  },
  cacheable: true,
});
