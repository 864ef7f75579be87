import { docsUrl } from '../messages.js';
import { OWN_FACTS, phiRule, REPLY_FIX } from './rule.js';

export const address = phiRule({
  id: 'phi/address',
  severity: 'error',
  docs: {
    description: "Street addresses, named residences, towns, counties and ZIP codes tied to a patient; the practice's own address is fine.",
    why: "Where a patient lives identifies them: HIPAA counts anything finer than the state (street, town, county, most of a ZIP code) as identifying. The practice's own address is fine once it is listed under practice.addresses in plan.config.yaml.",
    url: docsUrl('phi/address'),
  },
  messages: {
    found: `{{what}} in {{where}}: remove it or say no more than the state; ${OWN_FACTS}`,
    reply: REPLY_FIX,
  },
  cacheable: true,
});
