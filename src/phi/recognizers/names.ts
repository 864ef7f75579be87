/**
 * Names of patients, relatives and employers: full names, honorific names (Mrs. Haskell),
 * first name + initial (Marcus T.), initial + surname (D. Farrell), initials (T.K.), family
 * surnames (the Kowalski family), single first names in a patient context, names in hashtags
 * and in media file names.
 *
 * Dictionary tiers: a first name that is not an ordinary word (Dorothy, Theo) is a name by
 * itself in a patient context; one that is also a word (Rose, June, Will, Faith) needs a local
 * cue (a vocative, "mom Ana", "Rose, 67", a list of people, a person verb). Staff full names
 * are allowed; a staff first name alone is allowed unless a patient cue is attached to it.
 */
import type { NameDictionaries } from '../dictionaries.js';
import {
  CREDENTIALS,
  EPONYMS,
  FAMOUS_NAMES,
  HONORIFICS,
  MONTHS,
  NOT_A_NAME,
  ORG_HEADS,
  PET_WORDS,
  RELATION_NOUNS,
  STRONG_HEALTH_RE,
  STAFF_CUE_RE,
  WEEKDAYS,
} from '../lexicon.js';
import type { Practice } from '../practice.js';
import { HEALTH_EVENT_RE, isGenericSentence } from '../context.js';
import { matchesOf, sentenceAt, sentenceMatches, tokenIndexAt, type Doc, type Token } from '../document.js';
import { add, type Mention, type ScanState } from './common.js';

export interface NameLexicon {
  dicts: NameDictionaries;
  practice: Practice;
  /** Matches staff full names, "Dr. Surname", "First M. Last". */
  staffRe: RegExp | null;
}

export function buildNameLexicon(dicts: NameDictionaries, practice: Practice): NameLexicon {
  const alts: string[] = [];
  const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const s of practice.staff) {
    if (s.words.length >= 2) {
      alts.push(`(?:(?:dr|doctor|nurse|mr|mrs|ms|mx)\\.?\\s+)?${esc(s.first)}(?:\\s+[A-Za-z]\\.?)?(?:\\s+${s.words.slice(1, -1).map(esc).join('\\s+')})?\\s+${esc(s.last)}`);
    }
    alts.push(`(?:dr|doctor|nurse|mr|mrs|ms|mx)\\.?\\s+${esc(s.last)}`);
  }
  const staffRe = alts.length
    ? new RegExp(`(?<![\\p{L}])(?:${alts.join('|')})(?:[-\\s,]+(?:${[...CREDENTIALS].map((c) => esc(c)).join('|')})\\b\\.?)*(?![\\p{L}])`, 'giu')
    : null;
  return { dicts, practice, staffRe };
}

const HONORIFIC_RE =
  /\b(?:Mr|Mrs|Ms|Mx|Miss|Mister)\b\.?(?:\s+(?:and|&)\s+(?:Mr|Mrs|Ms|Mx|Miss)\b\.?)?\s+((?:[A-Z]\.\s*)?[A-Z](?:[\p{L}'’-]*[\p{L}])?)(?:\s+([A-Z][\p{L}'’-]*[\p{L}]))?/gu;
const PROVIDER_RE =
  /\b(?:Dr|Doctor|Drs|Nurse|Prof|Professor)\b\.?\s+(?:[A-Z][\p{L}'’-]*[\p{L}]|[A-Z]\.)(?:\s+(?:[A-Z]\.\s*)?[A-Z][\p{L}'’-]*[\p{L}]){0,2}/gu;
const OFFICIAL_RE =
  /\b(?:Governor|Gov|Lt\.? Gov(?:ernor)?|Mayor|Senator|Sen|Representative|Rep|Congressman|Congresswoman|Councilman|Councilwoman|Councilmember|Council Member|Commissioner|President|Vice President|Secretary|Superintendent|Sheriff|Judge|Justice|Chief|Ambassador|Pastor|Reverend|Rev|Father|Rabbi|Imam|Principal|Surgeon General|Attorney General|Health Commissioner|Director|Sister|Brother|Bishop|Saint|St|Mt|Ft|Sgt|Officer|Deputy|Trooper|Captain|Capt)\b\.?\s+[A-Z][\p{L}'’-]*[\p{L}](?:\s+(?:[A-Z]\.\s*)?[A-Z][\p{L}'’-]*[\p{L}]){0,2}/gu;
/** First words of OFFICIAL_RE (a cheap prefilter on tokens); all Title case, so only `cap` tokens can be one. */
const OFFICIAL_FIRST = new Set(
  `Governor Gov Lt Mayor Senator Sen Representative Rep Congressman Congresswoman Councilman Councilwoman Councilmember Council Commissioner President Vice Secretary Superintendent Sheriff Judge Justice Chief Ambassador Pastor Reverend Rev Father Rabbi Imam Principal Surgeon Attorney Health Director Sister Brother Bishop Saint St Mt Ft Sgt Officer Deputy Trooper Captain Capt`.split(' '),
);
const INITIALS_RE = /(?<![\p{L}.])(?:[A-Z]\.\s?){2,3}(?![\p{L}])/gu;
const NOT_INITIALS = new Set([
  'MD', 'DO', 'RN', 'NP', 'PA', 'US', 'AM', 'PM', 'ER', 'IV', 'DC', 'OB', 'GI', 'NY', 'LA', 'BS', 'MS',
  'BA', 'MA', 'PT', 'OT', 'TV', 'AC', 'PS', 'ID', 'UK', 'EU', 'UN', 'AA', 'OK', 'PHD', 'RSVP', 'ENT',
  'CNA', 'LPN', 'USA', 'EMT', 'ICU', 'DDS', 'OD', 'JD', 'MBA', 'MPH', 'IE', 'EG', 'AD', 'BC', 'CE',
  'ET', 'NB', 'PO', 'RX', 'SS', 'VA', 'WHO', 'CDC', 'FDA', 'NIH', 'HMO', 'PPO', 'AKA', 'DBA', 'LLC',
  'INC', 'NA', 'TBD', 'TBA', 'ASAP', 'FAQ', 'DIY', 'BP', 'HR', 'AI', 'OR', 'HS', 'JR', 'SR', 'ST',
]);
const FAMILY_RE =
  /\b(?:the\s+)?([A-Z][\p{L}'’-]*[\p{L}])\s+(family|families|twins|triplets|household|kids|boys|girls|clan|crew|brothers|sisters|siblings|grandparents|parents|home)\b/gu;
const INTRO_NAME_RE =
  /\b(?:[Mm]y name is|[Mm]y name's|[Nn]ame on the account\??\s*(?:User|Customer)?:?|[Tt]his is|I'm|I’m|I am|[Cc]all me|(?:was |is |were )?called|named|[Dd]ear)\s*,?\s+((?:\p{Lu}[\p{L}'’-]+|\p{Lu}\.?)(?:\s+(?:\p{Lu}[\p{L}'’-]+|\p{Lu}\.?|II|III|IV)){0,2})/gu;
const FAMILY_STOP = new Set(
  `our your their his her the my every whole entire extended foster military host blended big new young growing immediate loving local this that each any happy healthy busy modern american working single`.split(' '),
);
const ATTRIBUTION_RE =
  /(?:["”’]|\)|\.|!)\s*(?:[—–]|--?)\s*((?:Mrs?|Ms|Mx|Miss)\.?\s+)?([A-Z][\p{L}'’-]*\.?(?:\s+[A-Z][\p{L}'’-]*\.?){0,2}|(?:[A-Z]\.\s?){1,3})(?=\s*(?:,|$|\n|\s[\p{Extended_Pictographic}]|[\p{Extended_Pictographic}]|\s*\(|\s+(?:from|of|in)\s+[A-Z]))/gmu;
const EMPLOYER_RE = new RegExp(
  `\\b(?:[jJ]ob|[jJ]obs|[wW]ork|[wW]orks|[wW]orked|[wW]orking|[eE]mployed|[eE]mployer|[eE]mployee|[mM]anager|[dD]irector|[oO]wner|[sS]upervisor|[fF]oreman|[cC]lerk|[cC]ashier|[eE]ngineer|[mM]echanic|[dD]river|[tT]eacher|[cC]oach|[nN]urse|[cC]eo|[cC]fo|[vV]p|[pP]resident|[oO]fficer|[aA]ssociate|[oO]perations|[sS]hift|[pP]osition|[rR]ole)\\s+(?:of\\s+(?:[A-Z][\\p{L}]+\\s+){0,2})?(?:at|for|with)\\s+((?:[A-Z][\\p{L}'’&-]*|&)(?:\\s+(?:[A-Z][\\p{L}'’&-]*|&)){0,4})`,
  'gu',
);
const HASHTAG_FRAMES =
  /^(?:team|prayersfor|prayfor|pray4|praying4|prayingfor|love|loving|justicefor|helpfor|help|supportfor|standwith|bravelike|stronglike|toughlike|strongfor|hopefor|walkfor|runfor|ridefor|welcome|happybirthday|hbd|missing|findfor|fightfor|fightlike|go|rip|inmemoryof|remembering)$/i;
const HASHTAG_FRAMES_AFTER =
  /^(?:strong|stronger|tough|brave|warrior|warriors|army|nation|fight|fights|journey|story|miracle|squad|crew|fam|family|love|bday|birthday|day|recovery|comeback|updates?)$/i;

const VOCATIVE_LEAD =
  /(?:\b(?:thanks|thank you|thx|ty|congrats|congratulations|kudos|welcome(?: back| home)?|happy (?:birthday|anniversary|retirement|graduation)|happy \d{1,3}(?:st|nd|rd|th)(?: birthday)?|hi|hey|hello|dear|sorry|love you|miss you|we love you|we miss you|proud of you|so proud of you|good luck|get well(?: soon)?|way to go|go|cheers|bravo|hugs|hang in there|rest easy|rest in peace|godspeed|bye|goodbye|farewell|calling|paging|attention|psst|yo)\b[,!:]?\s*|,\s*)$/i;
const LEAD_FILLER =
  '(?:(?:our|my|the|sweet|little|brave)\\s+){0,2}(?:(?:patient|friend|buddy|neighbor|favorite|favourite|longtime|long-time|newest|youngest|oldest)\\s+){0,2}$';
const TO_LEAD = new RegExp(
  `\\b(?:(?:congrats|congratulations|kudos|shout-?outs?|shoutouts?|thanks|thank you|thank-you|(?:say |said |a )?(?:a )?prayers?|pray|praying|happy birthday|happy \\d{1,3}(?:st|nd|rd|th)(?: birthday)?|welcome back|welcome home|cheers|hats off|props|prayers|love|hugs|best wishes|well wishes|get well wishes|sympathy|condolences|birthday wishes|high-?fives?|a big welcome|award|prize|honou?rs?|trophy|medal|title|crown|mvp|star of the (?:day|week|month)|goes|went)\\s+(?:go(?:es)?\\s+(?:out\\s+)?|goes\\s+|went\\s+)?(?:to|for)|(?:so |very |super |really )?(?:proud of|thinking of|praying for|rooting for|cheering (?:for|on)|celebrating|remembering|missing|hugs to|love to|sending love to))\\s+${LEAD_FILLER}`,
  'i',
);
const PATIENT_AFTER =
  /^(?:\s*[\p{Extended_Pictographic}\uFE0F]+)*(?:\s*\(\s*(?:(?:our|a|one of our)\s+(?:\w+\s+){0,2})?patients?\b|\s*[,—–-]\s*(?:our|a|one of our)\s+(?:\w+\s+){0,2}patients?\b|\s*\(\s*not (?:our|the)\b)/iu;
/** "Holly and Ivy — the twins who…", "Walt, who…": a person described right after the name. */
const DESCRIBED_AFTER =
  /^(?:\s+(?:and|&)\s+[A-Z][\p{L}'’-]+)?(?:\s*[\p{Extended_Pictographic}\uFE0F]+)*\s*(?:,|—|–|\s-|(?=\s+who\b))\s*(?:(?:the|our|a|an|my|his|her|their)\s+)?(?:[\w'’-]+\s+){0,3}?(?:twins|triplets|sisters|brothers|siblings|kids|girls|boys|who|whose|patient|mom|dad|son|daughter|wife|husband|grandma|grandpa|baby|toddler|teen|goalie|athlete|veteran|survivor|warrior)\b/u;
const AGE_AFTER = /^(?:\s*,\s*(?:age\s+)?\d{1,3}(?:\s*,|\s*[!.)]|\s+(?:and|who|is|was|of|from)\b)|\s*\(\s*(?:age\s+)?\d{1,3}\s*\))/i;
const PERSON_VERB_STRONG = new Set(
  `is was has had got gets came comes went goes finished finishes finally just turned turns passed spent earned says said told tells called asked brought brings dropped walked walks broke fell lost started completed rang delivered did does visited visits needed needs loves loved sent shared wrote made makes joined decided celebrated celebrates graduated graduates learned still will'll continues continued received receives underwent beat survived recovered recovering battled fought arrived cried smiled laughed won scored ran runs rides rode swam hit hopes wants knows knew gave lives lived moved stopped`.split(
    /\s+/,
  ),
);
const PERSON_VERB_WEAK = new Set(
  `was had got came went finished finally turned passed spent earned said told called brought dropped walked broke fell lost completed rang delivered did visited sent shared wrote joined decided celebrated graduated underwent beat survived recovered cried smiled laughed won scored ran rode swam`.split(
    /\s+/,
  ),
);
const POSSESSED_CUE = new Set(
  `memorial service services funeral obituary wake passing celebration shots shot cast stitches wheelchair art story fundraiser page gofundme mom mother dad father parents family son daughter wife husband sister brother grandma grandmother grandpa grandfather kids children twins baby care journey story page treatment surgery diagnosis recovery birthday fight room doctor appointment visit cast chemo therapy rehab progress smile courage strength first last new recheck follow-up followup meds medication results scan bloodwork labs pump insulin heart knee hip condition health life home`.split(
    /\s+/,
  ),
);
const BEFORE_PERSON = new Set(
  `patient patients little baby sweet brave friend buddy pal neighbor neighbour named miss mister auntie granny grandma grandpa nana papa`.split(
    /\s+/,
  ),
);
const LIST_CUE_RE = /\b(?:left to right|from left|l to r|l-r|pictured(?: here| above| below)?|front row|back row|top row|bottom row|shown here|with (?:us|them)(?: here)?:)\b/i;
const NAME_PARTICLES = new Set(['de', 'van', 'von', 'del', 'della', 'da', 'di', 'la', 'le', 'du', 'dos', 'das', 'bin', 'al', 'el', 'ter', 'ten', 'st']);

interface Ctx {
  state: ScanState;
  lex: NameLexicon;
  consumed: Uint8Array;
  flagged: { start: number; end: number; tokens: number[] }[];
  petNames: Set<string>;
  fiction: boolean;
  /** About staff with no patient cue: greetings and thanks to a first name are to staff. */
  staffPost: boolean;
}

/** He, she and their forms: a sentence about a person. */
const PRONOUN_RE = /\b(?:he|she|his|her|him)\b/i;
/** A sentence about a programme or an event, not about a person's care. */
const HEALTH_TOPIC_RE =
  /\b(?:education|awareness|class|classes|program|training|workshop|seminar|event|night|screenings?|month|week|talk|clinic|fair|drive|webinar|course|lecture|support group)\b/i;

/** Words that lead into a name in a heading or greeting ("Meet Luna", "Welcome Dorothy"). */
const LEAD_WORDS = new Set(
  `meet welcome congrats congratulations happy thanks thank hello hi hey dear love join ask call say remember celebrate honoring introducing presenting go`.split(' '),
);

/** FAMOUS_NAMES indexed by their first word. */
const FAMOUS_BY_FIRST = new Map<string, string[]>();
for (const f of FAMOUS_NAMES) {
  const w = f.split(' ')[0]!;
  FAMOUS_BY_FIRST.set(w, [...(FAMOUS_BY_FIRST.get(w) ?? []), f]);
}

const isMonthOrDay = (b: string): boolean => MONTHS.has(b) || WEEKDAYS.has(b);

/** Tier of a word as a first name: 0 not a first name, 1 word-like (Rose, Will), 2 name (Dorothy). */
export function firstTier(dicts: NameDictionaries, bare: string): 0 | 1 | 2 {
  if (bare.length < 2 || !dicts.first.has(bare)) return 0;
  if (dicts.nameWords.has(bare) || NOT_A_NAME.has(bare) || isMonthOrDay(bare)) return 1;
  return 2;
}

export function surnameTier(dicts: NameDictionaries, bare: string): 0 | 1 | 2 {
  if (bare.length < 2 || !dicts.surnames.has(bare)) return 0;
  if (dicts.nameWords.has(bare) || NOT_A_NAME.has(bare) || isMonthOrDay(bare)) return 1;
  return 2;
}

/** A capitalised word in no dictionary: a surname candidate only after a first name. */
function unknownWord(dicts: NameDictionaries, t: Token): boolean {
  return (
    t.cap &&
    t.bare.length >= 3 &&
    !dicts.first.has(t.bare) &&
    !dicts.surnames.has(t.bare) &&
    !dicts.nameWords.has(t.bare) &&
    !dicts.common.has(t.bare) &&
    !NOT_A_NAME.has(t.bare) &&
    !ORG_HEADS.has(t.bare) &&
    !isMonthOrDay(t.bare)
  );
}

function consume(ctx: Ctx, start: number, end: number): void {
  const toks = ctx.state.doc.tokens;
  for (let i = tokenIndexAt(ctx.state.doc, start); i < toks.length && toks[i]!.start < end; i++) ctx.consumed[i] = 1;
}

function mention(ctx: Ctx, kind: Mention['kind'], start: number, end: number, first?: string): void {
  ctx.state.mentions.push({ kind, start, end, first });
  consume(ctx, start, end);
}

function flag(ctx: Ctx, start: number, end: number, first?: string): void {
  const doc = ctx.state.doc;
  add(ctx.state, 'name', start, end, 4);
  ctx.state.mentions.push({ kind: 'patient', start, end, first });
  const tokens: number[] = [];
  for (let i = tokenIndexAt(doc, start); i < doc.tokens.length && doc.tokens[i]!.start < end; i++) tokens.push(i);
  ctx.flagged.push({ start, end, tokens });
  consume(ctx, start, end);
}

function isStaffFirst(ctx: Ctx, b: string): boolean {
  return ctx.lex.practice.staffFirst.has(b);
}

const textBetween = (doc: Doc, a: Token, b: Token): string => doc.words.slice(a.end, b.start);

/** Does an org/place head follow the name (Lincoln Middle, Kessler Plastics, Columbus Marathon)? */
function orgAfter(doc: Doc, idx: number): boolean {
  const t = doc.tokens[idx + 1];
  const cur = doc.tokens[idx]!;
  if (!t || t.sentence !== cur.sentence) return false;
  const gap = textBetween(doc, cur, t);
  if (!/^\s+$/.test(gap) && !/^\s*&\s*$/.test(gap)) return false;
  if (ORG_HEADS.has(t.bare) && (t.cap || t.upper || /^\d/.test(t.text))) return true;
  if (/^(?:disease|syndrome|palsy|sign|test|exercises?|maneuver|law|cyst|phenomenon|scale|score|criteria|classification|procedure|technique|method|diet|plan)$/i.test(t.bare)) return true;
  return false;
}

function prevWordIs(doc: Doc, idx: number, re: RegExp): boolean {
  const cur = doc.tokens[idx]!;
  const p = doc.tokens[idx - 1];
  if (!p || p.sentence !== cur.sentence) return false;
  if (!/^[\s.]*$/.test(textBetween(doc, p, cur))) return false;
  return re.test(p.bare);
}

function credentialAfter(doc: Doc, end: number): boolean {
  const after = doc.words.slice(end, end + 24);
  const m = /^,?\s+([A-Za-z][A-Za-z.-]{1,9})(?![\p{L}])/u.exec(after);
  if (!m) return false;
  const c = m[1]!.toLowerCase().replace(/\.$/, '');
  if (!/^[A-Z]/.test(m[1]!)) return false;
  return CREDENTIALS.has(c) || CREDENTIALS.has(c.replace(/\./g, ''));
}

/** "our pharmacist Sarah Chen", "our community health worker Maria": a staff role before the name. */
const STAFF_ROLE_BEFORE =
  /(?:\b(?:clinical\s+|nursing\s+|course\s+|program\s+|guest\s+|visiting\s+)?(?:instructor|professor|lecturer|dean|superintendent|principal|commissioner|mayor|councilmember|council member|senator|representative|chaplain|pastor|reverend|sheriff)\s+$)|\b(?:our|the practice's|cedar valley's)\s+(?:new\s+|newest\s+|own\s+|longtime\s+|wonderful\s+|amazing\s+|lead\s+|head\s+|senior\s+|chief\s+)*(?:[\w-]+\s+){0,2}?(?:pharmacist|nurse|doctor|physician|provider|practitioner|np|pa|rn|lpn|ma|medical assistant|receptionist|scheduler|manager|coordinator|educator|dietitian|nutritionist|therapist|counselor|social worker|health worker|worker|tech|technician|assistant|biller|navigator|director|administrator|midwife|doula|scribe|interpreter|volunteer|intern|resident|student|colleague|teammate|team member|staff member|front desk|billing lead)\s+$/i;


/** "Thank you, Rose!", "Hi Linda", "We love you, Sunny!" */
function isVocative(doc: Doc, sStart: number, sEnd: number, before: string, after: string, isMonth: boolean): boolean {
  if (!VOCATIVE_LEAD.test(before)) return false;
  if (!/^\s*(?:[!?.,;:)…]|$|[\p{Extended_Pictographic}\uFE0F]|\s[\p{Extended_Pictographic}]|\s+[-—–]|\s+(?:and|&)\s)/u.test(after)) return false;
  const greeting =
    /\b(?:thanks|thank you|congrats|congratulations|welcome(?: back| home)?|happy [\w ]+|hi|hey|hello|dear|sorry|love you|miss you|proud of you|good luck|get well(?: soon)?|way to go|bravo|hugs|bye|goodbye|farewell),?\s*$/i;
  if (greeting.test(before)) return true;
  if (!/,\s*$/.test(before)) return true;
  // A bare ", Rose!" must end its clause, in a sentence that greets, thanks or wishes.
  if (!/^\s*(?:[!?…]|\.(?:\s|$)|$|[\p{Extended_Pictographic}\uFE0F]|\s[\p{Extended_Pictographic}])/u.test(after)) return false;
  const sent = doc.words.slice(sStart, sEnd);
  const wish = /\b(?:thank|thanks|congrat\w*|happy|welcome|sorry|love|miss|proud|hi|hello|hey|dear|luck|birthday|cheers|bravo)\b/i;
  if (isMonth) return wish.test(sent);
  return wish.test(sent) || /\b(?:you|your)\b/i.test(sent) || /^\s*!/.test(after);
}

/** Cue words right before / after a single name at token index i. */
function localCue(ctx: Ctx, i: number, tier: 1 | 2, staffFirst: boolean): boolean {
  const doc = ctx.state.doc;
  const t = doc.tokens[i]!;
  const s = doc.sentences[t.sentence]!;
  const before = doc.words.slice(Math.max(s.start, t.start - 80), t.start);
  const after = doc.words.slice(t.end, Math.min(s.end + 40, t.end + 60));
  const isMonth = isMonthOrDay(t.bare);
  // Patient cues attached to the name: these work even for a staff member's first name.
  if (PATIENT_AFTER.test(after)) return true;
  if (AGE_AFTER.test(after)) return true;
  if (prevWordIs(doc, i, /^(?:patient|patients)$/)) return true;
  const p = doc.tokens[i - 1];
  if (p && p.sentence === t.sentence && RELATION_NOUNS.has(p.bare) && /^\s+$/.test(textBetween(doc, p, t))) return true;
  if (t.possessive) {
    const n = doc.tokens[i + 1];
    if (n && n.sentence === t.sentence && (RELATION_NOUNS.has(n.bare) || (!staffFirst && POSSESSED_CUE.has(n.bare)))) return true;
  }
  if (staffFirst) return false;
  if (DESCRIBED_AFTER.test(after) && !isMonth) return true;
  // "Bonnie! Your cell on file…": a sentence that is only the name.
  if (t.initial && /^\s*[!?,]+\s*(?:[\p{Extended_Pictographic}\uFE0F]\s*)*$/u.test(doc.words.slice(t.end, s.end)) && !isMonth) return true;
  if (/\bhow\s+$/i.test(before) && /^\s+(?:is|was|has been)\s+(?:doing|feeling|holding up|recovering)/i.test(after)) return true;
  if (/\b(?:contact|call|text|email|message|ask for|reach)\s+$/i.test(before) && /^\s+(?:at|on)\s/.test(after)) return true;
  // "Luis, your prescription…", "Sam, we're grateful you…": a sentence that opens by addressing someone.
  if (t.initial && /^\s*,/.test(after) && /\b(?:you|your|you're|you’re|you've|you’ve)\b/i.test(after) && !isMonth && !NOT_A_NAME.has(t.bare) && !ctx.lex.dicts.common.has(t.bare)) return true;
  // "Hi Deb, we're sorry the wait was so long": a reply to a patient's review, whoever it mentions next.
  const reviewReply = /\b(?:sorry|apologi[sz]e|feedback|review|wait(?:ed|ing)?|experience|stars?|visit|appointment)\b/i.test(sentenceWords(doc, t.sentence));
  if (ctx.staffPost && !reviewReply) {
    // Greetings to a first name are to staff when the sentence or the next is about staff.
    if (sentenceMatches(doc, STAFF_CUE_RE, t.sentence) || sentenceMatches(doc, STAFF_CUE_RE, t.sentence + 1)) return false;
  }
  if (isVocative(doc, s.start, s.end, before, after, isMonth)) return true;
  if (TO_LEAD.test(before)) return true;
  if (p && p.sentence === t.sentence && BEFORE_PERSON.has(p.bare) && /^\s+$/.test(textBetween(doc, p, t))) return true;
  if (/\bmeet\s+$/i.test(before) && !ctx.fiction) return true;
  if (/\b(?:i'm|i’m|i am|my name is|name's|name is|this is|call me|named|nicknamed|goes by)\s+$/i.test(before)) return true;
  if (isMonth) return false;
  const n = doc.tokens[i + 1];
  if (n && n.sentence === t.sentence && /^\s+$/.test(textBetween(doc, t, n))) {
    const verbs = tier === 2 ? PERSON_VERB_STRONG : PERSON_VERB_WEAK;
    if (verbs.has(n.bare) && !n.cap) return true;
    // "Will finally did it": an adverb, then a past-tense verb.
    const n2 = doc.tokens[i + 2];
    if (/^(?:finally|just|already|also|still|really|officially|now)$/.test(n.bare) && n2 && PERSON_VERB_WEAK.has(n2.bare)) return true;
  }
  return false;
}

export function recognizeNames(state: ScanState, lex: NameLexicon, patientContext: boolean, staffPost = false): void {
  const { doc } = state;
  const dicts = lex.dicts;
  const ctx: Ctx = {
    state,
    lex,
    consumed: new Uint8Array(doc.tokens.length),
    flagged: [],
    petNames: new Set(),
    fiction: false,
    staffPost,
  };
  const text = doc.words;
  ctx.fiction = /\b(?:hypothetical|fictional|fictitious|imaginary|made[- ]up|composite|invented|not a real|isn't real|not real|pretend)\b/i.test(text);

  // Pets that carry people's names: a name next to a pet word ("Buddy 🐶 the therapy dog",
  // "Sunny is a 7-year-old golden retriever"), not the pet's owner ("Vince's service dog").
  const PET_EMOJI = /[\u{1F415}\u{1F436}\u{1F408}\u{1F431}\u{1F429}\u{1F43E}\u{1F408}\u{1F9AE}]/u;
  const mayBePetName = (t: Token): boolean => t.cap && !t.possessive && dicts.first.has(t.bare);
  for (const s of doc.sentences) {
    if (!doc.tokens.slice(s.first, s.last).some(mayBePetName)) continue;
    const st = doc.text.slice(s.start, s.end);
    if (!PET_WORDS.test(st) && !PET_EMOJI.test(st)) continue;
    for (let k = s.first; k < s.last; k++) {
      const t = doc.tokens[k]!;
      if (!mayBePetName(t)) continue;
      if (prevWordIs(doc, k, /^(?:patient|patients)$/)) continue;
      const window = doc.text.slice(doc.tokens[Math.max(s.first, k - 4)]!.start, doc.tokens[Math.min(s.last - 1, k + 6)]!.end);
      const near = doc.text.slice(t.end, Math.min(s.end, t.end + 60));
      const before = doc.text.slice(Math.max(s.start, t.start - 40), t.start);
      if (
        /^\s*(?:[\p{Extended_Pictographic}\uFE0F]\s*)*(?:,|—|–|-)?\s*(?:is|was|the|our|a|an)?\s*(?:[\w-]+\s+){0,4}?(?:dog|puppy|pup|pooch|cat|kitten|retriever|labrador|lab|poodle|beagle|terrier|shepherd|collie|spaniel|bulldog|corgi|dachshund|husky|greyhound|hound|pet|mascot|parrot|bunny|rabbit|horse|pony)\b/iu.test(near) ||
        /(?:dog|puppy|pup|cat|kitten|pet|mascot|retriever|pooch),?\s*(?:named\s+)?$/i.test(before) ||
        PET_EMOJI.test(doc.text.slice(t.end, t.end + 4)) ||
        (PET_WORDS.test(window) && /\b(?:greeter|woof|paws?|bark|fetch|treats?|leash|fur|belly rubs)\b/i.test(st))
      ) {
        ctx.petNames.add(t.bare);
      }
    }
  }

  // 1. Staff (allowed), providers and officials (not patients).
  const lowerText = text.toLowerCase();
  if (lex.staffRe && lex.practice.staff.some((m) => lowerText.includes(m.last))) {
    for (const m of matchesOf(lex.staffRe, text)) mention(ctx, 'staff', m.index, m.index + m[0].length);
  }
  for (const m of /\b(?:Dr|Doctor|Drs|Nurse|Prof)/.test(text) ? matchesOf(PROVIDER_RE, text) : []) {
    if (isConsumed(ctx, m.index, m.index + m[0].length)) continue;
    // "Dr. Samuel Price's recovery": a doctor who is the patient.
    const after = (/['’]s$/.test(m[0]) ? "'s" : '') + text.slice(m.index + m[0].length, m.index + m[0].length + 30);
    if (/^['’]s?\s+(?:own\s+)?(?:recovery|surgery|diagnosis|treatment|chemo|rehab|illness|cancer|stroke|heart attack|funeral|passing|battle|fight|journey|transplant|bypass|hospitalization|health scare)\b/i.test(after)) {
      flag(ctx, m.index, m.index + m[0].length - (/['’]s$/.test(m[0]) ? 2 : 0));
      continue;
    }
    mention(ctx, 'provider', m.index, m.index + m[0].length);
  }
  const hasTitle = doc.tokens.some((t) => t.cap && OFFICIAL_FIRST.has(t.text));
  for (const m of hasTitle ? matchesOf(OFFICIAL_RE, text) : []) {
    if (isConsumed(ctx, m.index, m.index + m[0].length)) continue;
    // "Director of …" is a job title after a name, not before one.
    mention(ctx, 'official', m.index, m.index + m[0].length);
  }

  // 2. Honorific names: Mrs. Haskell, Mr. and Mrs. Tran, Mrs. D.
  for (const m of /\bM(?:r|rs|s|x|iss|ister)\b/.test(text) ? matchesOf(HONORIFIC_RE, text) : []) {
    const surname = (m[1] ?? '').replace(/^[A-Z]\.\s*/, '');
    const sb = surname.toLowerCase().replace(/['’]s?$/, '');
    if (lex.practice.staffLast.has(sb) && !m[2]) {
      mention(ctx, 'staff', m.index, m.index + m[0].length);
      continue;
    }
    if (NOT_A_NAME.has(sb) && !/^[A-Z]$/.test(surname)) continue;
    let end = m.index + m[0].length;
    if (m[2] && (ORG_HEADS.has(m[2].toLowerCase()) || NOT_A_NAME.has(m[2].toLowerCase()))) end -= m[2].length + 1;
    const v = text.slice(m.index, end).replace(/['’]s?$/, '');
    flag(ctx, m.index, m.index + v.length);
  }

  // Nicknames between first name and surname: Danielle "Dani" Ferraro.
  for (const m of /["“‘(][A-Z][^\s"”’)]*["”’)]\s+[A-Z]/.test(text) ? matchesOf(/\b([A-Z][\p{L}'’-]+)\s+["“‘(]([A-Z][\p{L}'’-]+)["”’)]\s+([A-Z][\p{L}'’-]+)/gu, text) : []) {
    const f = m[1]!.toLowerCase();
    const l = m[3]!.toLowerCase().replace(/['’]s?$/, '');
    if (isConsumed(ctx, m.index, m.index + m[0].length)) continue;
    if (dicts.first.has(f) && (dicts.surnames.has(l) || !dicts.common.has(l)) && !NOT_A_NAME.has(l) && !ORG_HEADS.has(l)) {
      flag(ctx, m.index, m.index + m[0].length - (m[3]!.length - m[3]!.replace(/['’]s?$/, '').length), f);
    }
  }

  // Introductions: "My name is Aantje Mourik", "this is Rubija", "was called Kevin Veitonen II".
  for (const m of /\b(?:[Nn]ame|[Tt]his is|I'm|I’m|I am|[Cc]all me|called|named|[Dd]ear)\b/.test(text) ? matchesOf(INTRO_NAME_RE, text) : []) {
    const who = m[1]!;
    const start = m.index + m[0].length - who.length;
    if (isConsumed(ctx, start, start + who.length) || ctx.fiction) continue;
    const words = who.split(/\s+/);
    const w0 = words[0]!.toLowerCase().replace(/['’]s$/, '');
    if (dicts.common.has(w0) || NOT_A_NAME.has(w0) || isMonthOrDay(w0) || ORG_HEADS.has(w0) || HONORIFICS.has(w0) || /^(?:dr|drs|doctor|nurse)$/.test(w0)) continue;
    if (words.length === 1 && (isStaffFirst(ctx, w0) || ctx.petNames.has(w0))) continue;
    let n = words.length;
    while (n > 1 && (dicts.common.has(words[n - 1]!.toLowerCase()) || ORG_HEADS.has(words[n - 1]!.toLowerCase())) && !/^(?:II|III|IV|Jr|Sr)$/.test(words[n - 1]!)) n--;
    const v = words.slice(0, n).join(' ').replace(/['’]s?$/, '');
    flag(ctx, start, start + v.length, w0);
  }

  // 3. Attributions after a quote: — Kim R., — Phyllis, — T.K.
  for (const m of /[—–]|--?\s*[A-Z]/.test(text) ? matchesOf(ATTRIBUTION_RE, text) : []) {
    const who = m[2]!;
    const start = m.index + m[0].length - who.length - (m[1]?.length ?? 0);
    const end = m.index + m[0].length;
    if (isConsumed(ctx, start, end)) continue;
    const words = who.replace(/\./g, ' ').trim().split(/\s+/);
    const w0 = words[0]!.toLowerCase();
    if (/^(?:the|our|your|team|staff|dr|doctor|nurse|cedar|world|american|national|centers|u)$/.test(w0)) continue;
    if (NOT_A_NAME.has(w0) && words.length === 1 && !ctx.lex.dicts.first.has(w0)) continue;
    const looksLikeName =
      /^[A-Z]$/.test(words[0]!) || ctx.lex.dicts.first.has(w0) || (words.length >= 2 && ctx.lex.dicts.surnames.has(words[words.length - 1]!.toLowerCase()));
    if (!looksLikeName) continue;
    if (words.some((w) => ORG_HEADS.has(w.toLowerCase()) && w.length > 2)) continue;
    if (credentialAfter(doc, end)) continue;
    if (isStaffFirst(ctx, w0) && words.length === 1) continue;
    // The words before the dash: a patient's own words (first person, thanks) or a patient post.
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const quoted = text.slice(Math.max(lineStart, m.index - 300), m.index + 1);
    if (!patientContext && !/(?:^|[^\p{L}'’])(?:I|I'm|I’m|I've|I’ve|my|My|me)(?![\p{L}'’])|\bthank/u.test(quoted)) continue;
    if (words.length >= 2 && lex.practice.staffLast.has(words[words.length - 1]!.toLowerCase())) continue;
    let e = end;
    while (e > start && /[\s.]/.test(text[e - 1]!) && !/^[A-Z]\.$/.test(text.slice(e - 2, e))) e--;
    flag(ctx, start, e, w0);
  }

  // 4. Capitalised runs.
  const toks = doc.tokens;
  let i = 0;
  while (i < toks.length) {
    const t = toks[i]!;
    if (ctx.consumed[i] || !(t.cap || isInitialTok(doc, t))) {
      i++;
      continue;
    }
    // Build the run.
    let j = i + 1;
    while (j < toks.length) {
      const a = toks[j - 1]!;
      const b = toks[j]!;
      if (b.sentence !== a.sentence || ctx.consumed[j]) break;
      const okGap = runGap(doc.words, a, b);
      if (!okGap || a.possessive) break;
      const bareInitial = /^[A-Z]$/.test(b.text) && toks[j + 1]?.cap === true && toks[j + 1]!.sentence === b.sentence && /^ $/.test(doc.words.slice(b.end, toks[j + 1]!.start));
      if (!(b.cap || isInitialTok(doc, b) || bareInitial || (NAME_PARTICLES.has(b.text) && toks[j + 1]?.cap))) break;
      j++;
    }
    analyseRun(ctx, i, j, patientContext);
    i = Math.max(j, i + 1);
  }

  // 5. Family surnames: the Kowalski family, the Okonkwo twins, Brightwater family.
  for (const m of /\b(?:family|families|twins|triplets|household|kids|boys|girls|clan|crew|brothers|sisters|siblings|grandparents|parents|home)\b/.test(text) ? matchesOf(FAMILY_RE, text) : []) {
    const w = m[1]!;
    const b = w.toLowerCase().replace(/['’]s?$/, '');
    const start = m.index + m[0].indexOf(w);
    if (isConsumed(ctx, start, start + w.length)) continue;
    if (NOT_A_NAME.has(b) || ORG_HEADS.has(b) || lex.practice.nameWords.includes(b) || lex.practice.towns.has(b)) continue;
    if (m[2] === 'home' && !patientContext) continue;
    if (FAMILY_STOP.has(b)) continue;
    const known = dicts.surnames.has(b) && !dicts.nameWords.has(b);
    const wordLike = dicts.surnames.has(b) || dicts.nameWords.has(b) || dicts.first.has(b);
    if (known || (patientContext && !wordLike)) {
      flag(ctx, start, start + w.replace(/['’]s?$/, '').length, b);
    }
  }

  // Plural family names: "the Hendersons".
  {
    for (const m of /[Tt]he [A-Z][a-z]+s\b/.test(text) ? matchesOf(/\b[Tt]he\s+([A-Z][a-z]{2,})(?:e?s)\b(?!['’])/g, text) : []) {
      const full = m[0].slice(m[0].indexOf(m[1]!));
      const stem = full.replace(/(?:es|s)$/, '').toLowerCase();
      const stem2 = full.replace(/s$/, '').toLowerCase();
      const start = m.index + m[0].indexOf(m[1]!);
      if (isConsumed(ctx, start, start + full.length)) continue;
      const ok = (w: string): boolean => surnameTier(dicts, w) === 2 && !dicts.common.has(w) && w.length >= 4;
      const next = /^\s+([a-z]+)/.exec(text.slice(start + full.length, start + full.length + 20))?.[1] ?? '';
      if (!patientContext && !PERSON_VERB_STRONG.has(next)) continue;
      if ((ok(stem2) || ok(stem)) && !ORG_HEADS.has(stem2)) flag(ctx, start, start + full.length);
    }
  }

  // 6. Initials: T.K., J.M. — in a patient context.
  for (const m of /[A-Z]\.\s?[A-Z]\./.test(text) ? matchesOf(INITIALS_RE, text) : []) {
    const letters = m[0].replace(/[.\s]/g, '');
    if (NOT_INITIALS.has(letters)) continue;
    const end = m.index + m[0].trimEnd().length;
    if (isConsumed(ctx, m.index, end)) continue;
    const after = text.slice(end, end + 8);
    if (/^\s*(?:m\.|[ap]\.m)/i.test(after)) continue;
    const s = sentenceAt(doc, m.index);
    const before = s ? text.slice(s.start, m.index) : '';
    const cue = TO_LEAD.test(before) || /^,?\s+(?:who|whose|is|was|has|had)\b/.test(text.slice(end, end + 12)) || VOCATIVE_LEAD.test(before);
    if (!patientContext && !cue) continue;
    if (ctx.fiction) continue;
    flag(ctx, m.index, end);
  }

  // 7. Employers of patients and relatives.
  if (patientContext) {
    for (const m of matchesOf(EMPLOYER_RE, text)) {
      const org = m[1]!.replace(/\s+(?:&|and)$/, '');
      const start = m.index + m[0].length - m[1]!.length;
      const first = org.split(/\s+/)[0]!.toLowerCase();
      if (lex.practice.nameWords.includes(first) || NOT_A_NAME.has(first)) continue;
      if (isConsumed(ctx, start, start + org.length) && !ctx.flagged.some((f) => f.start === start)) continue;
      add(state, 'name', start, start + org.length, 4);
    }
  }

  // 8. Coordination and lists: "Jim and Carol Whitaker", "June, Sunny, Grace and Priya".
  propagate(ctx);

  // 9. Hashtags: #TeamLiam, #EmmaStrong, #PrayersForEmma.
  for (const h of doc.hashtags) {
    const tag = doc.text.slice(h.start + 1, h.end);
    const parts = hashtagParts(tag);
    for (let k = 0; k < parts.length; k++) {
      const part = parts[k]!;
      const w = part[0].toLowerCase();
      if (firstTier(dicts, w) !== 2 || isStaffFirst(ctx, w) || ctx.petNames.has(w)) continue;
      const prev = parts.slice(0, k).map((p) => p[0]).join('');
      const next = parts[k + 1]?.[0] ?? '';
      if (HASHTAG_FRAMES.test(prev) || HASHTAG_FRAMES_AFTER.test(next) || (parts.length === 1 && patientContext)) {
        const off = h.start + 1 + part.index;
        add(state, 'name', off, off + part[0].length, 4);
      }
    }
  }
}

const HASHTAG_PART_RE = /[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+/g;

/** The words of a hashtag's text: "PrayersForEmma" → Prayers, For, Emma. */
function hashtagParts(tag: string): RegExpExecArray[] {
  const parts: RegExpExecArray[] = [];
  HASHTAG_PART_RE.lastIndex = 0;
  for (let m = HASHTAG_PART_RE.exec(tag); m; m = HASHTAG_PART_RE.exec(tag)) parts.push(m);
  return parts;
}

/** Only spaces between two words, or the period of an initial ("D. Farrell", "Marcus T."). */
function runGap(words: string, a: Token, b: Token): boolean {
  const len = b.start - a.end;
  if (len <= 0) return false;
  if (words.charCodeAt(a.end) === 46) {
    if (a.text.length !== 1) return false;
    for (let i = a.end + 1; i < b.start; i++) if (words.charCodeAt(i) !== 32) return false;
    return len <= 2;
  }
  for (let i = a.end; i < b.start; i++) if (words.charCodeAt(i) !== 32) return false;
  return true;
}

function isConsumed(ctx: Ctx, start: number, end: number): boolean {
  const toks = ctx.state.doc.tokens;
  for (let i = tokenIndexAt(ctx.state.doc, start); i < toks.length && toks[i]!.start < end; i++) {
    if (ctx.consumed[i]) return true;
  }
  return false;
}

function isInitialTok(doc: Doc, t: Token): boolean {
  return /^[A-Z]$/.test(t.text) && doc.words[t.end] === '.';
}

function analyseRun(ctx: Ctx, from: number, to: number, patientContext: boolean): void {
  const { doc } = ctx.state;
  const dicts = ctx.lex.dicts;
  const toks = doc.tokens;
  // Whole run is an organisation or a famous name?
  if (to - from >= 2) {
    for (let q = from; q < to - 1; q++) {
      const cands = FAMOUS_BY_FIRST.get(toks[q]!.bare);
      if (!cands) continue;
      const joined = toks.slice(q, to).map((t) => t.bare).join(' ');
      if (cands.some((f) => joined.startsWith(f))) {
        ctx.state.mentions.push({ kind: 'official', start: toks[from]!.start, end: toks[to - 1]!.end });
        return;
      }
    }
  }
  // Find the first token that can start a name (skipping "Meet", "Happy Birthday"…).
  let k = from;
  while (k < to) {
    const t = toks[k]!;
    if (isInitialTok(doc, t) && k + 1 < to) break;
    const tier = firstTier(dicts, t.bare);
    if (tier === 2) break;
    if (tier === 1) {
      const nx = k + 1 < to ? toks[k + 1]! : undefined;
      const nextIsSurname = nx !== undefined && (surnameTier(dicts, nx.bare) === 2 || unknownWord(dicts, nx) || isInitialTok(doc, nx));
      const nextIsFirst = nx !== undefined && firstTier(dicts, nx.bare) > 0;
      const leadWord = LEAD_WORDS.has(t.bare) && nextIsFirst;
      if (!(NOT_A_NAME.has(t.bare) && nx !== undefined && (!nextIsSurname || leadWord))) break;
    }
    k++;
  }
  if (k >= to) {
    // A capitalised word in no name list, right after a strong person cue: "mom Ana", "patient Ekon".
    if (to - from === 1) unknownName(ctx, from);
    // "Kate M Begum", "Elínborg Guðmundsdóttir": names outside the dictionaries.
    else foreignName(ctx, from, to);
    return;
  }
  // Stop the name at an org head: "Lincoln Middle School", "Kessler Plastics".
  let end = to;
  for (let q = k; q < to; q++) {
    if (ORG_HEADS.has(toks[q]!.bare) && q > k) {
      // An organisation (named after a person or not).
      ctx.state.mentions.push({ kind: 'org', start: toks[k]!.start, end: toks[to - 1]!.end });
      return;
    }
  }
  if (orgAfter(doc, to - 1)) {
    ctx.state.mentions.push({ kind: 'org', start: toks[k]!.start, end: toks[to - 1]!.end });
    return;
  }
  // Eponyms: Alzheimer's, Crohn's, Lou Gehrig's.
  const last = toks[end - 1]!;
  if (EPONYMS.has(last.bare) && (last.possessive || /^\s*(?:disease|syndrome)/i.test(doc.words.slice(last.end, last.end + 12)))) return;
  // Saints and places: St. Brendan's, Mt. Carmel.
  if (k === from && prevWordIs(doc, from, /^(?:st|saint|mt|ft|san|santa|port|lake|camp|fort|mount)$/)) return;

  const first = toks[k]!;
  const rest = toks.slice(k + 1, end);
  const fTier = isInitialTok(doc, first) ? 0 : firstTier(dicts, first.bare);
  const startOff = first.start;
  const endTok = rest.length ? rest[rest.length - 1]! : first;
  const endOff = endTok.possessive ? endTok.end - (endTok.text.endsWith("'") || endTok.text.endsWith('’') ? 1 : 2) : endTok.end;
  const staffCueSentence = sentenceMatches(doc, STAFF_CUE_RE, first.sentence);

  if (rest.length > 0) {
    // Initial + surname: D. Farrell.
    if (isInitialTok(doc, first)) {
      const s = rest[0]!;
      if (rest.length === 1 && (surnameTier(dicts, s.bare) === 2 || unknownWord(dicts, s)) && !ctx.lex.practice.staffLast.has(s.bare)) {
        if (!ctx.fiction) flag(ctx, startOff, endOff);
      }
      return;
    }
    // First + initial: Marcus T., Kim R.
    if (rest.length === 1 && isInitialTok(doc, rest[0]!)) {
      if (fTier > 0 && !ctx.fiction) flag(ctx, startOff, rest[0]!.end + 1, first.bare);
      return;
    }
    // First [Middle] Last.
    const lastTok = rest[rest.length - 1]!;
    const lb = lastTok.bare;
    const lTier = surnameTier(dicts, lb.split('-')[0]!) || surnameTier(dicts, lb);
    const lUnknown = unknownWord(dicts, lastTok) || lb.split('-').every((p) => dicts.surnames.has(p) && !dicts.nameWords.has(p));
    const lastOk = lTier > 0 || lUnknown;
    // "Great American Smokeout": a word that is never part of a name sits between first and last.
    const middleOk = rest.slice(0, -1).every((t) => !NOT_A_NAME.has(t.bare));
    if (fTier > 0 && lastOk && middleOk && !NOT_A_NAME.has(lb)) {
      const strong = fTier === 2 || lTier === 2 || lUnknown;
      if (ctx.lex.practice.staffLast.has(lb) && ctx.lex.practice.staffFirst.has(first.bare)) return;
      if (credentialAfter(doc, endOff) || ctx.petNames.has(first.bare) || ctx.fiction) return;
      // The author of a book, article or song: '"Being Mortal" by Atul Gawande'.
      if (/\b(?:by|author|authors|written by|directed by|sung by|featuring|feat\.)\s+$/i.test(doc.words.slice(Math.max(0, startOff - 14), startOff))) {
        const sent = sentenceWords(doc, first.sentence);
        if (/["“][^"”]{2,}["”]|\b(?:book|books|article|podcast|novel|song|album|film|movie|documentary|talk|study|paper|essay|poem|memoir|blog|column|series|show|episode|guide|report)\b/i.test(sent) && !patientContext) {
          ctx.state.mentions.push({ kind: 'official', start: startOff, end: endOff });
          return;
        }
      }
      // The author of a quotation ("…live." — Jim Rohn), outside a patient post.
      if (!patientContext && /["”]\s*[—–-]{1,2}\s*$/.test(doc.words.slice(Math.max(0, startOff - 6), startOff))) {
        const q = doc.words.slice(Math.max(0, startOff - 300), startOff);
        if (!/(?:^|[^\p{L}'’])(?:I|I'm|I’m|I've|I’ve|my|My|me)(?![\p{L}'’])/u.test(q.slice(q.lastIndexOf('"', q.length - 4) + 1))) {
          ctx.state.mentions.push({ kind: 'official', start: startOff, end: endOff });
          return;
        }
      }
      if (STAFF_ROLE_BEFORE.test(doc.words.slice(Math.max(0, startOff - 60), startOff))) {
        ctx.state.mentions.push({ kind: 'staff', start: startOff, end: endOff });
        return;
      }
      if (staffCueSentence && !patientContext) return;
      if (strong && !(first.initial && fTier === 1 && lTier === 1)) {
        flag(ctx, startOff, endOff, first.bare);
        return;
      }
      if (patientContext) {
        flag(ctx, startOff, endOff, first.bare);
        return;
      }
      return;
    }
    // Not a full name: look at the first token alone, then continue with the rest.
    singleName(ctx, k, patientContext);
    for (let q = k + 1; q < end; q++) {
      if (!ctx.consumed[q] && firstTier(dicts, toks[q]!.bare) > 0) singleName(ctx, q, patientContext);
    }
    return;
  }
  singleName(ctx, k, patientContext);
}

/** A run of capitalised words no dictionary knows: a name when shaped like one. */
function foreignName(ctx: Ctx, from: number, to: number): void {
  const { doc } = ctx.state;
  const dicts = ctx.lex.dicts;
  const toks = doc.tokens.slice(from, to);
  if (toks.length < 2 || toks.length > 4 || ctx.fiction) return;
  if (doc.sentences[toks[0]!.sentence]!.titleCase) return;
  const words = toks.filter((t) => !/^[A-Z]$/.test(t.text));
  const initials = toks.length - words.length;
  if (words.length < 2) return;
  const last = words[words.length - 1]!;
  const first = words[0]!;
  const plain = (t: Token): boolean =>
    t.cap && !dicts.common.has(t.bare) && !NOT_A_NAME.has(t.bare) && !ORG_HEADS.has(t.bare) && !isMonthOrDay(t.bare) && !BIG_OR_STATE(t.bare);
  if (!words.every(plain)) return;
  if (ctx.lex.practice.nameWords.includes(first.bare) || ctx.lex.practice.towns.has(first.bare)) return;
  if (orgAfter(doc, from + toks.length - 1)) return;
  // A middle initial makes it a name; otherwise the surname must be a known one.
  if (initials === 0 && surnameTier(dicts, last.bare) !== 2) return;
  if (initials === 0 && first.initial) return;
  const endOff = last.possessive ? last.end - (last.text.endsWith("'") || last.text.endsWith('’') ? 1 : 2) : last.end;
  flag(ctx, toks[0]!.start, endOff, first.bare);
}

const BIG_OR_STATE = (w: string): boolean => /^(?:ohio|america|canada|europe|mexico|africa|asia|texas|florida|california|york|jersey|carolina|dakota|virginia|united|states|kingdom|republic)$/.test(w);

function unknownName(ctx: Ctx, i: number): void {
  const { doc } = ctx.state;
  const dicts = ctx.lex.dicts;
  const t = doc.tokens[i]!;
  if (!t.cap || t.bare.length < 2 || ctx.consumed[i] || ctx.fiction) return;
  if (dicts.common.has(t.bare) || NOT_A_NAME.has(t.bare) || ORG_HEADS.has(t.bare) || isMonthOrDay(t.bare)) return;
  if (ctx.lex.practice.nameWords.includes(t.bare) || ctx.lex.practice.towns.has(t.bare)) return;
  const p = doc.tokens[i - 1];
  const s = doc.sentences[t.sentence]!;
  const after = doc.words.slice(t.end, Math.min(s.end + 20, t.end + 60));
  const relation =
    p !== undefined && p.sentence === t.sentence && (RELATION_NOUNS.has(p.bare) || p.bare === 'patient') && /^\s+$/.test(textBetween(doc, p, t));
  const endOff = t.possessive ? t.end - (t.text.endsWith("'") || t.text.endsWith('’') ? 1 : 2) : t.end;
  if (HONORIFICS.has(t.bare) || /^(?:dr|drs|doctor|nurse|prof|st|mt|ft|rev|sgt|capt|lt|gov|sen|rep)$/.test(t.bare)) return;
  if (relation || PATIENT_AFTER.test(after) || AGE_AFTER.test(after)) {
    flag(ctx, t.start, endOff, t.bare);
  }
}

function sentenceWords(doc: Doc, si: number): string {
  const s = doc.sentences[si]!;
  return doc.sentWords[s.index]!;
}

function singleName(ctx: Ctx, i: number, patientContext: boolean): void {
  const { doc } = ctx.state;
  const dicts = ctx.lex.dicts;
  const t = doc.tokens[i]!;
  if (ctx.consumed[i]) return;
  const tier = firstTier(dicts, t.bare);
  if (tier === 0) return;
  if (ctx.petNames.has(t.bare) || ctx.fiction) return;
  if (EPONYMS.has(t.bare) && (t.possessive || /^\s*(?:disease|syndrome)/i.test(doc.words.slice(t.end, t.end + 12)))) return;
  if (orgAfter(doc, i)) return;
  if (prevWordIs(doc, i, /^(?:st|saint|mt|ft|san|santa|port|lake|camp|fort|mount)$/)) return;
  if (credentialAfter(doc, t.end)) return;
  if (STAFF_ROLE_BEFORE.test(doc.words.slice(Math.max(0, t.start - 60), t.start)) && !PATIENT_AFTER.test(doc.words.slice(t.end, t.end + 40))) return;
  const staffFirst = isStaffFirst(ctx, t.bare);
  const s = doc.sentences[t.sentence]!;
  const cue = localCue(ctx, i, tier as 1 | 2, staffFirst);
  const endOff = t.possessive ? t.end - (t.text.endsWith("'") || t.text.endsWith('’') ? 1 : 2) : t.end;
  if (cue) {
    flag(ctx, t.start, endOff, t.bare);
    return;
  }
  if (staffFirst || tier === 1) return;
  // A named person with an illness, injury or treatment in the same sentence ("Big day for
  // Jayden — cast off", "Priscilla's Kidney Transplant Journey").
  const healthAfter = STRONG_HEALTH_RE.exec(doc.words.slice(t.start, Math.min(s.end, t.end + 70)));
  const linked =
    sentenceMatches(doc, PRONOUN_RE, t.sentence) ||
    (t.possessive && healthAfter !== null) ||
    (healthAfter !== null && !sentenceMatches(doc, HEALTH_TOPIC_RE, t.sentence));
  if (linked && sentenceMatches(doc, STRONG_HEALTH_RE, t.sentence) && !sentenceMatches(doc, isGenericSentence, t.sentence) && !sentenceMatches(doc, STAFF_CUE_RE, t.sentence) && !ctx.staffPost) {
    flag(ctx, t.start, endOff, t.bare);
    return;
  }
  if (s.titleCase && t.initial) return;
  // A plain first name: reported in a patient context, unless the sentence is about staff.
  if (sentenceMatches(doc, STAFF_CUE_RE, t.sentence)) return;
  if (patientContext) {
    flag(ctx, t.start, endOff, t.bare);
    return;
  }
  // A named person with a health event in the same sentence ("Kenji … he starts chemo tomorrow").
  if (sentenceMatches(doc, HEALTH_EVENT_RE, t.sentence) && sentenceMatches(doc, PRONOUN_RE, t.sentence) && !sentenceMatches(doc, isGenericSentence, t.sentence)) {
    flag(ctx, t.start, endOff, t.bare);
  }
}

/** "Jim and Carol Whitaker", lists after "left to right:". */
function propagate(ctx: Ctx): void {
  const { doc } = ctx.state;
  const dicts = ctx.lex.dicts;
  const toks = doc.tokens;
  let changed = true;
  let guard = 0;
  while (changed && guard++ < 4) {
    changed = false;
    for (const f of [...ctx.flagged]) {
      const firstIdx = f.tokens[0];
      const lastIdx = f.tokens[f.tokens.length - 1];
      if (firstIdx === undefined || lastIdx === undefined) continue;
      // Left neighbour: "X and <flagged>", "X, <flagged>"
      const l = toks[firstIdx - 1];
      const l2 = toks[firstIdx - 2];
      if (l && l2 && /^(?:and|&)$/.test(l.bare) && l2.sentence === toks[firstIdx]!.sentence) {
        if (tryCoord(ctx, l2.index)) changed = true;
      }
      const r = toks[lastIdx + 1];
      const r2 = toks[lastIdx + 2];
      if (r && r2 && /^(?:and|&)$/.test(r.bare) && r2.sentence === toks[lastIdx]!.sentence) {
        if (tryCoord(ctx, r2.index)) changed = true;
      }
    }
  }
  // Enumerations of first names: "Gaetane, Hannah, Anthony, Derek, Anna and Andrew".
  for (const s of doc.sentences) {
    let run: number[] = [];
    const flush = (): void => {
      const strong = run.filter((k) => firstTier(dicts, toks[k]!.bare) === 2).length;
      // Not in a sentence about staff: asked only of the few sentences with such a list.
      if (run.length >= 3 && strong >= 2 && !sentenceMatches(doc, STAFF_CUE_RE, s.index)) {
        for (const k of run) {
          const t = toks[k]!;
          if (!ctx.consumed[k] && !ctx.lex.practice.staffFirst.has(t.bare) && !ctx.petNames.has(t.bare)) flag(ctx, t.start, t.possessive ? t.end - 2 : t.end, t.bare);
        }
      }
      run = [];
    };
    for (let k = s.first; k < s.last; k++) {
      const t = toks[k]!;
      const isName = t.cap && firstTier(dicts, t.bare) > 0 && !isMonthOrDay(t.bare);
      if (!isName) {
        if (!(/^(?:and|&)$/.test(t.bare) && run.length > 0)) flush();
        continue;
      }
      if (run.length > 0) {
        const prev = toks[run[run.length - 1]!]!;
        const gap = doc.words.slice(prev.end, t.start);
        if (!/^(?:,\s*|\s+(?:and|&)\s+|,\s*(?:and|&)\s+)$/.test(gap)) flush();
      }
      run.push(k);
    }
    flush();
  }

  // The same person again: once "Ray Sutter" is a patient, a later "Ray" is too.
  const flaggedFirst = new Set(ctx.flagged.map((f) => toks[f.tokens[0] ?? -1]?.bare).filter((b): b is string => !!b && firstTier(dicts, b) > 0));
  if (flaggedFirst.size) {
    for (let k = 0; k < toks.length; k++) {
      const t = toks[k]!;
      if (ctx.consumed[k] || !t.cap || !flaggedFirst.has(t.bare) || ctx.petNames.has(t.bare)) continue;
      flag(ctx, t.start, t.possessive ? t.end - 2 : t.end, t.bare);
    }
  }

  // Lists of people in a photo.
  for (const s of doc.sentences) {
    const st = doc.sentWords[s.index]!;
    const m = LIST_CUE_RE.exec(st);
    if (!m) continue;
    const from = s.start + m.index + m[0].length;
    const names: number[] = [];
    let nonStaff = false;
    for (let k = s.first; k < s.last; k++) {
      const t = toks[k]!;
      if (t.start < from || ctx.consumed[k] || !t.cap) continue;
      if (firstTier(dicts, t.bare) === 0 || ctx.petNames.has(t.bare)) continue;
      names.push(k);
      if (!ctx.lex.practice.staffFirst.has(t.bare)) nonStaff = true;
    }
    if (!nonStaff && names.length > 0 && !ctx.flagged.some((f) => f.start >= s.start && f.end <= s.end)) continue;
    for (const k of names) {
      const t = toks[k]!;
      flag(ctx, t.start, t.possessive ? t.end - 2 : t.end, t.bare);
    }
  }
}

function tryCoord(ctx: Ctx, idx: number): boolean {
  const { doc } = ctx.state;
  const t = doc.tokens[idx];
  if (!t || ctx.consumed[idx] || !t.cap) return false;
  if (firstTier(ctx.lex.dicts, t.bare) === 0 || isMonthOrDay(t.bare) || ctx.petNames.has(t.bare)) return false;
  if (HONORIFICS.has(t.bare)) return false;
  flag(ctx, t.start, t.possessive ? t.end - 2 : t.end, t.bare);
  return true;
}

/** Names in a media file name: lopez-maria-discharge-day.jpg, emma_smith_cast.png. */
export function recognizeFileNames(state: ScanState, lex: NameLexicon): void {
  const { doc } = state;
  const dicts = lex.dicts;
  const text = doc.text;
  const base = text.lastIndexOf('/') + 1;
  const parts: { w: string; start: number; end: number }[] = [];
  for (const m of matchesOf(/[A-Za-z]+/g, text.slice(base))) {
    parts.push({ w: m[0].toLowerCase(), start: base + m.index, end: base + m.index + m[0].length });
  }
  if (parts.length && /^(?:jpe?g|png|gif|webp|heic|mp4|mov|m4v|avi|pdf|svg|tiff?)$/.test(parts[parts.length - 1]!.w)) parts.pop();
  const all = parts.map((p) => p.w);
  if (all.some((w) => /^(?:fictional|hypothetical|composite|sample|example|stock|illustration|infographic|mockup|template)$/.test(w))) return;
  const staffWords = lex.practice.staffWords;
  const personal = all.some((w) => /^(?:patient|discharge|selfie|bday|birthday|newborn|baby|cast|xray|surgery|nicu|icu|chemo|recovery|before|after|graduation|milestone|family|mom|dad|son|daughter|grandma|grandpa|twins|memorial|rip|getwell|welcome|checkup|visit|appointment|shots|vaccine|physical|wellchild|week|weeks|month|months|old|years|transplant|rehab)$/.test(w));
  const isFirst = (w: string): boolean => firstTier(dicts, w) === 2 && !staffWords.has(w);
  const isLast = (w: string): boolean => surnameTier(dicts, w) === 2 && !staffWords.has(w) && !ORG_HEADS.has(w);
  // A staff member's first name with another's surname ("rosa-whitfield") is no one on the staff.
  const { staffFirst, staffLast } = lex.practice;
  const staffPair = (a: string, b: string): boolean => lex.practice.staff.some((s) => (s.first.toLowerCase() === a && s.last.toLowerCase() === b) || (s.last.toLowerCase() === a && s.first.toLowerCase() === b));
  const mixedStaffPair = (a: string, b: string): boolean => !staffPair(a, b) && ((staffFirst.has(a) && (staffLast.has(b) || isLast(b))) || (isFirst(a) && staffLast.has(b)) || (staffLast.has(a) && (staffFirst.has(b) || isFirst(b))));
  for (let k = 0; k < parts.length; k++) {
    const a = parts[k]!;
    const b = parts[k + 1];
    if (b && mixedStaffPair(a.w, b.w)) {
      add(state, 'name', a.start, b.end, 4);
      state.mentions.push({ kind: 'patient', start: a.start, end: b.end });
      k++;
      continue;
    }
    if (staffWords.has(a.w)) continue;
    if (b && !staffWords.has(b.w) && ((isFirst(a.w) && (isLast(b.w) || (surnameTier(dicts, b.w) === 1 && !NOT_A_NAME.has(b.w)))) || (isLast(a.w) && isFirst(b.w)))) {
      add(state, 'name', a.start, b.end, 4);
      state.mentions.push({ kind: 'patient', start: a.start, end: b.end });
      k++;
      continue;
    }
    // "jsmith": an initial and a surname run together.
    if (personal && a.w.length >= 5 && surnameTier(dicts, a.w.slice(1)) === 2 && !dicts.common.has(a.w) && !staffWords.has(a.w.slice(1))) {
      add(state, 'name', a.start, a.end, 4);
      state.mentions.push({ kind: 'patient', start: a.start, end: a.end });
      continue;
    }
    if (isFirst(a.w) && personal && !PET_WORDS.test(all.join(' '))) {
      add(state, 'name', a.start, a.end, 4);
      state.mentions.push({ kind: 'patient', start: a.start, end: a.end });
    }
  }
}

