import { docsUrl } from '../messages.js';
import { OWN_FACTS, phiRule, REPLY_FIX } from './rule.js';

export const handle = phiRule({
  id: 'phi/handle',
  severity: 'error',
  docs: {
    description: "Social media handles of a person; the practice's own (practice.handles) are fine.",
    why: "Tagging or naming a person's account in the practice's post tells their followers they are a patient, and notifies them in public. The practice's own handles are fine once they are listed under practice.handles in plan.config.yaml.",
    url: docsUrl('phi/handle'),
  },
  messages: {
    found: `{{what}} in {{where}}: remove the handle: do not tag or reply to patients in public; ${OWN_FACTS}`,
    reply: REPLY_FIX,
  },
  cacheable: true,
});
