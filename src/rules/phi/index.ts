import type { Rule } from '../types.js';
import { address } from './address.js';
import { age } from './age.js';
import { date } from './date.js';
import { email } from './email.js';
import { handle } from './handle.js';
import { idNumber } from './id-number.js';
import { name } from './name.js';
import { patientPhoto } from './patient-photo.js';
import { patientStory } from './patient-story.js';
import { phone } from './phone.js';
import { testimonial } from './testimonial.js';
import { url } from './url.js';

/** The `phi/*` rules: each reports its kinds of identifier from the one PHI scan of a post. */
export const PHI_RULES: readonly Rule[] = [name, date, age, phone, email, address, idNumber, url, handle, patientStory, testimonial, patientPhoto];
