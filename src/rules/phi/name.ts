import { docsUrl } from '../messages.js';
import { phiRule, REPLY_FIX } from './rule.js';

export const name = phiRule({
  id: 'phi/name',
  severity: 'error',
  docs: {
    description: "Names, nicknames, initials and family surnames of a patient or a patient's relative.",
    why: "A patient's name in a post tells the world that this person is the practice's patient, which HIPAA forbids without their written authorization. Staff may be named: list them under practice.staff in plan.config.yaml, written as posts write them.",
    url: docsUrl('phi/name'),
  },
  messages: {
    found: '{{what}} in {{where}}: remove it, or make the example general ("a patient", "many parents"); staff may be named when listed under practice.staff in plan.config.yaml',
    reply: REPLY_FIX,
  },
  cacheable: true,
});
