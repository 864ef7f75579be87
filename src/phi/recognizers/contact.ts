/**
 * Phone, fax and email recognisers. Strong identifiers: found without a patient cue, except that
 * the practice's own numbers and addresses, third-party hotlines and organisations' role
 * addresses are not a person's.
 */
import { phoneKey, isPracticeHost } from '../practice.js';
import { matchesOf, sentenceAt } from '../document.js';
import { add, isOneDigitRepeated, slice, type ScanState } from './common.js';

/** Runs of digit groups with single separators; shape is checked afterwards. */
const PHONE_RE =
  /(?:(?<![\w+])\+\s?\d{1,3}[ .\u2013\u2014-]?|(?<![\w.,/:$#%\u2013\u2014+-])|(?<=[^\d],)|(?<=^,))(?:\(\s?0?\d{1,4}\s?\)[ .\u2013\u2014-]?)?(?:\(0\)[ .-]?)?\d{1,11}(?:[ .\u2013\u2014-]\d{1,8}){0,5}(?:\s?(?:x|ext\.?|extension)\s?\d{1,5})?(?![\w/%°]|:\d|[.,]\d|[-\u2013\u2014]\d)/g;

const HAS_DIGIT = /\d/;
const US_SHAPE = /^(?:\+?1[ .\u2013\u2014-]?)?(?:\(\d{3}\)|\d{3})[ .\u2013\u2014-]?\d{3}[ .\u2013\u2014-]?\d{4}(?:\s?(?:x|ext\.?|extension)\s?\d{1,5})?$/i;
const TOLL_FREE = /^(?:800|833|844|855|866|877|888)/;
const PHONE_WORDS =
  /\b(?:phone|ph|tel|telephone|cell|cellphone|mobile|number|no|call|calls|called|calling|text|texts|reach|contact|dial|fax|line|whatsapp|landline|answering at|registered|desk|office|#)\b\W{0,6}(?:\w+\W+){0,5}$/i;
/** A label after the number: "416 60 039 office", "07700 063 966-Fax". */
const PHONE_LABEL_AFTER = /^\s*[-–(]?\s*(?:office|fax|mobile|cell|home|work|desk|direct|tel|phone|landline)\b/i;
const FAX_BEFORE = /\bfax(?:ed|ing)?\b[^.!?\n]{0,40}$/i;
/** A number introduced by an organisation (hotline, department, pharmacy...). */
const ORG_BEFORE =
  /\b(?:hotline|helpline|help line|lifeline|crisis|poison|control|department|dept|agency|office|center|centre|services|program|programme|bureau|commission|coalition|foundation|association|society|institute|pharmacy|hospital|clinic|county|city|state|public health|health department|medicare|medicaid|insurance|insurer|plan|ssa|irs|fema|support line|nurse line|national|federal|ohio|shiip|oshiip|ymca|library|school|church|quitline|quit line|1-800-quit-now|emergency|911|988)\b[^.!?\n]{0,60}$/i;
/** Words that make a number a person's, even after an organisation. */
const PERSONAL_NEAR =
  /\b(?:his|her|hers|him|my|mine|patient['’]?s|home|cell|mobile|personal|mom['’]?s|dad['’]?s|mother['’]?s|father['’]?s|wife['’]?s|husband['’]?s|daughter['’]?s|son['’]?s|family['’]?s|you at|reach you|call you|text you|emergency contact|next of kin)\b/i;
const NAMED_NEAR = /\b[A-Z][a-z]+['’]s\b(?!\s+(?:Hospital|Health|Clinic|Center|Office|Pharmacy|Lifeline|Line))/;

function isDateLike(s: string): boolean {
  // 2026-10-06, 10-06-2026, 10.06.2026
  return (
    /^(?:19|20)\d{2}[-.](?:0?[1-9]|1[0-2])[-.](?:0?[1-9]|[12]\d|3[01])$/.test(s) ||
    /^(?:0?[1-9]|1[0-2])[-.](?:0?[1-9]|[12]\d|3[01])[-.](?:19|20)?\d{2}$/.test(s)
  );
}

export function recognizePhones(state: ScanState): void {
  const { doc, practice } = state;
  const text = doc.words;
  if (!HAS_DIGIT.test(text)) return; // every number PHONE_RE finds has a digit
  for (const m of matchesOf(PHONE_RE, text)) {
    let s = m[0].replace(/[ .\u2013\u2014-]+$/, '');
    const start = m.index;
    const digits = s.replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15) continue;
    if (isOneDigitRepeated(digits)) continue;
    // Shapes that belong to other identifiers.
    if (/^\d{3}[-\u2013]\d{2}[-\u2013]\d{4}$/.test(s)) continue; // SSN
    if (/^\d{5}-\d{4}$/.test(s)) continue; // ZIP+4
    if (isDateLike(s)) continue;
    if (/^\d+$/.test(s) && digits.length !== 10 && !s.startsWith('+')) {
      // A bare run of digits (an ID, a count) is a phone only when a phone word introduces it.
      if (!PHONE_WORDS.test(slice(doc, start - 40, start)) && !PHONE_LABEL_AFTER.test(slice(doc, start + s.length, start + s.length + 14))) continue;
    }
    const before = slice(doc, start - 60, start);
    const sentence = sentenceAt(doc, start);
    // The sentence around the number (clipped, so a huge run-on text stays linear).
    const sent = sentence ? slice(doc, Math.max(sentence.start, start - 150), Math.min(sentence.end, start + 150)) : before;
    const strongShape = US_SHAPE.test(s) || s.startsWith('+') || /\(/.test(s) || /x|ext/i.test(s);
    const phoneWord = PHONE_WORDS.test(slice(doc, start - 40, start)) || PHONE_LABEL_AFTER.test(slice(doc, start + s.length, start + s.length + 14));
    if (!strongShape && !phoneWord) {
      // Loose groupings (international, 7-digit) need a phone word nearby.
      const groups = s.split(/[ .-]/);
      if (groups.length < 3 || digits.length < 9) continue;
    }
    // The practice's own numbers, in any format.
    const key = phoneKey(s.replace(/\s?(?:x|ext\.?|extension)\s?\d+$/i, ''));
    if (practice.phoneDigits.has(key)) continue;
    const personal = PERSONAL_NEAR.test(sent) || NAMED_NEAR.test(sent);
    const us10 = key.length === 10 ? key : digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : '';
    if (us10 && TOLL_FREE.test(us10) && !personal) continue; // hotlines and businesses
    // An organisation before the number, unless it is only a label ("Office: 416 60 039").
    if (ORG_BEFORE.test(before) && !personal && !/\b(?:office|home|work|desk)\W{0,3}$/i.test(before)) continue;
    const fax = FAX_BEFORE.test(slice(doc, start - 45, start)) || /^\s*[-–(]?\s*fax\b/i.test(slice(doc, start + s.length, start + s.length + 8));
    if (s.length > m[0].length) s = s.slice(0, m[0].length);
    add(state, fax ? 'fax' : 'phone', start, start + s.length, 5);
  }
}

const FREE_MAIL =
  /^(?:gmail|googlemail|yahoo|ymail|hotmail|outlook|live|msn|aol|icloud|me|mac|proton|protonmail|pm|gmx|mail|zoho|yandex|comcast|att|sbcglobal|verizon|charter|cox|bellsouth|earthlink|example)\./i;
const ROLE_LOCAL =
  /^(?:info|contact|hello|hi|help|support|admin|office|billing|appointments?|scheduling|schedule|frontdesk|front\.desk|reception|records|medicalrecords|referrals?|careers|jobs|hr|press|media|news|events|volunteer|volunteers|donate|giving|team|staff|noreply|no-reply|donotreply|webmaster|privacy|compliance|feedback|questions|ask|nurse|nurses|triage|pharmacy|refills?|portal|marketing|communications|outreach|community|partners|sales|service|customerservice)$/i;

export function recognizeEmails(state: ScanState): void {
  const { doc, practice } = state;
  for (const e of doc.emails) {
    if (doc.text[e.start - 1] === '@') continue; // a fediverse handle (see urls.ts)
    const value = doc.text.slice(e.start, e.end).toLowerCase();
    if (practice.emails.has(value)) continue;
    const [local = '', domain = ''] = value.split('@');
    const practiceDomain = [...practice.emailDomains].some((d) => domain === d) || isPracticeHost(practice, domain);
    if (practiceDomain) {
      if (ROLE_LOCAL.test(local)) continue;
      // A staff member's work address ("priya.natarajan@…").
      const parts = local.split(/[._-]/);
      if (practice.staff.some((s) => parts.includes(s.last) || local.includes(s.last))) continue;
    } else if (ROLE_LOCAL.test(local) && !FREE_MAIL.test(domain)) {
      continue; // an organisation's role address, not a person's
    }
    add(state, 'email', e.start, e.end, 6);
  }
}
