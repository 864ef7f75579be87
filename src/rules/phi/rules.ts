import type { PhiType } from '../../phi/index.js';
import type { Rule } from '../types.js';
import { scanPost, type PlacedMatch } from './scan.js';

interface PhiRuleSpec {
  id: string;
  types: PhiType[];
  docs: string;
  /** What to do about it, for the social-media lead. */
  fix: string;
  /** Stories, testimonials and patient photos are allowed with a signed HIPAA authorization. */
  authorizable?: boolean;
}

const FIELD_NAMES: Record<PlacedMatch['field'], string> = {
  body: 'the text',
  variant: 'a network variant',
  title: 'the title',
  alt: 'image alt text',
  file: 'a media file name',
  link: 'the link',
};

const SPECS: PhiRuleSpec[] = [
  { id: 'phi/name', types: ['name'], docs: "A patient's or relative's name, nickname or initials.", fix: 'remove the name, or add a staff member to practice.staff in plan.config.yaml' },
  { id: 'phi/date', types: ['date'], docs: "A date finer than a year tied to a person's care or life (a visit, a birth, \"yesterday\").", fix: 'remove the date or make it general ("this season")' },
  { id: 'phi/age', types: ['age'], docs: 'An age over 89, or a birth year that implies one.', fix: 'say "over 90" instead, or leave the age out' },
  { id: 'phi/phone', types: ['phone', 'fax'], docs: "A phone or fax number that is not the practice's own.", fix: "remove it, or add the practice's own number to practice.phones in plan.config.yaml" },
  { id: 'phi/email', types: ['email'], docs: "An email address that is not the practice's own.", fix: "remove it, or add the practice's own address to practice.emails" },
  { id: 'phi/address', types: ['address', 'location', 'zip'], docs: "A person's street address, residence, town, county or ZIP code.", fix: "remove it; the practice's own full address in practice.addresses is allowed" },
  {
    id: 'phi/id-number',
    types: ['mrn', 'ssn', 'account', 'member-id', 'license', 'device-id', 'rx', 'plate'],
    docs: 'A record, Social Security, account, member, license, device, prescription or plate number.',
    fix: 'remove the number',
  },
  { id: 'phi/url', types: ['url', 'ip'], docs: 'A personal web address (fund-raiser, blog, patient-portal path) or an IP address.', fix: "remove it; the practice's public pages in practice.websites are allowed" },
  { id: 'phi/handle', types: ['handle'], docs: "A patient's personal social-media handle.", fix: "remove the tag; the practice's own handles in practice.handles are allowed" },
  {
    id: 'phi/patient-story',
    types: ['story'],
    docs: 'A narrated real case ("a patient came in yesterday with…"), named or not.',
    fix: 'tell it as general information or an explicitly hypothetical case, or record the signed authorization in `authorization:`',
    authorizable: true,
  },
  { id: 'phi/testimonial', types: ['testimonial'], docs: "A patient's testimonial or review.", fix: 'record the signed HIPAA authorization in `authorization:`, or remove it', authorizable: true },
  { id: 'phi/patient-photo', types: ['photo'], docs: 'A photo or video of a patient.', fix: 'record the signed HIPAA authorization in `authorization:`, or use a photo without patients', authorizable: true },
];

function phiRule(spec: PhiRuleSpec): Rule {
  return {
    meta: { id: spec.id, severity: 'error', docs: spec.docs },
    checkPost(context) {
      const { post, report } = context;
      if (spec.authorizable && post.frontmatter.authorization) return;
      for (const match of scanPost(context, post)) {
        if (!spec.types.includes(match.type)) continue;
        report({ message: `${capitalise(match.description)} in ${FIELD_NAMES[match.field]}: ${spec.fix}`, range: match.range, sensitiveText: match.text });
      }
    },
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const PHI_RULES: readonly Rule[] = SPECS.map(phiRule);
