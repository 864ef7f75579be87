/**
 * What the PHI model reads of one sentence (a "unit"; a file name or link is one unit): its words and
 * word pairs, the clusters of words used alike (so a word never seen in training counts like its
 * neighbours), the shape of the text (who speaks, to whom, when, about what, and every pair of those),
 * whether the post answers a review, and what the recognisers found. Each feature is hashed into a
 * fixed-size vector.
 */
import type { Doc } from '../document.js';
import type { PhiField } from '../types.js';
import type { WordClusters } from './clusters.js';

/** What the recognisers made of the text, as the model reads it. */
export interface EngineView {
  /** Candidate identifiers, by type, with their offsets. */
  found: readonly { type: string; start: number; end: number }[];
  /** People the name recogniser saw, of every kind (patient, staff, official, org…). */
  mentions: readonly { kind: string; start: number; end: number }[];
  /** Post-level cues: fiction, patient, staffCue, addressee… (true ones only). */
  postCues: readonly string[];
  /** Sentence-level cues by sentence index: generic, story, personal, scenario, specific, person. */
  sentenceCues: (si: number) => readonly string[];
  /** Words of the practice's own name, staff and address: their capitals are no one's name. */
  practiceWords: ReadonlySet<string>;
}

export interface Unit {
  start: number;
  end: number;
  /** Index in doc.sentences, or -1 for a whole file name or link. */
  sentence: number;
}

/** A sparse vector: hashed feature slots and their values. */
export interface FeatureVector {
  idx: Int32Array;
  val: Float32Array;
}

export const FEATURE_BITS = 18;
const MASK = (1 << FEATURE_BITS) - 1;

/** The units of a text: its sentences, or the whole text for a file name or a link. */
export function unitsOf(doc: Doc): Unit[] {
  if (doc.field === 'file' || doc.field === 'link' || doc.sentences.length === 0) return [{ start: 0, end: doc.text.length, sentence: -1 }];
  return doc.sentences.map((s) => ({ start: s.start, end: s.end, sentence: s.index }));
}

export type Block = 'W' | 'K' | 'S' | 'E' | 'R';
export const BLOCKS: readonly Block[] = ['W', 'K', 'S', 'E', 'R'];
/** Blocks whose values are scaled to unit length, so a long sentence does not outweigh a short one. */
const NORMALISED: ReadonlySet<Block> = new Set(['W', 'K', 'R']);

interface Word {
  /** Lowercase, digits as shapes (d, dd…), apostrophes straightened. */
  norm: string;
  cap: boolean;
  /** First word of the sentence or line. */
  initial: boolean;
  kind: 'word' | 'number' | 'symbol' | 'emoji';
  /** The word's cluster, once looked up (see withClusters). */
  fine?: number | undefined;
}

const WORD_RE = /(\p{L}[\p{L}\p{M}]*(?:['’]\p{L}+)*)|(\d+(?:[:.,]\d+)*)|(\p{Extended_Pictographic})|([#@$%&/+])/gu;

function wordsOf(text: string): Word[] {
  const out: Word[] = [];
  let atStart = true;
  for (const m of text.matchAll(WORD_RE)) {
    if (m[1]) {
      const raw = m[1];
      out.push({ norm: raw.toLowerCase().replace(/’/g, "'"), cap: /^\p{Lu}\p{Ll}/u.test(raw), initial: atStart, kind: 'word' });
    } else if (m[2]) out.push({ norm: m[2].length > 8 ? 'D+' : m[2].replace(/\d/g, 'd'), cap: false, initial: atStart, kind: 'number' });
    else if (m[3]) out.push({ norm: '<emoji>', cap: false, initial: atStart, kind: 'emoji' });
    else out.push({ norm: m[4]!, cap: false, initial: atStart, kind: 'symbol' });
    atStart = false;
  }
  return out;
}

/** The words with their clusters looked up, once for every feature that reads them. */
function withClusters(words: Word[], clusters: WordClusters): Word[] {
  for (const word of words) if (word.kind === 'word') word.fine = clusters.fine(word.norm);
  return words;
}

/** Hashtags read as the words they join (#PrayForJayden → Pray For Jayden), so a name inside one counts as a name. */
function spelledOut(text: string): string {
  return text.includes('#') ? text.replace(/#(\p{L}[\p{L}\p{N}]*)/gu, (_, tag: string) => `# ${tag.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')}`) : text;
}

/** Words of a file name or link: its path split at separators, camel case and digits. */
function slugWords(text: string): Word[] {
  const parts = text
    .replace(/^[a-z]+:\/\/(www\.)?/i, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  return parts.map((part) => (/^\d+$/.test(part) ? { norm: part.length > 8 ? 'D+' : part.replace(/\d/g, 'd'), cap: false, initial: false, kind: 'number' as const } : { norm: part.toLowerCase(), cap: false, initial: false, kind: 'word' as const }));
}

const SECOND = new Set(['you', 'your', 'yours', 'yourself', "you're", "you've", "you'd", "you'll", "y'all", 'u', 'usted', 'tu', 'su', 'sus', 'te', 'le']);
const FIRST_SINGULAR = new Set(['i', 'me', 'my', 'mine', 'myself', "i'm", "i've", "i'd", "i'll", 'yo', 'mi', 'mis']);
const FIRST_PLURAL = new Set(['we', 'our', 'us', 'ours', "we're", "we've", "we'd", "we'll", 'nosotros', 'nuestro', 'nuestra', 'nuestros', 'nuestras']);
const THIRD = new Set(['he', 'she', 'him', 'her', 'his', 'hers', 'himself', 'herself', "he's", "she's", 'they', 'them', 'their', 'él', 'ella']);

/** Buckets a count: 0, 1, 2-3, 4+. */
const bucket = (n: number) => (n === 0 ? '0' : n === 1 ? '1' : n <= 3 ? '2-3' : '4+');

const TIME_RE =
  /\b(?:yesterday|today|tonight|this (?:morning|afternoon|evening|week|weekend|past)|last (?:night|week|weekend|month|time|visit|(?:mon|tues|wednes|thurs|fri|satur|sun)day)|the other day|(?:a few|\d+|two|three) (?:days|weeks|hours) ago|on (?:mon|tues|wednes|thurs|fri|satur|sun)day|ayer|hoy|anoche|la semana pasada)\b/i;
const DATE_RE = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?\b|\b\d{1,2}\/\d{1,2}(?:\/\d{2,4})?\b|\bthe \d{1,2}(?:st|nd|rd|th)\b/i;
const CLOCK_RE = /\b\d{1,2}(?::\d\d)\s?(?:[ap]\.?m\.?)?|\b\d{1,2}\s?[ap]\.?m\.?\b|\b\d{1,2} o['’]clock\b/i;
const AGE_RE = /\b\d{1,3}[- ](?:year|yr|month|week)s?[- ]old\b|\b\d{1,3}\s?y\.?o\.?\b|\bturn(?:s|ed|ing)? \d{1,3}\b|\b\d{1,3}(?:st|nd|rd|th) birthday\b|\b\d{1,3} años\b/i;
const HONORIFIC_RE = /\b(?:mr|mrs|ms|mx|miss|sr|sra|srta|don|doña)\.?\s+\p{Lu}/iu;
const TITLE_RE = /\b(?:coach|judge|pastor|mayor|officer|sheriff|deputy|principal|rev|reverend|father|sister|chief|captain|sgt|councilman|councilwoman|senator|commissioner|grandma|grandpa|nana|papa|abuela|abuelo|tía|tío|aunt|uncle)\.?\s+\p{Lu}/iu;
const INITIALS_RE = /\b\p{Lu}\.\s?\p{Lu}\.|\b\p{Lu}\.(?=\s+\p{Ll})/u;
const QUOTE_RE = /["“”«»]/;
const ROOM_RE = /\b(?:room|rm|exam room|bed|bay|suite|chair)\s*#?\d+\b/i;

const REPLY_SIGNS: readonly RegExp[] = [
  /^\W{0,3}(?:hi|hello|hey|dear|thank you|thanks|hola|gracias)\b[^.!?\n]{0,40}[,!—–-]/i,
  /^\W{0,3}\p{Lu}[\p{L}'’.-]*(?:\s\p{Lu}\.?)?\s?[,—–-]/u,
  /\b(?:your (?:review|feedback|kind words|comments?|post|note|message|rating|stars?)|(?:taking|took) the time|sharing (?:your|this)|leaving (?:us )?(?:a|this|your)|five[- ]star|5[- ]star)\b/i,
  /\b(?:please (?:call|contact|reach out|email|message|give us a call)|give us a call|reach out to (?:us|our)|contact (?:our|the) (?:office|practice|clinic|manager))\b/i,
  /(?:^|\n)\s*[—–-]\s?\p{Lu}[\p{L}'’.]+(?:\s\p{Lu}[\p{L}'’.]+)?(?:,\s*[\p{L} ]+)?\s*$/u,
  /\b(?:we(?:'re| are) (?:so )?sorry|we apologi[sz]e|sentimos|lamentamos)\b/i,
];

/** As many signs as a post gets when its author says it answers a review (`kind: review-reply`). */
export const REPLY_CONTEXT = 3;

/** How much a post reads like an answer to someone's online review (0 to 6 signs). */
export function replySigns(text: string): number {
  return REPLY_SIGNS.reduce((n, re) => n + (re.test(text) ? 1 : 0), 0);
}

/** The features of one unit of a post, hashed into a sparse vector. */
export function unitFeatures(doc: Doc, units: readonly Unit[], index: number, engine: EngineView, clusters: WordClusters, use: readonly Block[] = BLOCKS, reply = replySigns(doc.text)): FeatureVector {
  const unit = units[index]!;
  const sink = new FeatureSink(use);
  const text = doc.text.slice(unit.start, unit.end);
  const slug = unit.sentence === -1 && (doc.field === 'file' || doc.field === 'link');
  const words = withClusters(slug ? slugWords(text) : wordsOf(spelledOut(text)), clusters);
  addWords(words, engine, clusters, sink);
  // In an answer to a review, the same words mean more ("your crown", "when you came in"): a second set of weights.
  sink.add('S', named(`reply:${bucket(reply)}`));
  if (reply >= 2) for (const word of words) if (word.kind === 'word') sink.add('R', hashWord(word.norm));
  addShape(text, words, doc.field, clusters, reply, sink);
  addEngine(unit, engine, sink);
  sink.add('S', named(`field:${doc.field}`));
  sink.add('S', named(`position:${index === 0 ? 'first' : index === units.length - 1 ? 'last' : 'middle'}`));
  sink.add('S', named(`units:${bucket(units.length)}`));
  return sink.vector();
}

const START = hashWord('<s>');
const END = hashWord('</s>');
const NAME_LIKE = hashWord('NAME?');

function addWords(words: readonly Word[], engine: EngineView, clusters: WordClusters, sink: FeatureSink): void {
  let previous = START;
  let previousGroup = START;
  for (const word of words) {
    const h = hashWord(word.norm);
    sink.add('W', h);
    sink.add('W', pair(previous, h));
    const fine = word.fine;
    const cluster = fine !== undefined ? pair(1, fine) : word.cap && !word.initial && !engine.practiceWords.has(word.norm) ? NAME_LIKE : hashWord(word.kind);
    const group = fine !== undefined ? pair(2, clusters.coarse(fine)) : cluster;
    sink.add('K', cluster);
    sink.add('K', group);
    sink.add('K', pair(pair(3, previous), group));
    sink.add('K', pair(pair(4, previousGroup), group));
    previous = h;
    previousGroup = group;
  }
  sink.add('W', pair(previous, END));
}

/**
 * Plain signals of how a sentence speaks (who, when, how sure, about what), and every pair of them: a
 * linear model sees "you" and "was" apart; "you & past & care" is what a reply that confirms a visit says,
 * and "if & you & care" is advice.
 */
function addShape(text: string, words: readonly Word[], field: PhiField, clusters: WordClusters, reply: number, sink: FeatureSink): void {
  const add = (block: Block, feature: string) => sink.add(block, named(feature));
  const signals = signalsOf(text, words, clusters, reply);
  const list = [...signals].sort();
  for (const signal of list) add('S', signal);
  for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) add('S', `${list[i]}&${list[j]}`);
  if (signals.has('you') && signals.has('past') && signals.has('care')) add('S', 'you&past&care');
  if (signals.has('we') && signals.has('you') && signals.has('care')) add('S', 'we&you&care');
  if (signals.has('feeling') && signals.has('you') && signals.has('care')) add('S', 'feeling&you&care');
  if (signals.has('definite-care') && signals.has('you')) add('S', 'definite-care&you');
  // Said as a fact about someone, not as advice to anyone (no "if", no "call us", no question).
  const assertive = !signals.has('condition') && !signals.has('imperative') && !signals.has('question');
  if (assertive) for (const signal of ['you', 'care', 'definite-care', 'they', 'relative']) if (signals.has(signal)) add('S', `assertive&${signal}`);
  if (assertive && signals.has('you') && signals.has('care')) add('S', 'assertive&you&care');
  if (field === 'title' || field === 'alt') add('S', `${field}:words:${bucket(Math.floor(words.length / 4))}`);
}

/** The signals of one unit's text (see addShape), also what a finding says it rests on. */
export function unitSignals(doc: Doc, unit: Unit, clusters: WordClusters, reply: number): ReadonlySet<string> {
  const text = doc.text.slice(unit.start, unit.end);
  const words = withClusters(unit.sentence === -1 && (doc.field === 'file' || doc.field === 'link') ? slugWords(text) : wordsOf(spelledOut(text)), clusters);
  return signalsOf(text, words, clusters, reply);
}

function signalsOf(text: string, words: readonly Word[], clusters: WordClusters, reply: number): Set<string> {
  const signals = new Set<string>();
  if (reply >= 1) signals.add('reply');
  if (reply >= 2) signals.add('reply2');
  words.forEach((word, i) => {
    const { norm, kind } = word;
    if (kind === 'number') signals.add('number');
    if (kind !== 'word') return;
    if (SECOND.has(norm)) signals.add('you');
    if (FIRST_SINGULAR.has(norm)) signals.add('i');
    if (FIRST_PLURAL.has(norm)) signals.add('we');
    if (THIRD.has(norm)) signals.add('they');
    if (PAST.has(norm) || (/^[a-z]{3,}ed$/.test(norm) && !NOT_PAST.has(norm))) signals.add('past');
    if ((norm === 'has' || norm === 'have' || norm === "'ve") && words[i + 1]?.norm && /^(?:been|[a-z]{3,}ed)$/.test(words[i + 1]!.norm)) signals.add('perfect');
    if (norm === 'will' || norm === "'ll" || norm === 'going') signals.add('future');
    if (CONDITION.has(norm)) signals.add('condition');
    if (FEELING.has(norm)) signals.add('feeling');
    if (RELATIVE.has(norm)) signals.add('relative');
    if (SOMEONE.has(norm)) signals.add('someone');
    if (word.cap && !word.initial) signals.add('capital');
    const fine = word.fine;
    if (CARE_WORDS.has(norm) || (fine !== undefined && careClusters(clusters).has(fine))) {
      signals.add('care');
      // "the boot", "that shoulder", "your Adderall": a particular person's care, not care in general.
      const before = [words[i - 1]?.norm, words[i - 2]?.norm];
      if (before.some((w) => w !== undefined && DEFINITE.has(w))) signals.add('definite-care');
    }
  });
  if (words[0]?.kind === 'word' && IMPERATIVE.has(words[0].norm)) signals.add('imperative');
  if (/\?\s*$/.test(text)) signals.add('question');
  const tests: [string, RegExp][] = [
    ['time', TIME_RE],
    ['date', DATE_RE],
    ['clock', CLOCK_RE],
    ['age', AGE_RE],
    ['honorific', HONORIFIC_RE],
    ['title', TITLE_RE],
    ['initials', INITIALS_RE],
    ['quote', QUOTE_RE],
    ['room', ROOM_RE],
  ];
  for (const [name, re] of tests) if (re.test(text)) signals.add(name);
  return signals;
}

const PAST = new Set(['was', 'were', 'had', 'did', 'came', 'saw', 'told', 'went', 'got', 'gave', 'took', 'left', 'made', 'felt', 'brought', 'found', 'said', 'broke', 'fell', 'ran', 'sat', 'held', 'kept', 'met', 'paid', 'sent', 'lost', 'won', 'wrote', 'began', 'woke', 'heard', 'hurt', 'cut', 'caught', 'bought', 'fue', 'estuvo', 'vino', 'tuvo']);
const NOT_PAST = new Set(['need', 'feed', 'seed', 'speed', 'bed', 'red', 'shed', 'breed', 'bleed', 'proceed', 'exceed', 'succeed', 'weed', 'deed', 'indeed', 'hundred', 'sacred', 'naked', 'wicked', 'united', 'limited', 'detailed', 'advanced', 'licensed', 'certified', 'dedicated', 'qualified', 'experienced', 'interested', 'related', 'located', 'based', 'scheduled', 'needed', 'required']);
const CONDITION = new Set(['if', 'when', 'whenever', 'unless', 'should', 'might', 'may', 'can', 'could', 'si', 'cuando', 'every', 'any', 'anyone', 'everyone']);
const FEELING = new Set(['glad', 'happy', 'hope', 'hoping', 'sorry', 'proud', 'congrats', 'congratulations', 'thrilled', 'love', 'loved', 'miss', 'excited', 'relieved', 'grateful', 'thankful', 'honor', 'honored', 'blessed', 'bravo', 'yay', 'woohoo', 'alegra', 'felicidades', 'orgullosos', 'sentimos']);
const DEFINITE = new Set(['the', 'that', 'this', 'your', 'ur', 'his', 'her', 'their', 'those', 'these', 'su', 'tu', 'el', 'la']);
const RELATIVE = new Set(['son', 'daughter', 'mom', 'mother', 'dad', 'father', 'wife', 'husband', 'baby', 'kid', 'kids', 'child', 'children', 'grandma', 'grandpa', 'grandmother', 'grandfather', 'sister', 'brother', 'twins', 'hijo', 'hija', 'mamá', 'papá', 'esposo', 'esposa', 'abuela', 'abuelo', 'bebé']);
/** Words that point at a person without naming them ("a patient", "this young man"). */
const SOMEONE = new Set(['patient', 'patients', 'man', 'woman', 'men', 'women', 'boy', 'girl', 'boys', 'girls', 'guy', 'lady', 'gentleman', 'teen', 'teenager', 'toddler', 'infant', 'newborn', 'neighbor', 'neighbour', 'friend', 'client', 'someone', 'somebody', 'veteran', 'student', 'athlete', 'player', 'runner', 'paciente', 'señor', 'señora', 'niño', 'niña']);
const IMPERATIVE = new Set(['call', 'ask', 'bring', 'try', 'make', 'get', 'keep', 'wash', 'book', 'schedule', 'stop', 'join', 'come', 'visit', 'check', 'learn', 'remember', 'wear', 'drink', 'eat', 'use', 'avoid', 'stay', 'take', 'read', 'watch', 'follow', 'share', 'tag', 'click', 'tap', 'see', 'find', 'know', 'protect', 'talk', 'let', 'give', 'be', 'don\'t', 'never', 'always', 'llame', 'pregunte', 'visite']);
/** Words of care that the vectors scatter across general clusters ("appointment" sits with "meeting"). */
const CARE_WORDS = new Set(['appointment', 'appointments', 'visit', 'visits', 'checkup', 'check-up', 'exam', 'refill', 'copay', 'chart', 'records', 'results', 'result', 'bill', 'claim', 'insurance', 'portal', 'intake', 'session', 'sessions', 'procedure', 'recheck', 'follow-up', 'x-ray', 'mri', 'scan', 'crown', 'filling', 'cleaning', 'braces', 'sealants', 'stitches', 'cita', 'consulta', 'receta', 'tratamiento']);
/** Seeds of what is care: every cluster holding one of them counts as care. */
const CARE_SEEDS = ['patient', 'treatment', 'surgery', 'diagnosis', 'prescription', 'medication', 'infection', 'therapy', 'symptoms', 'allergy', 'dentist', 'tooth', 'fracture', 'injury', 'pregnancy', 'vaccine', 'cancer', 'nurse', 'clinic', 'rash', 'fever', 'knee', 'biopsy', 'pediatrician', 'cholesterol', 'psoriasis', 'anxiety', 'wound'];
const careClusterCache = new WeakMap<WordClusters, ReadonlySet<number>>();

function careClusters(clusters: WordClusters): ReadonlySet<number> {
  let found = careClusterCache.get(clusters);
  if (!found) {
    found = new Set(CARE_SEEDS.map((w) => clusters.fine(w)).filter((c): c is number => c !== undefined));
    careClusterCache.set(clusters, found);
  }
  return found;
}

function addEngine(unit: Unit, engine: EngineView, sink: FeatureSink): void {
  const add = (block: Block, feature: string) => sink.add(block, named(feature));
  const inside = (span: { start: number; end: number }) => span.start < unit.end && span.end > unit.start;
  for (const found of engine.found) add('E', inside(found) ? `here:${found.type}` : `post:${found.type}`);
  for (const mention of engine.mentions) add('E', inside(mention) ? `person-here:${mention.kind}` : `person-post:${mention.kind}`);
  for (const cue of engine.postCues) add('E', `post-cue:${cue}`);
  if (unit.sentence >= 0) for (const cue of engine.sentenceCues(unit.sentence)) add('E', `cue:${cue}`);
}

/** FNV-1a of a string, with a final mix. */
function hashWord(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix(h);
}

function mix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** One hash of two: a word pair, or a kind of feature and its value. */
function pair(a: number, b: number): number {
  return mix((Math.imul(a, 0x9e3779b1) ^ b) >>> 0);
}

const namedFeatures = new Map<string, number>();

/** The hash of a named feature ("you&past", "field:alt"); there are few, so each is hashed once. */
function named(feature: string): number {
  let h = namedFeatures.get(feature);
  if (h === undefined) namedFeatures.set(feature, (h = hashWord(feature)));
  return h;
}

const BLOCK_SEEDS: Record<Block, number> = { W: 11, K: 12, S: 13, E: 14, R: 15 };

/** Collects a unit's features per block and makes the hashed vector, the word blocks scaled to unit length. */
class FeatureSink {
  private readonly blocks = new Map<Block, Map<number, number>>();

  constructor(private readonly use: readonly Block[]) {}

  add(block: Block, key: number): void {
    if (!this.use.includes(block)) return;
    let slots = this.blocks.get(block);
    if (!slots) this.blocks.set(block, (slots = new Map()));
    const slot = pair(BLOCK_SEEDS[block], key) & MASK;
    slots.set(slot, (slots.get(slot) ?? 0) + 1);
  }

  vector(): FeatureVector {
    const total = new Map<number, number>();
    for (const [block, slots] of this.blocks) {
      let norm = 1;
      if (NORMALISED.has(block)) {
        let sum = 0;
        for (const v of slots.values()) sum += v * v;
        norm = Math.sqrt(sum) || 1;
      }
      for (const [slot, value] of slots) total.set(slot, (total.get(slot) ?? 0) + value / norm);
    }
    const idx = new Int32Array(total.size);
    const val = new Float32Array(total.size);
    let i = 0;
    for (const [slot, value] of total) {
      idx[i] = slot;
      val[i++] = value;
    }
    return { idx, val };
  }
}
