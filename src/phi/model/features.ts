/**
 * What the PHI model reads of one sentence (a "unit"; a file name or link is one unit): its words and
 * word pairs, the clusters of words used alike (so a word never seen in training counts like its
 * neighbours), pieces of words, the sentence before it, the shape of the text (who speaks, to whom,
 * when), and what the recognisers found there. Each feature is hashed into a fixed-size vector.
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

type Block = 'W' | 'K' | 'C' | 'P' | 'S' | 'E' | 'R';
/** Blocks whose values are scaled to unit length, so a long sentence does not outweigh a short one. */
const NORMALISED: ReadonlySet<Block> = new Set(['W', 'K', 'C', 'P', 'R']);

interface Word {
  /** Lowercase, digits as shapes (d, dd…), apostrophes straightened. */
  norm: string;
  cap: boolean;
  /** First word of the sentence or line. */
  initial: boolean;
  kind: 'word' | 'number' | 'symbol' | 'emoji';
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

/** How much a post reads like an answer to someone's online review (0 to 6 signs). */
export function replySigns(text: string): number {
  return REPLY_SIGNS.reduce((n, re) => n + (re.test(text) ? 1 : 0), 0);
}

/** The features of one unit of a post, hashed into a sparse vector. */
export function unitFeatures(doc: Doc, units: readonly Unit[], index: number, engine: EngineView, clusters: WordClusters): FeatureVector {
  const unit = units[index]!;
  const blocks = new Map<Block, Map<string, number>>();
  const add = (block: Block, feature: string, value = 1) => {
    let map = blocks.get(block);
    if (!map) blocks.set(block, (map = new Map()));
    map.set(feature, (map.get(feature) ?? 0) + value);
  };
  const text = doc.text.slice(unit.start, unit.end);
  const slug = unit.sentence === -1 && (doc.field === 'file' || doc.field === 'link');
  const words = slug ? slugWords(text) : wordsOf(spelledOut(text));
  addWords(words, engine, clusters, add);
  // In an answer to a review, the same words mean more ("your crown", "when you came in"): a second set of weights.
  const reply = replySigns(doc.text);
  add('S', `reply:${bucket(reply)}`);
  if (reply >= 2) for (const word of words) if (word.kind === 'word') add('R', word.norm);
  if (index > 0) {
    const before = units[index - 1]!;
    for (const word of wordsOf(spelledOut(doc.text.slice(before.start, before.end)))) if (word.kind === 'word') add('P', word.norm);
  }
  addShape(text, words, doc.field, add);
  addEngine(unit, engine, add);
  add('S', `field:${doc.field}`);
  add('S', `position:${index === 0 ? 'first' : index === units.length - 1 ? 'last' : 'middle'}`);
  add('S', `units:${bucket(units.length)}`);
  return hashed(blocks);
}

function addWords(words: readonly Word[], engine: EngineView, clusters: WordClusters, add: (block: Block, feature: string, value?: number) => void): void {
  let previous = '<s>';
  let previousCluster = 'S';
  for (const word of words) {
    add('W', word.norm);
    add('W', `${previous}_${word.norm}`);
    const fine = word.kind === 'word' ? clusters.fine(word.norm) : undefined;
    const cluster = fine === undefined ? (word.cap && !word.initial && !engine.practiceWords.has(word.norm) ? 'NAME?' : word.kind) : `k${fine}`;
    const coarse = fine === undefined ? cluster : `g${clusters.coarse(fine)}`;
    add('K', cluster);
    add('K', coarse);
    add('K', `${previous}_${coarse}`);
    add('K', `${previousCluster}_${coarse}`);
    if (word.kind === 'word' && word.norm.length >= 4) {
      const padded = `^${word.norm}$`;
      for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= padded.length; i++) add('C', padded.slice(i, i + n));
    }
    previous = word.norm;
    previousCluster = coarse;
  }
  add('W', `${previous}_</s>`);
}

function addShape(text: string, words: readonly Word[], field: PhiField, add: (block: Block, feature: string, value?: number) => void): void {
  let second = 0;
  let firstSingular = 0;
  let firstPlural = 0;
  let third = 0;
  let past = 0;
  for (const { norm, kind } of words) {
    if (kind !== 'word') continue;
    if (SECOND.has(norm)) second++;
    if (FIRST_SINGULAR.has(norm)) firstSingular++;
    if (FIRST_PLURAL.has(norm)) firstPlural++;
    if (THIRD.has(norm)) third++;
    if (/^[a-z]{3,}ed$/.test(norm) || norm === 'was' || norm === 'were' || norm === 'had' || norm === 'came' || norm === 'saw' || norm === 'told') past++;
  }
  add('S', `you:${bucket(second)}`);
  add('S', `i:${bucket(firstSingular)}`);
  add('S', `we:${bucket(firstPlural)}`);
  add('S', `they:${bucket(third)}`);
  add('S', `past:${bucket(past)}`);
  if (second && past) add('S', 'you&past');
  if (third && past) add('S', 'they&past');
  if (firstSingular && past) add('S', 'i&past');
  if (firstPlural && second) add('S', 'we&you');
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
  for (const [name, re] of tests) if (re.test(text)) add('S', name);
  if (field === 'title' || field === 'alt') add('S', `${field}:words:${bucket(Math.floor(words.length / 4))}`);
}

function addEngine(unit: Unit, engine: EngineView, add: (block: Block, feature: string, value?: number) => void): void {
  const inside = (span: { start: number; end: number }) => span.start < unit.end && span.end > unit.start;
  for (const found of engine.found) add('E', inside(found) ? `here:${found.type}` : `post:${found.type}`);
  for (const mention of engine.mentions) add('E', inside(mention) ? `person-here:${mention.kind}` : `person-post:${mention.kind}`);
  for (const cue of engine.postCues) add('E', `post-cue:${cue}`);
  if (unit.sentence >= 0) for (const cue of engine.sentenceCues(unit.sentence)) add('E', `cue:${cue}`);
}

/** FNV-1a with a final mix, on the block letter and the feature. */
function hash(block: string, feature: string): number {
  let h = 0x811c9dc5 ^ block.charCodeAt(0);
  h = Math.imul(h, 0x01000193);
  for (let i = 0; i < feature.length; i++) {
    h ^= feature.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return (h >>> 0) & MASK;
}

function hashed(blocks: Map<Block, Map<string, number>>): FeatureVector {
  const slots = new Map<number, number>();
  for (const [block, features] of blocks) {
    let norm = 1;
    if (NORMALISED.has(block)) {
      let sum = 0;
      for (const v of features.values()) sum += v * v;
      norm = Math.sqrt(sum) || 1;
    }
    for (const [feature, value] of features) {
      const slot = hash(block, feature);
      slots.set(slot, (slots.get(slot) ?? 0) + value / norm);
    }
  }
  const idx = new Int32Array(slots.size);
  const val = new Float32Array(slots.size);
  let i = 0;
  for (const [slot, value] of slots) {
    idx[i] = slot;
    val[i++] = value;
  }
  return { idx, val };
}
