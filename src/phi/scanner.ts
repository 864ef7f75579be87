/**
 * The PHI scanner: runs the recognisers over one text, with the context logic and the practice
 * allow-list, and resolves overlapping candidates.
 */
import {
  computeTextCues,
  HEALTH_EVENT_RE,
  isGenericSentence,
  NARRATIVE_RE,
  sentenceHasRelation,
  sentenceHasThirdPerson,
  type TextCues,
} from './context.js';
import { loadNameDictionaries, type NameDictionaries } from './dictionaries.js';
import { CASE_HEALTH_RE } from './lexicon.js';
import { buildPractice, type Practice } from './practice.js';
import type { Candidate, Mention, PostCues, ScanState } from './recognizers/common.js';
import { shippedModel, type PhiModel } from './model/classifier.js';
import { weigh } from './weigh.js';
import type { Analysis } from './analysis.js';
import { recognizeEmails, recognizePhones } from './recognizers/contact.js';
import { recognizeAges, recognizeDates, recognizeFileAges, recognizeFileDates } from './recognizers/dates.js';
import { recognizeFileIds, recognizeIds } from './recognizers/ids.js';
import { buildNameLexicon, recognizeFileNames, recognizeNames, type NameLexicon } from './recognizers/names.js';
import { recognizeFilePhoto, recognizePhotos, recognizeStories, recognizeTestimonials } from './recognizers/narrative.js';
import { recognizePlaces } from './recognizers/places.js';
import { recognizeHandles, recognizeIps, recognizeUrls } from './recognizers/urls.js';
import { prepare, sentenceMatches, type Doc } from './document.js';
import { PHI_DESCRIPTIONS, PHI_RULE_BY_TYPE, type PhiField, type PhiMatch, type PhiScanner, type PhiType, type PracticeFacts, type ScanContext } from './types.js';

export interface ScannerOptions {
  /** Year used to turn birth years into ages (default: the current year). */
  currentYear?: number;
  /**
   * The model that weighs each sentence (default: the one shipped in data/phi); `null` reports what
   * the recognisers find, unweighed (for measuring them alone).
   */
  model?: PhiModel | null;
}

/** Runs the recognisers over texts of one practice; what a scanner weighs, and what the model is trained on. */
export interface Analyser {
  practice: Practice;
  analyse(text: string, field: PhiField): Analysis;
}

export function createAnalyser(facts: PracticeFacts, options: Pick<ScannerOptions, 'currentYear'> = {}): Analyser {
  const practice = buildPractice(facts);
  let lex: NameLexicon | undefined;
  const currentYear = options.currentYear ?? new Date().getFullYear();
  return {
    practice,
    analyse(text, field) {
      const dicts = loadNameDictionaries();
      lex ??= buildNameLexicon(dicts, practice);
      return analyseText(text, field, practice, dicts, lex, currentYear);
    },
  };
}

export function createPhiScanner(facts: PracticeFacts, options: ScannerOptions = {}): PhiScanner {
  const analyser = createAnalyser(facts, options);
  const repeated = new Map<string, readonly PhiMatch[]>();
  const scanOnce = (text: string, field: PhiField, context: ScanContext): readonly PhiMatch[] => {
    const analysis = analyser.analyse(text, field);
    const model = options.model === undefined ? shippedModel() : options.model;
    if (!model) return analysis.found.map((found) => describe(found));
    return weigh(analysis, model, analyser.practice, context).map((found) => describe(found));
  };
  return {
    scan(text: string, field: PhiField, context: ScanContext = {}): readonly PhiMatch[] {
      if (typeof text !== 'string' || text.trim() === '') return [];
      if (!SHORT_FIELDS.has(field)) return scanOnce(text, field, context);
      // Titles, links, alt texts and file names repeat across posts (one image library, one website).
      const key = `${field}\n${context.reviewReply ? 'reply' : ''}\n${text}`;
      let matches = repeated.get(key);
      if (!matches) {
        if (repeated.size >= MAX_REPEATED) repeated.clear();
        matches = Object.freeze(scanOnce(text, field, context));
        repeated.set(key, matches);
      }
      return matches;
    },
  };
}

const SHORT_FIELDS: ReadonlySet<PhiField> = new Set(['title', 'alt', 'file', 'link']);
const MAX_REPEATED = 20_000;

function emptyCues(): PostCues {
  return {
    personal: false,
    addressee: false,
    hypothetical: false,
    staffOnly: false,
    personalSentences: new Set(),
    storySentences: new Set(),
    scenarioSentences: new Set(),
  };
}

function analyseText(
  raw: string,
  field: PhiField,
  practice: Practice,
  dicts: NameDictionaries,
  lex: NameLexicon,
  currentYear: number,
): Analysis {
  const doc = prepare(raw, field);
  const state: ScanState = { doc, practice, dicts, out: [], mentions: [], cues: emptyCues() };

  // Strong identifiers: no patient cue needed.
  recognizeIds(state);
  recognizePhones(state);
  recognizeEmails(state);
  recognizeIps(state);
  recognizeHandles(state);

  if (field === 'file') {
    recognizeFileNames(state, lex);
    const photo = recognizeFilePhoto(state);
    const personalFile = photo || state.out.some((c) => c.type === 'name') || /(?:^|[-_/])patients?(?:[-_/.]|$)/i.test(doc.text);
    recognizeFileDates(state, personalFile);
    recognizeFileIds(state, personalFile);
    recognizeFileAges(state);
    state.cues.personal = state.out.some((c) => c.type === 'name');
    recognizeUrls(state);
    return { doc, found: resolve(state), mentions: state.mentions, cues: state.cues };
  }

  const text = computeTextCues(doc);
  state.cues.hypothetical = text.fiction;
  for (const s of text.scenario) state.cues.scenarioSentences.add(s);

  // Names, first with the text-only patient context, again if names reveal a patient.
  const base = state.out.length;
  const initial = (text.patient || field === 'alt') && !text.fiction;
  const staffPost = text.staffCue && !text.patient;
  recognizeNames(state, lex, initial, staffPost);
  const namedPatient = state.mentions.some((m) => m.kind === 'patient');
  if (!initial && namedPatient && !text.fiction) {
    state.out.length = base;
    state.mentions.length = 0;
    recognizeNames(state, lex, true, staffPost);
  }
  finishCues(state, text);

  recognizeUrls(state);
  recognizeDates(state);
  recognizeAges(state, currentYear);
  recognizePlaces(state);
  recognizeTestimonials(state);
  recognizeStories(state);
  recognizePhotos(state);
  return { doc, found: resolve(state), mentions: state.mentions, textCues: text, cues: state.cues };
}

function finishCues(state: ScanState, text: TextCues): void {
  const { doc, cues } = state;
  const patientMentions = state.mentions.filter((m) => m.kind === 'patient');
  const handleReply = /^\s*(?:@\w|reply to @|replying to @)/i.test(doc.text) && state.out.some((c) => c.type === 'handle');
  cues.personal = !text.fiction && (text.patient || patientMentions.length > 0 || handleReply);
  cues.staffOnly = text.staffCue && !cues.personal;
  cues.addressee = cues.personal && /\b(?:you|your)\b/i.test(doc.words);
  if (text.fiction) return;
  for (const s of doc.sentences) {
    if (cues.scenarioSentences.has(s.index)) continue;
    const w = doc.sentWords[s.index]!;
    const generic = sentenceMatches(doc, isGenericSentence, s.index);
    const named = patientMentions.some((m) => m.start >= s.start && m.end <= s.end);
    let personal = named || (text.specific.has(s.index) && !generic) || (cues.personal && text.person.has(s.index) && !generic);
    if (!personal && cues.personal) {
      personal =
        sentenceHasThirdPerson(doc, s) ||
        sentenceHasRelation(doc, s) ||
        (cues.addressee && /\b(?:you|your)\b/i.test(w) && !generic) ||
        /\b(?:they|their|them)\b/i.test(w) && !generic;
    }
    if (personal) cues.personalSentences.add(s.index);
    if (text.story.has(s.index)) cues.storySentences.add(s.index);
    else if (personal && !generic && (named || sentenceHasThirdPerson(doc, s) || (cues.addressee && /\b(?:you|your)\b/i.test(w))) && CASE_HEALTH_RE.test(w)) {
      // A named or addressed patient with an illness, injury or treatment.
      cues.storySentences.add(s.index);
    }
    else if (personal && !generic && sentenceMatches(doc, HEALTH_EVENT_RE, s.index) && sentenceMatches(doc, NARRATIVE_RE, s.index) && isNarrativeAboutPerson(doc, s.index, named)) {
      cues.storySentences.add(s.index);
    }
  }
}

/** A named or pronoun-referenced patient with a health event, told as something that happened. */
function isNarrativeAboutPerson(doc: Doc, si: number, named: boolean): boolean {
  const s = doc.sentences[si]!;
  const w = doc.sentWords[s.index]!;
  if (named) return true;
  return /\b(?:she|he|her|his|him|you|your|they|their)\b/i.test(w);
}

/** Types whose spans compete when they overlap (a number is one identifier). */
const NUMERIC = new Set<PhiType>(['phone', 'fax', 'mrn', 'ssn', 'account', 'member-id', 'license', 'device-id', 'rx', 'plate', 'zip', 'ip', 'date', 'age']);

/** Kept intervals of one type, sorted by start and never overlapping each other. */
class IntervalList {
  private starts: number[] = [];
  private ends: number[] = [];

  overlaps(start: number, end: number): boolean {
    // Last interval starting before `end`.
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < end) lo = mid + 1;
      else hi = mid;
    }
    // Intervals of one list never overlap, so only the one before `end` can reach past `start`;
    // but a long earlier one may, so walk back while ends could still reach.
    for (let i = lo - 1; i >= 0; i--) {
      if (this.ends[i]! > start) return true;
      if (lo - 1 - i > 8) break;
    }
    return false;
  }

  insert(start: number, end: number): void {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid]! < start) lo = mid + 1;
      else hi = mid;
    }
    this.starts.splice(lo, 0, start);
    this.ends.splice(lo, 0, end);
  }
}

function clashes(a: PhiType, b: PhiType): boolean {
  if (NUMERIC.has(a) && NUMERIC.has(b)) {
    // A birth date and the age it implies are both reported ("DOB 12/02/1931").
    return !((a === 'date' && b === 'age') || (a === 'age' && b === 'date'));
  }
  return PHI_RULE_BY_TYPE[a] === PHI_RULE_BY_TYPE[b];
}

/** The candidates that stand once overlapping ones are resolved (the higher priority, then the longer, wins). */
function resolve(state: ScanState): Candidate[] {
  const c = state.out
    .filter((x) => x.end > x.start)
    .sort((a, b) => (b.priority ?? 0) - (a.priority ?? 0) || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const lists = new Map<PhiType, IntervalList>();
  const kept: Candidate[] = [];
  for (const x of c) {
    let clash = false;
    for (const [type, list] of lists) {
      if (clashes(type, x.type) && list.overlaps(x.start, x.end)) {
        clash = true;
        break;
      }
    }
    if (clash) continue;
    kept.push(x);
    let list = lists.get(x.type);
    if (!list) lists.set(x.type, (list = new IntervalList()));
    list.insert(x.start, x.end);
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end);
}

function describe(found: Candidate & Partial<Pick<PhiMatch, 'basis' | 'reply'>>): PhiMatch {
  return {
    type: found.type,
    start: found.start,
    end: found.end,
    description: PHI_DESCRIPTIONS[found.type],
    ...(found.basis?.length ? { basis: found.basis } : {}),
    ...(found.reply ? { reply: true } : {}),
  };
}
