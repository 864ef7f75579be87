import type { NameDictionaries } from '../dictionaries.js';
import type { Practice } from '../practice.js';
import type { Doc, Span } from '../document.js';
import type { PhiType } from '../types.js';

/** A proposed identifier before the final overlap resolution. */
export interface Candidate {
  type: PhiType;
  start: number;
  end: number;
  /** Higher wins when two candidates overlap (IDs beat phones, phones beat dates...). */
  priority?: number;
}

/** A person mentioned in the text, whether or not it is reported. */
export interface Mention extends Span {
  kind: 'patient' | 'staff' | 'provider' | 'official' | 'org' | 'pet' | 'fictional';
  /** Lowercase first word of the name, when known. */
  first?: string;
}

export interface PostCues {
  /** The post is about a specific patient or a patient's relative (not staff, not generic). */
  personal: boolean;
  /** The post addresses a particular person ("Thank you, Linda!", a reply to @someone). */
  addressee: boolean;
  /** Explicitly hypothetical, fictional or composite. */
  hypothetical: boolean;
  /** About the practice's staff, with no patient in it. */
  staffOnly: boolean;
  /** Sentence indexes with a specific person (patient, relative) in them. */
  personalSentences: Set<number>;
  /** Sentence indexes narrating a patient's case. */
  storySentences: Set<number>;
  /** Sentence indexes inside a hypothetical scenario ("Imagine a 45-year-old runner…"). */
  scenarioSentences: Set<number>;
}

export interface ScanState {
  doc: Doc;
  practice: Practice;
  dicts: NameDictionaries;
  out: Candidate[];
  mentions: Mention[];
  cues: PostCues;
}

export function add(state: ScanState, type: PhiType, start: number, end: number, priority = 0): void {
  if (end <= start) return;
  state.out.push({ type, start, end, priority });
}

/** Text of the doc between two offsets (masked comments). */
export const slice = (doc: Doc, start: number, end: number): string =>
  doc.text.slice(Math.max(0, start), Math.min(doc.text.length, end));

/** Is `text` (lowercased) an organisation-like handle, domain or email local part? */
export const ORG_LIKE_RE =
  /(?:gov|health|hosp|hospital|clinic|medical|medicine|med(?:ctr|center)|care|cdc|who|nih|fda|dept|department|county|city|state|official|news|ymca|ywca|school|schools|district|univ|university|college|foundation|society|assoc|association|org|inc|llc|library|pharmacy|redcross|heart|cancer|lung|diabetes|ama|aap|acog|center|centre|church|ministries|fund|coalition|alliance|council|network|institute|program|project|lifeline|hotline|helpline|police|fire|ems|rescue|chamber|market|bakery|cafe|brewing|coffee|kitchen|restaurant|store|shop|company|farm|farms|team|club|league|athletics|sports|fc|radio|tv|times|post|press|daily|magazine|media|studio|studios|bank|insurance|realty|group|partners|solutions|services|marketing)/i;

const ORG_LONG =
  /(?:health|hosp|hospital|clinic|medical|medicine|medctr|healthcare|dept|department|county|official|news|ymca|ywca|school|schools|district|univ|university|college|foundation|society|assoc|association|library|pharmacy|redcross|cancer|diabetes|center|centre|church|ministries|coalition|alliance|council|network|institute|program|project|lifeline|hotline|helpline|police|sheriff|rescue|chamber|market|bakery|brewing|coffee|kitchen|restaurant|store|shop|company|farms|league|athletics|sports|radio|times|press|daily|magazine|media|studio|studios|insurance|realty|partners|solutions|services|marketing|rotary|kiwanis|scouts|legion|parks|government|state|city|village|township|academy|society|heart|lung|public)/i;
const ORG_SHORT = new Set(
  `cdc who nih fda ama aap acog aafp gov org inc llc co fc tv ems rec pta pto vfw oh usa us team club group fund care med doc docs hq official`.split(' '),
);

/**
 * Is a handle, profile name or domain label an organisation's? Splits camelCase, dots,
 * underscores and digits; short acronyms count only as whole parts ("busymamaof4" is not the AMA).
 */
export function orgLikeName(raw: string, isFirstName: (w: string) => boolean): boolean {
  const s = raw.replace(/^@/, '');
  if (ORG_LONG.test(s)) return true;
  const parts = s
    .split(/[._\-\d]+|(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/)
    .filter(Boolean)
    .map((p) => p.toLowerCase());
  if (parts.some((p) => ORG_SHORT.has(p))) return true;
  if (/(?:gov|org|inc|llc|official|hq)$/i.test(s)) return true;
  // An acronym of three or more capitals with no first name beside it ("OhioAAFP").
  if (/[A-Z]{3,}/.test(s.replace(/(?:RN|NP|MD|PA|DO|PT)$/, '')) && !parts.some((p) => isFirstName(p))) return true;
  return false;
}

/** "00000000", "5555555": a sample number shown to teach, no one's. */
export const isOneDigitRepeated = (digits: string): boolean => /^(\d)\1*$/.test(digits);
