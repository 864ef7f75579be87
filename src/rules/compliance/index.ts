import type { Rule } from '../types.js';
import { authorization } from './authorization.js';
import { disclosure } from './disclosure.js';
import { hashtagCase } from './hashtag-case.js';
import { healthClaims } from './health-claims.js';
import { medicalAdvice } from './medical-advice.js';
import { readingLevel } from './reading-level.js';

/**
 * Advertising and accessibility checks of what a post says. Testimonials, stories and photos found
 * in the wording are the PHI rules' (`phi/testimonial`, `phi/patient-photo`); `compliance/authorization`
 * covers posts marked as such in their fields, and the form of the authorization id.
 */
export const COMPLIANCE_RULES: readonly Rule[] = [authorization, disclosure, healthClaims, medicalAdvice, readingLevel, hashtagCase];
