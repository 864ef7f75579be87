import { docsUrl } from '../messages.js';
import { phiRule, REPLY_FIX } from './rule.js';

export const patientPhoto = phiRule(
  {
    id: 'phi/patient-photo',
    severity: 'error',
    docs: {
      description: 'A photo or video of a patient, found in the image description, the file name or the text.',
      why: "A full-face photo is a HIPAA identifier: a picture of a patient in the practice's post shows the world they are its patient. Use a picture with no patient in it, or get the patient's signed authorization and add its id.",
      url: docsUrl('phi/patient-photo'),
    },
    messages: {
      found: "{{what}} in {{where}}: use a picture with no patient in it, or add authorization: with the id of the patient's signed HIPAA authorization",
      reply: REPLY_FIX,
    },
    cacheable: true,
  },
  { authorizable: true },
);
