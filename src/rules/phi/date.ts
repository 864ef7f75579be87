import { docsUrl } from '../messages.js';
import { phiRule, REPLY_FIX } from './rule.js';

export const date = phiRule({
  id: 'phi/date',
  severity: 'error',
  docs: {
    description: 'Dates finer than a year tied to a patient\'s care or life ("yesterday", "last Tuesday", a birthday); event dates are fine.',
    why: 'HIPAA counts every date more precise than the year that belongs to a patient (a visit, an admission, a birthday) as identifying: with the date, people who know the patient can tell who the post is about. Dates of the practice\'s own events (a flu clinic on Saturday) are fine.',
    url: docsUrl('phi/date'),
  },
  messages: {
    found: '{{what}} in {{where}}: leave the date out, or say no more than the year',
    reply: REPLY_FIX,
  },
  cacheable: true,
});
