import { docsUrl } from '../messages.js';
import { phiRule, REPLY_FIX } from './rule.js';

export const testimonial = phiRule(
  {
    id: 'phi/testimonial',
    severity: 'error',
    docs: {
      description: 'A patient testimonial (a quoted patient, a review shared as a post).',
      why: "A practice that shares what a patient said about their care discloses that the person is its patient, and what they were treated for. It needs the patient's signed HIPAA authorization, and its id under authorization: so reviewers can find it.",
      url: docsUrl('phi/testimonial'),
    },
    messages: {
      found: "{{what}} in {{where}}: remove it, or add authorization: with the id of the patient's signed HIPAA authorization",
      reply: REPLY_FIX,
    },
    cacheable: true,
  },
  { authorizable: true },
);
