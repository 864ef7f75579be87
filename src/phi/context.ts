/**
 * Context cues: whether a post, or a sentence of it, is about a specific patient (or relative),
 * or is generic, hypothetical, about staff, or about an event. Weak identifiers (a bare first
 * name that is also a word, a date, a town, a ZIP) are reported only in a patient context;
 * strong ones (phone, email, SSN…) never need one.
 */
import { GENERIC_SENTENCE_RE, HEALTH_EVENT_RE, NARRATIVE_RE, STAFF_CUE_RE } from './lexicon.js';
import { sentenceMatches, sentenceText, type Doc, type Sentence } from './document.js';

/** Words after "patient" that make it an adjective ("patient portal"), not a person. */
const PATIENT_ADJ_NEXT =
  /^\s+(?:portal|experience|line|care|safety|privacy|education|advocate|advocacy|coordinator|rights|forms?|information|info|satisfaction|survey|services|access|records?|intake|centered|centred|walking|support|appreciation|tips?|feedback|resources?|visits?|appointments?|population|panel|groups?|community|base|volume|messages?|accounts?|outcomes|stories|story|questions?|reviews?|parking|entrance|famil(?:y|ies)|day|week|month|year|of the|spotlight|registration|check-in|lounge|room|rooms|charts?|data|liaison|navigator|engagement|education|handouts?|instructions|materials|flow|load|needs|trust|advisory|council|ambassadors?|representatives?|relations|financial|assistance|centered|centred|owned|friendly|first|voices?)\b/i;

/** A specific individual: "a patient", "our newest patient", "the gentleman", "one of our patients". */
const SINGULAR_REF_RE =
  /\b(?:a|an|one|this|that|the|our)\s+(?:[\w'’-]+\s+){0,3}?(patient|gentleman|lady|toddler|teen|teenager|newborn|infant|kiddo|youngster|preschooler|little (?:guy|girl|boy|one|man|lady)|young (?:man|woman|lady)|older (?:man|woman|gentleman|lady)|elderly (?:man|woman|gentleman|lady))(?:['’]s)?(?![\w'’-])|\bone of our (?:[\w'’-]+\s+){0,2}?(?:patients|kids|families|moms|dads|seniors|regulars|babies|newborns|teens)\b|\b(?:a|an|one|our|this|the)\s+(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten)[- ](?:year|month|week|day)[- ]old(?![- ]?s\b)/gi;

/** Any specific person, by role or kin: "a dairy farmer from…", "the Millbrook High quarterback", "someone's grandpa". */
const PERSON_NOUN_ALT =
  'gentleman|gent|lady|man|woman|boy|girl|toddler|teen|teenager|baby|infant|newborn|kid|kiddo|child|youngster|preschooler|kindergartner|senior|veteran|vet|student|teacher|goalie|athlete|player|runner|swimmer|pitcher|quarterback|cheerleader|dancer|guy|gal|mom|mother|dad|father|grandma|grandmother|grandpa|grandfather|granny|grandson|granddaughter|wife|husband|son|daughter|friend|neighbor|neighbour|farmer|driver|trucker|supervisor|worker|firefighter|officer|mechanic|retiree|widow|widower|mama|papa|dude|fella|lad|lass|tyke|tot|twins|triplets|regular|cyclist|biker|hiker|golfer|coach|pastor|nun|marine|soldier|sailor|nanny|babysitter|caregiver|little one|little guy|little girl|little man|young man|young woman|young lady|older man|older woman|superstar|champ|warrior|fighter|survivor|mama bear|newlywed|bride|groom|mom-to-be|dad-to-be';
const PERSON_REF_RE = new RegExp(
  `\\b(?:a|an|one|this|that|the|our)\\s+(?:(?!(?:a|an|the|this|that|our|one|my|your|his|her|their)\\s)[\\w'’-]+\\s+){0,3}?(?:${PERSON_NOUN_ALT})(?:['’]s)?(?![\\w'’-])(?!\\s+(?:Living|Center|Centre|Care|Apartments|Housing|Services|Citizens|Home|Homes|Village|Community|Day|Night|Month|Week|Program|Programs|Class|Classes|Team|Club|League|Division|Society|Fair|Expo|Health|Clinic|Games|Olympics|Prom|Night|Discount|Menu|Living))|\\b(?:someone|somebody|a friend|a neighbor)['’]s\\s+(?:${PERSON_NOUN_ALT})\\b|\\b(?:a|an|the|this|one)\\s+(?:[\\w'’-]+\\s+){0,3}?[a-z]+(?:er|ist|or|ian)\\s+(?:who|whose|from|with)\\b|\\b(?:a|an|the|this|one|our)\\s+\\d{5}\\s+(?:${PERSON_NOUN_ALT})\\b|\\b(?:our|the|my)\\s+(?:very\\s+)?(?:favorite|favourite|fave|newest|youngest|oldest|bravest|toughest|longtime|long-time|littlest|tiniest|sweetest|resident)\\s+(?!(?:\\w+\\s+)?(?:tech|techs|technician|nurse|nurses|doctor|doctors|physician|provider|manager|assistant|receptionist|coordinator|scheduler|biller|educator|pharmacist|volunteer|staff|team|employee|colleague|ma|np|pa|rn|md)\\b)[a-z]+(?!\\s+(?:tips?|recipe|thing|things|part|way|time|season|place|spot|day|week|month|book|song|snack|question|questions|team|staff|nurses?|doctors?|clinicians?|providers?|office|portal|app|resources?))\\b`,
  'i',
);
const STAFF_ROLE_REF = /\b(?:our|the)\s+(?:new |newest |longtime |own )?(?:doctor|provider|physician|nurse|practitioner|coordinator|manager|director|receptionist|scheduler|counselor|educator|contractor|member|tech|technician|assistant|biller|supervisor)\b/i;

/** Explicit hypothetical / fictional framing (strong: suppresses names and stories in the post). */
export const FICTION_RE =
  /\b(?:hypothetical(?:ly)?|fictional|fictitious|imaginary|made[- ]up|composite|invented|not a real (?:person|patient|case|story|child|kid|mom|dad)|(?:isn't|is not|aren't|are not) (?:a )?real|not real|not anyone we(?:'ve|’ve| have)? (?:cared for|treated|seen)|not an actual|an illustration|for illustration|illustrative (?:case|example)|thought experiment|details (?:are )?(?:invented|changed, not a real))\b/i;
/** Weak hypothetical framing: the sentence (and what follows) is a scenario. */
export const SCENARIO_RE =
  /\b(?:imagine|picture (?:a|an|this|yourself)|suppose|let's say|let’s say|say (?:you|your|a|an)|what if|for example|for instance|example:|scenario)\b/i;

const LIFE_EVENT_RE =
  /\b(?:passed away|rest in peace|condolences|our hearts are with|in loving memory|celebration of life|funeral|visitation|was born|were born|welcome to the world|happy \d{1,3}(?:st|nd|rd|th) birthday|happy birthday to (?!our own|our |dr\b|all\b)|get well soon|prayers for|pray for|in your prayers|rang the bell|ringing the bell|patient of the (?:month|week|year)|patient spotlight|patient success stor(?:y|ies)|welcome back,|so good to see you|so proud of (?:you|him|her)|we're thrilled|we’re thrilled|discharge day|first steps|last chemo|cancer-free|cancer free)\b/i;

const DEFINITE_CASE_RE =
  /\b(?:the|this|that)\s+(?:[\w'’-]+\s+){0,2}?(?:man|woman|boy|girl|gentleman|lady|toddler|teen|teenager|baby|kid|child|patient|guy|mom|dad|grandma|grandpa|cyclist|driver|runner|player)\s+who\s+(?:\w+ed|was|had|came|fell|broke|left|got|went|ran|passed|lost|brought)\b/i;

/** Staff news: a sentence about a colleague's career, not a patient's case. */
const STAFF_NEWS_RE =
  /\b(?:retir(?:es|ing|ement)|work anniversary|years (?:with us|at cedar|here|on our team)|joins? (?:our|the) (?:team|practice|staff)|joined (?:our|the) (?:team|practice|staff)|new hire|newest member|welcome (?:dr|to the team)|residency|fellowship|board[- ]certifi\w+|promot(?:ed|ion)|medical director|employee of the month|staff appreciation)\b/i;

const THIRD_PERSON_RE = /\b(?:she|he|her|his|him|hers|herself|himself)\b/i;
const RELATION_POSSESSIVE_RE =
  /\b(?:his|her|their|your)\s+(?:mom|mother|dad|father|son|daughter|wife|husband|grandma|grandmother|grandpa|grandfather|grandson|granddaughter|grandkids|twins|baby|sister|brother|kids|children)\b/i;

export interface TextCues {
  fiction: boolean;
  staffCue: boolean;
  /** Sentences with a specific patient in them ("a patient", "our newest patient"). */
  specific: Set<number>;
  /** Sentences with a specific person of any kind ("a dairy farmer", "the twins"). */
  person: Set<number>;
  /** Sentences that narrate a patient's case. */
  story: Set<number>;
  /** Any cue that the post is about a particular patient or relative. */
  patient: boolean;
  generic: Set<number>;
  scenario: Set<number>;
}

/** Advice to the reader ("Walk with a friend.", "Wear shoes with good grip."): not a case told. */
const ADVICE_RE =
  /^(?:walk|stay|wear|drink|eat|wash|avoid|use|keep|try|bring|stretch|layer|dress|limit|choose|cover|protect|plan|rest|sleep|move|warm|check|ask|book|schedule|know|learn|skip|pick|put|stop|follow|cut|add|swap|aim|sit|stand|lift|breathe|apply|store|lock|test|buckle|brush|floss|quit)\s+(?![A-Z])/;

const ADVICE_LEAD_RE = /^\W*(?:(?:and|then|also|please|always|never|don't|do not)\s+)?/i;
/** ADVICE_RE reads no further than its longest verb (8), one space and the character after it. */
const ADVICE_REACH = 10;

function isAdvice(sentence: string): boolean {
  const from = ADVICE_LEAD_RE.exec(sentence)![0].length;
  const head = sentence.slice(from, from + ADVICE_REACH);
  return ADVICE_RE.test(head.charAt(0).toLowerCase() + head.slice(1));
}

export function isGenericSentence(text: string): boolean {
  // The tests that read only the start of the sentence go first.
  return (
    isAdvice(text) ||
    /^\W*(?:anyone|anybody|everyone|everybody|families|parents|patients|people|kids|children|adults|seniors|women|men|moms|dads|teens|babies|folks|those|caregivers|smokers|athletes|students)\b(?!\s+(?:know|knows|seen|heard|else)\b)/i.test(text) ||
    /\bmay\b/.test(text) ||
    GENERIC_SENTENCE_RE.test(text)
  );
}

function hasSingularRef(text: string): RegExpExecArray | null {
  SINGULAR_REF_RE.lastIndex = 0;
  for (;;) {
    const m = SINGULAR_REF_RE.exec(text);
    if (!m) return null;
    if (m[1] && /^patient$/i.test(m[1])) {
      const after = text.slice(m.index + m[0].length);
      if (PATIENT_ADJ_NEXT.test(after)) continue;
      // "our Patient Advisory Council", "Patient-Centered Medical Home": a compound, not a person.
      if (/^[\s-]+[A-Z][a-z]/.test(after) || /^-/.test(after)) continue;
      // "you do not have to be our patient", "become a patient": a status, not a person.
      if (/(?:\b(?:to|will|can|could|would|may|must|should|need|needs)\s+(?:not\s+|already\s+)?(?:be|become)|\bbecom(?:e|es|ing))\s+$/i.test(text.slice(0, m.index))) continue;
      // "a patient here", "someone is a patient" are statements about status, not a person.
      if (/^\s+(?:here|of ours)\b/i.test(after) && /\b(?:whether|if|someone|anyone)\b/i.test(text)) continue;
    }
    return m;
  }
}

/** A specific person by role or kin, other than the practice's own staff ("our nurse"). */
function isPersonRef(words: string): boolean {
  const m = PERSON_REF_RE.exec(words);
  return m !== null && !STAFF_ROLE_REF.test(m[0]);
}

/** Computes the text-only cues of a doc (names come later and add to them). */
export function computeTextCues(doc: Doc): TextCues {
  const cues: TextCues = {
    fiction: FICTION_RE.test(doc.words),
    staffCue: STAFF_CUE_RE.test(doc.words),
    specific: new Set(),
    person: new Set(),
    story: new Set(),
    patient: false,
    generic: new Set(),
    scenario: new Set(),
  };
  let scenarioOn = false;
  // Health, narration and pronouns are tested only for sentences that may tell a case.
  const info: { generic: boolean; person: boolean }[] = [];
  const health = (si: number): boolean => sentenceMatches(doc, HEALTH_EVENT_RE, si);
  const narrated = (si: number): boolean => sentenceMatches(doc, NARRATIVE_RE, si) || (doc.field === 'title' && info[si]!.person);
  const pronoun = (si: number): boolean => sentenceMatches(doc, THIRD_PERSON_RE, si);
  const staffNews = (si: number): boolean => sentenceMatches(doc, STAFF_NEWS_RE, si);
  for (const s of doc.sentences) {
    const t = sentenceText(doc, s);
    const w = doc.sentWords[s.index]!;
    // Questions to the reader ("Got a new baby?") are not a case; a definite person with a past
    // event ("the man who collapsed in the lobby") is, even inside "Anyone who was here…".
    const generic = (sentenceMatches(doc, isGenericSentence, s.index) || /\?\s*$/.test(w)) && !DEFINITE_CASE_RE.test(w);
    if (generic) cues.generic.add(s.index);
    if (!scenarioOn && SCENARIO_RE.test(w)) scenarioOn = true;
    if (scenarioOn) cues.scenario.add(s.index);
    const ref = hasSingularRef(w);
    if (ref) cues.specific.add(s.index);
    const person = ref !== null || isPersonRef(w);
    if (person) cues.person.add(s.index);
    if (!cues.patient && LIFE_EVENT_RE.test(t)) cues.patient = true;
    if (ref && !generic && !scenarioOn) cues.patient = true;
    info.push({ generic: generic || scenarioOn || staffNews(s.index), person });
    if (person && !generic && !scenarioOn && health(s.index) && narrated(s.index) && !staffNews(s.index)) {
      cues.story.add(s.index);
      cues.patient = true;
    }
  }
  // A case told over a few sentences: "a man in the waiting room looked pale… It was a heart
  // attack. He's home now."
  for (let i = 0; i < info.length; i++) {
    const a = info[i]!;
    if (!a.person || a.generic) continue;
    let told = health(i);
    let narration = narrated(i);
    const window: number[] = [i];
    for (let j = i + 1; j < Math.min(info.length, i + 3); j++) {
      if (info[j]!.generic) break;
      window.push(j);
      told ||= health(j);
      // A later sentence tells the case only if it is about the person (a pronoun) or the health event.
      narration ||= narrated(j) && (pronoun(j) || health(j));
    }
    if (!told || !narration) continue;
    cues.patient = true;
    cues.story.add(i);
    for (const j of window) if (j !== i && health(j) && (pronoun(j) || narrated(j))) cues.story.add(j);
  }
  if (cues.fiction) {
    cues.patient = false;
    cues.story.clear();
  }
  return cues;
}

export function sentenceHasThirdPerson(doc: Doc, s: Sentence): boolean {
  return sentenceMatches(doc, THIRD_PERSON_RE, s.index);
}

export function sentenceHasRelation(doc: Doc, s: Sentence): boolean {
  return RELATION_POSSESSIVE_RE.test(doc.sentWords[s.index]!);
}

export { HEALTH_EVENT_RE, NARRATIVE_RE };
