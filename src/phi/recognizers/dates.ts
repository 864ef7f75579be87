/**
 * Dates finer than a year tied to a person (calendar dates, weekdays, "yesterday", "last
 * Tuesday", "born on Valentine's Day", dates in file names) and ages over 89 (including birth
 * years that imply them). Event dates, holiday closures and observances are not a person's and
 * are reported only when the sentence is about a specific patient.
 */
import { isGenericSentence } from '../context.js';
import { EVENT_CUE_RE } from '../lexicon.js';
import { matchesOf, sentenceAt, sentenceMatches } from '../document.js';
import { add, slice, type ScanState } from './common.js';

const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)';
const WEEKDAY_FULL = '(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)';
const WEEKDAY = '(?:Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)';
const DAY = '(?:[12]\\d|3[01]|0?[1-9])(?:st|nd|rd|th)?';
const YEAR = '(?:1[89]|20)\\d{2}';

/**
 * The date patterns. `group`, when set, is the capture group holding the date: the rest of the match
 * is words before it, matched forwards instead of with a lookbehind (which would be tried backwards
 * over every run of spaces, at every position: time growing with the square of the run).
 */
const DATE_PATTERNS: { re: RegExp; kind: 'calendar' | 'numeric' | 'relative' | 'weekday' | 'holiday' | 'month'; group?: number }[] = [
  {
    re: new RegExp(`\\b(?:${WEEKDAY}\\.?,?\\s+)?${MONTH}\\.?\\s+${DAY}(?:,?\\s+${YEAR})?(?![\\d:])`, 'g'),
    kind: 'calendar',
  },
  { re: new RegExp(`\\b(?:the\\s+)?${DAY}\\s+of\\s+${MONTH}(?:,?\\s+${YEAR})?\\b`, 'g'), kind: 'calendar' },
  {
    re: /(?<![\d/.])(?:0?[1-9]|1[0-2])\/(?:0?[1-9]|[12]\d|3[01])(?:\/(?:(?:19|20)\d{2}|\d{2}))?(?![\d/])/g,
    kind: 'numeric',
  },
  { re: /\b(?:[Bb]orn|DOB:?|dob:?)\s+(?:on\s+)?((?:0?[1-9]|1[0-2])\.(?:0?[1-9]|[12]\d|3[01])(?:\.(?:19|20)?\d{2})?)(?![\d.])/g, kind: 'numeric', group: 1 },
  {
    re: /(?<![\d.-])(?:(?:19|20)\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])(?:[ T]\d{2}:\d{2}(?::\d{2})?)?|(?:0?[1-9]|1[0-2])[-.](?:0?[1-9]|[12]\d|3[01])[-.](?:19|20)\d{2})(?![\d-])/g,
    kind: 'numeric',
  },
  {
    re: new RegExp(
      `\\b(?:today|tonight|yesterday|tomorrow|this (?:morning|afternoon|evening|past week(?:end)?|week(?:end)?)|last (?:night|week(?:end)?|month|${WEEKDAY_FULL}|${WEEKDAY_FULL} (?:morning|afternoon|evening|night))|next (?:week|month|${WEEKDAY_FULL})|earlier (?:today|this week)|the other day|over the weekend|(?:a|one|two|three|four|five|six|\\d{1,2}) (?:days?|weeks?) ago|(?:a|one|two|three|four|five|six|\\d{1,2}) (?:days?|weeks?) (?:later|earlier))\\b`,
      'gi',
    ),
    kind: 'relative',
  },
  { re: new RegExp(`\\b${WEEKDAY_FULL}(?:['’]s)?(?:\\s+(?:morning|afternoon|evening|night))?\\b`, 'g'), kind: 'weekday' },
  {
    re: /\b(?:Christmas(?: Eve| Day)?|Thanksgiving(?: Day)?|Easter(?: Sunday)?|Halloween|New Year['’]s(?: Eve| Day)?|Valentine['’]s Day|Mother['’]s Day|Father['’]s Day|Independence Day|(?:the )?Fourth of July|July 4th|Labor Day|Memorial Day|Veterans Day|St\.? Patrick['’]s Day|Leap Day)\b/g,
    kind: 'holiday',
  },
  { re: new RegExp(`\\b(?:in|since|until|last|this|early|late|mid-?)\\s+(${MONTH.replace('May|', '')}|May)(?:\\s+${YEAR})?\\b`, 'g'), kind: 'month' },
];

const MONTH_HINT = /\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)/;
const DATE_PREFILTER: Record<(typeof DATE_PATTERNS)[number]['kind'], (t: string) => boolean> = {
  calendar: (t) => MONTH_HINT.test(t),
  numeric: (t) => /\d[/.-]\d/.test(t),
  relative: (t) => /\b(?:to|ye|th|la|ne|ea|ov|a|on|tw|fo|fi|si|\d)/i.test(t) && /(?:day|night|week|month|morning|afternoon|evening|ago|later|earlier|tomorrow|tonight|today)/i.test(t),
  weekday: (t) => /day\b/.test(t),
  holiday: (t) => /Christmas|Thanksgiving|Easter|Halloween|New Year|Valentine|Mother|Father|Independence|Fourth|July 4|Labor|Memorial|Veterans|Patrick|Leap/.test(t),
  month: (t) => MONTH_HINT.test(t),
};

/** The sentence names an official or famous person and no patient. */
function sentenceOfficialOnly(state: ScanState, start: number, end: number): boolean {
  let official = false;
  for (const m of state.mentions) {
    if (m.start < start || m.end > end) continue;
    if (m.kind === 'patient') return false;
    if (m.kind === 'official') official = true;
  }
  return official;
}

/** A date introduced as a person's: "born", "DOB", "died", "admitted"... */
const ANCHOR_BEFORE =
  /\b(?:born(?:\s+on)?|dob|d\.o\.b\.?|date of birth|birth ?date|birthday(?:\s+(?:is|was|on))?|died(?:\s+on)?|passed(?: away)?(?:\s+on)?|admitted(?:\s+on)?|discharged(?:\s+on)?|date of service|dos|surgery(?:\s+(?:is|was|on))?|diagnosed(?:\s+on)?|delivered(?:\s+on)?|due(?: date)?(?:\s+(?:is|was|on))?|appointment(?:\s+(?:is|was|on))?|follow-?up(?:\s+(?:is|was|on))?|visit(?:\s+(?:is|was|on))?|came (?:in|to us|to see us)\s+on)\s*:?\s*$/i;
/** Publication, validity and deadline dates are not a person's. */
const PUBLICATION_BEFORE = /\b(?:updated|posted|published|effective|as of|valid|expires?|expiring|deadline|due by|through|until|starting|starts?|from|between|open|closed|reopens?|runs?)\s*:?\s*(?:on\s+)?$/i;

export function recognizeDates(state: ScanState): void {
  const { doc, cues } = state;
  const text = doc.words;
  const memo = new Map<string, boolean>();
  /** Is the sentence an event (or, unless eventOnly, general advice)? Memoised per sentence. */
  const eventOrGeneric = (si: number, sent: string, eventOnly = false): boolean => {
    const key = `${si}:${eventOnly}`;
    let v = memo.get(key);
    if (v === undefined) {
      v = EVENT_CUE_RE.test(sent) || (!eventOnly && sentenceMatches(doc, isGenericSentence, si));
      memo.set(key, v);
    }
    return v;
  };
  for (const p of DATE_PATTERNS) {
    if (!DATE_PREFILTER[p.kind](text)) continue;
    for (const m of matchesOf(p.re, text)) {
      const matched = p.group === undefined ? m[0] : m[p.group]!;
      let start = m.index + m[0].length - matched.length;
      let end = start + matched.length;
      if (p.kind === 'month') {
        // Only the month (and year) is the date; the preposition is not.
        const mm = m[1]!;
        start = start + m[0].indexOf(mm);
      }
      if (p.kind === 'weekday' || p.kind === 'holiday') {
        end = start + m[0].replace(/['’]s$/, '').length;
      }
      const s = sentenceAt(doc, start);
      const si = s?.index ?? -1;
      const sent = s ? doc.sentWords[s.index]! : '';
      const before = slice(doc, Math.max(s?.start ?? 0, start - 40), start);
      if (cues.hypothetical || cues.scenarioSentences.has(si)) continue;
      // A public figure's or historical date ("Clara Barton … born on Christmas Day 1821").
      if (s && sentenceOfficialOnly(state, s.start, s.end)) continue;
      const anchored = ANCHOR_BEFORE.test(before);
      const personal = cues.personalSentences.has(si);
      if (p.kind === 'numeric' && matched.includes('/') && !/\/\d{2,4}$/.test(matched)) {
        // m/d without a year: not a fraction or a ratio.
        const after = slice(doc, end, end + 12);
        if (/^\s*(?:of|cup|tsp|tbsp|inch|in\b|mile|dose|tab|pill|mg|ml|oz|lb|hour|hr)/i.test(after) || /\d\s*$/.test(before)) continue;
        if (!personal && !anchored) continue;
      }
      // "Book your visit today": an anchor word in advice to the reader is not a person's date.
      if (anchored && (personal || !eventOrGeneric(si, sent))) {
        add(state, 'date', start, end, 3);
        continue;
      }
      if (p.kind === 'month' || p.kind === 'holiday') {
        // A month or a holiday on its own is a person's date only with a life event or a named patient.
        if (!personal) continue;
        const named = state.mentions.some((mm) => mm.kind === 'patient' && s !== undefined && mm.start >= s.start && mm.end <= s.end);
        if (!named && !/\b(?:born|birthday|died|passed|diagnos\w+|admitted|discharged|surgery|delivered|due|married|adopted|moved|since|started|finished)\b/i.test(sent)) continue;
        add(state, 'date', start, end, 3);
        continue;
      }
      if (p.kind === 'numeric' && /(?:19|20)\d{2}/.test(matched)) {
        // A full numeric date: a person's unless it dates a publication or an event.
        if (personal || (!eventOrGeneric(si, sent, true) && !PUBLICATION_BEFORE.test(before) && !state.cues.staffOnly)) {
          add(state, 'date', start, end, 3);
        }
        continue;
      }
      if (!personal) {
        // In a post about a patient, a day or time is theirs unless the sentence is an event or
        // general advice ("the referral went out today", "in our waiting room this afternoon").
        if (!cues.personal || eventOrGeneric(si, sent)) continue;
      }
      if (PUBLICATION_BEFORE.test(before) && !cues.storySentences.has(si)) continue;
      add(state, 'date', start, end, 3);
    }
  }
}

/** Ages in a media file name: harold-jenkins-91st-birthday.jpg, 100th-bday. */
export function recognizeFileAges(state: ScanState): void {
  const name = state.doc.text;
  const base = name.lastIndexOf('/') + 1;
  for (const m of matchesOf(/(?<![A-Za-z0-9])(9\d|1[01]\d)(?:st|nd|rd|th)?(?=[-_ ]?(?:birthday|bday|b-day|years?|yrs?|yo)\b)/gi, name.slice(base))) {
    add(state, 'age', base + m.index, base + m.index + m[0].length, 3);
  }
}

/** Dates in a media file name: …-discharge-day-0412.jpg, 20260412. */
export function recognizeFileDates(state: ScanState, personalFile: boolean): void {
  const { doc } = state;
  if (!personalFile) return;
  const text = doc.text;
  const base = text.lastIndexOf('/') + 1;
  const name = text.slice(base);
  for (const m of matchesOf(/(?<![A-Za-z0-9])(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*[-_ ]?(?:0?[1-9]|[12]\d|3[01])|(?:19|20)\d{2}[-_]?(?:0[1-9]|1[0-2])[-_]?(?:0[1-9]|[12]\d|3[01])|(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:(?:19|20)?\d{2})?|(?:0?[1-9]|1[0-2])[-_](?:0?[1-9]|[12]\d|3[01]))(?![A-Za-z0-9])/g, name)) {
    add(state, 'date', base + m.index, base + m.index + m[0].length, 3);
  }
}

const AGE_NUM = '(?:9\\d|1[01]\\d|12[0-5])';
const GROUP_BEFORE =
  /\b(?:over|above|under|older than|younger than|ages|people|adults|patients|those|residents|individuals|americans|seniors|anyone|everyone|folks|men|women|population|group|groups|aged \d+ to|between)\s*$/i;
const GROUP_AFTER = /^(?:\s*\+|\s*(?:and|&|or)\s+(?:older|over|up|above|more|beyond)|\s*years?\s+(?:and|or)\s+(?:older|over|up)|-?plus\b|\s*(?:to|-|–)\s*\d)/i;

/** 92-year-old, 92 years old */
const YEARS_OLD_RE = new RegExp(`\\b(${AGE_NUM}[- ](?:years?|yrs?)[- ]old)(?![- ]?s\\b)`, 'gi');
/** 92 yo */
const YO_RE = new RegExp(`\\b(${AGE_NUM})\\s?(?:yo|y/o|y\\.o\\.)\\b`, 'gi');
/** aged 94, age 94 */
const AGED_RE = new RegExp(`\\b(?:aged?|age:)\\s+(${AGE_NUM})\\b`, 'gi');
/** turns 97, turned 100, is 94 */
const TURNS_RE = new RegExp(`\\b(?:turns?|turned|turning|reached|reaches|celebrat\\w+|she['’]s|he['’]s|she is|he is|was|is|been|be|aged)\\s+(?:a\\s+(?:whopping|young|spry)\\s+)?(${AGE_NUM})\\b(?!\\s*(?:%|percent|pounds|lbs|miles|minutes|min|seconds|days|mg|mmhg|beats|bpm|degrees|°|\\/|-\\d|,\\d))`, 'gi');
/** 92nd birthday */
const NTH_BIRTHDAY_RE = new RegExp(`\\b(${AGE_NUM}(?:st|nd|rd|th))(?=\\s+(?:birthday|bday|b-day)\\b)`, 'gi');
/** 100th! */
const NTH_RE = new RegExp(`\\b(${AGE_NUM}(?:st|nd|rd|th))(?=\\s*[,!])`, 'gi');
/** Happy 100th */
const HAPPY_NTH_RE = new RegExp(`\\bhappy\\s+(${AGE_NUM}(?:st|nd|rd|th))\\b`, 'gi');
/** 99 is too old */
const TOO_OLD_RE = new RegExp(`\\b(${AGE_NUM})\\s+(?:is|isn't|is not|ain't)\\s+(?:too\\s+|that\\s+|so\\s+)?(?:old|young)\\b`, 'gi');
/** 93 and still… */
const AND_STILL_RE = new RegExp(`(?:^|[.!?]\\s+|\\n)(${AGE_NUM})\\s+(?:and|&)\\s+(?:still|counting|thriving|going|loving)`, 'gi');
/** Name, 94, / Name (91) */
const AGE_AFTER_NAME_RE = new RegExp(`(?:,\\s*|\\(\\s*)(${AGE_NUM})(?=[!?]*\\s*\\)|\\s*,|\\s+(?:and|who)\\b|\\s*$|\\s*\\n|[.!]\\s)`, 'gm');
/** (94) */
const AGE_IN_PARENS_RE = new RegExp(`\\(\\s*(${AGE_NUM})\\s*\\)`, 'g');

const AGE_PREFILTER = /\b(?:9\d|1[0-2]\d)(?:\b|st|nd|rd|th)|ninety|hundred|centenarian|nonagenarian|born|dob|d\.o\.b|birth|\(\s*1[89]\d\d/i;

export function recognizeAges(state: ScanState, currentYear: number): void {
  const { doc, cues } = state;
  const text = doc.words;
  if (!AGE_PREFILTER.test(text)) return;
  const push = (start: number, end: number, needPersonal: boolean): void => {
    const s = sentenceAt(doc, start);
    const si = s?.index ?? -1;
    if (cues.hypothetical || cues.scenarioSentences.has(si)) return;
    const before = slice(doc, Math.max(s?.start ?? 0, start - 30), start);
    const after = slice(doc, end, end + 20);
    if (GROUP_BEFORE.test(before) || GROUP_AFTER.test(after)) return;
    if (needPersonal && !cues.personalSentences.has(si) && !cues.personal) return;
    add(state, 'age', start, end, 3);
  };
  const group = (re: RegExp, needPersonal: boolean, idx = 1): void => {
    for (const m of matchesOf(re, text)) {
      const v = m[idx]!;
      const start = m.index + m[0].indexOf(v);
      push(start, start + v.length, needPersonal);
    }
  };
  // Spelled out: "the ninety-six-year-old", "Ninety-one years old", "a hundred years old".
  group(/\b((?:ninety(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|(?:one |a )?hundred(?:[- ](?:and[- ])?(?:one|two|three|four|five|six|seven|eight|nine|ten))?)[- ](?:years?|yrs?)[- ]old)(?![- ]?s\b)/gi, false);
  // 92-year-old, 92 years old, 92 yo
  group(YEARS_OLD_RE, false);
  group(YO_RE, false);
  // aged 94, age 94
  group(AGED_RE, false);
  // turns 97, turned 100, is 94
  group(TURNS_RE, true);
  // 92nd birthday, Happy 100th
  group(NTH_BIRTHDAY_RE, false);
  group(NTH_RE, true);
  group(HAPPY_NTH_RE, false);
  // "Who says 99 is too old for a flu shot?": an age said of someone.
  group(TOO_OLD_RE, true);
  // "93 and still beating all of us"
  group(AND_STILL_RE, false);
  // Name, 94, / Name (91)
  for (const m of matchesOf(AGE_AFTER_NAME_RE, text)) {
    const v = m[1]!;
    const start = m.index + m[0].indexOf(v);
    const nameBefore = state.out.some((c) => c.type === 'name' && c.end <= m.index + 1 && m.index - c.end <= 2);
    if (nameBefore) push(start, start + v.length, false);
  }
  // "(94)" in a patient sentence; "turned one hundred and two".
  for (const m of matchesOf(AGE_IN_PARENS_RE, text)) {
    push(m.index + m[0].indexOf(m[1]!), m.index + m[0].indexOf(m[1]!) + m[1]!.length, true);
  }
  group(/\b(?:turns?|turned|turning|is|was|aged?|celebrat\w+|reached)\s+((?:ninety(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|(?:one |a )?hundred(?:(?:[- ]and)?[- ](?:one|two|three|four|five|six|seven|eight|nine|ten))?))\b(?![- ](?:years?|percent|days|miles|pounds))/gi, true);
  // in her 90s, a centenarian
  group(/\b(?:in\s+(?:his|her|their)\s+(?:(?:early|mid|late)[- ])?(90s|nineties|hundreds))\b/gi, false);
  group(/\b(centenarian|supercentenarian|nonagenarian)\b/gi, true);
  // Birth years that imply an age over 89: "born in 1925", "born on Valentine's Day in 1925".
  for (const m of matchesOf(/\b[Bb]orn\b[^.!?\n\d]{0,40}?(?:\d{1,2}(?:st|nd|rd|th)?,?\s+)?((?:18|19)\d{2})\b/g, text)) {
    // "Born before 1935?": an eligibility cut-off for everyone, not one person's birth year.
    if (/\bborn\s+(?:before|after|between|prior to|since|in or before)\b/i.test(m[0])) continue;
    const y = Number(m[1]);
    if (currentYear - y >= 90 && currentYear - y <= 125) {
      const start = m.index + m[0].lastIndexOf(m[1]!);
      push(start, start + 4, false);
    }
  }
  // Life spans: "Edith Larkin (1929–2026)".
  for (const m of matchesOf(/\(\s*((?:18|19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})\s*\)/g, text)) {
    const span = Number(m[2]) - Number(m[1]);
    if (span >= 90 && span <= 125 && !cues.hypothetical) {
      const start = m.index + m[0].indexOf(m[1]!);
      add(state, 'age', start, start + 4, 3);
    }
  }
  for (const m of matchesOf(/\b(?:dob|d\.o\.b\.?|date of birth|birth ?date)\s*:?\s*(?:\d{1,2}\/\d{1,2}\/|[A-Z][a-z]+\.?\s+\d{1,2},?\s+)((?:18|19)\d{2})\b/gi, text)) {
    const y = Number(m[1]);
    if (currentYear - y >= 90 && currentYear - y <= 125) {
      const start = m.index + m[0].lastIndexOf(m[1]!);
      push(start, start + 4, false);
    }
  }
}
