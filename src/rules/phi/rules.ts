import type { PhiRule } from '../../phi/index.js';
import { PHI_RULE_BY_TYPE } from '../../phi/index.js';
import type { Rule } from '../types.js';
import { phiIn } from './scan.js';

interface PhiRuleSpec {
  id: PhiRule;
  docs: string;
  /** What the writer can do about it, after "<what> in <where>: ". */
  fix: string;
  /** Stories, testimonials and patient photos are allowed with the patient's signed authorization. */
  authorizable?: boolean;
}

const OWN_FACTS = "if it is the practice's own, list it under practice: in plan.config.yaml";

const SPECS: readonly PhiRuleSpec[] = [
  {
    id: 'phi/name',
    docs: "Names, nicknames, initials and family surnames of a patient or a patient's relative.",
    fix: 'remove it, or make the example general ("a patient", "many parents"); staff may be named when listed under practice.staff in plan.config.yaml',
  },
  {
    id: 'phi/date',
    docs: 'Dates finer than a year tied to a patient\'s care or life ("yesterday", "last Tuesday", a birthday); event dates are fine.',
    fix: 'leave the date out, or say no more than the year',
  },
  {
    id: 'phi/age',
    docs: 'Ages over 89, and birth years that imply them.',
    fix: 'say "90 or older" instead of the age or birth year',
  },
  {
    id: 'phi/phone',
    docs: "Phone and fax numbers of a person; the practice's own numbers (practice.phones) are fine.",
    fix: `remove it; ${OWN_FACTS}`,
  },
  {
    id: 'phi/email',
    docs: "Email addresses of a person; the practice's own (practice.emails) are fine.",
    fix: `remove it; ${OWN_FACTS}`,
  },
  {
    id: 'phi/address',
    docs: "Street addresses, named residences, towns, counties and ZIP codes tied to a patient; the practice's own address is fine.",
    fix: `remove it or say no more than the state; ${OWN_FACTS}`,
  },
  {
    id: 'phi/id-number',
    docs: 'Medical record, Social Security (also a last four), account, member, license, device serial, prescription and vehicle plate numbers.',
    fix: 'remove the number: it identifies one person',
  },
  {
    id: 'phi/url',
    docs: "Personal web addresses (fund-raisers, personal blogs, patient portal records) and IP addresses; the practice's websites are fine.",
    fix: `remove the link; ${OWN_FACTS} (websites)`,
  },
  {
    id: 'phi/handle',
    docs: "Social media handles of a person; the practice's own (practice.handles) are fine.",
    fix: `remove the handle: do not tag or reply to patients in public; ${OWN_FACTS}`,
  },
  {
    id: 'phi/patient-story',
    docs: 'A narrated real case ("a patient came in yesterday with chest pain…"), named or not; hypothetical and composite cases said as such are fine.',
    fix: 'tell it as general information or say it is a made-up example, or add authorization: with the id of the patient\'s signed HIPAA authorization',
    authorizable: true,
  },
  {
    id: 'phi/testimonial',
    docs: 'A patient testimonial (a quoted patient, a review shared as a post).',
    fix: "remove it, or add authorization: with the id of the patient's signed HIPAA authorization",
    authorizable: true,
  },
  {
    id: 'phi/patient-photo',
    docs: 'A photo or video of a patient, found in the image description, the file name or the text.',
    fix: "use a picture with no patient in it, or add authorization: with the id of the patient's signed HIPAA authorization",
    authorizable: true,
  },
];

function phiRule(spec: PhiRuleSpec): Rule {
  return {
    meta: { id: spec.id, severity: 'error', docs: spec.docs, cacheable: true },
    checkPost(context) {
      const { post, report } = context;
      if (spec.authorizable && post.frontmatter.authorization !== undefined) return;
      for (const found of phiIn(context)) {
        if (PHI_RULE_BY_TYPE[found.type] !== spec.id) continue;
        report({
          message: `${capitalize(found.description)} in ${found.where}: ${spec.fix}`,
          range: found.range,
          sensitiveText: found.text,
          ...(found.network ? { network: found.network } : {}),
        });
      }
    },
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The `phi/*` rules: each reports its kinds of identifier from the one PHI scan of a post. */
export const PHI_RULES: readonly Rule[] = SPECS.map(phiRule);
