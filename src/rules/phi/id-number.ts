import { docsUrl } from '../messages.js';
import { phiRule, REPLY_FIX } from './rule.js';

export const idNumber = phiRule({
  id: 'phi/id-number',
  severity: 'error',
  docs: {
    description: 'Medical record, Social Security (also a last four), account, member, license, device serial, prescription and vehicle plate numbers.',
    why: 'Each of these numbers belongs to one person, and HIPAA lists every one of them as an identifier. None has a place in a public post, not even the last four digits.',
    url: docsUrl('phi/id-number'),
  },
  messages: {
    found: '{{what}} in {{where}}: remove the number: it identifies one person',
    reply: REPLY_FIX,
  },
  cacheable: true,
});
