import { docsUrl } from '../messages.js';
import { phiRule, REPLY_FIX } from './rule.js';

export const patientStory = phiRule(
  {
    id: 'phi/patient-story',
    severity: 'error',
    docs: {
      description: 'A narrated real case ("a patient came in yesterday with chest pain…"), named or not; hypothetical and composite cases said as such are fine.',
      why: "Even without a name, a real patient's case with its details (when they came in, what happened) can be recognised by the patient, their family or neighbours. Tell it as general information, say the case is made up, or get the patient's signed authorization and add its id.",
      url: docsUrl('phi/patient-story'),
    },
    messages: {
      found: '{{what}} in {{where}}: tell it as general information or say it is a made-up example, or add authorization: with the id of the patient\'s signed HIPAA authorization',
      reply: REPLY_FIX,
    },
    cacheable: true,
  },
  { authorizable: true },
);
